"""Shipments (배송접수 → 입고 → 출고 → 통관 → 배달): the shipment, its SKU items, its history, and the
per-day sequence that numbers them.

A shipment is one box to one recipient: the orders (FulfilmentOrder rows) of one 장바구니번호 taken
together by 배송접수. Its 접수번호 is K + yymmdd (KST day of 배송접수) + a 7-digit sequence of that day,
drawn from ReceiptSequence (one row per day, locked while drawn), so numbers are unique across all
sellers and never reused, even after a delete. Its status is the forwarder's tracking code (STATUSES);
every change of status, recipient, type, items, hold or deletion is a ShipmentEvent with who and when.
"""
from portal.extensions import db
from portal.i18n import N_

from .base import TenantOwned, TimestampMixin, utcnow

# Tracking codes (DOMAIN.md, Fulfilment) and their Korean words, in flow order.
STATUSES = {
    "A00": N_("접수"),  # registered by 배송접수
    "A02": N_("보류"),  # held by the forwarder (hold_reason says why)
    "A10": N_("미입고"),  # not received: announced but the box has not arrived
    "A99": N_("입고"),  # received at the forwarder's Korean warehouse (미출고 while it stays)
    "B00": N_("출고완료"),
    "B11": N_("출발"),
    "B99": N_("도착"),  # arrived in the destination country (미통관)
    "C11": N_("통관중"),
    "C90": N_("통관완료"),
    "D00": N_("배송사인계"),
    "D11": N_("배송중"),
    "D99": N_("배송완료"),
    "E00": N_("배송미완료"),
    "E01": N_("배송불가(수취거부/반품)"),
    "X99": N_("폐기"),
}
REGISTERED, HELD, NOT_RECEIVED, RECEIVED, DELIVERED = "A00", "A02", "A10", "A99", "D99"
# Before 입고 the seller may still edit, merge, split, delete; from A99 on the box is the forwarder's.
EDITABLE = ("A00", "A02", "A10")
# 배송타입 (배송타입변경).
SHIP_TYPES = {"KSE": "KSE", "KSE_LIGHT": "KSE Light"}
GIFT_CHANNEL = "gift"  # ShipmentItem.channel of gift rows (shown as 마켓 "gift")

# What a ShipmentEvent records.
EV_CREATE, EV_STATUS, EV_EDIT, EV_TYPE, EV_DELETE, EV_RESTORE = "create", "status", "edit", "type", "delete", "restore"
EV_HOLD, EV_RESHIP, EV_MERGE, EV_ORDER_DELETE, EV_ORDER_RESTORE, EV_GIFT, EV_STOCK = (
    "hold", "reship", "merge", "order_delete", "order_restore", "gift", "stock")
EVENT_LABELS = {EV_CREATE: N_("배송접수"), EV_STATUS: N_("상태변경"), EV_EDIT: N_("수정"),
                EV_TYPE: N_("배송타입변경"), EV_DELETE: N_("삭제"), EV_RESTORE: N_("복구"),
                EV_HOLD: N_("보류"), EV_RESHIP: N_("재배송신청"), EV_MERGE: N_("묶음"),
                EV_ORDER_DELETE: N_("주문 삭제"), EV_ORDER_RESTORE: N_("주문 복구"), EV_GIFT: N_("사은품"),
                EV_STOCK: N_("재고")}
# Who wrote an event.
BY_SELLER, BY_SUPPORT, BY_API, BY_SYSTEM = "seller", "support", "api", "system"

LIVE = db.text("deleted_at IS NULL")
OPEN = db.text("deleted_at IS NULL AND status <> 'D99'")  # not delivered yet (배송현황)


class ReceiptSequence(db.Model):
    """The last 접수번호 sequence drawn on one KST day, for all sellers: 배송접수 locks the row
    (SELECT … FOR UPDATE on PostgreSQL; inserted with ON CONFLICT for the day's first) and adds
    how many it needs, so concurrent 배송접수 never draw the same number."""

    day = db.Column(db.Date, primary_key=True)  # KST day the numbers carry (yymmdd)
    last = db.Column(db.Integer, nullable=False, default=0)  # highest sequence handed out that day


