"""부가서비스 rows: support notices and read marks, the 1:1 QNA board, attachments and quote requests."""
from flask_babel import gettext as _

from portal.extensions import db
from portal.i18n import N_

from .base import TenantOwned, TimestampMixin, utcnow

QNA_LABELS = {"waiting": N_("답변대기"), "answered": N_("답변완료")}
QUOTE_LABELS = {"requested": N_("견적요청"), "quoted": N_("견적완료"), "accepted": N_("수락"), "declined": N_("거절"),
                "canceled": N_("요청취소")}


class SupportNotice(TimestampMixin, db.Model):
    """공지사항 written by support staff for every seller; body is sanitised HTML."""

    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200), nullable=False)
    body_html = db.Column(db.Text, nullable=False, default="")
    pinned = db.Column(db.Boolean, nullable=False, default=False)
    visible_from = db.Column(db.DateTime)
    visible_to = db.Column(db.DateTime)
    author_id = db.Column(db.Integer, db.ForeignKey("user.id"))

    author = db.relationship("User")

    def __str__(self):
        return self.title


class NoticeRead(db.Model):
    """A user has opened a 공지사항: the unread marks and the count in the navigation."""

    __table_args__ = (db.UniqueConstraint("user_id", "notice_id", name="uq_notice_read"),)

    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("user.id"), nullable=False)
    notice_id = db.Column(db.Integer, db.ForeignKey("support_notice.id", ondelete="CASCADE"), nullable=False)
    read_at = db.Column(db.DateTime, nullable=False, default=utcnow)


class SupportQuestion(TenantOwned, TimestampMixin, db.Model):
    """1:1 QNA게시판: a seller's question to the support center, optionally about a job, order or product."""

    __table_args__ = (db.Index("ix_support_question_list", "tenant_id", "created_at"),)

    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200), nullable=False)
    body = db.Column(db.Text, nullable=False)
    author_id = db.Column(db.Integer, db.ForeignKey("user.id"), nullable=False)
    run_id = db.Column(db.Integer, db.ForeignKey("job_run.id"))  # the failed job it is about
    link_kind = db.Column(db.String(20), nullable=False, default="")  # order / product
    link_id = db.Column(db.Integer)
    state = db.Column(db.String(20), nullable=False, default="waiting", index=True)
    answered_at = db.Column(db.DateTime)

    author = db.relationship("User")
    tenant = db.relationship("Tenant")
    run = db.relationship("JobRun")
    replies = db.relationship("SupportReply", order_by="SupportReply.id", back_populates="question")

    @property
    def state_label(self) -> str:
        return _(QNA_LABELS.get(self.state, self.state))

    def __str__(self):
        return self.title


class SupportReply(TimestampMixin, db.Model):
    """One message of a 1:1 QNA thread: a support answer or the seller's follow-up."""

    id = db.Column(db.Integer, primary_key=True)
    question_id = db.Column(db.Integer, db.ForeignKey("support_question.id"), nullable=False, index=True)
    author_id = db.Column(db.Integer, db.ForeignKey("user.id"), nullable=False)
    from_support = db.Column(db.Boolean, nullable=False, default=False)
    body = db.Column(db.Text, nullable=False)

    question = db.relationship("SupportQuestion", back_populates="replies")
    author = db.relationship("User")


class SupportFile(TimestampMixin, db.Model):
    """An attachment of a 1:1 question (tenant set) or a 공지사항 (tenant empty: every seller may read it)."""

    id = db.Column(db.Integer, primary_key=True)
    tenant_id = db.Column(db.Integer, db.ForeignKey("tenant.id"), index=True)
    owner_kind = db.Column(db.String(20), nullable=False)  # question / notice
    owner_id = db.Column(db.Integer, nullable=False)
    filename = db.Column(db.String(200), nullable=False)
    stored_name = db.Column(db.String(100), nullable=False, unique=True)
    content_type = db.Column(db.String(100), nullable=False, default="application/octet-stream")
    size = db.Column(db.Integer, nullable=False, default=0)

    __table_args__ = (db.Index("ix_support_file_owner", "owner_kind", "owner_id"),)


class QuoteService(TimestampMixin, db.Model):
    """A paid support service sellers may ask a quote for (데이터이전 대행, 상품등록 대행, 촬영 …)."""

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(100), nullable=False, unique=True)
    description = db.Column(db.String(500), nullable=False, default="")
    active = db.Column(db.Boolean, nullable=False, default=True)

    def __str__(self):
        return self.name


class QuoteRequest(TenantOwned, TimestampMixin, db.Model):
    """견적요청: requested → quoted (amount, note) → accepted / declined; every change kept in QuoteEvent."""

    id = db.Column(db.Integer, primary_key=True)
    service_id = db.Column(db.Integer, db.ForeignKey("quote_service.id"), nullable=False)
    content = db.Column(db.Text, nullable=False)
    author_id = db.Column(db.Integer, db.ForeignKey("user.id"), nullable=False)
    state = db.Column(db.String(20), nullable=False, default="requested", index=True)
    amount = db.Column(db.Integer)
    note = db.Column(db.Text, nullable=False, default="")

    service = db.relationship("QuoteService")
    tenant = db.relationship("Tenant")
    author = db.relationship("User")
    events = db.relationship("QuoteEvent", order_by="QuoteEvent.id")

    @property
    def state_label(self) -> str:
        return _(QUOTE_LABELS.get(self.state, self.state))

    def __str__(self):
        return f"{self.service.name if self.service else ''} #{self.id}"


class QuoteEvent(db.Model):
    """History of a 견적요청: who moved it to which state, with the message."""

    id = db.Column(db.Integer, primary_key=True)
    request_id = db.Column(db.Integer, db.ForeignKey("quote_request.id"), nullable=False, index=True)
    at = db.Column(db.DateTime, nullable=False, default=utcnow)
    actor_id = db.Column(db.Integer, db.ForeignKey("user.id"))
    state = db.Column(db.String(20), nullable=False)
    message = db.Column(db.String(500), nullable=False, default="")

    actor = db.relationship("User")

    @property
    def state_label(self) -> str:
        return _(QUOTE_LABELS.get(self.state, self.state))
