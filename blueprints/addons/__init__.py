"""부가서비스: notices, channel notices, support Q&A and quote requests."""
from portal.plugins import MenuItem, MenuPlugin, menu_blueprint

bp = menu_blueprint("addons", __name__)
plugin = MenuPlugin(
    name="addons", title="부가서비스", order=60, blueprint=bp, duty=None,
    items=[
        MenuItem("공지사항", "addons.notices"),
        MenuItem("제휴몰 공지사항", "addons.channel_notices"),
        MenuItem("1:1 QNA게시판", "addons.qna"),
        MenuItem("견적요청목록", "addons.quotes"),
    ],
    hints=[
        "지원센터 공지와 제휴몰 공지를 확인하고, 1:1 문의로 지원센터에 질문할 수 있습니다.",
    ],
)
