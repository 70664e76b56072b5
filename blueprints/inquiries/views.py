"""문의관리 routes: 상담내역 가져오기, 문의사항 처리 (list, detail, 저장, 전송), 상용구 and 긴급알리미."""
from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.i18n import N_
from jobs import inquiries as inquiry_jobs
from models import AnswerTemplate, ChannelNotice, Inquiry
from models.base import utcnow
from portal.queues import enqueue
from portal.services.excel import xlsx_response
from portal.tenancy import current_tenant, get_owned_or_404, tenant_query
from portal.web import job_response, kst, refused

from . import bp
from .services import PRESETS, RuleViolation, accounts_of, answers, channel_name, collection
from .services.deadlines import DEADLINES, DEFAULT, deadline_of, elapsed_label, urgency


# --- 상담내역 가져오기 -----------------------------------------------------------------------

@bp.get("/collect")
def collect():
    tenant = current_tenant()
    return render_template("inquiries/collect.html", rows=collection.status_table(tenant),
                           accounts=accounts_of(tenant, active_only=True), channel_name=channel_name,
                           capability=collection.capability, period=collection.default_days())


@bp.post("/collect")
def collect_start():
    try:
        runs = collection.start_collection(current_tenant(), current_user, request.form, inquiry_jobs.collect_inquiries)
    except RuleViolation as exc:
        return refused(exc)
    return job_response(runs)


# --- 문의사항 처리 ---------------------------------------------------------------------------

EXPORT_HEADERS = [N_("제휴몰"), N_("계정"), N_("문의번호"), N_("문의유형"), N_("제목"), N_("문의내용"), N_("상품명"),
                  N_("주문번호"), N_("구매자"), N_("문의일시"), N_("처리상태"), N_("답변")]


@bp.get("/answer")
def answer():
    tenant = current_tenant()
    error = None
    try:
        query = answers.filtered(tenant, request.args)
    except RuleViolation as exc:
        error, query = str(exc), answers.filtered(tenant, {})
    if request.args.get("format") == "xlsx":
        rows = ([channel_name(r.channel), r.account.alias, r.channel_inquiry_id, r.kind_label, r.title, r.question,
                 r.product_name, r.channel_order_id, r.writer, kst(r.asked_at), r.state_label,
                 r.answer or r.channel_answer] for r in answers.with_state(query, request.args).limit(50000))
        return xlsx_response(_("문의사항처리.xlsx"), [_(h) for h in EXPORT_HEADERS], rows, _("문의사항"))
    counts = answers.state_counts(query)
    page = answers.page_of(query, request.args, counts)
    orders, products = answers.links_for(tenant, page.items)
    now = utcnow()
    return render_template(
        "inquiries/answer.html", page=page, counts=counts, error=error, args=request.args,
        states=answers.FILTER_STATES, kinds=answers.KIND_LABELS,
        fields=answers.SEARCH_FIELDS, presets=PRESETS, accounts=accounts_of(tenant), channel_name=channel_name,
        orders=orders, products=products, deadline_of=deadline_of, elapsed=lambda r: elapsed_label(r.asked_at, now),
        urgency=lambda r: urgency(r.channel, r.asked_at, r.state in answers.OPEN_STATES, now),
        deadlines=DEADLINES, default_deadline=DEFAULT)


@bp.get("/answer/<int:inquiry_id>")
def answer_detail(inquiry_id):
    tenant = current_tenant()
    inquiry = get_owned_or_404(Inquiry, inquiry_id)
    orders, products = answers.links_for(tenant, [inquiry])
    return render_template("inquiries/detail.html", inquiry=inquiry, templates=answers.templates_of(tenant),
                           channel_name=channel_name, deadline=deadline_of(inquiry.channel),
                           elapsed=elapsed_label(inquiry.asked_at),
                           urgency=urgency(inquiry.channel, inquiry.asked_at, inquiry.state in answers.OPEN_STATES),
                           order_id=orders.get((inquiry.account_id, inquiry.channel_order_id)),
                           product_id=products.get((inquiry.account_id, inquiry.channel_product_id)),
                           can_answer=not collection.capability(inquiry.channel)["answer_inquiry"],
                           answer_reason=collection.capability(inquiry.channel)["answer_inquiry"])


@bp.post("/answer/<int:inquiry_id>/save")
def answer_save(inquiry_id):
    inquiry = get_owned_or_404(Inquiry, inquiry_id)
    try:
        answers.save_answer(inquiry, request.form.get("answer"), current_user)
    except RuleViolation as exc:
        flash(str(exc), "error")
        return redirect(url_for("inquiries.answer_detail", inquiry_id=inquiry.id)), 303
    flash(_("답변을 저장했습니다. 개별전송 또는 답변일괄전송으로 제휴몰에 보내 주세요."), "ok")
    return redirect(url_for("inquiries.answer_detail", inquiry_id=inquiry.id)), 303


