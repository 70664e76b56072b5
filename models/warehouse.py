"""창고관리 (Rocket3PL): warehouse items, inbound and outbound requests, the stock ledger."""
from portal.extensions import db

from .base import TenantOwned, TimestampMixin, utcnow
from .order import trigram

# 입고신청 states (the manual's tabs) and the warehouse's refusal.
IN_WAITING, IN_PARTIAL, IN_DONE, IN_REFUSED = "waiting", "partial", "done", "refused"
# 출고신청 states: requested → picking → shipped; cancelled before picking; refused by the warehouse.
OUT_REQUESTED, OUT_PICKING, OUT_SHIPPED, OUT_CANCELLED, OUT_REFUSED = (
    "requested", "picking", "shipped", "cancelled", "refused")
PARCEL, MILKRUN = "parcel", "milkrun"
ITEM_ACTIVE, ITEM_REFUSED = "active", "refused"
# 재고부족상품보기: the few items at or below their own threshold, found without reading the rest.
LOW = db.text("low_threshold IS NOT NULL AND available <= low_threshold")


class WarehouseItem(TenantOwned, TimestampMixin, db.Model):
    """상품정보: one barcode (FNSKU) kept in one 입고창고, with its 가용재고."""

    __table_args__ = (
        db.UniqueConstraint("tenant_id", "fnsku", name="uq_warehouse_item_fnsku"),
        db.Index("ix_warehouse_item_list", "tenant_id", "status", "id"),
        db.Index("ix_warehouse_item_low", "tenant_id", "status", "id", postgresql_where=LOW, sqlite_where=LOW),
        db.Index("ix_warehouse_item_name_zh_trgm", "name_zh", **trigram("name_zh")),  # 중문상품명 search
        db.Index("ix_warehouse_item_seller_sku_trgm", "seller_sku", **trigram("seller_sku")),
        db.CheckConstraint("available >= 0", name="ck_warehouse_item_available"),
    )

    id = db.Column(db.Integer, primary_key=True)
    status = db.Column(db.String(10), nullable=False, default=ITEM_ACTIVE)
    refused_reason = db.Column(db.String(200), nullable=False, default="")
    fnsku = db.Column(db.String(40), nullable=False)  # Fnsku / 바코드
    warehouse = db.Column(db.String(20), nullable=False)  # 입고창고 code
    owner_name = db.Column(db.String(50), nullable=False)  # 화주
    seller_sku = db.Column(db.String(50), nullable=False)
    platform_sku = db.Column(db.String(60), nullable=False, default="")
    name_zh = db.Column(db.String(200), nullable=False)
    name_en = db.Column(db.String(200), nullable=False)
    name_ko = db.Column(db.String(200), nullable=False, default="")
    origin = db.Column(db.String(50), nullable=False, default="")
    customs_value = db.Column(db.Numeric(12, 2), nullable=False)  # 세관신고가격
    currency = db.Column(db.String(3), nullable=False, default="USD")
    hs_code = db.Column(db.String(12), nullable=False, default="")
    option = db.Column(db.String(200), nullable=False, default="")
    url = db.Column(db.String(500), nullable=False, default="")
    color = db.Column(db.String(50), nullable=False, default="")
    description = db.Column(db.String(500), nullable=False, default="")
    weight_kg = db.Column(db.Numeric(9, 3), nullable=False)
    width_cm = db.Column(db.Numeric(8, 1), nullable=False)
    depth_cm = db.Column(db.Numeric(8, 1), nullable=False)
    height_cm = db.Column(db.Numeric(8, 1), nullable=False)
    has_battery = db.Column(db.Boolean, nullable=False, default=False)
    image = db.Column(db.String(60), nullable=False, default="")
    # Our own product this barcode is: a movement moves the option's (or plain product's) stock.
    product_id = db.Column(db.Integer, db.ForeignKey("product.id", ondelete="SET NULL"))
    option_id = db.Column(db.Integer, db.ForeignKey("product_option.id", ondelete="SET NULL"))
    available = db.Column(db.Integer, nullable=False, default=0)  # 가용재고
    low_threshold = db.Column(db.Integer)  # 재고부족 기준 개수; None = not watched

    product = db.relationship("Product")
    product_option = db.relationship("ProductOption")

    @property
    def is_low(self) -> bool:
        return self.low_threshold is not None and self.available <= self.low_threshold


class WarehouseItemCount(db.Model):
    """How many 상품정보 a seller has in each state, kept by database triggers on warehouse_item
    (migration 0016_i20b_item_counts): the unfiltered lists read their total here."""

    tenant_id = db.Column(db.Integer, db.ForeignKey("tenant.id"), primary_key=True)
    status = db.Column(db.String(10), primary_key=True)
    items = db.Column(db.Integer, nullable=False, default=0, server_default="0")


class InboundRequest(TenantOwned, TimestampMixin, db.Model):
    """입고신청: boxes of items announced to the warehouse."""

    __table_args__ = (db.Index("ix_inbound_list", "tenant_id", "created_at", "id"),)

    id = db.Column(db.Integer, primary_key=True)
    no = db.Column(db.String(30), nullable=False, unique=True)  # 입고신청번호
    status = db.Column(db.String(10), nullable=False, default=IN_WAITING, index=True)
    received_at = db.Column(db.DateTime)  # 입고일: the last receipt
    refused_reason = db.Column(db.String(200), nullable=False, default="")
    created_by_id = db.Column(db.Integer, db.ForeignKey("user.id", ondelete="SET NULL"))
    lines = db.relationship("InboundLine", back_populates="request", order_by="InboundLine.id",
                            cascade="all, delete-orphan")


