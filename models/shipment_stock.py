"""재고 이동 of 배송관리: the product stock a shipment's items took or gave back through the SKU master's links.

A single SKU linked to one of our products (or a 조합형 option of it) moves that stock when a shipment
carrying it is received (배송접수) and gives it back when the shipment, or the order inside it, is deleted;
a combination SKU moves each of its components'. One row is one such change; a shipment's rows summed per
(item, product, option) are what it holds now, so settling it again moves only the difference.
An order line that already took its product's stock when it was collected or typed (주문관리) moves nothing here.
"""
from portal.extensions import db

from .base import TenantOwned, utcnow


class ShipmentStockMove(TenantOwned, db.Model):
    """One stock change by one shipment item: `change` < 0 took stock, > 0 gave it back."""

    __table_args__ = (db.Index("ix_shipment_stock_move_shipment", "shipment_id", "item_id"),)

    id = db.Column(db.Integer, primary_key=True)
    shipment_id = db.Column(db.Integer, db.ForeignKey("shipment.id", ondelete="CASCADE"), nullable=False)
    item_id = db.Column(db.Integer, db.ForeignKey("shipment_item.id", ondelete="SET NULL"))  # NULL: item removed
    sku_id = db.Column(db.Integer)  # the single SKU whose link moved (a combination's component); no key
    product_id = db.Column(db.Integer, nullable=False)  # no key: the record outlives the product
    option_id = db.Column(db.Integer)  # the 조합형 option, NULL for a product without options
    change = db.Column(db.Integer, nullable=False)
    at = db.Column(db.DateTime, nullable=False, default=utcnow)
    user_id = db.Column(db.Integer)  # no key: the record outlives the account
