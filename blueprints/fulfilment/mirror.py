"""수기주문 into 주문관리: file and form orders copied into the channel order tables (no channel account), and
the stock their lines take, set-based, in the transaction that stores them.

A mirrored order is an order like a collected one for every list, 송장 and count of 주문관리, keyed back to
its 수기주문 (channel_order.manual_order_id, channel_order_line.manual_line_id). It has no channel account,
so nothing is ever sent to a channel for it: its lines start 발주확인 (there is no channel to confirm to) and
its 송장 stay here, for the download in the channel's own upload format (invoice_files). The statistics
count it once, as the 수기주문 it mirrors.

Two statements per batch whatever its size (orders, then lines joined to the orders just written), and two
for the stock (조합형 options, then products without options). The form and SQLite uploads mirror here; a
PostgreSQL upload writes the same rows by COPY from the values in hand (mirror_copy) and takes the stock
from the quantities in hand (take_stock).
"""
from sqlalchemy import text

from models.order import FROM_FILE, FROM_FORM

__all__ = ["FROM_FILE", "FROM_FORM", "mirror", "mirror_all", "release_stock", "take_stock"]


class _Sql:
    """The few expressions that differ between PostgreSQL and SQLite."""

    def __init__(self, conn):
        self.pg = conn.dialect.name == "postgresql"
        # A batch's ids as a set to join: `id = ANY(:ids)` beside another condition is checked as a filter,
        # the whole array compared for every row (5,000 orders: 25 million comparisons).
        keys = "SELECT unnest(CAST(:ids AS integer[]))" if self.pg else "SELECT value FROM json_each(:ids)"
        self.ids = f"IN ({keys})"
        self.keys = f"({keys}) AS k(id)" if self.pg else "(SELECT value AS id FROM json_each(:ids)) k"
        # SQLite: the batch's ids drive the join (CROSS JOIN keeps the order written). Left to itself it read
        # the seller's 수기주문 by tenant and scanned the whole id list for each: 5,000 orders took 1.3 s.
        self.join = "JOIN" if self.pg else "CROSS JOIN"
        self.greatest = "GREATEST" if self.pg else "max"

    def utc(self, col: str) -> str:
        """A file's order date (the channel's local time, KST/JST: +9) as naive UTC."""
        return f"({col} - interval '9 hours')" if self.pg else f"(datetime({col}, '-9 hours') || '.000000')"

    def param(self, ids):
        if self.pg:
            return list(ids)
        import json
        return json.dumps(list(ids))


ORDERS = """
INSERT INTO channel_order (tenant_id, account_id, channel, channel_order_id, source, manual_order_id, ordered_at,
    buyer_name, buyer_phone, recipient_name, recipient_phone, zip_code, address, address_detail, delivery_message,
    total_amount, shipping_fee, currency, created_at, updated_at)
SELECT m.tenant_id, NULL, substr(m.platform, 1, 40), m.order_no, m.source, m.id,
    coalesce({ordered}, m.created_at), substr(m.buyer_name, 1, 60), '', m.recipient_name, m.recipient_phone,
    m.zip_code, m.address, m.address_detail, m.message,
    CAST(round(coalesce(m.total_paid, m.paid_amount, m.order_amount, 0)) AS INTEGER), 0,
    coalesce(nullif(upper(substr(m.currency, 1, 3)), ''), 'KRW'), m.created_at, m.updated_at
FROM {keys} {join} manual_order m ON m.id = k.id WHERE m.tenant_id = :tenant
ON CONFLICT (manual_order_id) DO NOTHING
RETURNING id
"""

