"""Collected claims (취소/반품/교환): one row per channel claim, with the seller's memo and last send."""
from flask_babel import gettext as _

from portal.extensions import db
from portal.i18n import N_

from .base import TenantOwned, TimestampMixin

KIND_LABELS = {"CANCEL": N_("취소"), "RETURN": N_("반품"), "EXCHANGE": N_("교환")}
# Claim reason codes the channels send (스마트스토어's ClaimRequestReasonType and the like) in the
# words of their seller centres; a reason the channel already writes in Korean is shown as is.
REASON_LABELS = {
    "INTENT_CHANGED": N_("구매 의사 취소"), "COLOR_AND_SIZE": N_("색상 및 사이즈 변경"), "WRONG_ORDER": N_("다른 상품 잘못 주문"),
    "PRODUCT_UNSATISFIED": N_("서비스 및 상품 불만족"), "DELAYED_DELIVERY": N_("배송 지연"), "SOLD_OUT": N_("상품 품절"),
    "DROPPED_DELIVERY": N_("배송 누락"), "BROKEN": N_("상품 파손"), "INCORRECT_INFO": N_("상품 정보 상이"),
    "WRONG_DELIVERY": N_("오배송"), "WRONG_OPTION": N_("색상 등이 다른 상품을 잘못 배송"), "WRONG_SIZE": N_("사이즈가 맞지 않음"),
    "DAMAGED": N_("상품 파손"), "DEFECTIVE": N_("상품 불량"), "SIMPLE_INTENT_CHANGED": N_("단순 변심"),
    "MISTAKE_ORDER": N_("주문 실수"), "NOT_YET_DELIVERY": N_("미배송"), "ETC": N_("기타"),
}


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
    product_name = db.Column(db.String(300), nullable=False, default="", server_default="")

    account = db.relationship("ChannelAccount")
    line = db.relationship("ChannelOrderLine")

    @property
    def kind_label(self) -> str:
        return _(KIND_LABELS.get(self.kind, self.kind))

    @property
    def reason_label(self) -> str:
        return _(REASON_LABELS.get(self.reason.strip().upper(), self.reason))

    @property
    def product_label(self) -> str:
        """The collected line's 상품명, else the one the claim list gave."""
        return self.line.product_name if self.line else self.product_name
