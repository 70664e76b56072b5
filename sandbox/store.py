"""Sandbox marketplace state: one SQLite file, protocol-neutral shops, orders, claims and the clock."""
from __future__ import annotations

import json
import sqlite3
import threading
import time
from contextlib import contextmanager

SCHEMA = """
create table if not exists shops(id integer primary key, protocol text not null, channel text not null,
    name text not null, keys text not null, rate real not null default 200, burst real not null default 400);
create table if not exists tokens(token text primary key, shop_id int, expires_at real);
create table if not exists categories(shop_id int, cat_id text, parent_id text, name text, leaf int,
    primary key(shop_id, cat_id));
create table if not exists products(id integer primary key, shop_id int, product_no text, name text,
    price int, stock int, status text, category_id text, seller_code text, created_at real);
create table if not exists items(id integer primary key, product_id int, shop_id int, item_no text,
    option_name text, stock int, price int);
create table if not exists orders(id integer primary key, shop_id int, order_no text, ship_unit text,
    created_at real, buyer_name text, buyer_phone text, recipient_name text, recipient_phone text,
    address text, address_detail text, zip_code text, message text, shipping_fee int);
create table if not exists lines(id integer primary key, shop_id int, order_id int, line_no text, seq int,
    product_no text, item_no text, product_name text, option_name text, qty int, unit_price int,
    status text, courier text default '', tracking text default '', changed_at real);
create table if not exists claims(id integer primary key, shop_id int, line_id int, claim_no text, kind text,
    status text, prev_status text, reason text, detail text, created_at real, changed_at real);
create table if not exists inquiries(id integer primary key, shop_id int, inquiry_no text, product_no text,
    product_name text, order_no text, question text, answer text default '', writer text,
    created_at real, answered_at real);
create table if not exists notices(id integer primary key, shop_id int, notice_no text, title text, body text,
    important int, created_at real);
create table if not exists faults(id integer primary key, method text, path_contains text, kind text,
    remaining int, delay real);
create table if not exists journal(id integer primary key, at real, shop_id int, method text, path text,
    status int, summary text);
create table if not exists settings(key text primary key, value text);
"""

# Line statuses are the portal's normalized vocabulary names; each protocol renders them its way.
FLOW_NEXT = {"NEW": "CONFIRMED", "CONFIRMED": "SHIPPING", "SHIPPING": "DELIVERED",
             "DELIVERED": "PURCHASE_DECIDED"}
CLAIM_REQUESTED = {"CANCEL": "CANCEL_REQUESTED", "RETURN": "RETURN_REQUESTED",
                   "EXCHANGE": "EXCHANGE_REQUESTED"}
CLAIM_DONE = {"CANCEL": "CANCELED", "RETURN": "RETURNED", "EXCHANGE": "EXCHANGED"}


class Refused(Exception):
    """A domain rule refused the action; `reason` is the Korean text the channel would show."""

    def __init__(self, reason: str, code: str = "INVALID_STATUS", already: bool = False):
        super().__init__(reason)
        self.reason, self.code, self.already = reason, code, already