@bp.post("/answer/<int:inquiry_id>/send")
def answer_send_one(inquiry_id):
    """개별전송: saves the answer in the box, then sends it as a job."""
    inquiry = get_owned_or_404(Inquiry, inquiry_id)
    try:
        if request.form.get("answer") is not None and inquiry.state not in ("sent", "sending", "ambiguous"):
            answers.save_answer(inquiry, request.form.get("answer"), current_user)
        return job_response(_start_send(current_tenant(), [inquiry.id]))
    except RuleViolation as exc:
        return refused(exc)


@bp.post("/answer/send")
def answer_send():
    """답변일괄전송 of the selected saved answers."""
    try:
        return job_response(_start_send(current_tenant(), request.form.getlist("inquiry_ids")))
    except RuleViolation as exc:
        return refused(exc)


def _start_send(tenant, ids):
    from jobs.inquiries import send_answers

    ids = answers.prepare_send(tenant, ids)
    return enqueue(send_answers, kind=_("답변전송 (%(len)s건)", len=len(ids)), queue="channel", tenant_id=tenant.id,
                   user_id=current_user.id, inquiry_ids=ids)


# --- 상용구 ---------------------------------------------------------------------------------

@bp.get("/templates")
def templates():
    tenant = current_tenant()
    edit = request.args.get("edit")
    current = get_owned_or_404(AnswerTemplate, int(edit)) if edit and edit.isdigit() else None
    return render_template("inquiries/templates.html", templates=answers.templates_of(tenant), current=current,
                           variables=answers.VARIABLES, form=request.form)


@bp.post("/templates")
def template_save():
    tenant = current_tenant()
    edit = request.form.get("template_id")
    current = get_owned_or_404(AnswerTemplate, int(edit)) if edit and edit.isdigit() else None
    try:
        answers.save_template(tenant, request.form, current)
    except RuleViolation as exc:
        flash(str(exc), "error")
        return render_template("inquiries/templates.html", templates=answers.templates_of(tenant), current=current,
                               variables=answers.VARIABLES, form=request.form), 400
    flash(_("상용구를 저장했습니다."), "ok")
    return redirect(url_for("inquiries.templates")), 303


@bp.post("/templates/<int:phrase_id>/delete")
def template_delete(phrase_id):
    from portal.extensions import db

    db.session.delete(get_owned_or_404(AnswerTemplate, phrase_id))
    db.session.commit()
    flash(_("상용구를 삭제했습니다."), "ok")
    return redirect(url_for("inquiries.templates")), 303


@bp.get("/templates/<int:phrase_id>/preview")
def template_preview(phrase_id):
    """The 상용구 with its variables filled from one question (the answer box's 미리보기)."""
    template = get_owned_or_404(AnswerTemplate, phrase_id)
    arg = request.args.get("inquiry_id", "")
    inquiry = get_owned_or_404(Inquiry, int(arg)) if arg.isdigit() else None
    return jsonify(text=answers.render_template_for(template.body, inquiry))


# --- 긴급알리미 처리 -------------------------------------------------------------------------

NOTICE_STATES = {"new": N_("미확인"), "checked": N_("확인"), "done": N_("처리완료")}


@bp.get("/emergency")
def emergency():
    tenant = current_tenant()
    query = tenant_query(ChannelNotice, tenant).filter(ChannelNotice.kind == "urgent")
    if request.args.get("state") in NOTICE_STATES:
        query = query.filter(ChannelNotice.state == request.args["state"])
    page_no = int(request.args["page"]) if request.args.get("page", "").isdigit() else 1
    page = query.order_by(ChannelNotice.posted_at.desc(), ChannelNotice.id.desc()).paginate(
        page=page_no, per_page=20, error_out=False)
    return render_template("inquiries/emergency.html", page=page, states=NOTICE_STATES, args=request.args,
                           rows=collection.status_table(tenant), channel_name=channel_name)


@bp.post("/emergency/<int:alert_id>/state")
def emergency_state(alert_id):
    notice = get_owned_or_404(ChannelNotice, alert_id)
    state = request.form.get("state")
    if notice.kind != "urgent" or state not in ("checked", "done"):
        abort(400)
    from portal.extensions import db

    notice.state, notice.handled_by_id, notice.handled_at = state, current_user.id, utcnow()
    db.session.commit()
    flash(_("'%(title)s'을(를) %(value)s(으)로 표시했습니다.",
            title=notice.title, value=_(NOTICE_STATES[state])), "ok")
    return redirect(url_for("inquiries.emergency")), 303


@bp.post("/emergency/collect")
def emergency_collect():
    """긴급알리미/공지사항 수집 now, for every active account whose channel offers it."""
    tenant = current_tenant()
    from jobs.inquiries import collect_notices

    accounts = [a for a in accounts_of(tenant, active_only=True) if not collection.capability(a)["fetch_notices"]]
    if not accounts:
        return refused(RuleViolation(_("공지사항/긴급알리미 수집 API를 제공하는 제휴몰 계정이 없습니다.")))
    return job_response([enqueue(collect_notices, kind=_("제휴몰 공지사항 수집 (%(channel_name)s "
                                                         "%(alias)s)",
                                                         channel_name=channel_name(a.channel), alias=a.alias),
                                 queue="channel", tenant_id=tenant.id, user_id=current_user.id, account_id=a.id)
                         for a in accounts])
