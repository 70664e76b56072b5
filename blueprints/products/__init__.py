"""상품정보관리: product master data (register once, sell on many channels)."""
from portal.i18n import N_
from portal.plugins import MenuItem, MenuPlugin, menu_blueprint

bp = menu_blueprint("products", __name__)
plugin = MenuPlugin(
    name="products", title=N_("상품정보관리"), order=10, blueprint=bp, duty=("products",),
    items=[
        MenuItem(N_("상품조회"), "products.search"),
        MenuItem(N_("상품등록"), "products.register"),
        MenuItem(N_("상품판매정보"), "products.sales_info"),
        MenuItem(N_("연동대기상품"), "products.waiting"),
        MenuItem(N_("재고관리"), "products.stock"),
        MenuItem(N_("상품대량등록"), "products.bulk_register"),
        MenuItem(N_("상품대량수정"), "products.bulk_modify"),
        MenuItem(N_("상품복원"), "products.restore"),
        MenuItem(N_("상품수정이력"), "products.history"),
    ],
    hints=[
        N_("상품을 한 번 등록하면 여러 제휴몰에 연동할 수 있습니다."),
        N_("상품명은 한글 20자(영문 40자) 이내, 특수문자는 ( ) / + - ~ 만 사용할 수 있습니다."),
    ],
)

from . import demo, views  # noqa: E402,F401  (routes attach to bp)

plugin.demo_data = demo.load

from .widgets import low_stock_tile  # noqa: E402

plugin.dashboard_widgets.append(low_stock_tile)
from . import sales_info_views  # noqa: E402,F401
from .services.price_currency import (  # noqa: E402
    channel_money, channel_unit, currency_of, needs_reentry, stored_currency_problem,
)

bp.add_app_template_global(channel_unit)
bp.add_app_template_global(currency_of, "channel_currency")
bp.add_app_template_global(channel_money)  # 판매가 with its channel's unit (원 / 円) on every list
# A 판매가 stored in another currency than the channel's: the screens ask for re-entry.
bp.add_app_template_global(needs_reentry, "price_needs_reentry")
bp.add_app_template_global(stored_currency_problem)
