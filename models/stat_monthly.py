"""Monthly per-product sales rollup of 통계관리: the daily per-product rows (stat_daily_product) summed per month.

A year of product statistics reads a dozen monthly rows per product instead of 365 daily ones. The monthly
rows are kept by triggers on stat_daily_product, in the same transaction: each daily row inserted adds its
figures to its month, each one deleted takes them away (a refreshed day deletes and reinserts its rows), so
a month is always the exact sum of its days. `days` counts the daily rows a monthly row holds; at 0 the row
goes. Integers only, so adding and taking away is exact.

A product without an id is keyed by its line name (name_key), as the daily rows are; product_id 0 stands for
"no product" so the key can be unique.
"""
from sqlalchemy import event, text

from portal.extensions import db

FIGURES = ("quantity", "amount", "orders", "product_orders", "option_orders")
KEYS = ("tenant_id", "month", "kind", "account", "currency", "product_id", "name_key", "option_name")


class StatMonthlyProduct(db.Model):
    """Per seller, KST month (its first day), kind, account, currency, product and option."""

    __tablename__ = "stat_monthly_product"
    __table_args__ = (db.UniqueConstraint(*KEYS, name="uq_stat_monthly_product"),)

    id = db.Column(db.Integer, primary_key=True)
    tenant_id = db.Column(db.Integer, nullable=False)
    month = db.Column(db.Date, nullable=False)
    kind = db.Column(db.String(6), nullable=False)
    account = db.Column(db.String(60), nullable=False)
    currency = db.Column(db.String(3), nullable=False)
    product_id = db.Column(db.Integer, nullable=False)  # 0: a line without a product
    name_key = db.Column(db.String(220), nullable=False)  # the line's name when product_id is 0, else ""
    product_name = db.Column(db.String(220), nullable=False)
    option_name = db.Column(db.String(200), nullable=False)
    quantity = db.Column(db.BigInteger, nullable=False)
    amount = db.Column(db.BigInteger, nullable=False)
    orders = db.Column(db.BigInteger, nullable=False)
    product_orders = db.Column(db.BigInteger, nullable=False)
    option_orders = db.Column(db.BigInteger, nullable=False)
    days = db.Column(db.Integer, nullable=False)  # daily rows summed here


_COLUMNS = ", ".join((*KEYS[:-1], "product_name", "option_name", *FIGURES, "days"))
_ADD = ", ".join(f"{f} = stat_monthly_product.{f} + excluded.{f}" for f in (*FIGURES, "days"))


def _pg() -> list[str]:
    grouped = ("SELECT tenant_id, CAST(date_trunc('month', day) AS date) AS month, kind, account, currency, "
               "coalesce(product_id, 0) AS product_id, CASE WHEN product_id IS NULL THEN product_name ELSE '' END "
               "AS name_key, max(product_name) AS product_name, option_name, "
               + ", ".join(f"sum({f}) AS {f}" for f in FIGURES) + ", count(*) AS days FROM {rows} "
               "GROUP BY 1, 2, 3, 4, 5, 6, 7, 9")
    add = (f"INSERT INTO stat_monthly_product ({_COLUMNS}) SELECT * FROM ({grouped.format(rows='new_rows')}) g "
           f"ORDER BY 1, 2, 3, 4, 5, 6, 7, 9 ON CONFLICT ON CONSTRAINT uq_stat_monthly_product DO UPDATE SET "
           f"{_ADD}, product_name = excluded.product_name;")
    match = " AND ".join(f"m.{k} = g.{k}" for k in KEYS)
    take = (f"UPDATE stat_monthly_product m SET " + ", ".join(f"{f} = m.{f} - g.{f}" for f in (*FIGURES, "days"))
            + f" FROM ({grouped.format(rows='old_rows')}) g WHERE {match}; "
            "DELETE FROM stat_monthly_product m USING (SELECT DISTINCT tenant_id, "
            "CAST(date_trunc('month', day) AS date) AS month FROM old_rows) g "
            "WHERE m.tenant_id = g.tenant_id AND m.month = g.month AND m.days <= 0;")
    body = (f"IF TG_OP IN ('DELETE', 'UPDATE') THEN {take} END IF; "
            f"IF TG_OP IN ('INSERT', 'UPDATE') THEN {add} END IF;")
    out = [f"CREATE OR REPLACE FUNCTION stat_monthly_product() RETURNS trigger LANGUAGE plpgsql AS $$ "
           f"BEGIN {body} RETURN NULL; END $$"]
    refs = {"INSERT": "NEW TABLE AS new_rows", "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
            "DELETE": "OLD TABLE AS old_rows"}
    out += [f"CREATE TRIGGER stat_monthly_{op.lower()} AFTER {op} ON stat_daily_product REFERENCING {ref} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION stat_monthly_product()" for op, ref in refs.items()]
    return out


