"""ESM Trading API (G마켓/옥션) against the documented examples: the JWT, bodies, rows, answers."""
from datetime import datetime, timedelta

import jwt
import pytest

from portal.marketplaces import (
    KST, Claim, DispatchDelay, ClaimAction, ClaimKind, Invoice, OrderLine, OrderStatus, Outcome,
    PermanentError, build_adapter,
)
from tests.marketplaces.fixture_channel import fast_http, load

CREDS = {"master_id": "test_masterId_1", "secret_key": "ZDE2YjlmZjUtYTc0Mi00ZWU3",
         "seller_id": "selleridtest"}
SINCE = datetime(2019, 4, 10, tzinfo=KST)


def adapter(channel, code="gmarket"):
    return build_adapter(code, CREDS, base_url=channel.url, http=fast_http())


def bearer(call):
    return call.headers["Authorization"].removeprefix("Bearer ")


@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
def test_every_call_carries_the_documented_jwt(channel):
    """README 'API 인증 토큰 구성': header {alg HS256, typ JWT, kid master id}, payload {iss, sub
    sell, aud sa.esmplus.com, iat, ssi site:seller}, signed with the Secret Key (the sample's
    masterId test_masterId_1 and key ZDE2YjlmZjUtYTc0Mi00ZWU3)."""
    channel.answer("POST", "/bulletin-board", load("esm", "bulletin_board_empty"))
    assert adapter(channel).test_connection().ok
    token = bearer(channel.calls("/bulletin-board")[0])
    assert jwt.get_unverified_header(token) == {"alg": "HS256", "typ": "JWT",
                                                "kid": "test_masterId_1"}
    claims = jwt.decode(token, CREDS["secret_key"], algorithms=["HS256"],
                        audience="sa.esmplus.com")
    assert (claims["iss"], claims["sub"], claims["ssi"]) == ("www.esmplus.com", "sell",
                                                             "G:selleridtest")
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(token, "another-key", algorithms=["HS256"], audience="sa.esmplus.com")


@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
def test_auction_signs_for_site_a(channel):
    channel.answer("POST", "/bulletin-board", load("esm", "bulletin_board_empty"))
    adapter(channel, "auction").test_connection()
    token = bearer(channel.calls("/bulletin-board")[0])
    assert jwt.decode(token, CREDS["secret_key"], algorithms=["HS256"],
                      audience="sa.esmplus.com")["ssi"] == "A:selleridtest"


def test_the_documented_401_fails_the_connection_test_with_its_text(channel):
    channel.answer("POST", "/bulletin-board", load("esm", "unauthorized"))
    result = adapter(channel).test_connection()
    assert not result.ok
    assert result.message_ko == ("ESM 인증에 실패했습니다 (The user does not have right access "
                                 "to the api)")


def test_gmarket_order_rows_map_by_their_documented_names(channel):
    channel.answer("POST", "/RequestOrders", load("esm", "request_orders_gmarket"))
    [order] = adapter(channel).fetch_orders(SINCE, SINCE + timedelta(days=1))
    assert order.channel_order_id == "4454223145"          # 장바구니번호 (PayNo)
    assert order.ordered_at == datetime(2019, 4, 10, 17, 45, 39, 727000, tzinfo=KST)
    assert (order.recipient_name, order.recipient_phone, order.zip_code) == (
        "테스터", "010-1234-5678", "05812")
    assert order.address == "서울특별시 송파구 충민로6길 14 (송파파인타운6단지)"
    assert order.address_detail == "1000호"
    [line] = order.lines
    assert (line.channel_line_id, line.product_name, line.quantity, line.unit_price,
            line.amount) == ("2946269058", "만두 420G", 2, 3400, 6800)
    assert (line.channel_product_id, line.seller_code) == ("1496943317", "1408425")
    assert line.status is OrderStatus.NEW
    # One call per documented status (신규, 발송대기, 배송중, 배송완료), as the page samples it.
    sent = [c.json() for c in channel.calls("/RequestOrders")]
    documented = load("esm", "request_orders_gmarket")["request"]["sample"]
    assert [s["orderStatus"] for s in sent] == [1, 2, 3, 4]
    assert set(sent[0]) <= set(documented) | {"requestDateFrom", "requestDateTo"}
    assert (sent[0]["siteType"], sent[0]["requestDateType"], sent[0]["pageIndex"]) == (2, 1, 1)
    assert (sent[0]["requestDateFrom"], sent[0]["requestDateTo"]) == ("2019-04-10 00:00",
                                                                     "2019-04-11 00:00")


