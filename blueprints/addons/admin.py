"""Support-panel views of 부가서비스: 공지사항, the 1:1 QNA queue with replies, 견적요청 and every seller's inquiries."""
from flask import abort, flash, redirect, request, url_for
from flask_admin import BaseView, expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import MultipleFileField, TextAreaField

from models import Inquiry, QuoteRequest, QuoteService, SupportNotice, SupportQuestion
from portal.extensions import db


def add_admin_views(admin, base_view) -> None:
    from portal.admin import SupportOnly

    from .services import RuleViolation
    from .services import files as support_files
    from .services import qna, quotes
    from .services.notices import clean_html

    class NoticeView(base_view):
        column_list = ("id", "title", "pinned", "visible_from", "visible_to", "author", "created_at")
        column_details_list = column_export_list = column_list
        form_columns = ("title", "body_html", "pinned", "visible_from", "visible_to")
        form_overrides = {"body_html": TextAreaField}
        form_extra_fields = {"files": MultipleFileField(_l("첨부파일 (최대 5개, 파일당 10MB)"))}
        column_labels = {"title": _l("제목"), "body_html": _l("내용 (HTML: 서식만 남고 스크립트는 지워집니다)"), "pinned": _l("필독(상단고정)"),
                         "visible_from": _l("게시 시작"), "visible_to": _l("게시 종료"), "author": _l("작성자"),
                         "created_at": _l("등록일시")}
        column_searchable_list = ("title",)
        column_default_sort = ("id", True)
        can_create = can_edit = can_delete = True

        def on_model_change(self, form, model, is_created):
            try:
                self._checked = support_files.check_uploads(request.files.getlist("files"))
            except RuleViolation as exc:
                raise ValueError(str(exc)) from None
            model.body_html = clean_html(model.body_html)
            if is_created:
                model.author_id = current_user.id
            if model.visible_from and model.visible_to and model.visible_to < model.visible_from:
                raise ValueError(_("게시 종료일시는 게시 시작일시 뒤여야 합니다."))

        def after_model_change(self, form, model, is_created):
            """Attachments of a 공지사항 belong to no seller: every seller may download them."""
            if getattr(self, "_checked", None):
                support_files.store_files(self._checked, "notice", model.id, None)
                db.session.commit()
            self._checked = []

    class QuoteServiceView(base_view):
        column_list = ("id", "name", "description", "active")
        column_details_list = column_export_list = column_list
        form_columns = ("name", "description", "active")
        column_labels = {"name": _l("서비스명"), "description": _l("설명"), "active": _l("사용")}
        can_create = can_edit = True

    class InquiryBacklogView(base_view):
        """Every seller's inquiries, read-only: support sees who has a backlog."""
        column_list = ("id", "tenant_id", "channel", "kind", "title", "asked_at", "state")
        column_details_list = column_list + ("question", "answer", "channel_answer", "message")
        column_export_list = column_list
        column_filters = ("state", "channel", "kind")
        column_default_sort = ("asked_at", False)
        column_labels = {"tenant_id": _l("회사번호"), "channel": _l("제휴몰"), "kind": _l("문의유형"), "title": _l("제목"),
                         "asked_at": _l("문의일시"), "state": _l("처리상태"), "question": _l("문의내용"), "answer": _l("저장된 답변"),
                         "channel_answer": _l("제휴몰 답변"), "message": _l("전송결과")}
        column_formatters = {"state": lambda v, c, m, p: m.state_label, "kind": lambda v, c, m, p: m.kind_label,
                             "channel": lambda v, c, m, p: _channel(m.channel)}
        column_formatters_export = column_formatters
        can_create = can_edit = can_delete = False

    class DeskView(SupportOnly, BaseView):
        """1:1 QNA queue (unanswered first) and 견적요청, each with a reply form."""

        @expose("/")
        def index(self):
            rows = (db.session.query(SupportQuestion)
                    .order_by((SupportQuestion.state == "answered").asc(), SupportQuestion.created_at.asc()).limit(200).all())
            return self.render("admin_addons/qna_queue.html", rows=rows)

        @expose("/qna/<int:question_id>", methods=("GET", "POST"))
        def question(self, question_id):
            q = db.get_or_404(SupportQuestion, question_id)
            if request.method == "POST":
                try:
                    said = qna.answer(q, current_user, request.form.get("body"))
                    flash(_("답변을 등록했습니다. ") + " ".join(said), "success")
                except RuleViolation as exc:
                    flash(str(exc), "error")
                return redirect(url_for(".question", question_id=q.id))
            lines = q.run.lines.all() if q.run else []
            return self.render("admin_addons/qna_detail.html", q=q, lines=lines,
                               files=support_files.files_of("question", q.id))

        @expose("/quotes")
        def quotes(self):
            rows = (db.session.query(QuoteRequest)
                    .order_by((QuoteRequest.state != "requested").asc(), QuoteRequest.created_at.desc()).limit(200).all())
            return self.render("admin_addons/quotes.html", rows=rows)

        @expose("/quotes/<int:quote_id>", methods=("POST",))
        def quote(self, quote_id):
            row = db.get_or_404(QuoteRequest, quote_id)
            try:
                quotes.move(row, current_user, "quote", amount=request.form.get("amount"),
                            note=request.form.get("note", ""))
                qna.notify(row.tenant_id, _("[견적] %(name)s", name=row.service.name),
                           _("요청하신 %(name)s 견적이 등록되었습니다. 부가서비스 > 견적요청목록에서 확인해 주세요.",
                             name=row.service.name))
                flash(_("견적을 등록했습니다."), "success")
            except RuleViolation as exc:
                flash(str(exc), "error")
            return redirect(url_for(".quotes"))

        @expose("/files/<int:file_id>")
        def file(self, file_id):
            from flask import send_file

            from models import SupportFile

            row = db.session.get(SupportFile, file_id)
            if row is None:
                abort(404)
            return send_file(support_files.path_of(row), mimetype=row.content_type, as_attachment=True,
                             download_name=row.filename)

    admin.add_view(NoticeView(SupportNotice, db, name=_l("공지사항"), endpoint="support_notices"))
    admin.add_view(DeskView(name=_l("1:1 QNA·견적"), endpoint="support_desk"))
    admin.add_view(QuoteServiceView(QuoteService, db, name=_l("견적 서비스"), endpoint="quote_services"))
    admin.add_view(InquiryBacklogView(Inquiry, db, name=_l("셀러 문의현황"), endpoint="inquiry_backlog"))


def _channel(code: str) -> str:
    from blueprints.orders.services.collection import channel_name

    return channel_name(code)

