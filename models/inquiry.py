"""문의관리 rows: buyer inquiries with their answer outbox, 상용구, channel notices and the collection lease."""
from flask_babel import gettext as _

from portal.extensions import db
from portal.i18n import N_

from .base import TenantOwned, TimestampMixin, utcnow
from .order import trigram

# 처리상태 of an inquiry as the 문의사항 처리 list shows it.
UNANSWERED, SAVED, SENDING, SENT, FAILED, AMBIGUOUS = (
    "unanswered", "saved", "sending", "sent", "failed", "ambiguous")
STATE_LABELS = {UNANSWERED: N_("미답변"), SAVED: N_("답변저장"), SENDING: N_("전송중"), SENT: N_("전송완료"),
                FAILED: N_("전송실패"), AMBIGUOUS: N_("전송확인필요")}
NOTICE_STATE_LABELS = {"new": N_("미확인"), "checked": N_("확인"), "done": N_("처리완료")}
KIND_LABELS = {"product": N_("상품문의"), "order": N_("주문문의")}


class Inquiry(TenantOwned, TimestampMixin, db.Model):
    """One buyer question of a channel; (tenant, channel, channel inquiry id) is its identity."""

    __table_args__ = (
        db.UniqueConstraint("tenant_id", "channel", "channel_inquiry_id", name="uq_inquiry_channel_id"),
        # The list's period scans and its 처리상태 counts read the index alone on PostgreSQL.
        db.Index("ix_inquiry_list", "tenant_id", "asked_at", "id",
                 postgresql_include=["state", "kind", "account_id", "channel"]),
        db.Index("ix_inquiry_state", "tenant_id", "state", "asked_at"),
        db.Index("ix_inquiry_account", "tenant_id", "account_id", "asked_at", postgresql_include=["state", "kind"]),
        *(db.Index(f"ix_inquiry_{column}_trgm", column, **trigram(column))  # contains-searches
          for column in ("title", "question", "product_name", "writer")),
    )

    id = db.Column(db.Integer, primary_key=True)
    # Every list index starts with tenant_id; one on tenant_id alone only misleads the planner.
    tenant_id = db.Column(db.Integer, db.ForeignKey("tenant.id"), nullable=False)
    account_id = db.Column(db.Integer, db.ForeignKey("channel_account.id"), nullable=False, index=True)
    channel = db.Column(db.String(30), nullable=False)
    channel_inquiry_id = db.Column(db.String(80), nullable=False)
    kind = db.Column(db.String(20), nullable=False, default="product")  # product / order
    category = db.Column(db.String(40), nullable=False, default="")  # the channel's own 문의유형 words
    title = db.Column(db.String(300), nullable=False, default="")
    question = db.Column(db.Text, nullable=False, default="")
    asked_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    writer = db.Column(db.String(60), nullable=False, default="")  # masked by the channel
    channel_product_id = db.Column(db.String(60), nullable=False, default="")
    channel_order_id = db.Column(db.String(60), nullable=False, default="")
    product_name = db.Column(db.String(300), nullable=False, default="")
    channel_answer = db.Column(db.Text, nullable=False, default="")  # the answer the channel shows
    channel_answered = db.Column(db.Boolean, nullable=False, default=False)
    answer = db.Column(db.Text, nullable=False, default="")  # the seller's saved answer
    state = db.Column(db.String(20), nullable=False, default=UNANSWERED)
    message = db.Column(db.String(500), nullable=False, default="")  # last send result
    answered_by_id = db.Column(db.Integer, db.ForeignKey("user.id"))
    collected_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    account = db.relationship("ChannelAccount")
    outbox = db.relationship("AnswerOutbox", uselist=False, back_populates="inquiry")

    @property
    def state_label(self) -> str:
        return _(STATE_LABELS.get(self.state, self.state))

    @property
    def kind_label(self) -> str:
        return _(KIND_LABELS.get(self.kind, self.kind))


class AnswerOutbox(TenantOwned, TimestampMixin, db.Model):
    """The answer to post for one inquiry: pending → sending → sent / failed / ambiguous, never twice."""

    id = db.Column(db.Integer, primary_key=True)
    inquiry_id = db.Column(db.Integer, db.ForeignKey("inquiry.id"), nullable=False, unique=True)
    text = db.Column(db.Text, nullable=False)
    state = db.Column(db.String(20), nullable=False, default="pending", index=True)
    attempts = db.Column(db.Integer, nullable=False, default=0)
    run_id = db.Column(db.Integer, db.ForeignKey("job_run.id"))
    message = db.Column(db.String(500), nullable=False, default="")
    sent_at = db.Column(db.DateTime)

    inquiry = db.relationship("Inquiry", back_populates="outbox")


class AnswerTemplate(TenantOwned, TimestampMixin, db.Model):
    """상용구: a seller's reusable answer with {구매자명} {상품명} {주문번호} variables."""

    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(100), nullable=False)
    body = db.Column(db.Text, nullable=False)


class ChannelNotice(TenantOwned, TimestampMixin, db.Model):
    """A channel's notice to the seller: 제휴몰 공지사항 (kind notice) or 긴급알리미 (kind urgent)."""

    __table_args__ = (
        db.UniqueConstraint("account_id", "kind", "channel_notice_id", name="uq_channel_notice"),
        db.Index("ix_channel_notice_list", "tenant_id", "kind", "posted_at"),
    )

    id = db.Column(db.Integer, primary_key=True)
    account_id = db.Column(db.Integer, db.ForeignKey("channel_account.id"), nullable=False)
    channel = db.Column(db.String(30), nullable=False)
    kind = db.Column(db.String(10), nullable=False, default="notice")  # notice / urgent
    channel_notice_id = db.Column(db.String(80), nullable=False)
    title = db.Column(db.String(300), nullable=False, default="")
    body = db.Column(db.Text, nullable=False, default="")
    posted_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    state = db.Column(db.String(10), nullable=False, default="new")  # new / checked / done
    handled_by_id = db.Column(db.Integer, db.ForeignKey("user.id"))
    handled_at = db.Column(db.DateTime)

    account = db.relationship("ChannelAccount")
    handled_by = db.relationship("User")

    @property
    def state_label(self) -> str:
        return _(NOTICE_STATE_LABELS.get(self.state, self.state))


class InquirySync(TenantOwned, db.Model):
    """Per channel account: the 상담내역 collection lease, how far it got and its last result."""

    id = db.Column(db.Integer, primary_key=True)
    account_id = db.Column(db.Integer, db.ForeignKey("channel_account.id"), nullable=False, unique=True)
    locked_until = db.Column(db.DateTime)
    locked_by = db.Column(db.Integer)  # JobRun id holding the lease
    inquiries_until = db.Column(db.DateTime)
    last_at = db.Column(db.DateTime)
    ok = db.Column(db.Boolean)
    message = db.Column(db.String(500), nullable=False, default="")
    notices_at = db.Column(db.DateTime)
    notices_ok = db.Column(db.Boolean)
    notices_message = db.Column(db.String(500), nullable=False, default="")
