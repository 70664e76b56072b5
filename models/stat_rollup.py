"""Daily sales rollups of 통계관리, kept by database triggers in the same transaction as the order change.

Two tables, one row per seller, KST day, 매출/환불 (kind), account, currency and either the 시/도 시/군/구
words of the address (stat_daily) or the product and option (stat_daily_product): a year of a busy seller is
a few hundred thousand rows instead of millions of lines. The rules are those of
blueprints.statistics.facts, written once here as SQL (FACTS_SQL).

Orders mirrored from a 수기주문 into the channel order tables (no account: a file or form order) count
once, through the 수기주문 rows; the channel parts skip them. Every insert, update or delete of a channel
order, line, claim, 수기주문 or 수기주문 line names the (seller, day) pairs it may move (SOURCES): the order
day, the claim day, the day a line was cancelled without a claim, the 수기주문 registration and cancellation
days, for the old and the new row. Those days are recomputed from the source rows once each, when the
transaction commits (models.stat_triggers): a 수기주문 upload of 100,000 rows refreshes the day it lands on
once, whichever the database.
Recomputing a day, instead of adding +/- deltas, keeps the shared rules (a 수기주문 amount shared over its
lines, the order counted once) right whatever changed.

Product names and categories are read from the product when a page is shown, so renaming a product or
moving it to another category needs no refresh.
"""
from sqlalchemy import text

from portal.extensions import db

DONE = "((c.kind = 'CANCEL' AND c.status = 'CANCELED') OR (c.kind = 'RETURN' AND c.status = 'RETURNED'))"
REFUND_STATUSES = "('CANCELED', 'RETURNED')"


class _Rollup:
    id = db.Column(db.Integer, primary_key=True)
    tenant_id = db.Column(db.Integer, nullable=False)
    day = db.Column(db.Date, nullable=False)  # KST
    kind = db.Column(db.String(6), nullable=False)  # sale / refund
    account = db.Column(db.String(60), nullable=False)  # channel account id, or "manual:<판매 플랫폼>"
    currency = db.Column(db.String(3), nullable=False)
    quantity = db.Column(db.BigInteger, nullable=False)
    amount = db.Column(db.BigInteger, nullable=False)
    orders = db.Column(db.Integer, nullable=False)  # orders counted once (on the row of their first line)


class StatDaily(_Rollup, db.Model):
    """Per seller, day, kind, account, currency and region words ("서울특별시 강남구")."""

    __tablename__ = "stat_daily"
    __table_args__ = (db.Index("ix_stat_daily_tenant_day", "tenant_id", "day"),)
    region = db.Column(db.String(100), nullable=False)


class StatDailyProduct(_Rollup, db.Model):
    """Per seller, day, kind, account, currency, product (id, or the line's name without one) and option."""

    __tablename__ = "stat_daily_product"
    __table_args__ = (db.Index("ix_stat_daily_product_tenant_day", "tenant_id", "day"),)
    product_id = db.Column(db.Integer)
    product_name = db.Column(db.String(220), nullable=False)  # the line's name or SKU
    option_name = db.Column(db.String(200), nullable=False)
    product_orders = db.Column(db.Integer, nullable=False)  # orders counted once per product
    option_orders = db.Column(db.Integer, nullable=False)  # orders counted once per product and option


class StatDirty(db.Model):
    """The (seller, day) pairs a transaction has changed, refreshed once each when it commits (SQLite: tx 0)."""

    __tablename__ = "stat_dirty"
    tx = db.Column(db.BigInteger, primary_key=True, autoincrement=False)
    tenant_id = db.Column(db.Integer, primary_key=True, autoincrement=False)
    day = db.Column(db.Date, primary_key=True)


class Dialect:
    """The few expressions that differ between PostgreSQL and SQLite."""

    def __init__(self, name: str):
        self.pg = name == "postgresql"

    def day(self, col: str) -> str:
        return f"CAST(({col} + interval '9 hours') AS date)" if self.pg else f"date({col}, '+9 hours')"

    def region(self, col: str) -> str:
        """The first two words of an address (what regions.region_of reads)."""
        if self.pg:
            return f"array_to_string((regexp_split_to_array(btrim(coalesce({col}, '')), '\\s+'))[1:2], ' ')"
        a = f"trim(coalesce({col}, ''))"
        rest = f"ltrim(substr({a}, instr({a} || ' ', ' ') + 1))"
        first = f"substr({a}, 1, instr({a} || ' ', ' ') - 1)"
        return f"trim({first} || ' ' || substr({rest}, 1, instr({rest} || ' ', ' ') - 1))"


