"""Sandbox orders and their lines: creation, lookups and the line status flow."""
from __future__ import annotations

from .refused import Refused

# Line statuses are the portal's normalized vocabulary names; each protocol renders them its way.
# 발송지연 reason codes the sandbox accepts (Naver's delayedDispatchReason vocabulary).
DELAY_REASONS = ("PRODUCT_PREPARE", "CUSTOMER_REQUEST", "CUSTOM_BUILD", "RESERVED_DISPATCH",
                 "OVERSEA_DELIVERY", "ETC")
FLOW_NEXT = {"NEW": "CONFIRMED", "CONFIRMED": "SHIPPING", "SHIPPING": "DELIVERED",
             "DELIVERED": "PURCHASE_DECIDED"}


class OrderStore:
    """Orders, their lines, and how seller, buyer and courier move a line's status."""

    def add_order(self, shop_id, lines, created_at=None, **info) -> dict:
        with self.tx():         # one commit per order, not one per statement
            return self._add_order(shop_id, lines, created_at, info)

    def _add_order(self, shop_id, lines, created_at, info) -> dict:
        created = created_at if created_at is not None else self.now()
        oid = self.run(
            "insert into orders(shop_id, created_at, buyer_name, buyer_phone, recipient_name, "
            "recipient_phone,"
            " address, address_detail, zip_code, message, shipping_fee) "
            "values(?,?,?,?,?,?,?,?,?,?,?)",
            (shop_id, created, info.get("buyer_name", "홍길동"),
             info.get("buyer_phone", "010-1234-5678"),
             info.get("recipient_name", info.get("buyer_name", "홍길동")),
             info.get("recipient_phone", "0507-1234-5678"),
             info.get("address", "서울특별시 중구 세종대로 110"),
             info.get("address_detail", "101호"), info.get("zip_code", "04524"),
             info.get("message", "문 앞에 놓아 주세요"), info.get("shipping_fee", 3000)))
        self.run("update orders set order_no=?, ship_unit=? where id=?",
                 (str(2026000000 + oid), str(6100000000 + oid), oid))
        for seq, line in enumerate(lines, start=1):
            lid = self.run(
                "insert into lines(shop_id, order_id, seq, product_no, item_no, product_name, "
                "option_name, qty,"
                " unit_price, status, changed_at) values(?,?,?,?,?,?,?,?,?,?,?)",
                (shop_id, oid, seq, str(line.get("product_no", "")), str(line.get("item_no", "")),
                 line.get("product_name", "샘플 상품"), line.get("option_name", ""),
                 int(line.get("qty", 1)),
                 int(line.get("unit_price", 10000)), line.get("status", "NEW"), created))
            self.run("update lines set line_no=?, item_no=coalesce(nullif(item_no, ''), ?) where "
                     "id=?", (str(3100000000 + lid), str(8000000000 + lid), lid))
        return self.order(oid)

    def order(self, order_id):
        o = self.one("select * from orders where id=?", (order_id,))
        if o:
            o["lines"] = self.q("select * from lines where order_id=? order by seq", (order_id,))
        return o

    def with_lines(self, orders: list[dict]) -> list[dict]:
        """Attach every order's lines (by seq) with one query instead of one per order."""
        by_id = {o["id"]: o for o in orders}
        for o in orders:
            o["lines"] = []
        if by_id:
            marks = ",".join("?" * len(by_id))
            for line in self.q(f"select * from lines where order_id in ({marks}) "
                               "order by order_id, seq", tuple(by_id)):
                by_id[line["order_id"]]["lines"].append(line)
        return orders

    def orders_page(self, shop_id, start, end, *, where="", args=(), limit=-1, offset=0,
                    after_id=None) -> list[dict]:
        """Orders created in [start, end) by (created_at, id), one page read in SQL, with lines.

        `where` narrows with an SQL condition on `orders` (a protocol's status filter);
        `after_id` continues after that order (keyset paging), `offset` skips rows (page numbers).
        """
        sql = "select * from orders where shop_id=? and created_at>=? and created_at<?"
        params = [shop_id, start, end]
        if where:
            sql += f" and ({where})"
            params += list(args)
        if after_id is not None:
            sql += (" and (created_at > (select created_at from orders where id=?) or "
                    "(created_at = (select created_at from orders where id=?) and id > ?))")
            params += [after_id, after_id, after_id]
        sql += " order by created_at, id limit ? offset ?"
        return self.with_lines(self.q(sql, (*params, limit, offset)))

    def count_orders(self, shop_id, start, end, *, where="", args=()) -> int:
        sql = "select count(*) n from orders where shop_id=? and created_at>=? and created_at<?"
        if where:
            sql += f" and ({where})"
        return self.one(sql, (shop_id, start, end, *args))["n"]

    def orders_by_ids(self, ids) -> dict[int, dict]:
        """Orders (without lines) by id, in one query."""
        ids = sorted(set(ids))
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        return {o["id"]: o for o in self.q(f"select * from orders where id in ({marks})",
                                           tuple(ids))}

    def orders_by_nos(self, shop_id, order_nos) -> list[dict]:
        """Orders by their numbers, in the order asked, with lines; unknown numbers are skipped."""
        return self.with_lines(self._by_numbers("orders", "order_no", shop_id, order_nos))

    def lines_by_nos(self, shop_id, line_nos) -> list[dict]:
        """Lines by their numbers, in the order asked; unknown numbers are skipped."""
        return self._by_numbers("lines", "line_no", shop_id, line_nos)

    def _by_numbers(self, table: str, column: str, shop_id, numbers) -> list[dict]:
        nos = [str(n) for n in numbers]
        if not nos:
            return []
        marks = ",".join("?" * len(nos))
        found = {row[column]: row for row in self.q(
            f"select * from {table} where shop_id=? and {column} in ({marks})", (shop_id, *nos))}
        return [found[n] for n in dict.fromkeys(nos) if n in found]

    def order_by_no(self, shop_id, order_no):
        o = self.one("select id from orders where shop_id=? and order_no=?",
                     (shop_id, str(order_no)))
        return self.order(o["id"]) if o else None

    def line(self, shop_id, line_no):
        return self.one("select * from lines where shop_id=? and line_no=?",
                        (shop_id, str(line_no)))

    def line_by_seq(self, shop_id, order_no, seq):
        return self.one("select l.* from lines l join orders o on o.id=l.order_id"
                        " where l.shop_id=? and o.order_no=? and l.seq=?",
                        (shop_id, str(order_no), int(seq)))

    def lines_changed_page(self, shop_id, start, end, *, statuses=None, after=None, limit=-1):
        """Lines changed in [start, end) by (changed_at to the millisecond, id), with order_no.

        after = (epoch seconds, line id) continues a page the way Naver's moreFrom/moreSequence
        do: rows at the same millisecond with a larger id, then every later millisecond.
        """
        # moreFrom is the last row's time rounded to the millisecond, possibly up: the rows still
        # to come may lie up to half a millisecond before it.
        sql = ("select l.*, o.order_no from lines l join orders o on o.id=l.order_id"
               " where l.shop_id=? and l.changed_at>=? and l.changed_at<?")
        params = [shop_id, start - 0.001 if after is not None else start, end]
        if statuses is not None:
            sql += f" and l.status in ({','.join('?' * len(statuses))})"
            params += list(statuses)
        if after is not None:
            sql += (" and (round(l.changed_at, 3) > round(?, 3)"
                    " or (round(l.changed_at, 3) = round(?, 3) and l.id > ?))")
            params += [after[0], after[0], after[1]]
        sql += " order by round(l.changed_at, 3), l.id limit ?"
        return self.q(sql, (*params, limit))

    def _set_status(self, line, status, **extra):
        sets = ", ".join(f"{k}=?" for k in extra)
        sql = "update lines set status=?, changed_at=?" + (", " + sets if sets
                                                           else "") + " where id=?"
        self.run(sql, (status, self.now(), *extra.values(), line["id"]))

    def confirm(self, line):
        if line["status"] == "NEW":
            self._set_status(line, "CONFIRMED")
            return
        if line["status"] in ("CONFIRMED", "SHIPPING", "DELIVERED", "PURCHASE_DECIDED"):
            raise Refused("이미 발주확인된 주문입니다.", "ALREADY_CONFIRMED", already=True)
        raise Refused("발주확인할 수 없는 주문 상태입니다.", "INVALID_STATUS")

    def delay_dispatch(self, line, due: float, reason: str, detail: str = ""):
        """발송지연: a confirmed, unshipped line gets a later ship date and the reason, kept on it.

        A later call replaces the earlier one, as the channels document.
        """
        if reason not in DELAY_REASONS:
            raise Refused("발송지연 사유 코드가 올바르지 않습니다.", "INVALID_DELAY_REASON")
        if line["status"] not in ("NEW", "CONFIRMED"):
            raise Refused("발송지연 처리할 수 없는 주문 상태입니다.", "INVALID_STATUS")
        if due < self.now():
            raise Refused("발송 기한 입력 범위를 초과했습니다.", "104105")
        self.run("update lines set ship_due=?, delay_reason=?, delay_detail=? where id=?",
                 (due, reason, detail or "", line["id"]))

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
        """What the buyer or courier does: deliver, decide (구매확정), cancel, return, exchange."""
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
