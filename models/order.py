"""Collected channel orders (주문관리): orders, their lines, per-line events, the invoice outbox, sync state."""
from sqlalchemy import event, false, text

from portal.extensions import db
from portal.i18n import N_

from .base import TenantOwned, TimestampMixin, utcnow


def trigram(column: str) -> dict:
    """A "contains" search index: trigram GIN on PostgreSQL (pg_trgm), a plain index elsewhere."""
    return {"postgresql_using": "gin", "postgresql_ops": {column: "gin_trgm_ops"}}


# Outbox states of one line's invoice: saved → sending → sent / failed / ambiguous (read back first).
PENDING, SENDING, SENT, FAILED, AMBIGUOUS, FORCED = "pending", "sending", "sent", "failed", "ambiguous", "forced"
# Where an order came from: collected from a channel account, or mirrored from a 수기주문 (file upload / form).
COLLECTED, FROM_FILE, FROM_FORM = "channel", "excel", "form"
# What an order list filters lines on besides the tenant and the period (처리상태, 배송업체, 계정).
LIST_FILTER_COLUMNS = ("ordered_at", "status", "invoice_state", "courier_code", "account_id")
OUTBOX_LABELS = {PENDING: N_("송장등록"), SENDING: N_("전송중"), SENT: N_("송장전송완료"), FAILED: N_("전송실패"),
                 AMBIGUOUS: N_("처리 여부 확인 필요"), FORCED: N_("강제완료")}


class ChannelOrder(TenantOwned, TimestampMixin, db.Model):
    """One order of one channel account, with the recipient (personal data, masked in lists)."""

    __table_args__ = (
        db.UniqueConstraint("account_id", "channel_order_id", name="uq_channel_order"),
        db.UniqueConstraint("manual_order_id", name="uq_channel_order_manual_order_id"),
        db.Index("ix_channel_order_recipient_trgm", "recipient_name", **trigram("recipient_name")),  # 수취인명 search
    )

    # A 수기주문 upload mirrors thousands of orders at once: the tenant (never deleted, always the writer's
    # own) keeps no foreign key, as on manual_order; the account's lookups use uq_channel_order's key.
    tenant_id = db.Column(db.Integer, nullable=False, index=True)
    id = db.Column(db.Integer, primary_key=True)
    # None for an order that came from a file or the 수기주문 form (source): nothing is ever sent for it.
    account_id = db.Column(db.Integer, db.ForeignKey("channel_account.id"))
    channel = db.Column(db.String(40), nullable=False)  # channel code, or the 판매 플랫폼 of a file order
    channel_order_id = db.Column(db.String(60), nullable=False)
    source = db.Column(db.String(10), nullable=False, default=COLLECTED, server_default=COLLECTED)
    manual_order_id = db.Column(db.Integer)  # the 수기주문 a file/form order mirrors (no FK)
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
    # The currency every amount of the order and its lines is in: the channel's (라쿠텐/Qoo10/Amazon JP: JPY),
    # or the mirrored 수기주문's. Never converted.
    currency = db.Column(db.String(3), nullable=False, default="KRW", server_default="KRW")

    account = db.relationship("ChannelAccount")
    lines = db.relationship("ChannelOrderLine", back_populates="order", order_by="ChannelOrderLine.id",
                            primaryjoin="ChannelOrder.id == foreign(ChannelOrderLine.order_id)")


