"""11번가 orders and claims against the documented examples: paths, row fields, reason codes."""
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from urllib.parse import unquote

import pytest

from portal.marketplaces import (
    KST, Claim, ClaimAction, ClaimKind, DispatchDelay, Invoice, OrderLine, OrderStatus, Outcome,
    build_adapter,
)
from tests.marketplaces.fixture_channel import fast_http, load

CREDS = {"openapikey": "k" * 32}


def adapter(channel):
    return build_adapter("11st", CREDS, base_url=channel.url, http=fast_http())


def line(raw_status="complete/202"):
    return OrderLine("11st", "a", "200912307044190", "1", "상품", 1, raw_status=raw_status,
                     ship_unit_id="38600468")


def test_cancel_and_return_rows_are_read_by_their_documented_field_names(channel):
    channel.answer("GET", "/cancelorders/", load("elevenst", "cancel_orders"))
    channel.answer("GET", "/returnorders/", load("elevenst", "return_orders"))
    channel.answer("GET", "/claimservice/", load("elevenst", "no_rows"))
    since = datetime(2010, 1, 5, tzinfo=KST)
    claims = {c.kind: c for c in adapter(channel).fetch_claims(since, since + timedelta(days=1))}
    cancel = claims[ClaimKind.CANCEL]
    assert (cancel.channel_claim_id, cancel.channel_order_id, cancel.channel_line_id) == (
        "8192583", "201001198151936", "1")
    assert (cancel.reason, cancel.detail, cancel.quantity) == ("09", "다음에 구매하겠습니다.", 1)
    assert cancel.requested_at == datetime(2010, 1, 19, 13, 50, 5, tzinfo=KST)
    ret = claims[ClaimKind.RETURN]
    assert (ret.channel_claim_id, ret.reason, ret.detail) == ("2400330", "101", "상세내역")
    assert ret.requested_at == datetime(2010, 1, 6, 15, 16, 37, tzinfo=KST)
    assert ret.status is OrderStatus.RETURN_REQUESTED
    # The window travels as YYYYMMDDhhmm, as the list URL documents.
    stamps = channel.calls("/cancelorders/")[0].path.rsplit("/", 2)[1:]
    assert stamps == ["201001050000", "201001060000"]


def test_confirmation_sends_null_without_an_add_on_and_the_number_with_one(channel):
    documented = load("elevenst", "reqpackaging")
    channel.answer("GET", "/reqpackaging/", documented)
    plain, add_on = adapter(channel).confirm_orders([line(), line("complete/202/addPrdNo=777")])
    assert plain.outcome is add_on.outcome is Outcome.OK
    assert plain.message == "전체 1건이 정상적으로 발주처리가 되었습니다."
    first, second = channel.calls("/reqpackaging/")
    assert first.path == documented["request"]["path"]
    assert second.path.endswith("/200912307044190/1/Y/777/38600468")


def test_a_documented_refusal_of_confirmation_keeps_its_reason(channel):
    channel.answer("GET", "/reqpackaging/", load("elevenst", "reqpackaging_error_3206"))
    channel.answer("GET", "/orderlistall/", load("elevenst", "no_rows"))
    [outcome] = adapter(channel).confirm_orders([line()])
    assert outcome.outcome is Outcome.REJECTED
    assert outcome.message == "이미 발주 처리 되었거나 , 발주 처리할 건이 없습니다."


def test_the_delay_guide_carries_the_documented_fields_once_per_delivery(channel):
    channel.answer("GET", "/reqpackaging/", load("elevenst", "reqpackaging"))
    documented = load("elevenst", "delivery_delay_guide")
    channel.answer("POST", "/deliveryDelayGuide", documented)
    due = datetime(2026, 12, 9, 15, 0, tzinfo=KST)
    outcomes = adapter(channel).confirm_orders([line(), line()], ship_at=due,
                                               delay=DispatchDelay("CUSTOMER_REQUEST", "요청"))
    assert all("발송지연 안내(고객요청)를 전송했습니다." in o.message for o in outcomes)
    [call] = channel.calls("/deliveryDelayGuide")
    sent = ET.fromstring(call.body.decode("euc-kr").split("?>", 1)[1])
    assert sent.tag == "DeliveryDelayGuideRequest"
    assert [el.tag for el in sent] == documented["request"]["fields"]
    assert (sent.findtext("delaySendDt"), sent.findtext("delaySendRsnCd")) == ("20261209", "04")
    assert 20 <= len(sent.findtext("delaySendRsn").encode("euc-kr")) <= 300


@pytest.mark.parametrize("kind, reason, code", [
    (ClaimKind.RETURN, "반품 상품 미입고", "101"), (ClaimKind.RETURN, "반품 불가 상품", "103"),
    (ClaimKind.RETURN, None, "104"), (ClaimKind.EXCHANGE, "고객 철회 대행", "202"),
    (ClaimKind.EXCHANGE, "사이즈 없음", "204")])
def test_refusals_send_only_documented_reason_codes(channel, kind, reason, code):
    name = "return_reject" if kind is ClaimKind.RETURN else "exchange_reject"
    documented = load("elevenst", name)
    channel.answer("GET", "reqreject/", documented)
    claim = Claim("2400330", kind, OrderStatus.RETURN_REQUESTED, "", "201001068151292", "1")
    [outcome] = adapter(channel).process_claim(claim, ClaimAction.REJECT, reason)
    assert outcome.outcome is Outcome.OK
    [call] = channel.received
    parts = call.path.split("/")
    assert parts[-2] == code and code in documented["request"]["codes"]
    assert unquote(parts[-1]) == (reason or "판매자 거부")


EXCHANGE = Claim("8191721", ClaimKind.EXCHANGE, OrderStatus.EXCHANGE_REQUESTED, "", "201001068151292", "1")


def test_exchange_approval_sends_the_documented_path_with_the_re_delivery_invoice(channel):
    documented = load("elevenst", "exchange_approve")
    channel.answer("GET", "/exchangereqconf/", documented)
    invoice = Invoice("201001068151292", "1", "CJGLS", "2254628552")
    [outcome] = adapter(channel).process_claim(EXCHANGE, ClaimAction.APPROVE, invoice=invoice)
    assert outcome.outcome is Outcome.OK
    [call] = channel.received
    assert call.method == documented["request"]["method"]
    assert call.path.endswith(documented["request"]["path"])


def test_a_refused_exchange_approval_carries_the_documented_text(channel):
    channel.answer("GET", "/exchangereqconf/", load("elevenst", "exchange_approve_error_27008"))
    invoice = Invoice("201001068151292", "1", "CJGLS", "2254628552")
    [outcome] = adapter(channel).process_claim(EXCHANGE, ClaimAction.APPROVE, invoice=invoice)
    assert outcome.outcome is Outcome.REJECTED
    assert outcome.message == "교환신청 상태가 아니어서 교환완료를 할 수 없습니다."


def test_exchange_approval_without_an_invoice_is_refused_before_sending(channel):
    [outcome] = adapter(channel).process_claim(EXCHANGE, ClaimAction.APPROVE)
    assert outcome.outcome is Outcome.REJECTED and not channel.received