def test_auction_rows_and_site_type(channel):
    channel.answer("POST", "/RequestOrders", load("esm", "request_orders_auction"))
    [order] = adapter(channel, "auction").fetch_orders(SINCE, SINCE + timedelta(hours=1))
    assert order.channel_order_id == "1192803141" and order.lines[0].channel_line_id == "1589617617"
    assert order.lines[0].channel_product_id == "B662416871"
    assert channel.calls("/RequestOrders")[0].json()["siteType"] == 1


def test_a_window_refusal_is_raised_with_its_reason(channel):
    channel.answer("POST", "/RequestOrders", load("esm", "request_orders_error_3000"))
    with pytest.raises(PermanentError, match="31일 이하의 범위만 조회 할 수 있습니다."):
        adapter(channel).fetch_orders(SINCE, SINCE + timedelta(days=1))


def test_order_rows_are_paced_five_seconds_apart(channel):
    """"주문조회는 5초당 1회 호출 가능합니다": the client waits between list calls of one seller."""
    from portal.channel_http import CallBudget, ChannelHttp

    sleeps = []
    http = ChannelHttp(budget=CallBudget(rate=1000, burst=1000), sleep=sleeps.append)
    channel.answer("POST", "/RequestOrders", load("esm", "request_orders_gmarket"))
    build_adapter("gmarket", CREDS, base_url=channel.url, http=http,
                  account_key="pace-test").fetch_orders(SINCE, SINCE + timedelta(hours=1))
    # The clock stands still here, so each call's slot is 5 s after the previous one's.
    assert len(sleeps) == 3 and 4.0 < sleeps[0] <= 5.0
    assert all(abs(later - earlier - 5.0) < 0.5 for earlier, later in zip(sleeps, sleeps[1:]))


def line(order_no="2946269058"):
    return OrderLine("gmarket", "a", "4454223145", order_no, "만두 420G", 2)


def test_order_check_is_ok_and_its_documented_repeat_is_already_done(channel):
    channel.answer("POST", "/OrderCheck/", load("esm", "order_check"), times=1)
    channel.answer("POST", "/OrderCheck/", load("esm", "order_check_already"))
    first, second = adapter(channel).confirm_orders([line(), line()])
    assert first.outcome is Outcome.OK
    assert second.outcome is Outcome.ALREADY_DONE
    assert second.message == "이미 주문확인 처리된 건입니다."
    assert channel.calls("/OrderCheck/")[0].path == "/shipping/v1/Order/OrderCheck/2946269058"


def test_shipping_info_sends_the_documented_fields(channel):
    documented = load("esm", "shipping_info")
    channel.answer("POST", "/Delivery/ShippingInfo", documented)
    shipped = datetime(2026, 12, 4, 15, 30, tzinfo=KST)
    [outcome] = adapter(channel).send_invoices([Invoice("4454223145", "2946269058", "CJGLS",
                                                        "640012345678", shipped_at=shipped)])
    assert outcome.outcome is Outcome.OK
    sent = channel.calls("/Delivery/ShippingInfo")[0].json()
    assert list(sent) == documented["request"]["fields"]
    assert sent == {"OrderNo": 2946269058, "ShippingDate": "2026-12-04T15:30:00",
                    "DeliveryCompanyCode": 10013, "InvoiceNo": "640012345678"}


def test_a_refused_shipment_is_rejected_with_the_reason(channel):
    channel.answer("POST", "/Delivery/ShippingInfo", load("esm", "shipping_info_error"))
    [outcome] = adapter(channel).send_invoices([Invoice("1", "2946269058", "HANJIN", "1")])
    assert outcome.outcome is Outcome.REJECTED and outcome.message == "해당 주문 내역이 없습니다."


def test_claim_lists_read_documented_rows_and_empty_answers(channel):
    channel.answer("POST", "/sa/Cancels", load("esm", "cancels_gmarket"))
    channel.answer("POST", "/sa/Returns", load("esm", "returns_gmarket"))
    channel.answer("POST", "/sa/Exchanges", load("esm", "claims_none"))
    claims = adapter(channel).fetch_claims(SINCE, SINCE + timedelta(days=1))
    cancel = next(c for c in claims if c.kind is ClaimKind.CANCEL)
    assert (cancel.channel_order_id, cancel.channel_line_id) == ("4452427792", "2943387115")
    assert cancel.requested_at == datetime(2019, 4, 18, 15, 26, tzinfo=KST)
    ret = next(c for c in claims if c.kind is ClaimKind.RETURN)
    assert ret.channel_line_id == "2943112798" and ret.reason == "단순변심"
    assert ret.detail.startswith("230사이즈로 주문했습니다.")
    assert not any(c.kind is ClaimKind.EXCHANGE for c in claims)
    # 취소조회 numbers G마켓 3, 반품조회 2; dates travel as YYYY-MM-DD.
    cancel_call = channel.calls("/sa/Cancels")[0].json()
    assert (cancel_call["SiteType"], cancel_call["CancelStatus"], cancel_call["Type"]) == (3, 1, 2)
    assert cancel_call["StartDate"] == "2019-04-10"
    assert channel.calls("/sa/Returns")[0].json()["SiteType"] == 2


