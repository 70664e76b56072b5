"""부가서비스: notices, channel notices, the 1:1 QNA board with the support center and quote requests."""
from flask import url_for
from flask_babel import gettext as _

from portal.i18n import N_
from portal.plugins import MenuItem, MenuPlugin, Widget, menu_blueprint

from .admin import add_admin_views
from .demo import load_demo_addons


def newest_notices_widget(user):
    from .services.notices import newest

    rows = newest()
    if not rows:
        return None
    unread = plugin.badge(user, "addons.notices")  # the count the menu shows too, read once
    lines = [n.title for n in rows] + ([_("읽지 않은 공지 %(n)s건", n=unread)] if unread else [])
    return Widget(_("공지사항"), lines, "info", url_for("addons.notices"))


def unread_badge(user) -> int:
    from .services.notices import unread_count

    return unread_count(user)


bp = menu_blueprint("addons", __name__)
plugin = MenuPlugin(
    name="addons", title=N_("부가서비스"), order=60, blueprint=bp, duty=None,
    items=[
        MenuItem(N_("공지사항"), "addons.notices"),
        MenuItem(N_("제휴몰 공지사항"), "addons.channel_notices"),
        MenuItem(N_("1:1 QNA게시판"), "addons.qna"),
        MenuItem(N_("견적요청목록"), "addons.quotes"),
    ],
    # Pages behind the sub-menus, open to every account like the sub-menus themselves.
    endpoint_duties={e: None for e in ("addons.notice_detail", "addons.qna_new", "addons.qna_detail",
                                       "addons.qna_reply", "addons.file_download", "addons.quote_new",
                                       "addons.quote_move")},
    hints=[
        N_("지원센터 공지와 제휴몰 공지를 확인하고, 1:1 문의로 지원센터에 질문할 수 있습니다."),
    ],
    admin_views=add_admin_views,
    demo_data=load_demo_addons,
    dashboard_widgets=[newest_notices_widget],
    badges={"addons.notices": unread_badge},
)

from . import views  # noqa: E402,F401  (routes attach to bp)
