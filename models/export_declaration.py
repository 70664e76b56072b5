"""수출신고 자료 edits of one shipment: what the seller typed over the SKU master, per shipment item."""
from portal.extensions import db

from .base import TenantOwned, TimestampMixin


class ExportDeclaration(TenantOwned, TimestampMixin, db.Model):
    """Per shipment item id (as text) the English item name, HS code and unit weight the seller set in
    상세정보 수정; a field not set here is read from the item's SKU. The recipient's kana and English
    name are edited on the shipment itself."""

    id = db.Column(db.Integer, primary_key=True)
    shipment_id = db.Column(db.Integer, db.ForeignKey("shipment.id", ondelete="CASCADE"), nullable=False,
                            unique=True)
    items = db.Column(db.JSON, nullable=False, default=dict)  # {"item id": {name_en, hs_code, weight_kg}}
    updated_by_id = db.Column(db.Integer, db.ForeignKey("user.id"))
