"""수기주문 upload store: checked orders and their SKU lines into the database, set-based.

No ORM object and no query per row. PostgreSQL gets the orders through one COPY that stays open while the
job checks the next part of its chunk (OrderStream), so the server stores one part while Python checks the
next instead of the two taking turns, and the lines through a second COPY once the orders are in; ids are
reserved from the sequence first, so the lines need no read-back. SQLite gets multi-row INSERTs when the
stream closes, the new ids being the contiguous range below the highest id, which the open write
transaction owns.

An order number already registered (a re-upload, or another upload meanwhile) is not stored twice: the
unique (tenant, platform, order_no) key refuses it (ON CONFLICT DO NOTHING, or a COPY that falls back to
it) and it is reported taken.

The stored orders are mirrored into 주문관리 and take their stock in the same transaction: on PostgreSQL
by two more COPYs from the values in hand (mirror_copy, the lines' ids reserved too, as the mirror names
them), on SQLite by mirror's two statements whatever the batch's size. Their sums go into the 통계관리
rollups last, added by the stream rather than their day recomputed at commit (models.stat_counted).
"""
import sqlite3
from collections.abc import Sequence
from decimal import Decimal
from itertools import chain

import psycopg

from models import stat_counted
from models.base import utcnow
from portal.extensions import db
from portal.services.bulk_sql import copy_writer, take_ids

from .mirror import mirror
from .mirror_copy import copy_mirror
from .rules import ORDER_COLUMNS

# An order's values: the rules' columns, then what a channel's file adds (currency, order date, buyer).
STORED_COLUMNS = ORDER_COLUMNS + ("currency", "order_date", "buyer_name")
TAIL_COLUMNS = ("tenant_id", "source", "run_id", "created_at", "updated_at")
LINE_COLUMNS = ("order_id", "sku", "quantity", "product_id", "option_id", "product_name", "option_name",
                "channel_line_no", "unit_price", "line_amount", "tenant_id")
COPY_COLUMNS = ("id",) + STORED_COLUMNS + TAIL_COLUMNS
sqlite3.register_adapter(Decimal, str)  # amounts keep their decimals (NUMERIC affinity stores the number)
CONFLICT = " ON CONFLICT (tenant_id, platform, order_no) DO NOTHING"


def store_batch(tenant_id: int, run_id: int, orders: list[tuple], *, commit: bool = True,
                touched: set | None = None) -> set[str]:
    """Store checked orders, each (values in STORED_COLUMNS order, [line values in LINE_COLUMNS order between
    order_id and tenant_id]);
    return the order numbers already registered, which are left alone. Without commit the caller commits
    (with its progress line). The products whose stock the orders took are added to `touched`.

    No lookup first: a fresh upload (the usual case) has nothing registered, and the unique key finds the
    rest while inserting (ON CONFLICT on SQLite; on PostgreSQL a COPY that meets one is redone skipping them).
    """
    if not orders:
        return set()
    with OrderStream(tenant_id, run_id, len(orders)) as stream:
        stream.add(orders)
    if touched is not None:
        touched |= stream.touched
    if commit:
        db.session.commit()
    return stream.registered


