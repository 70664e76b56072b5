"""Inquiries over the channels' own protocols: 11번가 Q&A rows name the product in brdInfoClfNo."""
from models import Inquiry
from portal.extensions import db

from .conftest import QnaShop, add_account, finish
from .test_collect import collect


def test_elevenst_answer_reaches_the_question_named_by_brdinfoclfno(client, auth, app, seller, market):
    shop = QnaShop(market, add_account(seller, "11st", "11번가본점"), code="11st")
    asked = shop.ask("주문한 상품 언제 오나요?", order_no="20260101000001")
    auth.login()
    [run], lines = collect(client, app, [shop.account.id])
    assert run.status == "done", lines
    row = db.session.query(Inquiry).filter(Inquiry.channel_inquiry_id.like(f"{asked['inquiry_no']}-%")).one()
    assert row.channel_product_id == asked["product_no"] and row.kind == "order" and row.category == "배송"
    client.post(f"/inquiries/answer/{row.id}/save", data={"answer": "오늘 출고됩니다."})
    [run], lines = finish(app, client.post("/inquiries/answer/send", data={"inquiry_ids": [row.id]}))
    assert run.ok_count == 1, lines
    assert shop.remote(asked["inquiry_no"])["answer"] == "오늘 출고됩니다."
