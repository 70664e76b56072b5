"""Collected channel orders (주문관리): orders, their lines, per-line events, the invoice outbox, sync state."""
from portal.extensions import db

from .base import TenantOwned, TimestampMixin, utcnow

# Outbox states of one line's invoice: saved → sending → sent / failed / ambiguous (read back first).
PENDING, SENDING, SENT, FAILED, AMBIGUOUS, FORCED = "pending", "sending", "sent", "failed", "ambiguous", "forced"
OUTBOX_LABELS = {PENDING: "송장등록", SENDING: "전송중", SENT: "송장전송완료", FAILED: "전송실패",
                 AMBIGUOUS: "처리 여부 확인 필요", FORCED: "강제완료"}


class ChannelOrder(TenantOwned, TimestampMixin, db.Model):
    """One order of one channel account, with the recipient (personal data, masked in lists)."""

    __table_args__ = (db.UniqueConstraint("account_id", "channel_order_id", name="uq_channel_order"),)

    id = db.Column(db.Integer, primary_key=True)
    account_id = db.Column(db.Integer, db.ForeignKey("channel_account.id"), nullable=False, index=True)
    channel = db.Column(db.String(40), nullable=False)
    channel_order_id = db.Column(db.String(60), nullable=False)
    ordered_at = db.Column(db.DateTime, index=True)  # naive UTC
    buyer_name = db.Column(db.String(60), nullable=False, default="")
    buyer_phone = db.Column(db.String(30), nullable=False, default="")
    recipient_name = db.Column(db.String(60), nullable=False, default="")
    recipient_phone = db.Column(db.String(30), nullable=False, default="")
    zip_code = db.Column(db.String(10), nullable=False, default="")
    address = db.Column(db.String(300), nullable=False, default="")
    address_detail = db.Column(db.String(200), nullable=False, default="")
    delivery_message = db.Column(db.String(300), nullable=False, default="")
    total_amount = db.Column(db.Integer, nullable=False, default=0)
    shipping_fee = db.Column(db.Integer, nullable=False, default=0)

    account = db.relationship("ChannelAccount")
    lines = db.relationship("ChannelOrderLine", back_populates="order", order_by="ChannelOrderLine.id")


class ChannelOrderLine(TenantOwned, TimestampMixin, db.Model):
    """One order line: the unit every status, invoice and claim refers to."""

    __table_args__ = (
        db.UniqueConstraint("channel", "account_id", "channel_order_id", "channel_line_id",
                            name="uq_channel_order_line"),
        db.Index("ix_order_line_tenant_status", "tenant_id", "status"),
        # Lists: 처리상태 counts of a period read this index alone; pages walk (tenant, id) backwards.
        db.Index("ix_order_line_tenant_day_stage", "tenant_id", "ordered_at", "status", "invoice_state"),
        db.Index("ix_order_line_tenant_id", "tenant_id", "id"),
        db.Index("ix_order_line_tenant_status_id", "tenant_id", "status", "id"),
        db.Index("ix_order_line_tenant_order_no", "tenant_id", "channel_order_id"),  # 주문번호 search
        db.Index("ix_order_line_tenant_tracking", "tenant_id", "tracking_number"),  # 송장번호 search
    )

    id = db.Column(db.Integer, primary_key=True)
    order_id = db.Column(db.Integer, db.ForeignKey("channel_order.id"), nullable=False, index=True)
    account_id = db.Column(db.Integer, db.ForeignKey("channel_account.id"), nullable=False, index=True)
    channel = db.Column(db.String(40), nullable=False)
    channel_order_id = db.Column(db.String(60), nullable=False)
    channel_line_id = db.Column(db.String(60), nullable=False)
    ordered_at = db.Column(db.DateTime, index=True)  # copied from the order: lists filter on it
    product_name = db.Column(db.String(200), nullable=False, default="")
    option_name = db.Column(db.String(200), nullable=False, default="")
    quantity = db.Column(db.Integer, nullable=False, default=1)
    unit_price = db.Column(db.Integer, nullable=False, default=0)
    amount = db.Column(db.Integer, nullable=False, default=0)
    status = db.Column(db.String(30), nullable=False, default="NEW")  # OrderStatus name
    raw_status = db.Column(db.String(60), nullable=False, default="")
    seller_code = db.Column(db.String(60), nullable=False, default="")
    channel_product_id = db.Column(db.String(60), nullable=False, default="")
    channel_item_id = db.Column(db.String(60), nullable=False, default="")
    ship_unit_id = db.Column(db.String(60), nullable=False, default="")
    product_id = db.Column(db.Integer, db.ForeignKey("product.id"), index=True)  # matched by 자체상품코드
    ship_at = db.Column(db.DateTime)  # 출고 예정일시 given at 발주확인 (naive KST wall time)
    delay_reason = db.Column(db.String(100), nullable=False, default="")
    cancel_reason = db.Column(db.String(200), nullable=False, default="")
    courier_code = db.Column(db.String(20), nullable=False, default="")
    tracking_number = db.Column(db.String(40), nullable=False, default="")
    invoice_state = db.Column(db.String(20), nullable=False, default="", index=True)  # outbox state mirror
    done_at = db.Column(db.DateTime)  # 배송완료 / 구매확정 / 강제완료 seen

    order = db.relationship("ChannelOrder", back_populates="lines")
    account = db.relationship("ChannelAccount")