class InboundLine(TenantOwned, db.Model):
    id = db.Column(db.Integer, primary_key=True)
    request_id = db.Column(db.Integer, db.ForeignKey("inbound_request.id", ondelete="CASCADE"),
                           nullable=False, index=True)
    item_id = db.Column(db.Integer, db.ForeignKey("warehouse_item.id"), nullable=False, index=True)
    quantity = db.Column(db.Integer, nullable=False)
    received = db.Column(db.Integer, nullable=False, default=0)
    box_no = db.Column(db.String(30), nullable=False)
    box_width_cm = db.Column(db.Numeric(8, 1), nullable=False)
    box_depth_cm = db.Column(db.Numeric(8, 1), nullable=False)
    box_height_cm = db.Column(db.Numeric(8, 1), nullable=False)
    request = db.relationship("InboundRequest", back_populates="lines")
    item = db.relationship("WarehouseItem")


class CoupangCentre(db.Model):
    """쿠팡창고: a Coupang fulfilment centre a milk-run can go to; support keeps the list."""

    id = db.Column(db.Integer, primary_key=True)
    code = db.Column(db.String(20), nullable=False, unique=True)
    name = db.Column(db.String(50), nullable=False)
    address = db.Column(db.String(200), nullable=False, default="")
    active = db.Column(db.Boolean, nullable=False, default=True)

    def __str__(self) -> str:
        return self.name


class OutboundRequest(TenantOwned, TimestampMixin, db.Model):
    """출고신청: one order (주문서) with its items, going by 택배 or by 밀크런 to a Coupang centre."""

    __table_args__ = (db.Index("ix_outbound_list", "tenant_id", "created_at", "id"),
                      db.UniqueConstraint("tenant_id", "po_no", name="uq_outbound_po"))

    id = db.Column(db.Integer, primary_key=True)
    no = db.Column(db.String(20), nullable=False, unique=True)  # 출고번호 (EO…)
    status = db.Column(db.String(10), nullable=False, default=OUT_REQUESTED, index=True)
    order_no = db.Column(db.String(50), nullable=False)  # 주문번호
    po_no = db.Column(db.String(50), nullable=False)  # 발주번호
    recipient_name = db.Column(db.String(50), nullable=False)
    recipient_phone = db.Column(db.String(20), nullable=False)
    province = db.Column(db.String(30), nullable=False)  # 시/도
    city = db.Column(db.String(50), nullable=False)  # 도시명
    zipcode = db.Column(db.String(10), nullable=False)
    address = db.Column(db.String(200), nullable=False)
    transport = db.Column(db.String(10), nullable=False)  # 운송방식
    courier = db.Column(db.String(30), nullable=False, default="")  # 지정 택배사 (택배)
    centre_id = db.Column(db.Integer, db.ForeignKey("coupang_centre.id"))  # 쿠팡창고 (밀크런)
    attachment = db.Column(db.String(60), nullable=False, default="")  # 쿠팡 부착서, stored name
    attachment_name = db.Column(db.String(200), nullable=False, default="")
    tracking_no = db.Column(db.String(40), nullable=False, default="")
    shipped_at = db.Column(db.DateTime)  # 출고일
    refused_reason = db.Column(db.String(200), nullable=False, default="")
    created_by_id = db.Column(db.Integer, db.ForeignKey("user.id", ondelete="SET NULL"))
    centre = db.relationship("CoupangCentre")
    lines = db.relationship("OutboundLine", back_populates="request", order_by="OutboundLine.id",
                            cascade="all, delete-orphan")


class OutboundLine(TenantOwned, db.Model):
    id = db.Column(db.Integer, primary_key=True)
    request_id = db.Column(db.Integer, db.ForeignKey("outbound_request.id", ondelete="CASCADE"),
                           nullable=False, index=True)
    item_id = db.Column(db.Integer, db.ForeignKey("warehouse_item.id"), nullable=False, index=True)
    quantity = db.Column(db.Integer, nullable=False)
    request = db.relationship("OutboundRequest", back_populates="lines")
    item = db.relationship("WarehouseItem")


class StockLedger(TenantOwned, db.Model):
    """One stock movement of one item: who, when, why, and the 가용재고 before and after."""

    __table_args__ = (db.Index("ix_stock_ledger_item", "tenant_id", "item_id", "id"),)

    id = db.Column(db.Integer, primary_key=True)
    item_id = db.Column(db.Integer, db.ForeignKey("warehouse_item.id"), nullable=False)
    at = db.Column(db.DateTime, nullable=False, default=utcnow)
    user_id = db.Column(db.Integer)  # no key: the record outlives the account
    user_name = db.Column(db.String(80), nullable=False, default="")
    reason = db.Column(db.String(20), nullable=False)  # 입고완료 / 출고신청 / 출고취소 / 출고거부 / 재고조정
    ref = db.Column(db.String(30), nullable=False, default="")  # 입고신청번호 / 출고번호
    change = db.Column(db.Integer, nullable=False)
    before = db.Column(db.Integer, nullable=False)
    after = db.Column(db.Integer, nullable=False)
    memo = db.Column(db.String(200), nullable=False, default="")
