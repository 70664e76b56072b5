"""판매상품관리: listings on the channels, sale periods and stock sync."""
from portal.plugins import MenuItem, MenuPlugin, menu_blueprint

bp = menu_blueprint("sales", __name__)
plugin = MenuPlugin(
    name="sales", title="판매상품관리", order=20, blueprint=bp, duty=("products", "sales"),
    items=[
        MenuItem("판매상품조회", "sales.search"),
        MenuItem("판매기간관리", "sales.periods"),
        MenuItem("판매종료관리", "sales.ended"),
        MenuItem("상품 연동현황", "sales.link_status"),
        MenuItem("재고연동이력", "sales.stock_sync"),
    ],
    hints=[
        "제휴몰에 연동된 상품(판매상품)의 상태, 판매기간, 재고 연동 결과를 관리합니다.",
    ],
)
