"""What a parent's delete does to the rows of bulk-written tables, kept by triggers instead of foreign keys.

상품대량등록 writes 10,000 products with 30,000 options and 10,000 history rows at once, and a 수기주문
upload 100,000 orders with their lines. PostgreSQL checks a foreign key row by row (a query and a row lock
on the parent for every child written: two thirds of the server's work for an order line, a quarter of it
for a bulk registration), and none of these checks can fail: the job writes each child with its parent's
id in the same transaction, or with an option id it has just read (an option deleted in the moment
between leaves its lines naming no combination, as lines from before SKU mapping). What the keys did on
delete is done by these triggers, once per statement on PostgreSQL (transition tables) and per row on
SQLite: options and history go with their product, lines with their order (수기주문 and channel orders,
whose lines a 수기주문 upload mirrors by the thousand), and a line naming a deleted option combination keeps
the line and loses the combination. Tenants, which products name, are never deleted.

The migrations 0014_bulk_child_keys and 0025_mirror_line_keys install the same triggers; create_all() (bench,
scratch databases) gets them from here.
"""
from sqlalchemy import event, text

from portal.extensions import db

# parent table: [(child table, child column, what the child does: "delete" or "set null")]
FOLLOW = {
    "product": [("product_option", "product_id", "delete"), ("product_history", "product_id", "delete")],
    "product_option": [("manual_order_line", "option_id", "set null")],
    "manual_order": [("manual_order_line", "order_id", "delete"), ("channel_order", "manual_order_id", "delete")],
    "manual_order_line": [],
    "channel_order": [("channel_order_line", "order_id", "delete")],
}

# A 수기주문 line's mirror in 주문관리 (fulfilment.mirror) goes with it: first the stock the line took comes
# back unless its mirror was cancelled (강제취소 gave it back then; as that does, never below zero), then
# what 주문관리 recorded about the mirrored line (연동이력, 송장 outbox, claims), then the line. Its order goes
# with the 수기주문 (FOLLOW). Reached through the mirrored order's unique key and the lines' order index.
_PG_MIRRORED = ("(SELECT c.id, c.status, g.option_id, g.product_id, g.quantity FROM gone g "
                "JOIN channel_order o ON o.manual_order_id = g.order_id "
                "JOIN channel_order_line c ON c.order_id = o.id AND c.manual_line_id = g.id) m")
_PG_TAKEN = f"SELECT m.{{key}}, sum(m.quantity) AS q FROM {_PG_MIRRORED} WHERE m.status <> 'CANCELED' AND {{cond}} GROUP BY m.{{key}}"
_SQLITE_MIRRORED = ("SELECT c.id FROM channel_order_line c JOIN channel_order o ON o.id = c.order_id "
                    "WHERE o.manual_order_id = OLD.order_id AND c.manual_line_id = OLD.id")
_RECORDS = ("order_event", "invoice_outbox", "order_claim")
UNMIRROR = {
    "postgresql": [
        "UPDATE product_option SET stock = GREATEST(0, product_option.stock + s.q) FROM ("
        + _PG_TAKEN.format(key="option_id", cond="m.option_id IS NOT NULL") + ") s WHERE product_option.id = s.option_id;",
        "UPDATE product SET stock = GREATEST(0, product.stock + s.q) FROM ("
        + _PG_TAKEN.format(key="product_id", cond="m.option_id IS NULL AND m.product_id IS NOT NULL")
        + ") s WHERE product.id = s.product_id AND NOT EXISTS (SELECT 1 FROM product_option x WHERE x.product_id = product.id);",
    ] + [f"DELETE FROM {t} WHERE line_id IN (SELECT m.id FROM {_PG_MIRRORED});" for t in _RECORDS]
      + [f"DELETE FROM channel_order_line WHERE id IN (SELECT m.id FROM {_PG_MIRRORED});"],
    "sqlite": [
        f"UPDATE product_option SET stock = max(0, stock + OLD.quantity) WHERE id = OLD.option_id "
        f"AND EXISTS ({_SQLITE_MIRRORED} AND c.status <> 'CANCELED');",
        f"UPDATE product SET stock = max(0, stock + OLD.quantity) WHERE id = OLD.product_id AND OLD.option_id IS NULL "
        f"AND NOT EXISTS (SELECT 1 FROM product_option x WHERE x.product_id = product.id) "
        f"AND EXISTS ({_SQLITE_MIRRORED} AND c.status <> 'CANCELED');",
    ] + [f"DELETE FROM {t} WHERE line_id IN ({_SQLITE_MIRRORED});" for t in _RECORDS]
      + [f"DELETE FROM channel_order_line WHERE id IN ({_SQLITE_MIRRORED});"],
}
ALSO = {"manual_order_line": UNMIRROR}  # parent table: {dialect: statements run before FOLLOW's}


def _statement(child: str, column: str, action: str, gone: str) -> str:
    if action == "delete":
        return f"DELETE FROM {child} WHERE {column} IN ({gone});"
    return f"UPDATE {child} SET {column} = NULL WHERE {column} IN ({gone});"


def trigger_sql(dialect: str) -> list[str]:
    """CREATE statements of the triggers for one dialect ("postgresql" or "sqlite")."""
    statements = []
    for parent, children in FOLLOW.items():
        also = " ".join(ALSO.get(parent, {}).get(dialect, []))
        if dialect == "postgresql":
            body = also + " ".join(_statement(c, col, a, "SELECT id FROM gone") for c, col, a in children)
            statements += [
                f"CREATE OR REPLACE FUNCTION {parent}_deleted() RETURNS trigger LANGUAGE plpgsql AS "
                f"$$ BEGIN {body} RETURN NULL; END $$",
                f"CREATE TRIGGER {parent}_deleted AFTER DELETE ON {parent} REFERENCING OLD TABLE AS gone "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {parent}_deleted()",
            ]
        elif dialect == "sqlite":
            body = also + " ".join(_statement(c, col, a, "OLD.id") for c, col, a in children)
            statements.append(f"CREATE TRIGGER {parent}_deleted AFTER DELETE ON {parent} BEGIN {body} END")
    return statements


@event.listens_for(db.metadata, "after_create")
def _create_cascade_triggers(metadata, connection, tables=(), **kw):
    """create_all() gets the triggers the migration installs (once every table they name exists)."""
    names = {table.name for table in tables}
    if not all(parent in names for parent in FOLLOW):
        return
    for statement in trigger_sql(connection.dialect.name):
        connection.execute(text(statement))
