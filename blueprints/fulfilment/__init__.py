"""배송관리: manual orders (수기주문), 대기목록 and 배송접수, the SKU master, bundles, 삭제목록, and the printed documents (packing list, labels, picking list, 수출신고, 해외소포수령증)."""
from portal.i18n import N_
from portal.plugins import MenuItem, MenuPlugin, menu_blueprint

bp = menu_blueprint("fulfilment", __name__, static_folder="static")
plugin = MenuPlugin(
    name="fulfilment", title=N_("배송관리"), order=35, blueprint=bp, duty=("logistics",),
    items=[
        MenuItem(N_("수기주문"), "fulfilment.manual"),
        MenuItem(N_("대기목록/배송접수"), "fulfilment.waiting_list"),
        MenuItem(N_("팩킹리스트"), "fulfilment.packing"),
        MenuItem(N_("라벨/피킹리스트"), "fulfilment.labels"),
        MenuItem(N_("단일/조합형상품"), "fulfilment.skus"),
        MenuItem(N_("사은품/이벤트"), "fulfilment.gifts"),
        MenuItem(N_("묶음/분리/재배송"), "fulfilment.bundles"),
        MenuItem(N_("배송현황"), "fulfilment.tracking"),
        MenuItem(N_("수출신고"), "fulfilment.export_declaration"),
        MenuItem(N_("삭제목록"), "fulfilment.deleted"),
    ],
    hints=[
        N_("수기주문: 제휴몰 연동이 없는 판매처의 주문을 한 건씩 등록하거나 엑셀로 올립니다."),
        N_("엑셀 업로드는 판매처별 주문서 매칭(열 설정)을 한 번 저장해 두면 계속 사용할 수 있습니다."),
        N_("대기목록: 수기/엑셀 주문과 '배송관리로 보내기'를 켠 제휴몰 계정의 주문을 배송접수합니다."),
    ],
)

from . import declaration_views, demo, documents_views, invoice_views, views  # noqa: E402,F401  (routes attach to bp)
from .gifts import views as gift_views  # noqa: E402,F401  (shipment pages of this menu)
from .notify import views as notify_views  # noqa: E402,F401
from .shipment_inquiries import views as inquiry_views  # noqa: E402,F401
from .tracking import views as tracking_views  # noqa: E402,F401
from .shipments import bundle_views as _bundle_views, views as _shipment_views  # noqa: E402,F401
from .sku_master import views as _sku_views  # noqa: E402,F401

from .api.views import register as register_api  # noqa: E402
from .forwarder.admin import add_admin_views  # noqa: E402
from .gifts.apply import on_receipt  # noqa: E402
from .gifts.waiting import on_receipt as _waiting_gifts_on_receipt  # noqa: E402
from .shipments.receipt import RECEIPT_HOOKS  # noqa: E402
from .shipments import demo as _shipment_demo  # noqa: E402
from .shipments import stock as _shipment_stock  # noqa: E402

bp.record_once(register_api)  # the KSE API: key-authenticated, outside the menu's login guard
RECEIPT_HOOKS.append(on_receipt)  # active gift events on every 배송접수
RECEIPT_HOOKS.append(_waiting_gifts_on_receipt)  # gifts uploaded for the carts before 배송접수
RECEIPT_HOOKS.append(_shipment_stock.on_receipt)  # then the shipments (and their gifts) take their stock


@bp.after_request
def _announce_stock(response):
    """The stock sync hears of the products whose stock this request's shipments moved (after its commit)."""
    from portal.extensions import db

    _shipment_stock.announce_moved(db.session)
    return response


plugin.admin_views = add_admin_views  # the forwarder's side: support staff in the support panel


def _demo(tenant) -> None:
    demo.load(tenant)  # after 상품정보관리's demo (menu order 10): the SKUs are its products
    _shipment_demo.load(tenant)  # a Japan-bound seller's SKU master, Qoo10/Rakuten orders and shipments


plugin.demo_data = _demo
