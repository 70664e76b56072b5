"""How the daily rollups of 통계관리 follow the order rows: triggers per database and the refresh at commit.

The source tables' triggers note the (seller, KST day) pairs a change may move (models.stat_rollup.SOURCES) in
stat_dirty, and each noted day is recomputed once, when the transaction commits, in that transaction:

- PostgreSQL: statement triggers (transition tables) note the days; a deferred constraint trigger on stat_dirty
  recomputes each day at commit, under an advisory lock per (seller, day) so two writers of the same day
  refresh it one after the other. A 수기주문 upload's own statements note nothing: it adds its new orders'
  sums itself (models.stat_counted).
- SQLite has neither statement nor deferred triggers: row triggers note the days (INSERT OR IGNORE, a few
  index probes per row) and the engine's commit event recomputes them, all of a seller's days in one
  statement per rollup, just before the commit. SQLite has one writer at a time, so the days noted are
  those of the committing transaction. Recomputing at every row instead made a 2,000-row upload take
  minutes: each row recomputed the whole day so far. A 수기주문 upload forgets the notes of its own rows and
  adds their sums itself (models.stat_counted).

The migrations install the same statements (0015_i15_stat_rollups; 0022_rollups_sqlite_dirty for SQLite's
noting triggers; 0029_upload_speed_stat_counted for the noting functions' skip); create_all() gets them
from here.
"""
from datetime import date, timedelta

from sqlalchemy import event, text
from sqlalchemy.engine import Engine

from portal.extensions import db

from .stat_counted import FLAG
from .stat_rollup import SOURCES, TABLES, Dialect, insert_sql


def _pg_refresh() -> list[str]:
    d = Dialect("postgresql")
    inserts = "; ".join(insert_sql(d, "p_tenant", lambda col: f"{col} >= p_since AND {col} < p_until"))
    deletes = " ".join(f"DELETE FROM {t} WHERE tenant_id = p_tenant AND day = p_day;" for t in TABLES)
    return [f"""
CREATE OR REPLACE FUNCTION stat_refresh(p_tenant integer, p_day date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    p_since timestamp := p_day - interval '9 hours';
    p_until timestamp := p_day + interval '15 hours';
BEGIN
    -- two writers of the same seller's day refresh it one after the other
    PERFORM pg_advisory_xact_lock(p_tenant, p_day - date '2000-01-01');
    {deletes}
    {inserts};
END $$""", """
CREATE OR REPLACE FUNCTION stat_dirty_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    k record;
BEGIN
    -- every day this transaction still has to refresh is locked first, in one order (seller, day): two
    -- collections of one seller noting the same days in opposite orders deadlocked when each day was
    -- locked only as its turn came (a lock already held is taken again at no cost)
    FOR k IN SELECT DISTINCT tenant_id, day FROM stat_dirty WHERE tx = NEW.tx ORDER BY tenant_id, day LOOP
        PERFORM pg_advisory_xact_lock(k.tenant_id, k.day - date '2000-01-01');
    END LOOP;
    PERFORM stat_refresh(NEW.tenant_id, NEW.day);
    DELETE FROM stat_dirty WHERE tx = NEW.tx AND tenant_id = NEW.tenant_id AND day = NEW.day;
    RETURN NULL;
END $$""", """
CREATE CONSTRAINT TRIGGER stat_dirty_refresh AFTER INSERT ON stat_dirty DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION stat_dirty_refresh()"""]


def _pg_table(table: str) -> list[str]:
    d = Dialect("postgresql")
    days = SOURCES[table][1](d)

    def refresh(source: str) -> str:
        return (f"INSERT INTO stat_dirty (tx, tenant_id, day) SELECT DISTINCT txid_current(), t, d "
                f"FROM ({days.format(r=source)}) y WHERE d IS NOT NULL ON CONFLICT DO NOTHING;")

    if table == "channel_order":  # only a changed address moves figures (lines come after, go before)
        changed = ("(SELECT n.* FROM new_rows n JOIN old_rows o ON o.id = n.id "
                   "WHERE n.address IS DISTINCT FROM o.address)")
        body = f"{refresh(changed)}"
        ops = [("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows")]
    else:
        body = (f"IF TG_OP = 'INSERT' THEN {refresh('new_rows')} "
                f"ELSIF TG_OP = 'DELETE' THEN {refresh('old_rows')} "
                f"ELSE {refresh('(SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows)')} END IF;")
        ops = [("INSERT", "NEW TABLE AS new_rows"), ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
               ("DELETE", "OLD TABLE AS old_rows")]
    # A 수기주문 upload counts its own new orders (models.stat_counted): its statements note nothing.
    skip = f"IF current_setting('{FLAG}', true) = 'on' THEN RETURN NULL; END IF;"
    out = [f"CREATE OR REPLACE FUNCTION stat_{table}() RETURNS trigger LANGUAGE plpgsql AS $$ "
           f"BEGIN {skip} {body} RETURN NULL; END $$"]
    out += [f"CREATE TRIGGER stat_{table}_{op.lower()} AFTER {op} ON {table} REFERENCING {ref} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION stat_{table}()" for op, ref in ops]
    return out


