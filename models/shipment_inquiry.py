"""배송문의 threads between a seller and the forwarder (support staff), and the forwarder API keys."""
from portal.extensions import db
from portal.i18n import N_

from .base import TenantOwned, TimestampMixin, utcnow

INQUIRY_KINDS = {
    "inquiry": N_("배송문의"),
    "resend": N_("재발송요청"),
    "pickup": N_("택배회수요청"),
    "dispose": N_("폐기요청"),
    "return_kr": N_("한국반송요청"),
    "other": N_("기타"),
}
OPEN, ANSWERED, CLOSED = "open", "answered", "closed"
INQUIRY_STATUS_LABELS = {OPEN: N_("답변대기"), ANSWERED: N_("답변완료"), CLOSED: N_("종료")}
SELLER, SUPPORT = "seller", "support"


class ShipmentInquiry(TenantOwned, TimestampMixin, db.Model):
    """One 배송문의 about one shipment: a thread of messages, answered by support staff."""

    __table_args__ = (db.Index("ix_shipment_inquiry_tenant_status", "tenant_id", "status", "id"),)

    id = db.Column(db.Integer, primary_key=True)
    shipment_id = db.Column(db.Integer, db.ForeignKey("shipment.id", ondelete="CASCADE"), nullable=False,
                            index=True)
    kind = db.Column(db.String(10), nullable=False, default="inquiry")  # INQUIRY_KINDS
    title = db.Column(db.String(200), nullable=False, default="")
    status = db.Column(db.String(10), nullable=False, default=OPEN)  # INQUIRY_STATUS_LABELS
    created_by_id = db.Column(db.Integer, db.ForeignKey("user.id"))
    answered_at = db.Column(db.DateTime)  # last support answer
    closed_at = db.Column(db.DateTime)

    shipment = db.relationship("Shipment")
    messages = db.relationship("ShipmentInquiryMessage", back_populates="inquiry",
                               order_by="ShipmentInquiryMessage.id", cascade="all, delete-orphan")


class ShipmentInquiryMessage(TenantOwned, db.Model):
    """One message of a 배송문의 thread, by the seller or by support."""

    id = db.Column(db.Integer, primary_key=True)
    inquiry_id = db.Column(db.Integer, db.ForeignKey("shipment_inquiry.id", ondelete="CASCADE"), nullable=False,
                           index=True)
    side = db.Column(db.String(10), nullable=False)  # seller / support
    user_id = db.Column(db.Integer, db.ForeignKey("user.id"))
    body = db.Column(db.Text, nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    inquiry = db.relationship("ShipmentInquiry", back_populates="messages")
    user = db.relationship("User")


class ForwarderApiKey(TenantOwned, db.Model):
    """A seller's key for the forwarder JSON API (기본정보관리): shown once at creation, stored as a
    SHA-256 hash; `prefix` (its first characters) is all that is ever shown again."""

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(100), nullable=False)
    key_hash = db.Column(db.String(64), nullable=False, unique=True)  # sha256 hex of the whole key
    prefix = db.Column(db.String(12), nullable=False)  # shown in the list to tell keys apart
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    created_by_id = db.Column(db.Integer, db.ForeignKey("user.id"))
    revoked_at = db.Column(db.DateTime)  # revoked keys are refused
    revoked_by_id = db.Column(db.Integer, db.ForeignKey("user.id"))
    last_used_at = db.Column(db.DateTime)
    last_used_ip = db.Column(db.String(45), nullable=False, default="")
