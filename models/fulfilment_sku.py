"""SKU master of 배송관리 (단일상품관리 / 조합형상품관리) and the remembered code → SKU matches.

A SKU is what is picked and packed: its code is what sellers write into the channel's option / seller
code so orders match it; its 한글 name is what the picking list shows; its English names, weight and HS
code go into the 수출신고 data. A combination SKU (조합형) is a set of single SKUs × quantities.
A SKU may name one of our products / option combinations so that a shipment moves that stock once.
"""
from portal.extensions import db
from portal.i18n import N_

from .base import TenantOwned, TimestampMixin

SINGLE, COMBO = "single", "combo"
KIND_LABELS = {SINGLE: N_("단일상품"), COMBO: N_("조합형상품")}
CODE_PATTERN = r"^[A-Za-z0-9_-]+$"  # SKU code: letters, digits, "-" and "_" only

LIVE = db.text("deleted_at IS NULL")


class FulfilmentSku(TenantOwned, TimestampMixin, db.Model):
    """One SKU (단일 or 조합형) of a seller. `code_key` is the lower-cased code: codes are unique per
    seller case-insensitively, and orders match them case-insensitively."""

    __table_args__ = (
        db.UniqueConstraint("tenant_id", "code_key", name="uq_fulfilment_sku_code"),
        db.Index("ix_fulfilment_sku_list", "tenant_id", "kind", "id", postgresql_where=LIVE, sqlite_where=LIVE),
        db.Index("ix_fulfilment_sku_barcode", "tenant_id", "barcode"),
    )

    id = db.Column(db.Integer, primary_key=True)
    kind = db.Column(db.String(10), nullable=False, default=SINGLE)  # single / combo (KIND_LABELS)
    code = db.Column(db.String(60), nullable=False)  # SKU as written (CODE_PATTERN)
    code_key = db.Column(db.String(60), nullable=False)  # code.lower()
    name = db.Column(db.String(200), nullable=False)  # 상품명(Pick&Packing): 한글 picking name
    name_en = db.Column(db.String(200), nullable=False, default="")  # 영문상품명 (labels, 수출신고)
    customs_name_en = db.Column(db.String(200), nullable=False, default="")  # 수출통관용(영문), e.g. SKIN CARE
    brand = db.Column(db.String(100), nullable=False, default="")
    barcode = db.Column(db.String(40), nullable=False, default="")  # EAN / JAN printed on the product
    weight_kg = db.Column(db.Numeric(9, 3))  # unit weight (수출신고, label)
    hs_code = db.Column(db.String(12), nullable=False, default="")  # HS code (수출신고)
    origin = db.Column(db.String(2), nullable=False, default="KR")  # 원산지 ISO code (수출신고)
    location = db.Column(db.String(50), nullable=False, default="")  # 로케이션 for picking (e.g. A17-A1)
    image = db.Column(db.String(60), nullable=False, default="")  # stored image name, if any
    memo = db.Column(db.String(300), nullable=False, default="")
    is_gift = db.Column(db.Boolean, nullable=False, default=False)  # offered in 사은품관리
    # Our own product (and 조합형 option) this SKU is: 입고/출고 move that stock once.
    product_id = db.Column(db.Integer, db.ForeignKey("product.id", ondelete="SET NULL"))
    option_id = db.Column(db.Integer, db.ForeignKey("product_option.id", ondelete="SET NULL"))
    deleted_at = db.Column(db.DateTime)  # 선택 삭제 (orders keep their items; matching skips it)
    created_by_id = db.Column(db.Integer, db.ForeignKey("user.id"))
    updated_by_id = db.Column(db.Integer, db.ForeignKey("user.id"))

    components = db.relationship("FulfilmentSkuComponent", foreign_keys="FulfilmentSkuComponent.combo_id",
                                 back_populates="combo", order_by="FulfilmentSkuComponent.id",
                                 cascade="all, delete-orphan")
    product = db.relationship("Product")
    product_option = db.relationship("ProductOption")


class FulfilmentSkuComponent(TenantOwned, db.Model):
    """One part of a combination SKU: a single SKU × quantity."""

    __table_args__ = (db.UniqueConstraint("combo_id", "sku_id", name="uq_fulfilment_sku_component"),)

    id = db.Column(db.Integer, primary_key=True)
    combo_id = db.Column(db.Integer, db.ForeignKey("fulfilment_sku.id", ondelete="CASCADE"), nullable=False)
    sku_id = db.Column(db.Integer, db.ForeignKey("fulfilment_sku.id"), nullable=False, index=True)  # a single
    quantity = db.Column(db.Integer, nullable=False, default=1)

    combo = db.relationship("FulfilmentSku", foreign_keys=[combo_id], back_populates="components")
    sku = db.relationship("FulfilmentSku", foreign_keys=[sku_id])


class SkuMatch(TenantOwned, TimestampMixin, db.Model):
    """A channel's code the seller matched once to a SKU (미매칭 목록), used for every later order:
    (channel, code_key = lower-cased code) → SKU."""

    __table_args__ = (db.UniqueConstraint("tenant_id", "channel", "code_key", name="uq_sku_match"),)

    id = db.Column(db.Integer, primary_key=True)
    channel = db.Column(db.String(50), nullable=False)  # 마켓 the code belongs to
    code = db.Column(db.String(220), nullable=False)  # as the order wrote it
    code_key = db.Column(db.String(220), nullable=False)  # code.strip().lower()
    sku_id = db.Column(db.Integer, db.ForeignKey("fulfilment_sku.id", ondelete="CASCADE"), nullable=False)
    created_by_id = db.Column(db.Integer, db.ForeignKey("user.id"))

    sku = db.relationship("FulfilmentSku")
