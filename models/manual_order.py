"""Manual orders (수기주문) of 배송관리: orders typed in or uploaded from Excel, and column-mapping profiles."""
from portal.extensions import db

from .base import TenantOwned, TimestampMixin


class ManualOrder(TenantOwned, TimestampMixin, db.Model):
    """One order. An upload writes these by the thousand, so per row the table checks only what can go
    wrong: the unique order number per seller and channel, whose key (tenant first) also serves every
    tenant-scoped read. The tenant is the signed-in seller's (or the upload run's, which keys to it) and
    the run is the job writing the row; neither is ever deleted, so they keep no foreign key."""

    __table_args__ = (db.UniqueConstraint("tenant_id", "platform", "order_no", name="uq_manual_order_no"),)

    tenant_id = db.Column(db.Integer, nullable=False)  # no FK, no index of its own: see above
    id = db.Column(db.Integer, primary_key=True)
    brand = db.Column(db.String(50), nullable=False, default="")
    platform = db.Column(db.String(50), nullable=False)  # 판매 플랫폼
    country = db.Column(db.String(2), nullable=False, default="KR")  # 도착국가
    product_url = db.Column(db.String(500), nullable=False, default="")
    order_no = db.Column(db.String(60), nullable=False)
    recipient_name = db.Column(db.String(20), nullable=False)
    recipient_phone = db.Column(db.String(15), nullable=False)
    zip_code = db.Column(db.String(10), nullable=False)
    address = db.Column(db.String(300), nullable=False)
    address_detail = db.Column(db.String(200), nullable=False, default="")
    message = db.Column(db.String(300), nullable=False, default="")
    order_amount = db.Column(db.Numeric(14, 2))  # in `currency`, decimals kept (never cut to integers)
    paid_amount = db.Column(db.Numeric(14, 2))
    total_paid = db.Column(db.Numeric(14, 2))  # the file's total, else the sum of the lines' amounts
    currency = db.Column(db.String(3), nullable=False, default="", server_default="")  # "" = KRW (before)
    order_date = db.Column(db.DateTime)  # when the buyer ordered, as the channel's file says
    buyer_name = db.Column(db.String(50), nullable=False, default="", server_default="")
    source = db.Column(db.String(10), nullable=False, default="form")  # form / excel
    run_id = db.Column(db.Integer)  # the upload's JobRun (no FK: see above)
    canceled_at = db.Column(db.DateTime)  # 강제취소: irreversible
    canceled_by_id = db.Column(db.Integer, db.ForeignKey("user.id"))

    lines = db.relationship("ManualOrderLine", back_populates="order", order_by="ManualOrderLine.id",
                            primaryjoin="ManualOrder.id == foreign(ManualOrderLine.order_id)",
                            cascade="all, delete-orphan")


class ManualOrderLine(TenantOwned, db.Model):
    """One SKU of a manual order. An upload writes these by the hundred thousand, so no column is checked
    per row: the order and the 조합형 combination the line names are kept by triggers instead of foreign
    keys (models.cascades: the lines go with their order, the combination becomes NULL when the
    product's options are edited away). The tenant is the order's, and products are only ever
    soft-deleted; lines are always reached through their order."""

    __table_args__ = (db.Index("ix_manual_order_line_option_id", "option_id",
                               sqlite_where=db.text("option_id IS NOT NULL"),
                               postgresql_where=db.text("option_id IS NOT NULL")),)

    tenant_id = db.Column(db.Integer, nullable=False)  # the order's tenant (no FK, no index: see above)
    id = db.Column(db.Integer, primary_key=True)
    order_id = db.Column(db.Integer, nullable=False, index=True)
    sku = db.Column(db.String(220), nullable=False)  # as the seller wrote it: 자체상품코드 or 상품코드[:옵션값]
    quantity = db.Column(db.Integer, nullable=False)
    product_id = db.Column(db.Integer)  # the seller's product the SKU names (none on lines from before)
    option_id = db.Column(db.Integer)
    product_name = db.Column(db.String(300), nullable=False, default="", server_default="")  # as the buyer saw it
    option_name = db.Column(db.String(300), nullable=False, default="", server_default="")
    # The channel's own number of this line (스마트스토어 상품주문번호, Amazon order-item-id, 11번가 주문순번):
    # the 송장 file back to the channel names the line by it.
    channel_line_no = db.Column(db.String(60), nullable=False, default="", server_default="")
    unit_price = db.Column(db.Numeric(14, 2))  # in the order's currency
    line_amount = db.Column(db.Numeric(14, 2))  # the channel's line amount, else unit price × quantity

    order = db.relationship("ManualOrder", back_populates="lines",
                            primaryjoin="ManualOrder.id == foreign(ManualOrderLine.order_id)")
    product = db.relationship("Product", primaryjoin="foreign(ManualOrderLine.product_id) == Product.id",
                              viewonly=True)
    option = db.relationship("ProductOption",
                             primaryjoin="foreign(ManualOrderLine.option_id) == ProductOption.id")


class ImportProfile(TenantOwned, TimestampMixin, db.Model):
    """주문서 매칭: which column of a sales channel's order sheet holds which field; saved once, reused."""

    __table_args__ = (db.UniqueConstraint("tenant_id", "platform", name="uq_import_profile"),)

    id = db.Column(db.Integer, primary_key=True)
    platform = db.Column(db.String(50), nullable=False)
    header_row = db.Column(db.Integer, nullable=False, default=1)
    mapping_json = db.Column(db.Text, nullable=False, default="{}")  # field -> column header text


class SkuMapping(TenantOwned, TimestampMixin, db.Model):
    """A channel's product or option code → the seller's product (and 조합형 option): learned from a
    collected order or listing, or from the seller's pick, and remembered. Codes compare case-insensitively
    (`code_key` is the lower-cased code) and may be longer than our 자체상품코드."""

    __table_args__ = (db.UniqueConstraint("tenant_id", "channel", "code_key", name="uq_sku_mapping"),)

    id = db.Column(db.Integer, primary_key=True)
    channel = db.Column(db.String(50), nullable=False)  # the 판매 플랫폼 the code belongs to
    code = db.Column(db.String(200), nullable=False)  # as the channel writes it
    code_key = db.Column(db.String(200), nullable=False)
    product_id = db.Column(db.Integer, db.ForeignKey("product.id", ondelete="CASCADE"), nullable=False)
    option_id = db.Column(db.Integer, db.ForeignKey("product_option.id", ondelete="CASCADE"))
    learned_from = db.Column(db.String(10), nullable=False, default="pick")  # pick / order / listing
    product_url = db.Column(db.String(500), nullable=False, default="", server_default="")  # the channel's item page
