"""Support-center panel: a new Flask-Admin per app, reachable only by support staff."""
from datetime import datetime

from flask import abort, current_app, flash, redirect, request, url_for
from flask_admin import Admin, AdminIndexView, expose
from flask_admin.actions import action
from flask_admin.contrib.sqla import ModelView
from flask_admin.form import SecureForm
from flask_admin.model import typefmt
from flask_admin.theme import Bootstrap4Theme
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from markupsafe import Markup

from models import AuditLog, JobRun, Tenant, User
from portal.extensions import db
from portal.i18n import N_
from portal.security import audit
from portal.services.excel import inert_text
from portal.web import kst


class AdminForm(SecureForm):
    """SecureForm whose token is Flask-WTF's, so the app-wide CSRFProtect checks admin POSTs too."""

    class Meta(FlaskForm.Meta):
        pass


class SupportOnly:
    """Anonymous → login page; any seller → 404: the panel does not exist for them."""

    def is_accessible(self):
        return current_user.is_authenticated and current_user.is_support

    def inaccessible_callback(self, name, **kwargs):
        if not current_user.is_authenticated:
            return current_app.login_manager.unauthorized()
        abort(404)


class SupportIndex(SupportOnly, AdminIndexView):
    @expose("/")
    def index(self):
        pending = Tenant.query.filter_by(status="pending").count()
        running = JobRun.query.filter(JobRun.status.in_(["queued", "running"])).count()
        failed = JobRun.query.filter_by(status="failed").count()
        return self.render("admin/support_index.html", pending=pending, running=running,
                           failed=failed)


class SupportModelView(SupportOnly, ModelView):
    """Allow-lists only: a column not named here is never listed, detailed or exported."""

    form_base_class = AdminForm
    column_type_formatters = {**typefmt.BASE_FORMATTERS,
                              datetime: lambda view, value, name: kst(value)}
    column_type_formatters_detail = column_type_formatters
    # CSV exports show the same KST times as the screens, and are named by the KST time of the export.
    column_type_formatters_export = {**typefmt.EXPORT_FORMATTERS, datetime: lambda view, value, name: kst(value),
                                     type(None): lambda view, value, name: ""}

    def get_export_name(self, export_type: str = "csv") -> str:
        from portal.marketplaces import KST

        return f"{self.name}_{datetime.now(KST):%Y-%m-%d_%H-%M-%S}.{export_type}"
    can_export = True
    can_view_details = True
    can_delete = False
    page_size = 50
    column_display_actions = True

    def get_export_value(self, model, name):
        """Sellers write these fields: a cell starting like a formula stays text in the CSV."""
        value = super().get_export_value(model, name)
        if value is not None and not isinstance(value, (str, int, float, datetime)):
            value = str(value)  # a related row (회사, 처리자) is written as its name
        return inert_text(value)


class TenantView(SupportModelView):
    column_list = ("id", "name", "ceo_name", "business_no", "contact_name", "email", "mobile",
                   "status", "created_at", "approved_at")
    column_details_list = column_list + ("business_item", "business_type", "address",
                                         "en_sender_name", "en_street", "en_city", "en_state",
                                         "en_zipcode", "en_country", "en_phone", "memo")
    column_export_list = column_list
    column_searchable_list = ("name", "business_no", "contact_name")
    column_filters = ("status",)
    column_labels = {"name": _l("회사명"), "ceo_name": _l("대표자"), "business_no": _l("사업자번호"),
                     "contact_name": _l("담당자"), "email": _l("이메일"), "mobile": _l("휴대폰"),
                     "status": _l("상태"), "created_at": _l("가입일"), "approved_at": _l("승인일"),
                     "business_item": _l("업종"), "business_type": _l("업태"), "zipcode": _l("우편번호"), "address": _l("주소"),
                     "memo": _l("메모"), "en_sender_name": _l("영문 발송인명"), "en_street": _l("영문 주소(도로명)"),
                     "en_city": _l("영문 도시"), "en_state": _l("영문 시/도"), "en_zipcode": _l("영문 우편번호"),
                     "en_country": _l("영문 국가"), "en_phone": _l("영문 연락처")}
    column_formatters = {"status": lambda v, c, m, p: m.status_label}
    form_columns = ("name", "ceo_name", "business_item", "business_type", "contact_name",
                    "zipcode", "address", "email", "mobile", "memo", "en_sender_name",
                    "en_street", "en_city", "en_state", "en_zipcode", "en_country", "en_phone")
    can_create = False

    @action("approve", _l("승인"), _l("선택한 회사의 가입을 승인하시겠습니까?"))
    def approve(self, ids):
        self._set_status(ids, "approve", N_("가입승인"))

    @action("suspend", _l("이용정지"), _l("선택한 회사의 이용을 정지하시겠습니까? 소속 계정은 즉시 로그아웃됩니다."))
    def suspend(self, ids):
        self._set_status(ids, "suspend", N_("이용정지"))

    def _set_status(self, ids, method, label):
        tenants = Tenant.query.filter(Tenant.id.in_([int(i) for i in ids])).all()
        for tenant in tenants:
            getattr(tenant, method)()
            audit(label, tenant_id=tenant.id, detail=tenant.name)
        db.session.commit()
        flash(_("%(len)s개 회사를 %(label)s 처리했습니다.", len=len(tenants), label=_(label)), "success")