class ChannelOrderLine(TenantOwned, TimestampMixin, db.Model):
    """One order line: the unit every status, invoice and claim refers to.

    A 수기주문 upload mirrors thousands of lines at once (fulfilment.mirror), so per row the table checks
    only what can go wrong. The order, the product and the tenant are written with the line, in the same
    transaction, by code that has just read or written them; none is ever deleted under a line (products
    and tenants never are; an order goes with its lines, models.cascades), so they keep no foreign key,
    as on manual_order_line (PostgreSQL checked each one row by row). The channel account keeps its key
    (collected lines only); its index holds only collected lines."""

    __table_args__ = (
        db.UniqueConstraint("channel", "account_id", "channel_order_id", "channel_line_id",
                            name="uq_channel_order_line"),
        db.Index("ix_channel_order_line_account_id", "account_id", postgresql_where=text("account_id IS NOT NULL"),
                 sqlite_where=text("account_id IS NOT NULL")),
        # Lists: 처리상태 counts of a period read this index alone; pages walk (tenant, id) backwards, and on
        # PostgreSQL find a page's ids in that index alone, the filters' columns carried beside the key.
        db.Index("ix_order_line_tenant_day_stage", "tenant_id", "ordered_at", "status", "invoice_state"),
        db.Index("ix_order_line_tenant_id", "tenant_id", "id", postgresql_include=LIST_FILTER_COLUMNS),
        db.Index("ix_order_line_tenant_status_id", "tenant_id", "status", "id"),
        db.Index("ix_order_line_tenant_order_no", "tenant_id", "channel_order_id"),  # 주문번호 search
        db.Index("ix_order_line_tenant_tracking", "tenant_id", "tracking_number"),  # 송장번호 search
        db.Index("ix_order_line_product_trgm", "product_name", **trigram("product_name")),  # 상품명 search
        db.Index("ix_order_line_seller_code_trgm", "seller_code", **trigram("seller_code")),  # 판매자상품코드
    )

    tenant_id = db.Column(db.Integer, nullable=False)  # no FK; the (tenant_id, ...) indexes below serve it
    id = db.Column(db.Integer, primary_key=True)
    order_id = db.Column(db.Integer, nullable=False, index=True)
    account_id = db.Column(db.Integer, db.ForeignKey("channel_account.id"))  # None: a file order
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
    # The channel's second product number where it has two (스마트스토어 originalProductId, the
    # number our listings keep); lines match listings by either.
    origin_product_id = db.Column(db.String(60), nullable=False, default="", server_default="")
    channel_item_id = db.Column(db.String(60), nullable=False, default="")
    ship_unit_id = db.Column(db.String(60), nullable=False, default="")
    product_id = db.Column(db.Integer, index=True)  # 자체상품코드 or listing
    ship_at = db.Column(db.DateTime)  # 출고 예정일시 given at 발주확인 (naive KST wall time)
    delay_reason = db.Column(db.String(100), nullable=False, default="")
    cancel_reason = db.Column(db.String(200), nullable=False, default="")
    courier_code = db.Column(db.String(20), nullable=False, default="")
    tracking_number = db.Column(db.String(40), nullable=False, default="")
    invoice_state = db.Column(db.String(20), nullable=False, default="", index=True)  # outbox state mirror
    done_at = db.Column(db.DateTime)  # 배송완료 / 구매확정 / 강제완료 seen
    manual_line_id = db.Column(db.Integer)  # the 수기주문 line a file/form order's line mirrors (no FK)

    order = db.relationship("ChannelOrder", back_populates="lines",
                            primaryjoin="ChannelOrder.id == foreign(ChannelOrderLine.order_id)")
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


class OrderLineTally(TenantOwned, db.Model):
    """처리상태 counts of lines per KST order day, kept by database triggers on channel_order_line.

    Every insert, update or delete of a line adds +1/-1 rows here in the same transaction, whichever
    code path wrote it (ORM, bulk insert, plain SQL), so a year of counts is a sum over a few thousand
    rows instead of a count over a million lines. Trigger rows are appended, never updated, so writers
    never wait on each other; settling folds them per day into settled rows (see services.queries).
    """

    __table_args__ = (
        db.Index("ix_order_line_tally_tenant_day", "tenant_id", "day"),
        db.Index("ix_order_line_tally_unsettled", "tenant_id", "day", postgresql_where=text("NOT settled"),
                 sqlite_where=text("settled = 0")),
    )

    id = db.Column(db.Integer, primary_key=True)
    account_id = db.Column(db.Integer, db.ForeignKey("channel_account.id"))  # None: file/form orders
    day = db.Column(db.Date, nullable=False)  # KST calendar day of ordered_at, the day the filters pick
    status = db.Column(db.String(30), nullable=False)
    invoice_state = db.Column(db.String(20), nullable=False)
    courier_code = db.Column(db.String(20), nullable=False)
    n = db.Column(db.Integer, nullable=False)
    settled = db.Column(db.Boolean, nullable=False, server_default=false())


