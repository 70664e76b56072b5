"""주문관리: collecting, confirming and shipping orders and claims."""
from jobs import orders as order_jobs
from portal.i18n import N_
from portal.plugins import MenuItem, MenuPlugin, menu_blueprint
from portal.scheduling import Schedule

from .demo import load_demo_orders
from .services.collection import AUTO_EVERY, enqueue_auto_collections
from .collection_notice import collection_off_widget
from .widgets import order_tiles


def _auto_collect(app) -> int:
    return enqueue_auto_collections(app, order_jobs.auto_collect)


SCHEDULE = Schedule("orders.auto-collect", AUTO_EVERY, _auto_collect,
                    N_("활성 제휴몰 계정마다 신규주문, 배송완료, 취소/반품/교환을 15분마다 수집합니다."))

bp = menu_blueprint("orders", __name__)
plugin = MenuPlugin(
    name="orders", title=N_("주문관리"), order=30, blueprint=bp, duty=("logistics",),
    items=[
        MenuItem(N_("주문상태별조회"), "orders.by_status"),
        MenuItem(N_("주문서 가져오기"), "orders.collect"),
        MenuItem(N_("주문확인/처리"), "orders.process"),
        MenuItem(N_("송장개별등록"), "orders.invoice_entry"),
        MenuItem(N_("송장송신관리"), "orders.invoice_send"),
        MenuItem(N_("송장대량등록"), "orders.invoice_bulk"),
        MenuItem(N_("송장이력관리"), "orders.invoice_history"),
        MenuItem(N_("판매완료내역"), "orders.completed"),
        MenuItem(N_("취소/반품/교환 관리"), "orders.claims"),
        MenuItem(N_("취소/반품/교환 가져오기"), "orders.collect_claims"),
    ],
    hints=[
        N_("여러 제휴몰의 주문, 송장, 취소/반품/교환을 한 화면에서 처리합니다."),
        N_("주문과 취소/반품/교환은 15분마다 자동으로 수집되며, 주문서 가져오기에서 직접 수집할 수도 있습니다."),
        N_("정상 주문: 주문확인 → 발주확인 → 송장등록 → 송장전송 → 종료. 판매불가: 주문확인 → 판매취소 → 판매취소 연동."),
    ],
    demo_data=load_demo_orders,
    dashboard_widgets=[collection_off_widget, order_tiles],
    schedules=[SCHEDULE],
)

from . import views  # noqa: F401, E402  (routes attach to bp)
from . import claim_views, invoice_views  # noqa: F401, E402
from .services.queries import account_label, line_amount  # noqa: E402

bp.add_app_template_global(account_label)  # 계정 column of every order list: alias, or a file order's origin
bp.add_app_template_global(line_amount)  # 금액 column: in the order's currency (円 for yen)