class UserView(SupportModelView):
    column_list = ("id", "tenant", "login_id", "name", "role_label", "duties_csv",
                   "access_approved", "email", "mobile", "login_count", "last_login_at",
                   "locked_until")
    column_details_list = column_list + ("phone", "locale", "created_at", "updated_at")
    column_export_list = column_list
    column_searchable_list = ("login_id", "name", "email")
    column_filters = ("is_support", "is_master", "access_approved")
    column_labels = {"tenant": _l("회사"), "login_id": _l("아이디"), "name": _l("계정명"),
                     "role_label": _l("권한"), "duties_csv": _l("업무"), "access_approved": _l("접속승인"),
                     "email": _l("이메일"), "mobile": _l("휴대폰"), "login_count": _l("로그인횟수"),
                     "last_login_at": _l("최종로그인"), "locked_until": _l("잠금해제시각"), "phone": _l("전화번호"),
                     "locale": _l("표시언어"), "created_at": _l("등록일시"), "updated_at": _l("수정일시"),
                     "is_support": _l("지원센터"), "is_master": _l("마스터계정")}
    column_formatters = {"duties_csv": lambda v, c, m, p: m.duty_labels,
                         "access_approved": lambda v, c, m, p: "Yes" if m.access_approved else "No"}
    form_columns = ("name", "email", "mobile", "phone", "locale", "access_approved")
    can_create = False

    def on_model_change(self, form, model, is_created):
        if not model.access_approved:
            model.rotate_session()
        audit(N_("계정수정(지원센터)"), target=model,
              detail=_("접속승인=%(value)s", value='Yes' if model.access_approved else 'No'))

    @action("unlock", _l("잠금해제"), _l("선택한 계정의 로그인 잠금을 해제하시겠습니까?"))
    def unlock(self, ids):
        for user in User.query.filter(User.id.in_([int(i) for i in ids])):
            user.locked_until, user.failed_logins = None, 0
            audit(N_("잠금해제"), target=user)
        db.session.commit()
        flash(_("잠금을 해제했습니다."), "success")


class ReadOnlyView(SupportModelView):
    can_create = can_edit = can_delete = False


class AuditView(ReadOnlyView):
    column_list = ("at", "tenant", "actor", "target", "action", "detail", "ip")
    column_details_list = column_export_list = column_list
    column_default_sort = ("at", True)
    column_filters = ("action", "tenant.name")
    column_labels = {"at": _l("일시"), "tenant": _l("회사"), "actor": _l("처리자"), "target": _l("대상"),
                     "action": _l("구분"), "detail": _l("내용"), "ip": "IP"}


class JobRunView(ReadOnlyView):
    column_list = ("id", "tenant", "kind", "queue", "status", "total", "ok_count", "fail_count",
                   "started_by", "created_at", "finished_at")
    column_details_list = column_export_list = column_list
    column_default_sort = ("id", True)
    column_filters = ("status", "queue", "kind")
    column_labels = {"tenant": _l("회사"), "kind": _l("작업"), "queue": _l("큐"), "status": _l("상태"),
                     "total": _l("전체"), "ok_count": _l("성공"), "fail_count": _l("실패"),
                     "started_by": _l("실행자"), "created_at": _l("등록일시"), "finished_at": _l("종료일시")}
    column_formatters_export = {"status": lambda v, c, m, p: m.status_label,
                                "queue": lambda v, c, m, p: _queue_label(m.queue)}
    column_formatters = {
        "status": lambda v, c, m, p: m.status_label,
        "queue": lambda v, c, m, p: _queue_label(m.queue),
        "kind": lambda v, c, m, p: Markup('<a href="{}">{}</a>').format(
            v.get_url(".lines", run_id=m.id), m.kind),
    }

    @expose("/lines/<int:run_id>")
    def lines(self, run_id):
        run = db.get_or_404(JobRun, run_id)
        return self.render("admin/job_lines.html", run=run, lines=run.lines.all())


def _queue_label(name: str) -> str:
    from portal.queues import QUEUES

    return _(QUEUES[name]) if name in QUEUES else name


def init_admin(app) -> Admin:
    """A new Admin per app (tests build many apps); plugins may add their own views."""
    url = app.config.setdefault("ADMIN_URL", "/support-admin")
    admin = Admin(name=_l("지원센터 관리자"), url=url, theme=Bootstrap4Theme(swatch="default", fluid=True, base_template="admin/support_base.html"),
                  index_view=SupportIndex(name=_l("홈"), url=url))
    admin.add_view(TenantView(Tenant, db, name=_l("회사(셀러)"), endpoint="tenants"))
    admin.add_view(UserView(User, db, name=_l("사용자"), endpoint="users"))
    admin.add_view(AuditView(AuditLog, db, name=_l("권한변경이력"), endpoint="audit"))
    admin.add_view(JobRunView(JobRun, db, name=_l("작업내역"), endpoint="jobruns"))
    for plugin in app.extensions.get("menus", {}).values():
        if plugin.admin_views:
            plugin.admin_views(admin, SupportModelView)
    admin.init_app(app)
    app.extensions["support_admin"] = admin
    return admin