LINES = """
INSERT INTO channel_order_line (tenant_id, order_id, account_id, channel, channel_order_id, channel_line_id,
    ordered_at, product_name, option_name, quantity, unit_price, amount, status, raw_status, seller_code,
    channel_product_id, origin_product_id, channel_item_id, ship_unit_id, product_id, delay_reason, cancel_reason,
    courier_code, tracking_number, invoice_state, manual_line_id, created_at, updated_at)
SELECT o.tenant_id, o.id, NULL, o.channel, o.channel_order_id,
    substr(coalesce(nullif(ml.channel_line_no, ''), o.channel_order_id || '-' || CAST(ml.id AS VARCHAR(20))), 1, 60),
    o.ordered_at, substr(coalesce(nullif(ml.product_name, ''), p.name, ml.sku), 1, 200),
    substr(coalesce(nullif(ml.option_name, ''), op."values", ''), 1, 200), ml.quantity,
    CAST(round(coalesce(ml.unit_price, 0)) AS INTEGER),
    CAST(round(coalesce(ml.line_amount, ml.unit_price * ml.quantity, 0)) AS INTEGER),
    CASE WHEN m.canceled_at IS NULL THEN 'CONFIRMED' ELSE 'CANCELED' END, '', substr(ml.sku, 1, 60),
    '', '', '', '', ml.product_id, '', '', '', '', '', ml.id, o.created_at, o.updated_at
FROM {keys} {join} channel_order o ON o.id = k.id JOIN manual_order m ON m.id = o.manual_order_id
JOIN manual_order_line ml ON ml.order_id = m.id
LEFT JOIN product p ON p.id = ml.product_id LEFT JOIN product_option op ON op.id = ml.option_id
"""

# Amounts become whole won by round(): halves away from zero on both databases (a bare cast truncates on
# SQLite), as mirror_copy.whole does.

# The stock a batch of 수기주문 takes (sign -1) or gives back (sign +1): its 조합형 options, then its products
# without options; never below zero, as collected orders move it (orders.services.stock_link).
OPTION_STOCK = """
UPDATE product_option SET stock = {greatest}(0, product_option.stock {sign} s.q)
FROM (SELECT ml.option_id, sum(ml.quantity) AS q FROM manual_order_line ml
      WHERE ml.order_id {ids} AND ml.option_id IS NOT NULL GROUP BY ml.option_id) s
WHERE product_option.id = s.option_id
RETURNING product_option.product_id
"""
PRODUCT_STOCK = """
UPDATE product SET stock = {greatest}(0, product.stock {sign} s.q)
FROM (SELECT ml.product_id, sum(ml.quantity) AS q FROM manual_order_line ml
      WHERE ml.order_id {ids} AND ml.option_id IS NULL AND ml.product_id IS NOT NULL GROUP BY ml.product_id) s
WHERE product.id = s.product_id
  AND NOT EXISTS (SELECT 1 FROM product_option x WHERE x.product_id = product.id)
RETURNING product.id
"""


def mirror(conn, tenant_id: int, manual_ids, *, take_stock: bool = True) -> set[int]:
    """Copy these 수기주문 (already stored, in this transaction) into 주문관리 and take their stock; a 수기주문
    mirrored before is left alone. Returns the products whose stock moved (announce them after the commit)."""
    manual_ids = [i for i in manual_ids if i is not None]
    if not manual_ids:
        return set()
    sql = _Sql(conn)
    ordered = sql.utc("m.order_date")
    new = [i for (i,) in conn.execute(text(ORDERS.format(ordered=ordered, keys=sql.keys, join=sql.join)),
                                      {"ids": sql.param(manual_ids), "tenant": tenant_id})]
    if not new:
        return set()
    conn.execute(text(LINES.format(keys=sql.keys, join=sql.join)), {"ids": sql.param(new)})
    if not take_stock:
        return set()
    if len(new) < len(manual_ids):  # only the stock of the orders mirrored now
        manual_ids = [i for (i,) in conn.execute(text(f"SELECT manual_order_id FROM channel_order WHERE id {sql.ids}"),
                                                 {"ids": sql.param(new)})]
    return _move_stock(conn, sql, manual_ids, "-")