def _sqlite_table(table: str) -> list[str]:
    """Row triggers noting the days the old and the new row may move."""
    d = Dialect("sqlite")
    columns = [c.strip() for c in SOURCES[table][0].split(",")]

    def row(which: str) -> str:
        return "SELECT " + ", ".join(f"{which}.{c} AS {c}" for c in columns)

    ops = {"INSERT": row("NEW"), "DELETE": row("OLD"), "UPDATE": f"{row('OLD')} UNION ALL {row('NEW')}"}
    if table == "channel_order":
        ops = {"UPDATE OF address": ops["UPDATE"]}
    out = []
    for op, source in ops.items():
        when = ""
        if table in ("channel_order_line", "channel_order"):  # file orders count through 수기주문, not here
            when = {"INSERT": " WHEN NEW.account_id IS NOT NULL", "DELETE": " WHEN OLD.account_id IS NOT NULL"}.get(
                op, " WHEN OLD.account_id IS NOT NULL OR NEW.account_id IS NOT NULL")
        days = SOURCES[table][1](d).format(r=f"({source})")
        name = f"stat_{table}_{op.split()[0].lower()}"
        out.append(f"CREATE TRIGGER {name} AFTER {op} ON {table}{when} BEGIN "
                   f"INSERT OR IGNORE INTO stat_dirty (tx, tenant_id, day) SELECT 0, t, d FROM ({days}) "
                   f"WHERE d IS NOT NULL; END")
    return out


def trigger_sql(dialect: str) -> list[str]:
    """CREATE statements of the refresh function and triggers for one dialect."""
    if dialect == "postgresql":
        return _pg_refresh() + [s for table in SOURCES for s in _pg_table(table)]
    return [s for table in SOURCES for s in _sqlite_table(table)]


def refresh_noted_days(connection) -> None:
    """SQLite: recompute the days stat_dirty notes and forget them (what PostgreSQL's deferred trigger does).

    A seller's days are recomputed together: the source rows are read by timestamp over the span of the noted
    days (widened by two days each way, so a timestamp stored in any text form still falls inside) and kept
    when their KST day is one of them."""
    noted = connection.exec_driver_sql(
        "SELECT tenant_id, min(day), max(day) FROM stat_dirty GROUP BY tenant_id").all()
    if not noted:
        return
    d = Dialect("sqlite")
    for tenant, first, last in noted:
        tenant = str(int(tenant))
        days = f"(SELECT day FROM stat_dirty WHERE tenant_id = {tenant})"
        since = (date.fromisoformat(str(first)[:10]) - timedelta(days=2)).isoformat()
        until = (date.fromisoformat(str(last)[:10]) + timedelta(days=2)).isoformat()

        def within(col: str) -> str:
            return f"{col} >= '{since}' AND {col} < '{until}' AND {d.day(col)} IN {days}"

        for table in TABLES:
            connection.exec_driver_sql(f"DELETE FROM {table} WHERE tenant_id = {tenant} AND day IN {days}")
        for statement in insert_sql(d, tenant, within):
            connection.exec_driver_sql(statement)
    connection.exec_driver_sql("DELETE FROM stat_dirty")


@event.listens_for(Engine, "commit")
def _refresh_before_commit(connection) -> None:
    """SQLite: the noted days are recomputed in the committing transaction, just before it commits."""
    if connection.dialect.name != "sqlite":
        return
    if connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'stat_dirty'").first() is None:
        return  # a database without the statistics tables (before their migration, another app's database)
    refresh_noted_days(connection)


@event.listens_for(db.metadata, "after_create")
def _create_rollup_triggers(metadata, connection, tables=(), **kw):
    """create_all() gets the triggers the migration installs (once every table they name exists)."""
    names = {table.name for table in tables}
    if not all(name in names for name in (*SOURCES, *TABLES, "product_option", "stat_dirty")):
        return
    for statement in trigger_sql(connection.dialect.name):
        connection.execute(text(statement))


def pg_functions() -> list[str]:
    """PostgreSQL's refresh functions alone (CREATE OR REPLACE), for a migration that changes their body."""
    return [s for s in _pg_refresh() if "CREATE OR REPLACE FUNCTION" in s]


def pg_source_functions() -> list[str]:
    """PostgreSQL's noting functions of the source tables alone (CREATE OR REPLACE), for a migration that
    changes their body."""
    return [s for table in SOURCES for s in _pg_table(table) if s.startswith("CREATE OR REPLACE FUNCTION")]