class OrderStream:
    """Orders added part by part as the job checks them, stored when the block ends; then `registered`
    holds the order numbers found already registered. `capacity` is the most orders that will be added
    (PostgreSQL reserves their ids first; the ids of orders that fail their checks stay unused), and
    `meanwhile` runs when the block ends: on PostgreSQL while the server stores the lines, on SQLite
    just before the inserts.

    On PostgreSQL the orders' COPY is open from the start, so nothing else may run on the session's
    connection inside the block (resolve the SKUs before it)."""

    def __init__(self, tenant_id: int, run_id: int, capacity: int, meanwhile=None):
        self.tenant_id, self.run_id, self.meanwhile = tenant_id, run_id, meanwhile
        self.orders: list[tuple] = []
        self.registered: set[str] = set()
        self.touched: set[int] = set()  # products whose stock the stored orders took
        self.conn = db.session.connection()
        self.pg = self.conn.dialect.name == "postgresql"
        self.now = utcnow()  # the orders' registration
        if self.pg:
            self.tail = (tenant_id, "excel", run_id, self.now, self.now)
            self.ids = take_ids(self.conn, "manual_order", capacity)

    def __enter__(self):
        self.noted = stat_counted.begin(self.conn)  # the upload counts its orders in the statistics itself
        if self.pg:
            self.cursor = self.conn.connection.dbapi_connection.cursor()
            self.cursor.execute("SAVEPOINT manual_order_copy")
            self.copy = copy_writer(self.cursor, "manual_order", COPY_COLUMNS, _types(COPY_COLUMNS))
            self.write = self.copy.__enter__()
        return self

    def add(self, orders: list[tuple]) -> None:
        if self.pg:
            start = len(self.orders)
            if start + len(orders) > len(self.ids):
                raise ValueError("more orders than the stream's capacity")
            write, tail = self.write, self.tail
            for i, (values, _) in zip(self.ids[start:], orders):
                write((i,) + values + tail)
        self.orders += orders

    def __exit__(self, kind, error, trace) -> bool:
        if not self.pg:
            if kind is None:
                self._then()
                if self.orders:
                    ids = _store_sqlite(self.conn, self.tenant_id, self.run_id, self.orders, self.now)
                    self._registered(ids)
                    self.touched = mirror(self.conn, self.tenant_id, ids)
                    stat_counted.count(self.conn, self.tenant_id, ids, self.now, self.noted)
            return False
        try:
            if kind is not None:
                self.copy.__exit__(kind, error, trace)  # the COPY is abandoned; the caller's error goes on
                return False
            ids = self.ids[:len(self.orders)]
            try:
                self.copy.__exit__(None, None, None)
            except psycopg.errors.UniqueViolation:
                ids = self._skip_registered(ids)
            self.cursor.execute("RELEASE SAVEPOINT manual_order_copy")
            stored = [(i, values, lines) for i, (values, lines) in zip(ids, self.orders) if i is not None]
            line_ids = iter(take_ids(self.conn, "manual_order_line", sum(len(lines) for _, _, lines in stored)))
            stored = [(i, values, [(next(line_ids), line) for line in lines]) for i, values, lines in stored]
            with copy_writer(self.cursor, "manual_order_line", ("id",) + LINE_COLUMNS,
                             _types(("id",) + LINE_COLUMNS)) as write:
                tenant = (self.tenant_id,)
                for i, _, lines in stored:
                    for line_id, line in lines:
                        write((line_id, i) + line + tenant)
                self._then()
            self._registered(ids)
            self.touched = copy_mirror(self.conn, self.cursor, self.tenant_id, self.tail[3], stored,
                                       STORED_COLUMNS, LINE_COLUMNS[1:-1])
            stat_counted.count(self.conn, self.tenant_id, [i for i, _, _ in stored], self.now, self.noted)
        finally:
            self.cursor.close()
        return False

    def _then(self) -> None:
        if self.meanwhile is not None:
            self.meanwhile()

    def _skip_registered(self, ids: list[int]) -> list[int | None]:
        """Some numbers are registered (a re-upload, or another upload meanwhile): insert skipping them."""
        cursor = self.cursor
        cursor.execute("ROLLBACK TO SAVEPOINT manual_order_copy")
        cursor.executemany(f"INSERT INTO manual_order ({', '.join(COPY_COLUMNS)}) VALUES "
                           f"({', '.join(['%s'] * len(COPY_COLUMNS))}){CONFLICT}",
                           [(i,) + values + self.tail for i, (values, _) in zip(ids, self.orders)])
        cursor.execute("SELECT id FROM manual_order WHERE id = ANY(%s)", (ids,))
        present = {i for (i,) in cursor}
        return [i if i in present else None for i in ids]

    def _registered(self, ids: Sequence[int | None]) -> None:
        if None in ids:
            self.registered = {values[1] for i, (values, _) in zip(ids, self.orders) if i is None}