def claim(kind=ClaimKind.CANCEL):
    return Claim("C2943387115", kind, OrderStatus.CANCEL_REQUESTED, "1", "4452427792", "2943387115")


def test_cancel_approval_outcomes(channel):
    channel.answer("PUT", "/sa/Cancel/", load("esm", "cancel_approve_already_auction"), times=1)
    channel.answer("PUT", "/sa/Cancel/", load("esm", "cancel_approve_error_gmarket"))
    esm = adapter(channel, "auction")
    [already] = esm.process_claim(claim(), ClaimAction.APPROVE)
    assert already.outcome is Outcome.ALREADY_DONE
    [refused] = esm.process_claim(claim(), ClaimAction.APPROVE)
    assert refused.outcome is Outcome.REJECTED and refused.message == "취소 승인 대상이 없습니다"
    call = channel.calls("/sa/Cancel/")[0]
    assert call.path == "/claim/v1/sa/Cancel/2943387115" and call.json() == {"SiteType": 1}


def test_a_cancel_refusal_has_no_call_and_says_so(channel):
    [outcome] = adapter(channel).process_claim(claim(), ClaimAction.REJECT, "발송완료")
    assert outcome.outcome is Outcome.REJECTED and "송장을 전송" in outcome.message
    assert channel.received == []


def test_inquiries_read_the_documented_array_and_the_answer_carries_the_token(channel):
    channel.answer("POST", "/bulletin-board/qna", load("esm", "qna_answer"))
    channel.answer("POST", "/bulletin-board", load("esm", "bulletin_board_auction_open"))
    esm = adapter(channel, "auction")
    [inquiry] = esm.fetch_inquiries(SINCE, SINCE + timedelta(days=1))
    assert (inquiry.channel_inquiry_id, inquiry.channel_product_id, inquiry.channel_order_id) == (
        "215952467", "B642025679", "")
    assert not inquiry.answered and inquiry.extra["category"] == "교환"
    [outcome] = esm.answer_inquiry("215952467", "교환 가능합니다.")
    assert outcome.outcome is Outcome.OK
    sent = channel.calls("/bulletin-board/qna")[0].json()
    assert set(sent) == set(load("esm", "qna_answer")["request"]["fields"])
    assert sent["token"].startswith("!aTZ74zqP") and sent["comments"] == "교환 가능합니다."


def test_an_answered_inquiry_is_already_done_without_a_write(channel):
    channel.answer("POST", "/bulletin-board", load("esm", "bulletin_board_gmarket"))
    esm = adapter(channel)
    [inquiry] = esm.fetch_inquiries(SINCE, SINCE + timedelta(days=1))
    assert inquiry.answered and inquiry.answer == "답변 내용"
    assert inquiry.channel_order_id == "4456043527"      # 대표 장바구니번호: our order is the cart
    assert esm.answer_inquiry("375419346", "네")[0].outcome is Outcome.ALREADY_DONE
    assert channel.calls("/qna") == []


def test_stock_of_this_site_only(channel):
    channel.answer("PUT", "/stock", load("esm", "stock"))
    assert adapter(channel).update_stock([("2303461921", 30)])[0].outcome is Outcome.OK
    call = channel.calls("/stock")[0]
    assert call.path == "/item/v1/goods/2303461921/stock" and call.json() == {"stock": {"gmkt": 30}}
    [zero] = adapter(channel, "auction").update_stock([("2303461921", 0)])
    assert zero.outcome is Outcome.REJECTED and "1~99,999" in zero.message


def test_a_delay_registers_the_expected_ship_date_after_the_check(channel):
    channel.answer("POST", "/OrderCheck/", load("esm", "order_check"))
    documented = load("esm", "shipping_expected_date")
    channel.answer("POST", "/ShippingExpectedDate", documented)
    esm = adapter(channel)
    esm.now = lambda: datetime(2026, 12, 4, 10, 0, tzinfo=KST)
    [outcome] = esm.confirm_orders([line()], ship_at=datetime(2026, 12, 9, 15, 0, tzinfo=KST),
                                   delay=DispatchDelay("CUSTOMER_REQUEST", "날짜 지정"))
    assert outcome.outcome is Outcome.OK
    assert "발송예정일(2026-12-09, 고객요청)을 등록했습니다." in outcome.message
    sent = channel.calls("/ShippingExpectedDate")[0].json()
    assert list(sent) == documented["request"]["fields"]
    assert sent == {"OrderNo": 2946269058, "ReasonType": 2, "ShippingExpectedDate": "2026-12-09",
                    "ReasonDetail": "고객요청 - 날짜 지정"}