class OrderEvent(TenantOwned, db.Model):
    """연동이력 of a line: collection, 발주확인, 판매취소, invoice saves and sends, claims, with results."""

    id = db.Column(db.Integer, primary_key=True)
    line_id = db.Column(db.Integer, db.ForeignKey("channel_order_line.id"), nullable=False, index=True)
    at = db.Column(db.DateTime, nullable=False, default=utcnow, index=True)
    kind = db.Column(db.String(30), nullable=False)  # 주문수집, 발주확인, 판매취소, 송장저장, 송장전송, ...
    ok = db.Column(db.Boolean, nullable=False, default=True)
    message = db.Column(db.String(500), nullable=False, default="")
    run_id = db.Column(db.Integer, db.ForeignKey("job_run.id"))
    user_id = db.Column(db.Integer, db.ForeignKey("user.id"))
    is_invoice = db.Column(db.Boolean, nullable=False, default=False, index=True)  # 송장이력관리

    line = db.relationship("ChannelOrderLine")
    user = db.relationship("User")


class InvoiceOutbox(TenantOwned, TimestampMixin, db.Model):
    """The invoice to send for one line. A line has one row; a send never happens twice."""

    id = db.Column(db.Integer, primary_key=True)
    line_id = db.Column(db.Integer, db.ForeignKey("channel_order_line.id"), nullable=False, unique=True)
    courier_code = db.Column(db.String(20), nullable=False)
    tracking_number = db.Column(db.String(40), nullable=False)
    state = db.Column(db.String(20), nullable=False, default=PENDING, index=True)
    attempts = db.Column(db.Integer, nullable=False, default=0)
    message = db.Column(db.String(500), nullable=False, default="")
    run_id = db.Column(db.Integer, db.ForeignKey("job_run.id"))
    sent_at = db.Column(db.DateTime)

    line = db.relationship("ChannelOrderLine")

    @property
    def state_label(self) -> str:
        return OUTBOX_LABELS.get(self.state, self.state)


class ChannelSync(TenantOwned, db.Model):
    """Per channel account: the collection lock (a lease) and how far automatic collection got."""

    id = db.Column(db.Integer, primary_key=True)
    account_id = db.Column(db.Integer, db.ForeignKey("channel_account.id"), nullable=False, unique=True)
    locked_until = db.Column(db.DateTime)
    locked_by = db.Column(db.Integer)  # JobRun id holding the lease
    orders_until = db.Column(db.DateTime)  # automatic collection resumes here (minus an overlap)
    claims_until = db.Column(db.DateTime)


class CollectStatus(TenantOwned, db.Model):
    """주문서 가져오기 table: per account and item (신규주문, 배송완료, 취소요청, …) the last result."""

    __table_args__ = (db.UniqueConstraint("account_id", "item", name="uq_collect_status"),)

    id = db.Column(db.Integer, primary_key=True)
    account_id = db.Column(db.Integer, db.ForeignKey("channel_account.id"), nullable=False, index=True)
    item = db.Column(db.String(30), nullable=False)
    last_at = db.Column(db.DateTime)
    ok = db.Column(db.Boolean)
    message = db.Column(db.String(500), nullable=False, default="")
