"""문의관리: buyers' questions from the channels, answers, 상용구 and the channels' 긴급알리미."""
from jobs import inquiries as inquiry_jobs
from portal.i18n import N_
from portal.plugins import MenuItem, MenuPlugin, menu_blueprint
from portal.scheduling import Schedule

from .demo import load_demo_inquiries
from .services.collection import AUTO_EVERY, NOTICES_EVERY, enqueue_auto_collections, enqueue_notice_collections
from .widgets import open_inquiries_widget, urgent_notices_widget

SCHEDULE = Schedule("inquiries.auto-collect", AUTO_EVERY,
                    lambda app: enqueue_auto_collections(app, inquiry_jobs.auto_collect_inquiries),
                    N_("활성 제휴몰 계정마다 고객 문의를 15분마다 수집합니다."))
NOTICES_SCHEDULE = Schedule("inquiries.notices", NOTICES_EVERY,
                            lambda app: enqueue_notice_collections(app, inquiry_jobs.collect_notices),
                            N_("활성 제휴몰 계정마다 제휴몰 공지사항과 긴급알리미를 하루에 한 번 수집합니다."))

bp = menu_blueprint("inquiries", __name__)
plugin = MenuPlugin(
    name="inquiries", title=N_("문의관리"), order=40, blueprint=bp, duty=("inquiries",),
    items=[
        MenuItem(N_("문의사항 처리"), "inquiries.answer"),
        MenuItem(N_("상담내역 가져오기"), "inquiries.collect"),
        MenuItem(N_("긴급알리미 처리"), "inquiries.emergency"),
        MenuItem(N_("상용구 관리"), "inquiries.templates"),
    ],
    hints=[
        N_("제휴몰 고객 문의와 긴급알리미를 한 화면에서 답변합니다."),
        N_("고객 문의는 15분마다 자동으로 수집되며, 상담내역 가져오기에서 직접 수집할 수도 있습니다."),
        N_("답변기한이 지난 문의는 빨간색으로 표시됩니다. 기한은 제휴몰마다 다릅니다."),
    ],
    dashboard_widgets=[open_inquiries_widget, urgent_notices_widget],
    schedules=[SCHEDULE, NOTICES_SCHEDULE],
    demo_data=load_demo_inquiries,
)

from . import views  # noqa: E402,F401  (routes attach to bp)