class Shipment(TenantOwned, TimestampMixin, db.Model):
    """One shipment (배송건): a cart's orders to one recipient, with its 접수번호 and tracking status."""

    __table_args__ = (
        db.Index("ix_shipment_tenant_status", "tenant_id", "status", "id", postgresql_where=LIVE, sqlite_where=LIVE),
        db.Index("ix_shipment_tenant_created", "tenant_id", "created_at"),
        db.Index("ix_shipment_tenant_cart_no", "tenant_id", "cart_no"),
        # 배송현황: open shipments by status and time in it (aging tiles); 국제 송장번호 lookups.
        db.Index("ix_shipment_open_aging", "tenant_id", "status", "status_at", "created_at", postgresql_where=OPEN,
                 sqlite_where=OPEN),
        db.Index("ix_shipment_live_created", "tenant_id", "created_at", "status", postgresql_where=LIVE,
                 sqlite_where=LIVE),  # 배송현황: the period's live shipments counted from the index alone
        db.Index("ix_shipment_intl_tracking_no", "intl_tracking_no", postgresql_where=db.text("intl_tracking_no <> ''"),
                 sqlite_where=db.text("intl_tracking_no <> ''")),
    )

    id = db.Column(db.Integer, primary_key=True)
    receipt_no = db.Column(db.String(20), nullable=False, unique=True)  # 접수번호 K+yymmdd+seq (7 digits)
    status = db.Column(db.String(3), nullable=False, default=REGISTERED)  # tracking code (STATUSES)
    status_at = db.Column(db.DateTime, nullable=False, default=utcnow)  # entered this status (aging)
    ship_type = db.Column(db.String(20), nullable=False, default="KSE")  # 배송타입 (SHIP_TYPES)
    channel = db.Column(db.String(50), nullable=False, default="")  # 마켓 of its first order
    cart_no = db.Column(db.String(80), nullable=False, default="")  # the 장바구니번호 it was grouped by
    country = db.Column(db.String(2), nullable=False, default="JP")
    # Recipient, copied from the first order at 배송접수 (묶음관리: the top shipment's wins); personal data.
    recipient_name = db.Column(db.String(100), nullable=False, default="")
    recipient_kana = db.Column(db.String(100), nullable=False, default="")  # 요미가나
    recipient_name_en = db.Column(db.String(100), nullable=False, default="")
    recipient_phone = db.Column(db.String(30), nullable=False, default="")
    recipient_mobile = db.Column(db.String(30), nullable=False, default="")
    zip_code = db.Column(db.String(10), nullable=False, default="")
    address = db.Column(db.String(300), nullable=False, default="")
    address_detail = db.Column(db.String(200), nullable=False, default="")
    address_en = db.Column(db.String(300), nullable=False, default="")
    message = db.Column(db.String(300), nullable=False, default="")
    total_amount = db.Column(db.Numeric(14, 2), nullable=False, default=0)  # 총금액(고객사): sum of live orders
    currency = db.Column(db.String(3), nullable=False, default="JPY")
    memo = db.Column(db.String(300), nullable=False, default="")  # seller's memo
    # Seller → forwarder's warehouse (국내 운송장).
    domestic_carrier = db.Column(db.String(30), nullable=False, default="")
    domestic_tracking_no = db.Column(db.String(40), nullable=False, default="")
    printed_at = db.Column(db.DateTime)  # 출력: packing list / label printed
    # Forwarder side.
    received_at = db.Column(db.DateTime)  # 입고 (A99) time; deletes are refused from then on
    received_by_id = db.Column(db.Integer, db.ForeignKey("user.id"))
    weight_kg = db.Column(db.Numeric(9, 3))  # measured at 입고
    billed_weight_kg = db.Column(db.Numeric(9, 3))  # 청구(부피)중량
    intl_carrier = db.Column(db.String(30), nullable=False, default="")  # 배송회사 (SAGAWA, Yamato, …)
    intl_tracking_no = db.Column(db.String(40), nullable=False, default="")  # 현지배송번호 / 국제 송장번호
    hold_reason = db.Column(db.String(300), nullable=False, default="")  # 보류 사유 (A02), by the forwarder
    channel_notified_at = db.Column(db.DateTime)  # tracking number sent back to the channel (배송 통지)
    # 재배송: the shipment this one re-sends.
    reship_of_id = db.Column(db.Integer, db.ForeignKey("shipment.id"))
    deleted_at = db.Column(db.DateTime)  # 배송접수 삭제 → 삭제목록; restorable until received
    deleted_by_id = db.Column(db.Integer, db.ForeignKey("user.id"))
    created_by_id = db.Column(db.Integer, db.ForeignKey("user.id"))
    updated_by_id = db.Column(db.Integer, db.ForeignKey("user.id"))

    orders = db.relationship("FulfilmentOrder", back_populates="shipment", order_by="FulfilmentOrder.id",
                             foreign_keys="FulfilmentOrder.shipment_id")
    items = db.relationship("ShipmentItem", back_populates="shipment", order_by="ShipmentItem.id",
                            cascade="all, delete-orphan")
    events = db.relationship("ShipmentEvent", back_populates="shipment", order_by="ShipmentEvent.id",
                             cascade="all, delete-orphan")
    reship_of = db.relationship("Shipment", remote_side=[id])

    @property
    def status_label(self) -> str:
        return STATUSES.get(self.status, self.status)

    @property
    def editable(self) -> bool:
        return self.received_at is None and self.status in EDITABLE


