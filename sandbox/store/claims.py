"""Sandbox claims: cancel, return and exchange requests and how the seller resolves them."""
from __future__ import annotations

from .refused import Refused

CLAIM_REQUESTED = {"CANCEL": "CANCEL_REQUESTED", "RETURN": "RETURN_REQUESTED",
                   "EXCHANGE": "EXCHANGE_REQUESTED"}
CLAIM_DONE = {"CANCEL": "CANCELED", "RETURN": "RETURNED", "EXCHANGE": "EXCHANGED"}


class ClaimStore:
    """Claims on one line each; resolving one moves the line on or back."""

    def request_claim(self, line, kind, reason="", detail="") -> dict:
        allowed = {"CANCEL": ("NEW", "CONFIRMED"), "RETURN": ("SHIPPING", "DELIVERED"),
                   "EXCHANGE": ("SHIPPING", "DELIVERED")}[kind]
        if line["status"] not in allowed:
            raise Refused("클레임을 접수할 수 없는 주문 상태입니다.")
        now = self.now()
        cid = self.run("insert into claims(shop_id, line_id, kind, status, prev_status, reason, "
                       "detail, created_at,"
                       " changed_at) values(?,?,?,?,?,?,?,?,?)",
                       (line["shop_id"], line["id"], kind, "REQUESTED", line["status"], reason,
                        detail, now, now))
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
        return self.one("select * from claims where shop_id=? and claim_no=?",
                        (shop_id, str(claim_no)))

    def claims_for_line(self, line_id):
        return self.q("select * from claims where line_id=? order by id desc", (line_id,))

    def claims_page(self, shop_id, start, end, *, kind=None, status=None, limit=-1, offset=0):
        """Claims changed in [start, end) by (changed_at, id), each with its line and order.

        Joined in one query: line_no, seq, qty, item_no, product_name and line_status of the
        line, order_no and ship_unit of the order.
        """
        sql = ("select c.*, l.line_no, l.seq, l.qty, l.item_no, l.product_name,"
               " l.status line_status, o.order_no, o.ship_unit"
               " from claims c join lines l on l.id=c.line_id join orders o on o.id=l.order_id"
               " where c.shop_id=? and c.changed_at>=? and c.changed_at<?")
        params = [shop_id, start, end]
        for column, value in (("kind", kind), ("status", status)):
            if value:
                sql += f" and c.{column}=?"
                params.append(value)
        return self.q(sql + " order by c.changed_at, c.id limit ? offset ?",
                      (*params, limit, offset))

    def count_claims(self, shop_id, start, end, *, kind=None) -> int:
        sql = "select count(*) n from claims where shop_id=? and changed_at>=? and changed_at<?"
        return self.one(sql + (" and kind=?" if kind else ""),
                        (shop_id, start, end, *([kind] if kind else [])))["n"]

    def latest_claims(self, line_ids) -> dict[int, dict]:
        """The newest claim of each line, by line id, in one query."""
        ids = sorted(set(line_ids))
        if not ids:
            return {}
        out: dict[int, dict] = {}
        for c in self.q(f"select * from claims where line_id in ({','.join('?' * len(ids))})"
                        " order by id desc", tuple(ids)):
            out.setdefault(c["line_id"], c)
        return out

    def receive_claim(self, claim) -> dict:
        """The seller confirms the returned goods arrived (Coupang 입고 확인); still pending."""
        if claim["status"] != "REQUESTED":
            raise Refused("반품접수 상태가 아닙니다.", "INVALID_STATUS",
                          already=claim["status"] == "RECEIVED")
        self.run("update claims set status='RECEIVED', changed_at=? where id=?",
                 (self.now(), claim["id"]))
        return self.claim_by_id(claim["id"])

    def resolve_claim(self, claim, approve: bool, reason: str = "") -> dict:
        if claim["status"] not in ("REQUESTED", "RECEIVED"):
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