def _sqlite() -> list[str]:
    def keys(row: str) -> list[str]:
        return [f"{row}.tenant_id", f"date({row}.day, 'start of month')", f"{row}.kind", f"{row}.account",
                f"{row}.currency", f"coalesce({row}.product_id, 0)",
                f"CASE WHEN {row}.product_id IS NULL THEN {row}.product_name ELSE '' END"]

    add = (f"INSERT INTO stat_monthly_product ({_COLUMNS}) SELECT " + ", ".join(keys("NEW"))
           + ", NEW.product_name, NEW.option_name, " + ", ".join(f"NEW.{f}" for f in FIGURES)
           + f", 1 WHERE true ON CONFLICT ({', '.join(KEYS)}) DO UPDATE SET {_ADD}, "
           "product_name = excluded.product_name;")
    match = " AND ".join(f"{k} = {v}" for k, v in zip(KEYS, [*keys("OLD"), "OLD.option_name"], strict=True))
    take = ("UPDATE stat_monthly_product SET " + ", ".join(f"{f} = {f} - OLD.{f}" for f in FIGURES)
            + f", days = days - 1 WHERE {match}; DELETE FROM stat_monthly_product WHERE {match} AND days <= 0;")
    return [f"CREATE TRIGGER stat_monthly_insert AFTER INSERT ON stat_daily_product BEGIN {add} END",
            f"CREATE TRIGGER stat_monthly_delete AFTER DELETE ON stat_daily_product BEGIN {take} END",
            f"CREATE TRIGGER stat_monthly_update AFTER UPDATE ON stat_daily_product BEGIN {take} {add} END"]


def monthly_trigger_sql(dialect: str) -> list[str]:
    """CREATE statements of the triggers on stat_daily_product that keep the monthly rows."""
    return _pg() if dialect == "postgresql" else _sqlite()


def fill_monthly(connection, tenant_id: int | None = None) -> None:
    """The monthly rows recomputed from the daily ones (one seller, or all)."""
    where = "" if tenant_id is None else f" WHERE tenant_id = {int(tenant_id)}"
    connection.execute(text(f"DELETE FROM stat_monthly_product{where}"))
    month = ("CAST(date_trunc('month', day) AS date)" if connection.dialect.name == "postgresql"
             else "date(day, 'start of month')")
    connection.execute(text(
        f"INSERT INTO stat_monthly_product ({_COLUMNS}) SELECT tenant_id, {month}, kind, account, currency, "
        "coalesce(product_id, 0), CASE WHEN product_id IS NULL THEN product_name ELSE '' END, max(product_name), "
        "option_name, " + ", ".join(f"sum({f})" for f in FIGURES) + f", count(*) FROM stat_daily_product{where} "
        "GROUP BY 1, 2, 3, 4, 5, 6, 7, 9"))


@event.listens_for(db.metadata, "after_create")
def _create_monthly_triggers(metadata, connection, tables=(), **kw):
    """create_all() gets the triggers the migration installs."""
    names = {table.name for table in tables}
    if "stat_monthly_product" in names and "stat_daily_product" in names:
        for statement in monthly_trigger_sql(connection.dialect.name):
            connection.execute(text(statement))
