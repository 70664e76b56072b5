"""배송관리: manual orders (수기주문) typed in or uploaded from Excel; the other fulfilment pages follow."""
from portal.i18n import N_
from portal.plugins import MenuItem, MenuPlugin, menu_blueprint

bp = menu_blueprint("fulfilment", __name__, static_folder="static")
plugin = MenuPlugin(
    name="fulfilment", title=N_("배송관리"), order=35, blueprint=bp, duty=("logistics",),
    items=[
        MenuItem("수기주문", "fulfilment.manual"),
        MenuItem("팩킹리스트", "fulfilment.packing"),
        MenuItem("라벨/피킹리스트", "fulfilment.labels"),
        MenuItem("단일/조합형상품", "fulfilment.skus"),
        MenuItem("사은품/이벤트", "fulfilment.gifts"),
        MenuItem("묶음/분리/재배송", "fulfilment.bundles"),
        MenuItem("배송현황", "fulfilment.tracking"),
        MenuItem("수출신고", "fulfilment.export_declaration"),
        MenuItem("삭제목록", "fulfilment.deleted"),
    ],
    hints=[
        "수기주문: 제휴몰 연동이 없는 판매처의 주문을 한 건씩 등록하거나 엑셀로 올립니다.",
        "엑셀 업로드는 판매처별 주문서 매칭(열 설정)을 한 번 저장해 두면 계속 사용할 수 있습니다.",
    ],
)

from . import demo, views  # noqa: E402,F401  (routes attach to bp)

plugin.demo_data = demo.load  # after 상품정보관리's demo (menu order 10): the SKUs are its products
