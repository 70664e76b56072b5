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

The migrations 0014_bulk_child_keys and 0022_mirror_line_keys install the same triggers; create_all() (bench,
scratch databases) gets them from here.
"""
from sqlalchemy import event, text

from portal.extensions import db

# parent table: [(child table, child column, what the child does: "delete" or "set null")]
FOLLOW = {
    "product": [("product_option", "product_id", "delete"), ("product_history", "product_id", "delete")],
    "product_option": [("manual_order_line", "option_id", "set null")],
    "manual_order": [("manual_order_line", "order_id", "delete")],
    "channel_order": [("channel_order_line", "order_id", "delete")],
}


def _statement(child: str, column: str, action: str, gone: str) -> str:
    if action == "delete":
        return f"DELETE FROM {child} WHERE {column} IN ({gone});"
    return f"UPDATE {child} SET {column} = NULL WHERE {column} IN ({gone});"


def trigger_sql(dialect: str) -> list[str]:
    """CREATE statements of the triggers for one dialect ("postgresql" or "sqlite")."""
    statements = []
    for parent, children in FOLLOW.items():
        if dialect == "postgresql":
            body = " ".join(_statement(c, col, a, "SELECT id FROM gone") for c, col, a in children)
            statements += [
                f"CREATE OR REPLACE FUNCTION {parent}_deleted() RETURNS trigger LANGUAGE plpgsql AS "
                f"$$ BEGIN {body} RETURN NULL; END $$",
                f"CREATE TRIGGER {parent}_deleted AFTER DELETE ON {parent} REFERENCING OLD TABLE AS gone "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {parent}_deleted()",
            ]
        elif dialect == "sqlite":
            body = " ".join(_statement(c, col, a, "OLD.id") for c, col, a in children)
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
