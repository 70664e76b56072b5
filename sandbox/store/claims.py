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
