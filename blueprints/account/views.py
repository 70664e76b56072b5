"""기본정보관리 routes: company info, 사용자권한관리, 권한변경이력."""
from flask import current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from jobs.exports import export_audit_log
from models import AuditLog, User
from portal.extensions import db
from portal.i18n import N_
from portal.queues import enqueue
from portal.services.excel import xlsx_response
from portal.tenancy import current_tenant, get_owned_or_404, tenant_query
from portal.web import kst

from . import bp, services
from .forms import CompanyForm, StaffForm


@bp.route("/company", methods=["GET", "POST"])
def company():
    tenant = current_tenant()
    form = CompanyForm(obj=tenant)
    if form.validate_on_submit():
        form.populate_obj(tenant)
        db.session.commit()
        flash(_("회사정보를 저장했습니다."), "success")
        return redirect(url_for("account.company"))
    status = 400 if request.method == "POST" else 200
    return render_template("account/company.html", form=form, tenant=tenant), status


@bp.get("/users")
def users():
    staff = tenant_query(User).order_by(User.is_master.desc(), User.id).all()
    if request.args.get("format") == "xlsx":
        return xlsx_response(_("사용자권한.xlsx"), [_(h) for h in USER_HEADERS], (_user_row(u) for u in staff))
    return render_template("account/users.html", users=staff, form=StaffForm())


USER_HEADERS = [N_("마스터계정"), "ID", N_("계정명"), N_("권한"), N_("업무"), N_("사용언어"), N_("이메일"), N_("모바일"),
                N_("접속승인"), N_("전화번호"), N_("로그인횟수"), N_("최종로그인"), N_("생성일"), N_("갱신일")]


def _user_row(u: User) -> list:
    return ["O" if u.is_master else "", u.login_id, u.name, u.role_label, u.duty_labels,
            current_app.config["LANGUAGES"].get(u.locale, u.locale), u.email, u.mobile,
            _("접속가능") if u.access_approved else _("접속불가"), u.phone, u.login_count,
            kst(u.last_login_at), kst(u.created_at), kst(u.updated_at)]


@bp.post("/users")
def add_user():
    form = StaffForm()
    if form.validate_on_submit():
        try:
            user = services.create_staff(current_tenant(), form)
        except services.RuleViolation as refused:
            form.login_id.errors.append(str(refused))
        else:
            flash(_("직원계정 %(login_id)s을(를) 추가했습니다. 임시 비밀번호를 직원에게 알려 주세요.", login_id=user.login_id), "success")
            return redirect(url_for("account.users"))
    staff = tenant_query(User).order_by(User.is_master.desc(), User.id).all()
    return render_template("account/users.html", users=staff, form=form, adding=True), 400


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def edit_user(user_id: int):
    user = get_owned_or_404(User, user_id)
    form = StaffForm(obj=user, login_id=user.login_id,
                     duties=sorted(user.duties), access="yes" if user.access_approved else "no")
    if form.validate_on_submit():
        try:
            services.update_staff(user, form)
        except services.RuleViolation as refused:
            flash(str(refused), "error")
        else:
            flash(_("%(name)s 계정을 저장했습니다.", name=user.name), "success")
            return redirect(url_for("account.users"))
        return render_template("account/user_edit.html", form=form, user=user), 400
    status = 400 if request.method == "POST" else 200
    return render_template("account/user_edit.html", form=form, user=user), status


@bp.get("/audit")
def audit():
    page = request.args.get("page", 1, type=int)
    query = tenant_query(AuditLog).order_by(AuditLog.at.desc())
    action = request.args.get("action", "").strip()
    if action:
        query = query.filter(AuditLog.action == action)
    entries = query.paginate(page=page, per_page=current_app.config["PAGE_SIZE"], error_out=False)
    actions = [a for (a,) in tenant_query(AuditLog).with_entities(AuditLog.action).distinct()]
    return render_template("account/audit.html", entries=entries, action=action, actions=actions)


@bp.post("/audit/export")
def audit_export():
    run = enqueue(export_audit_log, kind=_("권한변경이력 엑셀 다운로드"), queue="exports",
                  tenant_id=current_tenant().id, user_id=current_user.id)
    return jsonify(job=run.id, job_url=url_for("jobs.progress", run_id=run.id)), 202
