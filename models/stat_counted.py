"""통계관리 rollups of a 수기주문 upload, counted by the upload itself: its new orders' sums are added to their
days instead of each day being recomputed at commit.

A day's refresh (models.stat_triggers) reads every order of the day. A long upload commits a chunk at a time,
so it recomputed its day once per chunk over all the orders stored so far: on PostgreSQL 100,000 rows spent
most of their time there, and each chunk's commit waited longer than the one before. New orders only add
facts (their own; no other order's figures move), so the upload adds their sums to the day as extra rollup
rows, in the transaction that stores them. The pages and the monthly rollup sum the rows of a key, and the
next refresh of the day (any other change on it) folds them into one row again.

- PostgreSQL: while the upload writes, `portal.stat_counted` is on in its transaction and the source tables'
  statement triggers note nothing; the upload then takes each day's advisory lock, as a refresh does (a
  refresh of the same day in another transaction runs wholly before or after, never counting the orders
  twice or missing them), and inserts the sums.
- SQLite (one writer at a time): the row triggers note the day as usual; the upload inserts the sums and
  forgets the notes of its own rows. A day noted before in the same transaction stays noted and is
  recomputed at commit, the new orders and the sums just added included.
"""
import json
from datetime import date, timedelta

from sqlalchemy import text

from .stat_rollup import Dialect, manual_facts_sql, rollup_inserts

FLAG = "portal.stat_counted"  # read by the PostgreSQL source triggers (models.stat_triggers)
KST = timedelta(hours=9)
EPOCH = date(2000, 1, 1)  # stat_refresh's lock key: the day's number since then


def begin(conn) -> set:
    """Before the upload writes its orders (a SQLAlchemy connection, in the upload's transaction): on PostgreSQL
    the source triggers stop noting days (until count()); on SQLite, the days noted so far."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT set_config(:flag, 'on', true)"), {"flag": FLAG})
        return set()
    return set(conn.exec_driver_sql("SELECT tenant_id, day FROM stat_dirty").all())


def count(conn, tenant_id: int, manual_ids, registered_at, noted: set) -> None:
    """After the upload wrote these new 수기주문 (registered at `registered_at`, their created_at, none
    cancelled) and their lines: their sums go into the rollups; PostgreSQL's triggers note again, SQLite
    forgets the days the orders noted (`noted`, from begin(), stays). The ids are the upload's own, just
    stored for this seller: they drive the reads."""
    ids = [int(i) for i in manual_ids if i is not None]
    if conn.dialect.name == "postgresql":
        if ids:
            _add_pg(conn, tenant_id, ids, registered_at)
        conn.execute(text("SELECT set_config(:flag, 'off', true)"), {"flag": FLAG})
        return
    if ids:
        _add_sqlite(conn, tenant_id, ids)
    for tenant_key, day in set(conn.exec_driver_sql("SELECT tenant_id, day FROM stat_dirty").all()) - noted:
        conn.exec_driver_sql("DELETE FROM stat_dirty WHERE tenant_id = ? AND day = ?", (tenant_key, day))


def _add_pg(conn, tenant_id: int, ids: list[int], registered_at) -> None:
    """Under the lock of their day (KST, as stat_refresh takes it), one statement reading the facts once."""
    conn.execute(text("SELECT pg_advisory_xact_lock(:tenant, :day)"),
                 {"tenant": tenant_id, "day": ((registered_at + KST).date() - EPOCH).days})
    keys = "IN (SELECT unnest(CAST(:ids AS integer[])))"
    # Each order's lines by the order_id index (OFFSET 0 keeps the subquery a probe per order): without the
    # tables' statistics (a big upload outruns them) the planner read every line of the table.
    lines = "LATERAL (SELECT * FROM manual_order_line x WHERE x.order_id = m.id OFFSET 0)"
    facts = manual_facts_sql(Dialect("postgresql"), f"m.id {keys}", f"m.canceled_at IS NOT NULL AND m.id {keys}",
                             lines)
    # A chunk's rows are a few thousand, but the planner, before the tables' statistics catch up with a big
    # upload, can think them millions and compile the statement (seconds of JIT per chunk).
    conn.execute(text("SELECT set_config('jit', 'off', true)"))
    for statement in rollup_inserts(Dialect("postgresql"), str(int(tenant_id)), facts):
        conn.execute(text(statement), {"ids": ids})


def _add_sqlite(conn, tenant_id: int, ids: list[int]) -> None:
    """The facts read once into a scratch table, both rollups from it."""
    keys = "IN (SELECT value FROM json_each(:ids))"
    facts = manual_facts_sql(Dialect("sqlite"), f"m.id {keys}", f"m.canceled_at IS NOT NULL AND m.id {keys}")
    conn.execute(text(f"CREATE TEMP TABLE stat_new_facts AS {facts}"), {"ids": json.dumps(ids)})
    for statement in rollup_inserts(Dialect("sqlite"), str(int(tenant_id)), "SELECT * FROM temp.stat_new_facts"):
        conn.exec_driver_sql(statement)
    conn.exec_driver_sql("DROP TABLE temp.stat_new_facts")
