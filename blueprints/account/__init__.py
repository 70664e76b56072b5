"""기본정보관리: company info, staff accounts and duties, password, channel accounts."""
from models import MASTER
from portal.i18n import N_
from portal.plugins import MenuItem, MenuPlugin, menu_blueprint

from .admin import add_admin_views
from .demo import load_demo_accounts
from .widgets import account_tiles, expiring_keys_widget

bp = menu_blueprint("account", __name__)
plugin = MenuPlugin(
    name="account", title=N_("기본정보관리"), order=70, blueprint=bp, duty=None,
    items=[
        MenuItem(N_("기본정보관리"), "account.company", duty=MASTER),
        MenuItem(N_("사용자권한관리"), "account.users", duty=MASTER),
        MenuItem(N_("권한변경이력"), "account.audit", duty=MASTER),
        MenuItem(N_("비밀번호변경"), "auth.password", duty=None),
        MenuItem(N_("제휴몰 계정정보"), "account.channels", duty=MASTER),
        MenuItem(N_("데이터이전 서비스신청"), "account.migration", duty=MASTER),
        MenuItem("KSE API", "account.kse_api", duty=MASTER),
    ],
    dashboard_widgets=[expiring_keys_widget, account_tiles],
    demo_data=load_demo_accounts,
    admin_views=add_admin_views,
    hints=[
        N_("마스터계정만 회사정보, 직원계정, 제휴몰 계정정보를 관리할 수 있습니다."),
        N_("직원이 퇴사하면 사용자권한관리에서 접근권한을 No로 변경해 주세요. 즉시 로그아웃됩니다."),
    ],
)

from . import views  # noqa: E402,F401  (routes attach to bp)
from . import channel_views  # noqa: E402,F401
from . import migration_views  # noqa: E402,F401
from . import kse_api_views  # noqa: E402,F401
