"""문의관리: customer inquiries and emergency notices from the channels."""
from portal.plugins import MenuItem, MenuPlugin, menu_blueprint

bp = menu_blueprint("inquiries", __name__)
plugin = MenuPlugin(
    name="inquiries", title="문의관리", order=40, blueprint=bp, duty=("inquiries",),
    items=[
        MenuItem("문의사항 처리", "inquiries.answer"),
        MenuItem("상담내역 가져오기", "inquiries.collect"),
        MenuItem("긴급알리미 처리", "inquiries.emergency"),
    ],
    hints=[
        "제휴몰 고객 문의와 긴급알리미를 한 화면에서 답변합니다.",
    ],
)
