"""Sandbox store plumbing: the SQLite schema, connections and queries, the clock, reset."""
from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import contextmanager

SCHEMA = """
create table if not exists shops(id integer primary key, protocol text not null,
    channel text not null, name text not null, keys text not null,
    rate real not null default 200, burst real not null default 400);
create table if not exists tokens(token text primary key, shop_id int, expires_at real);
create table if not exists categories(shop_id int, cat_id text, parent_id text, name text, leaf int,
    primary key(shop_id, cat_id));
create table if not exists products(id integer primary key, shop_id int, product_no text, name text,
    price int, stock int, status text, category_id text, seller_code text, created_at real,
    extra text not null default '{}', updated_at real);
create table if not exists items(id integer primary key, product_id int, shop_id int, item_no text,
    option_name text, stock int, price int);
create table if not exists orders(id integer primary key, shop_id int, order_no text,
    ship_unit text, created_at real, buyer_name text, buyer_phone text, recipient_name text,
    recipient_phone text, address text, address_detail text, zip_code text, message text,
    shipping_fee int);
create table if not exists lines(id integer primary key, shop_id int, order_id int, line_no text,
    seq int, product_no text, item_no text, product_name text, option_name text, qty int,
    unit_price int, status text, courier text default '', tracking text default '',
    changed_at real, ship_due real, delay_reason text not null default '',
    delay_detail text not null default '');
create table if not exists claims(id integer primary key, shop_id int, line_id int, claim_no text,
    kind text, status text, prev_status text, reason text, detail text, created_at real,
    changed_at real);
create table if not exists inquiries(id integer primary key, shop_id int, inquiry_no text,
    product_no text, product_name text, order_no text, question text, answer text default '',
    writer text, created_at real, answered_at real, kind text not null default 'qna');
create table if not exists notices(id integer primary key, shop_id int, notice_no text, title text,
    body text, important int, created_at real);
create table if not exists faults(id integer primary key, method text, path_contains text,
    kind text, remaining int, delay real);
create table if not exists journal(id integer primary key, at real, shop_id int, method text,
    path text, status int, summary text);
create table if not exists settings(key text primary key, value text);
create index if not exists orders_by_created on orders(shop_id, created_at, id);
create index if not exists orders_by_no on orders(shop_id, order_no);
create index if not exists orders_by_unit on orders(shop_id, ship_unit);
create index if not exists lines_by_order on lines(order_id, seq);
create index if not exists lines_by_changed on lines(shop_id, changed_at, id);
create index if not exists lines_by_no on lines(shop_id, line_no);
create index if not exists claims_by_changed on claims(shop_id, changed_at, id);
create index if not exists claims_by_line on claims(line_id);
create index if not exists claims_by_no on claims(shop_id, claim_no);
create index if not exists inquiries_by_created on inquiries(shop_id, created_at, id);
create index if not exists inquiries_by_no on inquiries(shop_id, inquiry_no);
"""
# Columns added after the first files were made: (table, column, declaration).
UPGRADES = (("products", "extra", "text not null default '{}'"),
            ("products", "updated_at", "real"),
            ("lines", "ship_due", "real"),
            ("lines", "delay_reason", "text not null default ''"),
            ("lines", "delay_detail", "text not null default ''"),
            ("inquiries", "kind", "text not null default 'qna'"))


class Database:
    """One SQLite file; every store module builds on q/one/run and now().

    One connection per store, used under a re-entrant lock: opening a connection per query made
    every API call pay for several connects and schema reads. tx() nests; only the outermost
    commits (or rolls back), so a store method can group its statements into one transaction.
    """

    def __init__(self, path: str):
        self.path = path
        self.lock = threading.RLock()
        self._depth = 0
        self._conn = sqlite3.connect(path, timeout=30, check_same_thread=False)
        self._conn.row_factory = sqlite3.Row
        # A fake marketplace needs no crash safety; skipping fsync keeps resets and tests fast,
        # and WAL spares a journal file per commit.
        self._conn.execute("pragma journal_mode=WAL")
        self._conn.execute("pragma synchronous=OFF")
        with self.tx() as c:
            c.executescript(SCHEMA)
            # Files made before a column existed get it added (e.g. the sale end and shipping
            # terms of products, the 발송지연 fields of lines).
            for table, column, declaration in UPGRADES:
                have = {r["name"] for r in c.execute(f"pragma table_info({table})")}
                if column not in have:
                    c.execute(f"alter table {table} add column {column} {declaration}")

    @contextmanager
    def tx(self):
        with self.lock:
            self._depth += 1
            try:
                yield self._conn
            except BaseException:
                self._depth -= 1
                if self._depth == 0:
                    self._conn.rollback()
                raise
            self._depth -= 1
            if self._depth == 0:
                self._conn.commit()

    def q(self, sql, args=()):
        with self.tx() as c:
            return [dict(r) for r in c.execute(sql, args).fetchall()]

    def one(self, sql, args=()):
        rows = self.q(sql, args)
        return rows[0] if rows else None

    def run(self, sql, args=()) -> int:
        with self.tx() as c:
            return c.execute(sql, args).lastrowid

    # ---------------------------------------------------------------- clock
    def now(self) -> float:
        row = self.one("select value from settings where key='clock_offset'")
        return time.time() + (float(row["value"]) if row else 0.0)

    def advance_clock(self, seconds: float) -> float:
        row = self.one("select value from settings where key='clock_offset'")
        offset = (float(row["value"]) if row else 0.0) + seconds
        self.run("insert or replace into settings(key, value) values('clock_offset', ?)",
                 (str(offset),))
        return offset

    def reset(self):
        with self.tx() as c:
            for table in ("shops", "tokens", "categories", "products", "items", "orders", "lines",
                          "claims", "inquiries", "notices", "faults", "journal", "settings"):
                c.execute(f"delete from {table}")