# The stock an upload's lines take on PostgreSQL, from the quantities in hand (summed per 조합형 option and
# per product): no read of the lines just written.
TAKEN = "SELECT unnest(CAST(:ids AS integer[])) AS id, unnest(CAST(:qty AS integer[])) AS q"
TAKE_OPTIONS = f"""
UPDATE product_option SET stock = GREATEST(0, product_option.stock - s.q) FROM ({TAKEN}) s
WHERE product_option.id = s.id RETURNING product_option.product_id
"""
TAKE_PRODUCTS = f"""
UPDATE product SET stock = GREATEST(0, product.stock - s.q) FROM ({TAKEN}) s
WHERE product.id = s.id AND NOT EXISTS (SELECT 1 FROM product_option x WHERE x.product_id = product.id)
RETURNING product.id
"""
LOCK_IDS = "SELECT x.id FROM {table} x WHERE x.id = ANY(CAST(:ids AS integer[])) ORDER BY x.id FOR NO KEY UPDATE"


def take_stock(conn, options: dict[int, int], products: dict[int, int]) -> set[int]:
    """PostgreSQL: the stock an upload's lines take, summed per 조합형 option and per product without
    options (a product line without an option of a product that has options takes none, as in mirror);
    the products whose stock moved. The rows are locked in id order first, so two uploads wait, never
    deadlock."""
    touched: set[int] = set()
    for table, taken in (("product_option", options), ("product", products)):
        if taken:
            conn.execute(text(LOCK_IDS.format(table=table)), {"ids": sorted(taken)})
    for statement, taken in ((TAKE_OPTIONS, options), (TAKE_PRODUCTS, products)):
        if taken:
            touched |= {i for (i,) in conn.execute(text(statement), {"ids": list(taken),
                                                                    "qty": list(taken.values())})}
    return touched


def release_stock(conn, manual_ids) -> set[int]:
    """강제취소 of 수기주문: their lines give back the stock they took; their mirrored lines become 취소완료."""
    manual_ids = list(manual_ids)
    if not manual_ids:
        return set()
    sql = _Sql(conn)
    conn.execute(text(f"UPDATE channel_order_line SET status = 'CANCELED', updated_at = CURRENT_TIMESTAMP "
                      f"WHERE account_id IS NULL AND status <> 'CANCELED' AND order_id IN "
                      f"(SELECT id FROM channel_order WHERE manual_order_id {sql.ids})"),
                 {"ids": sql.param(manual_ids)})
    return _move_stock(conn, sql, manual_ids, "+")


# NO KEY UPDATE, not UPDATE: the mirrored lines' foreign-key checks already hold KEY SHARE on these rows in
# both writers, and FOR UPDATE conflicts with the other writer's KEY SHARE (a deadlock); NO KEY UPDATE
# still makes the second writer wait for the first one's stock change.
LOCK_ORDER = """
SELECT x.id FROM {table} x WHERE x.id IN (SELECT ml.{column} FROM manual_order_line ml WHERE ml.order_id {ids})
ORDER BY x.id FOR NO KEY UPDATE
"""


def _move_stock(conn, sql: _Sql, manual_ids, sign: str) -> set[int]:
    params = {"ids": sql.param(manual_ids)}
    if sql.pg:  # two upload writers lock the rows they change in one order, so they wait, never deadlock
        for table, column in (("product_option", "option_id"), ("product", "product_id")):
            conn.execute(text(LOCK_ORDER.format(table=table, column=column, ids=sql.ids)), params)
    touched = {i for (i,) in conn.execute(text(OPTION_STOCK.format(greatest=sql.greatest, sign=sign, ids=sql.ids)),
                                          params)}
    touched |= {i for (i,) in conn.execute(text(PRODUCT_STOCK.format(greatest=sql.greatest, sign=sign,
                                                                     ids=sql.ids)), params)}
    return touched


def mirror_all(conn, batch: int = 5000) -> None:
    """Every 수기주문 not mirrored yet (those registered before mirroring existed), without moving stock."""
    while True:
        rows = conn.execute(text(
            "SELECT m.tenant_id, m.id FROM manual_order m WHERE NOT EXISTS "
            "(SELECT 1 FROM channel_order o WHERE o.manual_order_id = m.id) ORDER BY m.id LIMIT :n"),
            {"n": batch}).all()
        if not rows:
            return
        by_tenant: dict[int, list[int]] = {}
        for tenant_id, manual_id in rows:
            by_tenant.setdefault(tenant_id, []).append(manual_id)
        for tenant_id, ids in by_tenant.items():
            mirror(conn, tenant_id, ids, take_stock=False)