class Store:
    def __init__(self, path: str):
        self.path = path
        self.lock = threading.RLock()
        with self.tx() as c:
            c.executescript(SCHEMA)

    @contextmanager
    def tx(self):
        with self.lock:
            conn = sqlite3.connect(self.path, timeout=30)
            conn.row_factory = sqlite3.Row
            # A fake marketplace needs no crash safety; skipping fsync keeps resets and tests fast.
            conn.execute("pragma synchronous=OFF")
            try:
                yield conn
                conn.commit()
            finally:
                conn.close()

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
        self.run("insert or replace into settings(key, value) values('clock_offset', ?)", (str(offset),))
        return offset

    def reset(self):
        with self.tx() as c:
            for table in ("shops", "tokens", "categories", "products", "items", "orders", "lines",
                          "claims", "inquiries", "notices", "faults", "journal", "settings"):
                c.execute(f"delete from {table}")

    # ---------------------------------------------------------------- shops
    def add_shop(self, protocol, channel, name, keys: dict, rate=200.0, burst=400.0) -> int:
        return self.run("insert into shops(protocol, channel, name, keys, rate, burst) values(?,?,?,?,?,?)",
                        (protocol, channel, name, json.dumps(keys), rate, burst))

    def shops(self):
        rows = self.q("select * from shops order by id")
        for r in rows:
            r["keys"] = json.loads(r["keys"])
        return rows

    def shop_by_key(self, protocol, key_name, value, channel=None):
        for shop in self.shops():
            if shop["protocol"] == protocol and value and shop["keys"].get(key_name) == value:
                if channel is None or shop["channel"] == channel:
                    return shop
        return None

    def shop(self, shop_id):
        for shop in self.shops():
            if shop["id"] == int(shop_id):
                return shop
        return None

    # ---------------------------------------------------------------- catalogue
    def add_category(self, shop_id, cat_id, name, parent_id=None, leaf=False):
        self.run("insert or replace into categories values(?,?,?,?,?)",
                 (shop_id, str(cat_id), parent_id and str(parent_id), name, 1 if leaf else 0))

    def categories(self, shop_id, parent_id=None):
        if parent_id is None:
            return self.q("select * from categories where shop_id=? and parent_id is null order by cat_id",
                          (shop_id,))
        return self.q("select * from categories where shop_id=? and parent_id=? order by cat_id",
                      (shop_id, str(parent_id)))

    def add_product(self, shop_id, name, price, stock, category_id="", seller_code="", options=None) -> dict:
        pid = self.run("insert into products(shop_id, name, price, stock, status, category_id, seller_code,"
                       " created_at) values(?,?,?,?,?,?,?,?)",
                       (shop_id, name, price, stock, "SALE", category_id, seller_code, self.now()))
        product_no = str(9100000000 + pid)
        self.run("update products set product_no=? where id=?", (product_no, pid))
        for opt in options or [("", stock)]:
            iid = self.run("insert into items(product_id, shop_id, option_name, stock, price) values(?,?,?,?,?)",
                           (pid, shop_id, opt[0], opt[1], price))
            self.run("update items set item_no=? where id=?", (str(8100000000 + iid), iid))
        return self.product(shop_id, product_no)

    def product(self, shop_id, product_no):
        p = self.one("select * from products where shop_id=? and product_no=?", (shop_id, str(product_no)))
        if p:
            p["items"] = self.q("select * from items where product_id=? order by id", (p["id"],))
        return p

    def products(self, shop_id):
        return [self.product(shop_id, p["product_no"])
                for p in self.q("select product_no from products where shop_id=? order by id", (shop_id,))]

    def set_item_stock(self, shop_id, item_no, qty):
        item = self.one("select * from items where shop_id=? and item_no=?", (shop_id, str(item_no)))
        if not item:
            raise Refused("존재하지 않는 상품입니다.", "NOT_FOUND")
        self.run("update items set stock=? where id=?", (qty, item["id"]))
        total = self.one("select sum(stock) s from items where product_id=?", (item["product_id"],))["s"]
        self.run("update products set stock=? where id=?", (total, item["product_id"]))

    def set_product_status(self, shop_id, product_no, status, stock=None):
        p = self.product(shop_id, product_no)
        if not p:
            raise Refused("존재하지 않는 상품입니다.", "NOT_FOUND")
        self.run("update products set status=? where id=?", (status, p["id"]))
        if stock is not None:
            self.set_item_stock(shop_id, p["items"][0]["item_no"], stock)

    # ---------------------------------------------------------------- orders
    def add_order(self, shop_id, lines, created_at=None, **info) -> dict:
        created = created_at if created_at is not None else self.now()
        oid = self.run(
            "insert into orders(shop_id, created_at, buyer_name, buyer_phone, recipient_name, recipient_phone,"
            " address, address_detail, zip_code, message, shipping_fee) values(?,?,?,?,?,?,?,?,?,?,?)",
            (shop_id, created, info.get("buyer_name", "홍길동"), info.get("buyer_phone", "010-1234-5678"),
             info.get("recipient_name", info.get("buyer_name", "홍길동")),
             info.get("recipient_phone", "0507-1234-5678"), info.get("address", "서울특별시 중구 세종대로 110"),
             info.get("address_detail", "101호"), info.get("zip_code", "04524"),
             info.get("message", "문 앞에 놓아 주세요"), info.get("shipping_fee", 3000)))
        self.run("update orders set order_no=?, ship_unit=? where id=?",
                 (str(2026000000 + oid), str(6100000000 + oid), oid))
        for seq, line in enumerate(lines, start=1):
            lid = self.run(
                "insert into lines(shop_id, order_id, seq, product_no, item_no, product_name, option_name, qty,"
                " unit_price, status, changed_at) values(?,?,?,?,?,?,?,?,?,?,?)",
                (shop_id, oid, seq, str(line.get("product_no", "")), str(line.get("item_no", "")),
                 line.get("product_name", "샘플 상품"), line.get("option_name", ""), int(line.get("qty", 1)),
                 int(line.get("unit_price", 10000)), line.get("status", "NEW"), created))
            self.run("update lines set line_no=?, item_no=coalesce(nullif(item_no, ''), ?) where id=?",
                     (str(3100000000 + lid), str(8000000000 + lid), lid))
        return self.order(oid)

    def order(self, order_id):
        o = self.one("select * from orders where id=?", (order_id,))
        if o:
            o["lines"] = self.q("select * from lines where order_id=? order by seq", (order_id,))
        return o

    def order_by_no(self, shop_id, order_no):
        o = self.one("select id from orders where shop_id=? and order_no=?", (shop_id, str(order_no)))
        return self.order(o["id"]) if o else None

    def line(self, shop_id, line_no):
        return self.one("select * from lines where shop_id=? and line_no=?", (shop_id, str(line_no)))

    def line_by_seq(self, shop_id, order_no, seq):
        return self.one("select l.* from lines l join orders o on o.id=l.order_id"
                        " where l.shop_id=? and o.order_no=? and l.seq=?", (shop_id, str(order_no), int(seq)))

    def lines_changed(self, shop_id, start, end):
        return self.q("select * from lines where shop_id=? and changed_at>=? and changed_at<?"
                      " order by changed_at, id", (shop_id, start, end))

    def orders_created(self, shop_id, start, end):
        ids = self.q("select id from orders where shop_id=? and created_at>=? and created_at<? order by created_at, id",
                     (shop_id, start, end))
        return [self.order(r["id"]) for r in ids]

    def _set_status(self, line, status, **extra):
        sets = ", ".join(f"{k}=?" for k in extra)
        sql = "update lines set status=?, changed_at=?" + (", " + sets if sets else "") + " where id=?"
        self.run(sql, (status, self.now(), *extra.values(), line["id"]))

    def confirm(self, line):
        if line["status"] == "NEW":
            self._set_status(line, "CONFIRMED")
            return
        if line["status"] in ("CONFIRMED", "SHIPPING", "DELIVERED", "PURCHASE_DECIDED"):
            raise Refused("이미 발주확인된 주문입니다.", "ALREADY_CONFIRMED", already=True)
        raise Refused("발주확인할 수 없는 주문 상태입니다.", "INVALID_STATUS")

    def dispatch(self, line, courier, tracking):
        if line["status"] in ("NEW", "CONFIRMED"):
            self._set_status(line, "SHIPPING", courier=courier, tracking=tracking)
            return
        if line["status"] in ("SHIPPING", "DELIVERED", "PURCHASE_DECIDED"):
            raise Refused("이미 발송처리된 주문입니다.", "ALREADY_DISPATCHED", already=True)
        raise Refused("발송처리할 수 없는 주문 상태입니다.", "INVALID_STATUS")

    def deliver(self, line):
        if line["status"] != "SHIPPING":
            raise Refused("배송중인 주문만 배송완료 처리할 수 있습니다.")
        self._set_status(line, "DELIVERED")

    def customer_action(self, line, action, reason="", detail=""):
        """What the buyer or the courier does: deliver, decide (구매확정), cancel, return, exchange."""
        if action == "deliver":
            self.deliver(line)
        elif action == "decide":
            if line["status"] != "DELIVERED":
                raise Refused("배송완료된 주문만 구매확정할 수 있습니다.")
            self._set_status(line, "PURCHASE_DECIDED")
        elif action in ("cancel", "return", "exchange"):
            self.request_claim(line, action.upper(), reason or "INTENT_CHANGED", detail)
        else:
            raise Refused("알 수 없는 동작입니다.", "UNKNOWN_ACTION")

    def request_claim(self, line, kind, reason="", detail="") -> dict:
        allowed = {"CANCEL": ("NEW", "CONFIRMED"), "RETURN": ("SHIPPING", "DELIVERED"),
                   "EXCHANGE": ("SHIPPING", "DELIVERED")}[kind]
        if line["status"] not in allowed:
            raise Refused("클레임을 접수할 수 없는 주문 상태입니다.")
        now = self.now()
        cid = self.run("insert into claims(shop_id, line_id, kind, status, prev_status, reason, detail, created_at,"
                       " changed_at) values(?,?,?,?,?,?,?,?,?)",
                       (line["shop_id"], line["id"], kind, "REQUESTED", line["status"], reason, detail, now, now))
        self.run("update claims set claim_no=? where id=?", (str(4100000000 + cid), cid))
        self._set_status(line, CLAIM_REQUESTED[kind])
        return self.claim_by_id(cid)

    def seller_cancel(self, line, reason) -> dict:
        if line["status"] not in ("NEW", "CONFIRMED"):
            if line["status"] == "CANCELED":
                raise Refused("이미 취소된 주문입니다.", "ALREADY_CANCELED", already=True)
            raise Refused("판매취소할 수 없는 주문 상태입니다.")
        claim = self.request_claim(line, "CANCEL", reason)
        return self.resolve_claim(claim, approve=True)

    def claim_by_id(self, cid):
        return self.one("select * from claims where id=?", (cid,))

    def claim(self, shop_id, claim_no):
        return self.one("select * from claims where shop_id=? and claim_no=?", (shop_id, str(claim_no)))

    def claims_for_line(self, line_id):
        return self.q("select * from claims where line_id=? order by id desc", (line_id,))

    def claims_changed(self, shop_id, start, end, kind=None):
        sql = "select * from claims where shop_id=? and changed_at>=? and changed_at<?"
        args = [shop_id, start, end]
        if kind:
            sql += " and kind=?"
            args.append(kind)
        return self.q(sql + " order by changed_at, id", tuple(args))

    def resolve_claim(self, claim, approve: bool, reason: str = "") -> dict:
        if claim["status"] != "REQUESTED":
            raise Refused("이미 처리된 클레임입니다.", "ALREADY_PROCESSED", already=True)
        line = self.one("select * from lines where id=?", (claim["line_id"],))
        now = self.now()
        if approve:
            self.run("update claims set status='DONE', changed_at=? where id=?", (now, claim["id"]))
            self._set_status(line, CLAIM_DONE[claim["kind"]])
        else:
            self.run("update claims set status='REJECTED', detail=?, changed_at=? where id=?",
                     (reason or claim["detail"], now, claim["id"]))
            self._set_status(line, claim["prev_status"])
        return self.claim_by_id(claim["id"])

    # ---------------------------------------------------------------- inquiries, notices
    def add_inquiry(self, shop_id, question, product_no="", product_name="", order_no="", writer="buy***",
                    created_at=None) -> dict:
        iid = self.run("insert into inquiries(shop_id, product_no, product_name, order_no, question, writer,"
                       " created_at) values(?,?,?,?,?,?,?)",
                       (shop_id, str(product_no), product_name, str(order_no), question, writer,
                        created_at if created_at is not None else self.now()))
        self.run("update inquiries set inquiry_no=? where id=?", (str(5100000000 + iid), iid))
        return self.one("select * from inquiries where id=?", (iid,))

    def inquiries(self, shop_id, start, end):
        return self.q("select * from inquiries where shop_id=? and created_at>=? and created_at<?"
                      " order by created_at, id", (shop_id, start, end))

    def inquiry(self, shop_id, inquiry_no):
        return self.one("select * from inquiries where shop_id=? and inquiry_no=?", (shop_id, str(inquiry_no)))

    def answer(self, inquiry, text, overwrite=True):
        if inquiry["answer"] and not overwrite:
            raise Refused("이미 답변이 등록된 문의입니다.", "ALREADY_ANSWERED", already=True)
        self.run("update inquiries set answer=?, answered_at=? where id=?", (text, self.now(), inquiry["id"]))

    def add_notice(self, shop_id, title, body, important=False, created_at=None) -> dict:
        nid = self.run("insert into notices(shop_id, title, body, important, created_at) values(?,?,?,?,?)",
                       (shop_id, title, body, 1 if important else 0,
                        created_at if created_at is not None else self.now()))
        self.run("update notices set notice_no=? where id=?", (str(7100000000 + nid), nid))
        return self.one("select * from notices where id=?", (nid,))

    # ---------------------------------------------------------------- faults, journal
    def add_fault(self, kind, path_contains, method="", count=1, delay=0.0) -> int:
        return self.run("insert into faults(method, path_contains, kind, remaining, delay) values(?,?,?,?,?)",
                        (method.upper(), path_contains, kind, count, delay))

    def take_fault(self, method, path):
        """The first scripted fault matching this call, consumed once."""
        with self.tx() as c:
            for f in c.execute("select * from faults where remaining>0 order by id").fetchall():
                if f["path_contains"] in path and (not f["method"] or f["method"] == method):
                    c.execute("update faults set remaining=remaining-1 where id=?", (f["id"],))
                    return dict(f)
        return None

    def log(self, shop_id, method, path, status, summary):
        self.run("insert into journal(at, shop_id, method, path, status, summary) values(?,?,?,?,?,?)",
                 (self.now(), shop_id, method, path, status, summary[:300]))

    def journal(self, limit=100):
        return self.q("select * from journal order by id desc limit ?", (limit,))
