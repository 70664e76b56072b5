"""부가서비스 routes: 공지사항, 제휴몰 공지사항, 1:1 QNA게시판 (with attachments) and 견적요청목록."""
from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from models.support import QUOTE_LABELS
from models import ChannelNotice, QuoteRequest, SupportFile, SupportQuestion
from portal.extensions import db
from portal.tenancy import current_tenant, get_owned_or_404, tenant_query

from . import bp
from .services import PRESETS, RuleViolation
from .services import files as support_files
from .services import notices as notice_service
from .services import qna, quotes


def support_ask_url(run_id=None) -> str:
    """The 1:1 문의하기 form's address, with the failed job attached when there is one."""
    return url_for("addons.qna_new", run_id=run_id) if run_id else url_for("addons.qna_new")


@bp.app_context_processor
def _support_ask_url():
    """Every failure message offers "1:1 문의하기": flashes, the job window (the job id is added there),
    refusals shown as an alert (portal.js reads the page's data-support-ask) and failed 연동 lines."""
    return {"support_ask_url": support_ask_url(), "support_ask_link": support_ask_url}


def _page_arg() -> int:
    return int(request.args["page"]) if request.args.get("page", "").isdigit() else 1


# --- 공지사항 --------------------------------------------------------------------------------

@bp.get("/notices")
def notices():
    page, read = notice_service.listing(current_user, _page_arg(), (request.args.get("q") or "").strip())
    return render_template("addons/notices.html", page=page, read=read, args=request.args)


@bp.get("/notices/<int:notice_id>")
def notice_detail(notice_id):
    notice = notice_service.open_notice(notice_id, current_user)
    if notice is None:
        abort(404)
    return render_template("addons/notice_detail.html", notice=notice,
                           files=support_files.files_of("notice", notice.id))


# --- 제휴몰 공지사항 -------------------------------------------------------------------------

@bp.get("/channel-notices")
def channel_notices():
    from blueprints.inquiries.services.collection import status_table
    from blueprints.orders.services.collection import channel_name

    tenant = current_tenant()
    page = (tenant_query(ChannelNotice, tenant).filter(ChannelNotice.kind == "notice")
            .order_by(ChannelNotice.posted_at.desc(), ChannelNotice.id.desc())
            .paginate(page=_page_arg(), per_page=20, error_out=False))
    return render_template("addons/channel_notices.html", page=page, rows=status_table(tenant),
                           channel_name=channel_name)


# --- 1:1 QNA게시판 ---------------------------------------------------------------------------

@bp.get("/qna", endpoint="qna")
def qna_list():
    tenant = current_tenant()
    error = None
    try:
        query = qna.filtered(tenant, request.args)
    except RuleViolation as exc:
        error, query = str(exc), qna.filtered(tenant, {})
    page = query.paginate(page=_page_arg(), per_page=20, error_out=False)
    return render_template("addons/qna_list.html", page=page, args=request.args, presets=PRESETS,
                           answered=qna.ANSWER_FILTER, error=error)


@bp.route("/qna/new", methods=["GET", "POST"])
def qna_new():
    tenant = current_tenant()
    run, title, body = qna.draft_from_run(tenant, request.values.get("run_id"))
    if request.method == "POST":
        try:
            question = qna.ask(tenant, current_user, request.form, request.files.getlist("files"))
        except RuleViolation as exc:
            flash(str(exc), "error")
            return render_template("addons/qna_form.html", run=run, form=request.form, title=title, body=body,
                                   link_kinds=qna.LINK_KINDS), 400
        flash(_("1:1 문의를 등록했습니다. 답변이 등록되면 알려 드립니다."), "ok")
        return redirect(url_for("addons.qna_detail", question_id=question.id)), 303
    return render_template("addons/qna_form.html", run=run, form={}, title=title, body=body,
                           link_kinds=qna.LINK_KINDS)


@bp.get("/qna/<int:question_id>")
def qna_detail(question_id):
    question = get_owned_or_404(SupportQuestion, question_id)
    return render_template("addons/qna_detail.html", q=question, files=support_files.files_of("question", question.id))


@bp.post("/qna/<int:question_id>/reply")
def qna_reply(question_id):
    question = get_owned_or_404(SupportQuestion, question_id)
    try:
        qna.follow_up(question, current_user, request.form.get("body"))
    except RuleViolation as exc:
        flash(str(exc), "error")
    return redirect(url_for("addons.qna_detail", question_id=question.id)), 303


@bp.get("/files/<int:file_id>")
def file_download(file_id):
    """An attachment: a 1:1 question's only to its tenant (support staff read them in the panel)."""
    row = db.session.get(SupportFile, file_id)
    if row is None or not support_files.may_read(row, current_user):
        abort(404)
    return send_file(support_files.path_of(row), mimetype=row.content_type, as_attachment=True,
                     download_name=row.filename)


# --- 견적요청목록 -----------------------------------------------------------------------------

@bp.get("/quotes", endpoint="quotes")
def quotes_list():
    tenant = current_tenant()
    page = quotes.listing(tenant, request.args).paginate(page=_page_arg(), per_page=20, error_out=False)
    return render_template("addons/quotes.html", page=page, services=quotes.services(), args=request.args,
                           states=QUOTE_LABELS)


@bp.post("/quotes")
def quote_new():
    tenant = current_tenant()
    try:
        quotes.request_quote(tenant, current_user, request.form)
    except RuleViolation as exc:
        flash(str(exc), "error")
        return redirect(url_for("addons.quotes")), 303
    flash(_("견적을 요청했습니다. 지원센터가 금액과 안내를 등록하면 이 목록에서 수락하거나 거절할 수 있습니다."), "ok")
    return redirect(url_for("addons.quotes")), 303


@bp.post("/quotes/<int:quote_id>/<action>")
def quote_move(quote_id, action):
    row = get_owned_or_404(QuoteRequest, quote_id)
    if action not in ("accept", "decline", "cancel"):
        abort(404)
    try:
        quotes.move(row, current_user, action, note=request.form.get("note", ""))
    except RuleViolation as exc:
        flash(str(exc), "error")
    return redirect(url_for("addons.quotes")), 303
