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


# The documents' own examples, fed through the mappings (sources in each adapter's PROTOCOL.md).
NAVER_CUSTOMER_INQUIRY = {  # 고객 문의 조회 GET /v1/pay-user/inquiries, response example (content[0])
    "inquiryNo": 0, "category": "string", "title": "string", "inquiryContent": "string",
    "inquiryRegistrationDateTime": "2024-07-29T15:51:28.071Z", "answerContentId": 0, "answerContent": "string",
    "answerTemplateNo": 0, "answerRegistrationDateTime": "2024-07-29T15:51:28.071Z", "answered": True,
    "orderId": "string", "productNo": "string", "productOrderIdList": "string", "productName": "string",
    "productOrderOption": "string", "customerId": "string", "customerName": "string"}
ELEVENST_QNA_ROW = {  # 상품 Q&A 목록 row as public 11번가 clients read it: the product is brdInfoClfNo
    "answerCont": "답변", "answerDt": "2026-01-02 10:00:00", "answerYn": "Y", "brdInfoClfNo": "13749310594",
    "brdInfoCont": "배송 문의", "brdInfoNo": "81234567", "brdInfoSbjct": "배송 문의", "buyYn": "Y",
    "createDt": "2026-01-02 09:00:00", "dispYn": "Y", "qnaDtlsCd": "02", "ordNoDe": "20260102000001"}


def test_documented_rows_map_to_inquiries():
    from marketplaces.elevenst import mapping as elevenst
    from marketplaces.naver import mapping as naver

    got = naver.customer_inquiry(NAVER_CUSTOMER_INQUIRY)
    assert got.channel_inquiry_id == "inquiry-0" and got.channel_order_id == "string" and got.answered
    assert got.asked_at.utcoffset() is not None and got.extra["kind"] == "order"
    assert naver.customer_inquiry_no(got.channel_inquiry_id) == "0" and naver.customer_inquiry_no("123") == ""
    row = elevenst.inquiry(ELEVENST_QNA_ROW)
    assert row.channel_inquiry_id == "81234567-13749310594"  # the answer PUT takes brdInfoNo/brdInfoClfNo
    assert row.channel_product_id == "13749310594" and row.extra["category"] == "배송" and row.extra["title"]


def test_naver_product_qna_and_customer_inquiry_answered_over_http(client, auth, app, seller, market):
    shop = QnaShop(market, add_account(seller, "naver", "스마트스토어"), code="naver")
    product_q = shop.ask("사이즈 문의드립니다.")
    order_q = shop.ask("주문 취소 가능할까요?", order_no="2026010100001")
    auth.login()
    [run], lines = collect(client, app, [shop.account.id])
    assert run.status == "done", lines
    rows = {r.channel_inquiry_id: r for r in db.session.query(Inquiry)}
    assert rows[product_q["inquiry_no"]].kind == "product"
    order_row = rows[f"inquiry-{order_q['inquiry_no']}"]
    assert order_row.kind == "order" and order_row.channel_order_id == "2026010100001"
    for row in (rows[product_q["inquiry_no"]], order_row):
        client.post(f"/inquiries/answer/{row.id}/save", data={"answer": f"{row.kind} 답변"})
    [run], lines = finish(app, client.post("/inquiries/answer/send", data={
        "inquiry_ids": [rows[product_q["inquiry_no"]].id, order_row.id]}))
    assert run.ok_count == 2, lines
    assert shop.remote(order_q["inquiry_no"])["answer"] == "order 답변"
    assert shop.remote(product_q["inquiry_no"])["answer"] == "product 답변"
    # The channel refuses a second answer to a 고객 문의; the adapter reads that as already done.
    from blueprints.account.channel_services import build_adapter_for

    [outcome] = build_adapter_for(shop.account).answer_inquiry(order_row.channel_inquiry_id, "또 답변")
    assert outcome.outcome.name == "ALREADY_DONE"
    assert shop.remote(order_q["inquiry_no"])["answer"] == "order 답변"


def test_elevenst_urgent_notices_reach_the_emergency_page(client, auth, app, seller, market):
    from models import ChannelNotice

    shop = QnaShop(market, add_account(seller, "11st", "11번가본점"), code="11st")
    market.ops("POST", f"/shops/{shop.id}/notices", json={
        "title": "[긴급] 송장번호 오류 안내", "body": "송장번호를 확인해 주세요.", "important": True})
    auth.login()
    [run], lines = finish(app, client.post("/inquiries/emergency/collect"))
    assert run.status == "done", lines
    assert any("/alimi/getalimilist/" in line for line in lines)
    notice = db.session.query(ChannelNotice).filter_by(title="[긴급] 송장번호 오류 안내").one()
    assert notice.kind == "urgent" and "회신기한" in notice.body
    html = client.get("/inquiries/emergency").get_data(as_text=True)
    assert "[긴급] 송장번호 오류 안내" in html
    client.post(f"/inquiries/emergency/{notice.id}/state", data={"state": "done"})
    db.session.expire_all()
    assert notice.state == "done" and notice.handled_by_id is not None
    before = db.session.query(ChannelNotice).count()
    finish(app, client.post("/inquiries/emergency/collect"))   # collecting again adds nothing, keeps the state
    db.session.expire_all()
    assert db.session.query(ChannelNotice).count() == before
    assert db.session.get(ChannelNotice, notice.id).state == "done"