# Lines delete before the tally when tables are emptied in order, so the delete trigger finds its table.
ChannelOrderLine.__table__.add_is_dependent_on(OrderLineTally.__table__)

# The triggers, per dialect. Migration 0009_orders_lists carries the same statements.
TALLY_KEY = "tenant_id, account_id, day, status, invoice_state, courier_code"
TALLY_COLUMNS = ("tenant_id, account_id, (ordered_at + interval '9 hours')::date AS day, status, invoice_state, "
                 "courier_code")
TALLY_POSTGRESQL = [f"""
CREATE OR REPLACE FUNCTION order_line_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- One statement's changes, netted per key: a bulk update of 10,000 lines adds a handful of rows.
    IF TG_OP = 'INSERT' THEN
        INSERT INTO order_line_tally ({TALLY_KEY}, n)
        SELECT {TALLY_KEY}, count(*) FROM (SELECT {TALLY_COLUMNS} FROM new_rows
                                           WHERE ordered_at IS NOT NULL) c GROUP BY {TALLY_KEY};
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO order_line_tally ({TALLY_KEY}, n)
        SELECT {TALLY_KEY}, -count(*) FROM (SELECT {TALLY_COLUMNS} FROM old_rows
                                            WHERE ordered_at IS NOT NULL) c GROUP BY {TALLY_KEY};
    ELSE
        INSERT INTO order_line_tally ({TALLY_KEY}, n)
        SELECT {TALLY_KEY}, sum(n) FROM (
            SELECT {TALLY_COLUMNS}, -1 AS n FROM old_rows WHERE ordered_at IS NOT NULL
            UNION ALL SELECT {TALLY_COLUMNS}, 1 AS n FROM new_rows WHERE ordered_at IS NOT NULL) c
        GROUP BY {TALLY_KEY} HAVING sum(n) <> 0;
    END IF;
    RETURN NULL;
END $$""",
    "CREATE TRIGGER order_line_tally_insert AFTER INSERT ON channel_order_line REFERENCING NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION order_line_tally()",
    "CREATE TRIGGER order_line_tally_update AFTER UPDATE ON channel_order_line "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION order_line_tally()",
    "CREATE TRIGGER order_line_tally_delete AFTER DELETE ON channel_order_line REFERENCING OLD TABLE AS old_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION order_line_tally()",
]


def _sqlite_row(row: str, n: int) -> str:
    return (f"INSERT INTO order_line_tally ({TALLY_KEY}, n, settled) SELECT {row}.tenant_id, {row}.account_id, "
            f"date({row}.ordered_at, '+9 hours'), {row}.status, {row}.invoice_state, {row}.courier_code, {n}, 0 "
            f"WHERE {row}.ordered_at IS NOT NULL;")


_COUNTED = ("tenant_id", "account_id", "ordered_at", "status", "invoice_state", "courier_code")
TALLY_SQLITE = [
    f"CREATE TRIGGER order_line_tally_insert AFTER INSERT ON channel_order_line BEGIN {_sqlite_row('NEW', 1)} END",
    f"CREATE TRIGGER order_line_tally_update AFTER UPDATE OF {', '.join(_COUNTED)} ON channel_order_line "
    f"WHEN {' OR '.join(f'OLD.{c} IS NOT NEW.{c}' for c in _COUNTED)} "
    f"BEGIN {_sqlite_row('OLD', -1)} {_sqlite_row('NEW', 1)} END",
    f"CREATE TRIGGER order_line_tally_delete AFTER DELETE ON channel_order_line BEGIN {_sqlite_row('OLD', -1)} END",
]


@event.listens_for(db.metadata, "before_create")
def _create_trigram_extension(metadata, connection, **kw):
    if connection.dialect.name == "postgresql":
        connection.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))


@event.listens_for(db.metadata, "after_create")
def _create_tally_triggers(metadata, connection, tables=(), **kw):
    """create_all() (bench, scratch databases) gets the triggers the migration installs."""
    if OrderLineTally.__table__ not in tables:
        return
    for statement in {"postgresql": TALLY_POSTGRESQL, "sqlite": TALLY_SQLITE}.get(connection.dialect.name, []):
        connection.execute(text(statement))
