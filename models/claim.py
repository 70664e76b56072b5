"""Collected claims (취소/반품/교환): one row per channel claim, with the seller's memo and last send."""
from portal.extensions import db

from .base import TenantOwned, TimestampMixin

KIND_LABELS = {"CANCEL": "취소", "RETURN": "반품", "EXCHANGE": "교환"}


class OrderClaim(TenantOwned, TimestampMixin, db.Model):
    __table_args__ = (db.UniqueConstraint("account_id", "channel_claim_id", name="uq_order_claim"),)

    id = db.Column(db.Integer, primary_key=True)
    account_id = db.Column(db.Integer, db.ForeignKey("channel_account.id"), nullable=False, index=True)
    channel = db.Column(db.String(40), nullable=False)
    channel_claim_id = db.Column(db.String(60), nullable=False)
    kind = db.Column(db.String(20), nullable=False)  # CANCEL / RETURN / EXCHANGE
    status = db.Column(db.String(30), nullable=False, index=True)  # OrderStatus name
    raw_status = db.Column(db.String(60), nullable=False, default="")
    channel_order_id = db.Column(db.String(60), nullable=False)
    channel_line_id = db.Column(db.String(60), nullable=False)
    line_id = db.Column(db.Integer, db.ForeignKey("channel_order_line.id"), index=True)
    reason = db.Column(db.String(200), nullable=False, default="")
    detail = db.Column(db.String(1000), nullable=False, default="")
    memo = db.Column(db.String(1000), nullable=False, default="")  # 문의/메모, the seller's own note
    quantity = db.Column(db.Integer, nullable=False, default=1)
    requested_at = db.Column(db.DateTime, index=True)
    extra_json = db.Column(db.Text, nullable=False, default="{}")
    # A state change sent to the channel: "" / sending / done / failed / ambiguous.
    send_state = db.Column(db.String(20), nullable=False, default="")
    send_target = db.Column(db.String(30), nullable=False, default="")  # the status asked for
    send_message = db.Column(db.String(500), nullable=False, default="")

    account = db.relationship("ChannelAccount")
    line = db.relationship("ChannelOrderLine")

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)