def test_elevenst_alimi_documented_row_maps_to_an_urgent_notice():
    from marketplaces.elevenst import mapping

    row = {"emerNtceSeq": "5590778", "emerCtntSeq": "1", "emerNtceSubject": "알리미 테스트", "createDt": "20140929",
           "createTm": "12:30:30", "emerReplyDt": "20141013", "emerNtceCrntCd": "06", "emerCtnt": "배송문의",
           "emerNtceClfNm1": "긴급알림", "emerNtceClfNm2": "구매", "emerNtceClfNm3": "기타"}   # apiSeq 1796 examples
    notice = mapping.alimi(row)
    assert notice.channel_notice_id == "5590778" and notice.important
    assert notice.posted_at.isoformat() == "2014-09-29T12:30:30+09:00"
    assert "처리상태: 처리완료" in notice.body and "회신기한: 20141013" in notice.body


COUPANG_CALL_CENTER_ROW = {  # 쿠팡 고객센터 문의 단건 조회, response example "data" (article 20376877844249)
    "inquiryId": 258799946, "csPartnerCounselingStatus": "requestAnswer", "inquiryStatus": "progress",
    "vendorItemId": [75235680736], "itemName": "제주 삼다수, 2L, 6개", "content": "상담이력",
    "answeredAt": "2025-01-15T14:17:13.973885-08:00",
    "replies": [{"receptionistName": "OO스토아", "receptionist": "cssp-hyjang15",
                 "replyAt": "2025-01-15T14:17:13.973885-08:00", "content": "안녕하세요 판매자님. 변심 반품을 요청드리니 회신 부탁드립니다.",
                 "answerId": 21128942421017, "parentAnswerId": None, "partnerTransferStatus": "requestAnswer",
                 "partnerTransferCompleteReason": "NONE", "answerType": "csAgent", "needAnswer": True}],
    "inquiryAt": "2025-01-15T14:17:13.973885-08:00", "buyerEmail": "", "buyerPhone": "+1(555)444-1234",
    "orderId": 1900000000007, "orderDate": "2025-01-15T14:17:13.973885-08:00", "receiptCategory": "배송>배송>배송",
    "saleStartedAt": "2023-07-24", "saleEndedAt": "2099-12-29"}


def test_coupang_call_center_documented_row():
    from marketplaces.coupang import mapping

    got = mapping.call_center_inquiry(COUPANG_CALL_CENTER_ROW)
    assert got.channel_inquiry_id == "cs-258799946" and mapping.call_center_no(got.channel_inquiry_id) == "258799946"
    assert "변심 반품" in got.question and not got.answered   # the question is the agent's transfer note
    assert got.channel_order_id == "1900000000007" and got.channel_product_id == "75235680736"
    assert got.extra["kind"] == "order" and got.extra["category"] == "배송>배송>배송"


def test_coupang_call_center_inquiry_answered_under_the_transfer_note(client, auth, app, seller, market):
    shop = QnaShop(market, add_account(seller, "coupang", "쿠팡본점"), code="coupang")
    online = shop.ask("이 상품 방수되나요?")
    center = shop.ask("반품 회수 언제 오나요?", order_no="1900000000123", kind="callcenter")
    auth.login()
    [run], lines = collect(client, app, [shop.account.id])
    assert run.status == "done", lines
    rows = {r.channel_inquiry_id: r for r in db.session.query(Inquiry)}
    assert rows[online["inquiry_no"]].kind == "product"
    row = rows[f"cs-{center['inquiry_no']}"]
    assert row.kind == "order" and "반품 회수 언제 오나요?" in row.question
    client.post(f"/inquiries/answer/{row.id}/save", data={"answer": "내일 회수 예정입니다."})
    [run], lines = finish(app, client.post("/inquiries/answer/send", data={"inquiry_ids": [row.id]}))
    assert run.ok_count == 1, lines
    assert shop.remote(center["inquiry_no"])["answer"] == "내일 회수 예정입니다."
    from blueprints.account.channel_services import build_adapter_for

    [again] = build_adapter_for(shop.account).answer_inquiry(row.channel_inquiry_id, "또 답변")
    assert again.outcome.name == "ALREADY_DONE"   # read first: no open transfer note, nothing posted
    assert shop.remote(center["inquiry_no"])["answer"] == "내일 회수 예정입니다."


def test_answer_longer_than_coupang_takes_is_refused_before_sending(client, auth, app, seller, market):
    shop = QnaShop(market, add_account(seller, "coupang", "쿠팡본점"), code="coupang")
    asked = shop.ask("질문")
    auth.login()
    collect(client, app, [shop.account.id])
    row = db.session.query(Inquiry).filter_by(channel_inquiry_id=asked["inquiry_no"]).one()
    resp = client.post(f"/inquiries/answer/{row.id}/save", data={"answer": "가" * 1001}, follow_redirects=True)
    assert "쿠팡 답변은 2자 이상 1,000자까지 입력할 수 있습니다. (현재 1,001자)" in resp.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Inquiry, row.id).state == "unanswered"
