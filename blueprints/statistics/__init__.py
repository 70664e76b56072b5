"""통계관리: sales statistics with charts and tables."""
from portal.i18n import N_
from portal.plugins import MenuItem, MenuPlugin, menu_blueprint

from .demo import load_demo_history

bp = menu_blueprint("statistics", __name__)
plugin = MenuPlugin(
    name="statistics", title=N_("통계관리"), order=50, blueprint=bp, duty=("accounting", "sales"),
    items=[
        MenuItem(N_("기간별 매출통계"), "statistics.by_period"),
        MenuItem(N_("제휴몰별 매출통계"), "statistics.by_channel"),
        MenuItem(N_("카테고리별 매출통계"), "statistics.by_category"),
        MenuItem(N_("상품별 매출통계"), "statistics.by_product"),
        MenuItem(N_("지역별 매출통계"), "statistics.by_region"),
        MenuItem(N_("상품별 이용현황"), "statistics.product_usage"),
    ],
    demo_data=load_demo_history,
    hints=[
        N_("매출통계는 수집된 주문, 수기주문, 엑셀로 올린 주문을 모두 집계합니다."),
        N_("매출액은 주문일(KST), 취소/반품 금액은 클레임일(KST) 기준입니다."),
    ],
)

from . import views  # noqa: E402,F401  (routes attach to bp)
from .widgets import sales_charts  # noqa: E402

plugin.dashboard_widgets.append(sales_charts)