def facts_sql(d: Dialect, tenant: str, within) -> str:
    """Every sale and refund of one seller whose timestamp passes within(column), as rows of
    (kind, day, account, currency, product_id, pname, opt, region, qty, amt, o, po, oo)."""
    sday = d.day("l.ordered_at")
    pkey = "l.product_id, CASE WHEN l.product_id IS NULL THEN l.product_name END"
    claim_at = "coalesce(c.requested_at, c.updated_at)"
    part = ("CASE WHEN c.quantity IS NULL OR c.quantity = 0 OR c.quantity >= l.quantity THEN l.quantity "
            "ELSE c.quantity END")
    line_cols = "CAST(l.account_id AS VARCHAR(60)), o.currency, l.product_id, l.product_name, l.option_name"
    return f"""
SELECT 'sale' AS kind, {sday} AS day, CAST(l.account_id AS VARCHAR(60)) AS account, o.currency AS currency,
  l.product_id AS product_id, l.product_name AS pname, l.option_name AS opt, {d.region("o.address")} AS region,
  l.quantity AS qty, l.amount AS amt,
  CASE WHEN row_number() OVER (PARTITION BY l.order_id, {sday} ORDER BY l.id) = 1 THEN 1 ELSE 0 END AS o,
  CASE WHEN row_number() OVER (PARTITION BY l.order_id, {sday}, {pkey} ORDER BY l.id) = 1 THEN 1 ELSE 0 END AS po,
  CASE WHEN row_number() OVER (PARTITION BY l.order_id, {sday}, {pkey}, l.option_name ORDER BY l.id) = 1
       THEN 1 ELSE 0 END AS oo
FROM channel_order_line l JOIN channel_order o ON o.id = l.order_id
WHERE l.tenant_id = {tenant} AND l.account_id IS NOT NULL AND {within("l.ordered_at")}
UNION ALL
SELECT 'refund', {d.day(claim_at)}, {line_cols}, {d.region("o.address")}, {part},
  CASE WHEN {part} >= l.quantity THEN l.amount ELSE CAST(l.amount AS BIGINT) * c.quantity / l.quantity END, 0, 0, 0
FROM order_claim c JOIN channel_order_line l ON l.id = c.line_id JOIN channel_order o ON o.id = l.order_id
WHERE c.tenant_id = {tenant} AND l.account_id IS NOT NULL AND {DONE} AND {within(claim_at)}
UNION ALL
SELECT 'refund', {d.day("l.updated_at")}, {line_cols}, {d.region("o.address")}, l.quantity, l.amount, 0, 0, 0
FROM channel_order_line l JOIN channel_order o ON o.id = l.order_id
WHERE l.tenant_id = {tenant} AND l.account_id IS NOT NULL AND l.status IN {REFUND_STATUSES}
  AND {within("l.updated_at")}
  AND NOT EXISTS (SELECT 1 FROM order_claim c WHERE c.line_id = l.id AND {DONE})
UNION ALL
{manual_facts_sql(d, f"m.tenant_id = {tenant} AND {within('m.created_at')}",
                   f"m.tenant_id = {tenant} AND m.canceled_at IS NOT NULL AND {within('m.canceled_at')}")}"""


