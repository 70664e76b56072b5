"""Sandbox buyer inquiries (Q&A) with their answers, and seller notices."""
from __future__ import annotations

from .refused import Refused


class InquiryStore:
    """Buyer inquiries and seller notices, numbered like the channel's."""

    def add_inquiry(self, shop_id, question, product_no="", product_name="", order_no="",
                    writer="buy***", created_at=None, kind="qna") -> dict:
        """kind 'qna' is a question on the product page; 'callcenter' one the channel's call center
        hands to the seller (쿠팡 고객센터 문의)."""
        iid = self.run("insert into inquiries(shop_id, product_no, product_name, order_no, "
                       "question, writer, created_at, kind) values(?,?,?,?,?,?,?,?)",
                       (shop_id, str(product_no), product_name, str(order_no), question, writer,
                        created_at if created_at is not None else self.now(), kind))
        self.run("update inquiries set inquiry_no=? where id=?", (str(5100000000 + iid), iid))
        return self.one("select * from inquiries where id=?", (iid,))

    def inquiries(self, shop_id, start, end, *, answered=None, ordered=None, kind="qna", limit=-1, offset=0):
        """Inquiries of a kind asked in [start, end) by (created_at, id); answered / ordered filter."""
        sql, args = self._inquiry_filter(shop_id, start, end, answered, ordered, kind)
        return self.q("select * " + sql + " order by created_at, id limit ? offset ?",
                      (*args, limit, offset))

    def count_inquiries(self, shop_id, start, end, *, answered=None, ordered=None, kind="qna") -> int:
        sql, args = self._inquiry_filter(shop_id, start, end, answered, ordered, kind)
        return self.one("select count(*) n " + sql, args)["n"]

    @staticmethod
    def _inquiry_filter(shop_id, start, end, answered, ordered=None, kind="qna"):
        sql = "from inquiries where shop_id=? and created_at>=? and created_at<?"
        if kind is not None:
            sql += " and coalesce(kind, 'qna') = '" + ("callcenter" if kind == "callcenter" else "qna") + "'"
        if answered is not None:
            sql += " and coalesce(answer, '') " + ("!= ''" if answered else "= ''")
        if ordered is not None:
            sql += " and coalesce(order_no, '') " + ("!= ''" if ordered else "= ''")
        return sql, (shop_id, start, end)

    def inquiry(self, shop_id, inquiry_no):
        return self.one("select * from inquiries where shop_id=? and inquiry_no=?",
                        (shop_id, str(inquiry_no)))

    def answer(self, inquiry, text, overwrite=True):
        if inquiry["answer"] and not overwrite:
            raise Refused("이미 답변이 등록된 문의입니다.", "ALREADY_ANSWERED", already=True)
        self.run("update inquiries set answer=?, answered_at=? where id=?",
                 (text, self.now(), inquiry["id"]))

    def add_notice(self, shop_id, title, body, important=False, created_at=None) -> dict:
        nid = self.run("insert into notices(shop_id, title, body, important, created_at) "
                       "values(?,?,?,?,?)", (shop_id, title, body, 1 if important else 0,
                        created_at if created_at is not None else self.now()))
        self.run("update notices set notice_no=? where id=?", (str(7100000000 + nid), nid))
        return self.one("select * from notices where id=?", (nid,))
