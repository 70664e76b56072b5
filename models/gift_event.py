"""사은품/이벤트: gift events whose conditions pick shipments that receive a set of gift SKUs, and gifts
uploaded for 대기목록 carts before 배송접수.

Gifts themselves are SKUs (FulfilmentSku.is_gift); a gift given is a ShipmentItem with is_gift, channel
"gift" and, when an event gave it, gift_event_id.
"""
from portal.extensions import db
from portal.i18n import N_

from .base import TenantOwned, TimestampMixin, utcnow

BASIS_LINE, BASIS_CART = "line", "cart"
BASIS_LABELS = {BASIS_LINE: N_("주문(라인) 기준"), BASIS_CART: N_("장바구니 기준")}


class GiftEvent(TenantOwned, TimestampMixin, db.Model):
    """One event: every condition left empty matches everything; all set conditions must hold."""

    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(100), nullable=False)
    active = db.Column(db.Boolean, nullable=False, default=True)
    basis = db.Column(db.String(10), nullable=False, default=BASIS_LINE)  # amounts/quantities per line or cart
    starts_on = db.Column(db.Date)  # order date range (KST), inclusive
    ends_on = db.Column(db.Date)
    channels = db.Column(db.JSON, nullable=False, default=list)  # 마켓 codes; [] = all
    amount_min = db.Column(db.Numeric(14, 2))  # amount range, in `currency`
    amount_max = db.Column(db.Numeric(14, 2))
    currency = db.Column(db.String(3), nullable=False, default="")  # "" = any currency
    product_codes = db.Column(db.JSON, nullable=False, default=list)  # codes / SKUs the order must contain
    quantity_min = db.Column(db.Integer)  # ordered quantity range
    quantity_max = db.Column(db.Integer)
    proportional = db.Column(db.Boolean, nullable=False, default=False)  # gift qty × (ordered qty // per_quantity)
    per_quantity = db.Column(db.Integer, nullable=False, default=1)  # ordered units per proportional step
    deleted_at = db.Column(db.DateTime)
    created_by_id = db.Column(db.Integer, db.ForeignKey("user.id"))
    updated_by_id = db.Column(db.Integer, db.ForeignKey("user.id"))

    gifts = db.relationship("GiftEventGift", back_populates="event", order_by="GiftEventGift.id",
                            cascade="all, delete-orphan")


class GiftEventGift(TenantOwned, db.Model):
    """One gift of an event: a gift SKU × the quantity each matching order (or cart) receives, with its own
    한정 수량 (the manual's Gift Item List: 개수 · 제한/무제한 · 제한 개수 · 현재 적용개수, per gift): at most
    `limit_count` pieces of this gift are given by the event, first come first served."""

    __table_args__ = (db.UniqueConstraint("event_id", "sku_id", name="uq_gift_event_gift"),)

    id = db.Column(db.Integer, primary_key=True)
    event_id = db.Column(db.Integer, db.ForeignKey("gift_event.id", ondelete="CASCADE"), nullable=False, index=True)
    sku_id = db.Column(db.Integer, db.ForeignKey("fulfilment_sku.id"), nullable=False)
    quantity = db.Column(db.Integer, nullable=False, default=1)  # per matching unit (× steps when proportional)
    limit_count = db.Column(db.Integer)  # 제한 개수: pieces of this gift the event may give in all; None = 무제한
    used_count = db.Column(db.Integer, nullable=False, default=0, server_default="0")  # 현재 적용개수: pieces given

    @property
    def room(self) -> int | None:
        """Pieces still to give under the limit (None: unlimited)."""
        return None if self.limit_count is None else max(self.limit_count - (self.used_count or 0), 0)

    event = db.relationship("GiftEvent", back_populates="gifts")
    sku = db.relationship("FulfilmentSku")


class WaitingGift(TenantOwned, db.Model):
    """A gift added to a 대기목록 cart before 배송접수 (사은품 엑셀 업로드, 장바구니번호 기준): it rides with the
    waiting line it was matched to (so a merge or split of carts takes it along) and becomes a gift row of
    that line's shipment at 배송접수, once (`shipment_id` set then)."""

    __table_args__ = (db.UniqueConstraint("order_id", "sku_id", name="uq_waiting_gift"),)

    id = db.Column(db.Integer, primary_key=True)
    order_id = db.Column(db.Integer, db.ForeignKey("fulfilment_order.id", ondelete="CASCADE"), nullable=False,
                         index=True)  # the cart's first waiting line when uploaded
    cart_no = db.Column(db.String(80), nullable=False)  # 장바구니번호 (or 주문번호) as the sheet wrote it
    sku_id = db.Column(db.Integer, db.ForeignKey("fulfilment_sku.id"), nullable=False)
    quantity = db.Column(db.Integer, nullable=False)
    unit_price = db.Column(db.Numeric(14, 2))  # 금액(단가) of the sheet, if given
    shipment_id = db.Column(db.Integer, db.ForeignKey("shipment.id", ondelete="SET NULL"))  # given at 배송접수
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    created_by_id = db.Column(db.Integer, db.ForeignKey("user.id"))

    sku = db.relationship("FulfilmentSku")
    order = db.relationship("FulfilmentOrder")