def manual_facts_sql(d: Dialect, sales: str, refunds: str, lines: str = "manual_order_line") -> str:
    """The 수기주문 part of facts_sql, its rows named alike: the sales of the 수기주문 passing `sales` and the
    refunds of those passing `refunds` (conditions on m, the seller's included), their lines read from
    `lines` (a table or a subquery of it holding at least theirs)."""
    manual_cols = ("m.id, m.platform, m.address, coalesce(nullif(m.currency, ''), 'KRW') AS currency, "
                   "CAST(coalesce(m.total_paid, m.paid_amount, m.order_amount, 0) AS BIGINT) AS paid")
    return f"""SELECT s.kind, s.day, 'manual:' || s.platform AS account, s.currency, s.product_id, s.sku AS pname, s.opt,
  s.region, s.qty, s.base + CASE WHEN s.rn = 1 THEN s.paid - sum(s.base) OVER (PARTITION BY s.id, s.kind) ELSE 0 END
  AS amt, CASE WHEN s.kind = 'sale' AND s.rn = 1 THEN 1 ELSE 0 END AS o,
  CASE WHEN s.kind = 'sale' THEN s.po ELSE 0 END AS po, CASE WHEN s.kind = 'sale' THEN s.oo ELSE 0 END AS oo
FROM (SELECT x.*, CASE WHEN x.total <= 0 THEN 0 ELSE x.paid * x.qty / x.total END AS base FROM (
  SELECT m.kind, m.id, m.platform, m.currency, {d.region("m.address")} AS region, {d.day("m.at")} AS day, m.paid,
    ml.product_id, coalesce(ml.sku, '') AS sku, coalesce(op."values", '') AS opt, coalesce(ml.quantity, 0) AS qty,
    row_number() OVER (PARTITION BY m.kind, m.id ORDER BY ml.id) AS rn,
    sum(coalesce(ml.quantity, 0)) OVER (PARTITION BY m.kind, m.id) AS total,
    CASE WHEN row_number() OVER (PARTITION BY m.kind, m.id, ml.product_id,
         CASE WHEN ml.product_id IS NULL THEN coalesce(ml.sku, '') END ORDER BY ml.id) = 1 THEN 1 ELSE 0 END AS po,
    CASE WHEN row_number() OVER (PARTITION BY m.kind, m.id, ml.product_id,
         CASE WHEN ml.product_id IS NULL THEN coalesce(ml.sku, '') END, coalesce(op."values", '')
         ORDER BY ml.id) = 1 THEN 1 ELSE 0 END AS oo
  FROM (SELECT 'sale' AS kind, {manual_cols}, m.created_at AS at FROM manual_order m
        WHERE {sales}
        UNION ALL
        SELECT 'refund', {manual_cols}, m.canceled_at FROM manual_order m
        WHERE {refunds}) m
  LEFT JOIN {lines} ml ON ml.order_id = m.id
  LEFT JOIN product_option op ON op.id = ml.option_id) x) s
"""


def insert_sql(d: Dialect, tenant: str, within) -> list[str]:
    """INSERT … SELECT of both rollups from the facts (on PostgreSQL one statement reading the facts once)."""
    return rollup_inserts(d, tenant, facts_sql(d, tenant, within))


def rollup_inserts(d: Dialect, tenant: str, facts: str) -> list[str]:
    """INSERT … SELECT of both rollups from some facts (a query in facts_sql's shape)."""
    key = "day, kind, account, currency"
    region = (f"INSERT INTO stat_daily (tenant_id, {key}, region, quantity, amount, orders) "
              f"SELECT {tenant}, {key}, region, sum(qty), sum(amt), sum(o) FROM {{f}} GROUP BY {key}, region")
    product = (f"INSERT INTO stat_daily_product (tenant_id, {key}, product_id, product_name, option_name, quantity, "
               f"amount, orders, product_orders, option_orders) "
               f"SELECT {tenant}, {key}, product_id, max(pname), opt, sum(qty), sum(amt), sum(o), sum(po), sum(oo) "
               f"FROM {{f}} GROUP BY {key}, product_id, CASE WHEN product_id IS NULL THEN pname ELSE '' END, opt")
    if d.pg:
        return [f"WITH f AS MATERIALIZED ({facts}), r AS ({region.format(f='f')}) {product.format(f='f')}"]
    return [region.format(f=f"({facts}) f"), product.format(f=f"({facts}) f")]