def _stamp(conn, at):
    """A timestamp as the dialect stores it (SQLite: its text form, converted once, not per row)."""
    kind = db.DateTime().dialect_impl(conn.dialect)
    stamp = kind.bind_processor(conn.dialect)
    return stamp(at) if stamp else at


def _lines(tenant_id: int, ids, fresh: list[tuple]):
    """The line rows of the stored orders (ids[k] is the id of fresh[k], None if it was registered)."""
    return ((i,) + line + (tenant_id,) for i, (_, lines) in zip(ids, fresh) if i is not None for line in lines)


def _store_sqlite(conn, tenant_id: int, run_id: int, fresh: list[tuple], now) -> Sequence[int | None]:
    """The id of each order, None for one already registered."""
    now = _stamp(conn, now)
    tail = (tenant_id, "excel", run_id, now, now)
    floor = conn.exec_driver_sql("SELECT max(id) FROM manual_order").scalar() or 0
    inserted = _insert_values(conn, "manual_order", STORED_COLUMNS + TAIL_COLUMNS,
                              [values + tail for values, _ in fresh], CONFLICT)
    if inserted == len(fresh):
        # The write transaction holds the database from the first row on: the rows got consecutive ids.
        last = conn.exec_driver_sql("SELECT max(id) FROM manual_order").scalar()
        ids = range(last - len(fresh) + 1, last + 1)
    else:
        got = {(p, n): i for p, n, i in conn.exec_driver_sql(
            "SELECT platform, order_no, id FROM manual_order WHERE id > ? AND tenant_id = ? AND run_id = ?",
            (floor, tenant_id, run_id))}
        ids = [got.get((values[0], values[1])) for values, _ in fresh]
    _insert_values(conn, "manual_order_line", LINE_COLUMNS, list(_lines(tenant_id, ids, fresh)))
    return ids


ROWS_PER_INSERT = 100


def _insert_values(conn, table: str, columns, rows: list[tuple], conflict: str = "") -> int:
    """SQLite: ROWS_PER_INSERT rows per INSERT ... VALUES (...), (...) (fewer if the library takes fewer
    parameters), the rest one per row (executemany); returns the rows inserted. Many rows per statement
    bind in half the time of one per row; a fixed number keeps the statement's text the same, so the
    connection's statement cache keeps it compiled (batches up to the parameter limit took a few
    milliseconds to compile, once per batch size)."""
    cursor = conn.connection.dbapi_connection.cursor()
    per = max(1, min(ROWS_PER_INSERT, cursor.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
                     // len(columns)))
    one = f"({', '.join('?' * len(columns))})"
    head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
    full = len(rows) - len(rows) % per
    many = head + ", ".join([one] * per) + conflict
    done = 0
    try:
        for i in range(0, full, per):
            cursor.execute(many, list(chain.from_iterable(rows[i:i + per])))
            done += cursor.rowcount
        if full < len(rows):
            cursor.executemany(head + one + conflict, rows[full:])
            done += cursor.rowcount
    finally:
        cursor.close()
    return done


# PostgreSQL types of the columns COPY fills, for its binary format (nothing for the server to parse).
PG_TYPES = {"id": "int4", "order_amount": "numeric", "paid_amount": "numeric", "total_paid": "numeric",
            "tenant_id": "int4", "run_id": "int4", "created_at": "timestamp", "updated_at": "timestamp",
            "order_date": "timestamp", "order_id": "int4", "quantity": "int4", "product_id": "int4",
            "option_id": "int4", "unit_price": "numeric", "line_amount": "numeric"}


def _types(columns) -> list[str]:
    return [PG_TYPES.get(c, "text") for c in columns]
