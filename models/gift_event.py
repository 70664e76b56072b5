"""사은품/이벤트: gift events whose conditions pick shipments that receive a gift SKU.

Gifts themselves are SKUs (FulfilmentSku.is_gift); a gift given is a ShipmentItem with is_gift, channel
"gift" and, when an event gave it, gift_event_id.
"""
from portal.extensions import db

from .base import TenantOwned, TimestampMixin

BASIS_LINE, BASIS_CART = "line", "cart"
BASIS_LABELS = {BASIS_LINE: "주문(라인) 기준", BASIS_CART: "장바구니 기준"}


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
    limit_count = db.Column(db.Integer)  # 한정수량: shipments it may still give to; None = unlimited
    used_count = db.Column(db.Integer, nullable=False, default=0)  # shipments given to so far
    gift_sku_id = db.Column(db.Integer, db.ForeignKey("fulfilment_sku.id"), nullable=False)
    gift_quantity = db.Column(db.Integer, nullable=False, default=1)
    deleted_at = db.Column(db.DateTime)
    created_by_id = db.Column(db.Integer, db.ForeignKey("user.id"))
    updated_by_id = db.Column(db.Integer, db.ForeignKey("user.id"))

    gift_sku = db.relationship("FulfilmentSku")