# The (seller, day) pairs a changed row may move, from a row source r: per table, its columns and the query.
SOURCES = {
    "channel_order_line": ("id, tenant_id, order_id, ordered_at, updated_at, status, account_id", lambda d: f"""
SELECT r.tenant_id AS t, {d.day("r.ordered_at")} AS d FROM {{r}} r WHERE r.account_id IS NOT NULL
UNION SELECT r.tenant_id, {d.day("r.updated_at")} FROM {{r}} r WHERE r.status IN {REFUND_STATUSES}
  AND r.account_id IS NOT NULL
UNION SELECT c.tenant_id, {d.day("coalesce(c.requested_at, c.updated_at)")} FROM order_claim c
  JOIN {{r}} r ON c.line_id = r.id WHERE {DONE} AND r.account_id IS NOT NULL"""),
    "channel_order": ("id, tenant_id, address", lambda d: f"""
SELECT l.tenant_id AS t, {d.day("l.ordered_at")} AS d FROM channel_order_line l JOIN {{r}} r ON l.order_id = r.id
UNION SELECT l.tenant_id, {d.day("l.updated_at")} FROM channel_order_line l JOIN {{r}} r ON l.order_id = r.id
  WHERE l.status IN {REFUND_STATUSES}
UNION SELECT c.tenant_id, {d.day("coalesce(c.requested_at, c.updated_at)")} FROM order_claim c
  JOIN channel_order_line l ON l.id = c.line_id JOIN {{r}} r ON l.order_id = r.id WHERE {DONE}"""),
    "order_claim": ("id, tenant_id, line_id, kind, status, requested_at, updated_at", lambda d: f"""
SELECT c.tenant_id AS t, {d.day("coalesce(c.requested_at, c.updated_at)")} AS d FROM {{r}} c WHERE {DONE}
UNION SELECT l.tenant_id, {d.day("l.updated_at")} FROM channel_order_line l JOIN {{r}} r ON l.id = r.line_id
  WHERE l.status IN {REFUND_STATUSES}"""),
    "manual_order": ("id, tenant_id, created_at, canceled_at", lambda d: f"""
SELECT r.tenant_id AS t, {d.day("r.created_at")} AS d FROM {{r}} r
UNION SELECT r.tenant_id, {d.day("r.canceled_at")} FROM {{r}} r"""),
    "manual_order_line": ("id, tenant_id, order_id", lambda d: f"""
SELECT m.tenant_id AS t, {d.day("m.created_at")} AS d FROM manual_order m JOIN {{r}} r ON m.id = r.order_id
UNION SELECT m.tenant_id, {d.day("m.canceled_at")} FROM manual_order m JOIN {{r}} r ON m.id = r.order_id"""),
}
TABLES = ("stat_daily", "stat_daily_product")


def rebuild(connection, tenant_id: int | None = None) -> None:
    """Recompute both rollups from the order rows (one seller, or all)."""
    d = Dialect(connection.dialect.name)
    where = "" if tenant_id is None else f" WHERE tenant_id = {int(tenant_id)}"
    for table in TABLES:
        connection.execute(text(f"DELETE FROM {table}{where}"))
    tenants = [tenant_id] if tenant_id is not None else [t for (t,) in connection.execute(text(
        "SELECT tenant_id FROM channel_order_line UNION SELECT tenant_id FROM manual_order"))]
    for tenant in tenants:
        for statement in insert_sql(d, str(int(tenant)), lambda col: f"{col} IS NOT NULL"):
            connection.execute(text(statement))


def _source_indexes():
    """What a day's refresh reads by: 수기주문 by registration and cancellation day, lines cancelled without a
    claim by their last change, claims by their day (the order lines' day index exists already)."""
    t = db.metadata.tables
    mo, line, claim = t["manual_order"], t["channel_order_line"], t["order_claim"]
    refunded = text(f"status IN {REFUND_STATUSES}")
    return [
        db.Index("ix_manual_order_tenant_created", mo.c.tenant_id, mo.c.created_at),
        db.Index("ix_manual_order_tenant_canceled", mo.c.tenant_id, mo.c.canceled_at,
                 postgresql_where=text("canceled_at IS NOT NULL"), sqlite_where=text("canceled_at IS NOT NULL")),
        db.Index("ix_order_line_tenant_refunded", line.c.tenant_id, line.c.updated_at,
                 postgresql_where=refunded, sqlite_where=refunded),
        db.Index("ix_order_claim_tenant_day", claim.c.tenant_id, text("coalesce(requested_at, updated_at)")),
    ]


def _emptied_after_sources():
    """Source rows delete before the rollups when tables are emptied in order, so their triggers find them."""
    for name in SOURCES:
        source = db.metadata.tables[name]
        for table in TABLES:
            source.add_is_dependent_on(db.metadata.tables[table])
_emptied_after_sources()
SOURCE_INDEXES = _source_indexes()