class ShipmentItem(TenantOwned, db.Model):
    """One SKU × quantity packed in a shipment: from an order's matched code (a comma-separated code
    gives several items, a repeated code one item with the quantities added), or a gift (channel
    "gift", is_gift, the event that gave it or none for 사은품 일괄 적용)."""

    __table_args__ = (db.Index("ix_shipment_item_sku", "sku_id"),)

    id = db.Column(db.Integer, primary_key=True)
    shipment_id = db.Column(db.Integer, db.ForeignKey("shipment.id", ondelete="CASCADE"), nullable=False,
                            index=True)
    order_id = db.Column(db.Integer, db.ForeignKey("fulfilment_order.id", ondelete="CASCADE"),
                         index=True)  # the order it came from; NULL for gifts
    sku_id = db.Column(db.Integer, db.ForeignKey("fulfilment_sku.id"))  # NULL: code not matched yet
    sku_code = db.Column(db.String(60), nullable=False, default="")  # the code as matched (or unmatched)
    name = db.Column(db.String(300), nullable=False, default="")  # 상품명(Pick&Packing) at 배송접수
    quantity = db.Column(db.Integer, nullable=False)
    channel = db.Column(db.String(50), nullable=False, default="")  # order's 마켓, or "gift"
    is_gift = db.Column(db.Boolean, nullable=False, default=False)
    gift_event_id = db.Column(db.Integer, db.ForeignKey("gift_event.id", ondelete="SET NULL"))
    created_at = db.Column(db.DateTime, nullable=False, default=utcnow)
    created_by_id = db.Column(db.Integer, db.ForeignKey("user.id"))

    shipment = db.relationship("Shipment", back_populates="items")
    sku = db.relationship("FulfilmentSku")


class ShipmentEvent(TenantOwned, db.Model):
    """History of a shipment: status changes (the forwarder's tracking lines too), edits, type
    changes, deletes and restores, holds, merges, gifts — each with who (user or API key) and when."""

    id = db.Column(db.Integer, primary_key=True)
    shipment_id = db.Column(db.Integer, db.ForeignKey("shipment.id", ondelete="CASCADE"), nullable=False,
                            index=True)
    at = db.Column(db.DateTime, nullable=False, default=utcnow)  # when it was recorded
    happened_at = db.Column(db.DateTime)  # when it happened, if the forwarder says (tracking line time)
    kind = db.Column(db.String(20), nullable=False)  # EVENT_LABELS
    status_from = db.Column(db.String(3), nullable=False, default="")
    status_to = db.Column(db.String(3), nullable=False, default="")
    message = db.Column(db.String(500), nullable=False, default="")  # e.g. 配達完了しました, a changed field
    by = db.Column(db.String(10), nullable=False, default=BY_SELLER)  # seller / support / api / system
    user_id = db.Column(db.Integer, db.ForeignKey("user.id"))
    api_key_id = db.Column(db.Integer, db.ForeignKey("forwarder_api_key.id", ondelete="SET NULL"))

    shipment = db.relationship("Shipment", back_populates="events")
    user = db.relationship("User")
