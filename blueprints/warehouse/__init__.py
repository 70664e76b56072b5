"""창고관리 (로켓3PL): warehouse items, stock, inbound and outbound for sellers who sell through 로켓그로스."""
from flask_babel import lazy_gettext as _l

from portal.i18n import N_
from portal.plugins import MenuItem, MenuPlugin, menu_blueprint

bp = menu_blueprint("warehouse", __name__, static_folder="static")
plugin = MenuPlugin(
    name="warehouse", title=N_("창고관리"), order=37, blueprint=bp, duty=("logistics",),
    enabled_for=lambda tenant: tenant.warehouse_enabled,
    items=[
        MenuItem(N_("신규상품정보등록"), "warehouse.item_new"),
        MenuItem(N_("상품정보목록"), "warehouse.items"),
        MenuItem(N_("상품신청실패목록"), "warehouse.items_failed"),
        MenuItem(N_("재고관리"), "warehouse.stock"),
        MenuItem(N_("입고신청"), "warehouse.inbound_new"),
        MenuItem(N_("입고신청목록"), "warehouse.inbound"),
        MenuItem(N_("입고신청실패목록"), "warehouse.inbound_failed"),
        MenuItem(N_("출고신청"), "warehouse.outbound_new"),
        MenuItem(N_("출고신청목록"), "warehouse.outbound"),
        MenuItem(N_("출고신청실패목록"), "warehouse.outbound_failed"),
    ],
    hints=[
        _l("1688상품관에서 소싱한 상품을 로켓전용창고에 입고하고 쿠팡 로켓그로스로 출고하는 메뉴입니다."),
        _l("가용재고는 입고완료와 출고신청으로만 바뀌며, 모든 변동은 재고이력에 남습니다."),
    ],
)

from . import admin, demo, inbound_views, outbound_views, views, widgets  # noqa: E402,F401  (routes attach to bp)

plugin.admin_views = admin.add_admin_views
plugin.demo_data = demo.load
plugin.dashboard_widgets.append(widgets.low_stock_widget)
