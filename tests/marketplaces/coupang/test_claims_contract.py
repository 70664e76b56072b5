"""쿠팡 claims and seller cancel against the documented examples: request forms, answers, errors."""
from datetime import datetime, timedelta

import pytest

from portal.marketplaces import (
    KST, Claim, ClaimAction, ClaimKind, OrderLine, OrderStatus, Outcome, PermanentError,
    build_adapter,
)
from tests.marketplaces.fixture_channel import fast_http, load

CREDS = {"vendor_id": "A00012345", "access_key": "ak", "secret_key": "sk",
         "wing_user_id": "wing_login_id_123"}
EMPTY = {"response": {"status": 200, "body": {"code": 200, "message": "OK", "data": [],
                                              "nextToken": ""}}}


def adapter(channel, **creds):
    return build_adapter("coupang", {**CREDS, **creds}, base_url=channel.url, http=fast_http())


def test_claim_lists_ask_as_documented_and_read_the_documented_rows(channel):
    channel.answer("GET", "/returnRequests", load("coupang", "return_requests"))
    exchanges = load("coupang", "exchange_requests")
    page_one = {"response": {"status": 200,
                             "body": {**exchanges["response"]["body"], "nextToken": "2"}}}
    channel.answer("GET", "/exchangeRequests", page_one, times=1)
    channel.answer("GET", "/exchangeRequests", EMPTY)
    since, until = datetime(2025, 1, 15, 12, 0, tzinfo=KST), datetime(2025, 1, 16, 8, 0,
                                                                        tzinfo=KST)
    claims = adapter(channel).fetch_claims(since, until)

    receipts = channel.calls("/returnRequests")
    asked = {(r.query["cancelType"], r.query.get("status")) for r in receipts}
    assert asked == {("CANCEL", None), ("RETURN", "RU"), ("RETURN", "UC"), ("RETURN", "PR"),
                     ("RETURN", "CC")}
    documented = load("coupang", "return_requests")["request"]
    for r in receipts:
        assert r.path == documented["path"] and r.query["searchType"] == "timeFrame"
        assert len(r.query["createdAtFrom"]) == len(documented["query"]["createdAtFrom"])
    first = channel.calls("/exchangeRequests")[0]
    assert first.path == exchanges["request"]["path"]
    assert first.query["createdAtFrom"] == "2025-01-15T12:00:00"
    assert len(first.query["createdAtTo"]) == len(exchanges["request"]["query"]["createdAtTo"])
    assert channel.calls("/exchangeRequests")[1].query["nextToken"] == "2"

    by_kind = {c.kind: c for c in claims}
    ret = by_kind[ClaimKind.RETURN]
    assert (ret.channel_claim_id, ret.status, ret.raw_status) == (
        "50229613", OrderStatus.RETURN_REQUESTED, "RETURNS_UNCHECKED")
    assert ret.channel_order_id == "28000008707838"
    assert ret.channel_line_id == "123456789012345678-3187044096"
    assert ret.reason == "고객변심" and ret.quantity == 1
    assert ret.requested_at == datetime(2025, 1, 16, 7, 17, 13, 973885, tzinfo=KST)
    exchange = next(c for c in claims if c.channel_claim_id == "101268974")
    assert exchange.channel_line_id == "123456789012345678-3476137875"
    assert exchange.status is OrderStatus.EXCHANGE_REQUESTED
    assert exchange.reason == "색상/ 사이즈가 기대와 다름"


def test_documented_list_error_is_a_refusal_with_the_channels_text(channel):
    channel.answer("GET", "/returnRequests", load("coupang", "return_requests_error_status"))
    with pytest.raises(PermanentError) as err:
        adapter(channel).fetch_claims(datetime.now(KST) - timedelta(hours=1), datetime.now(KST))
    assert err.value.message_ko == "OrderId can't be null , if doesn't pass the parameter status"


def claim(kind, raw, cid="363585", qty=1):
    status = {ClaimKind.CANCEL: OrderStatus.CANCEL_REQUESTED,
              ClaimKind.RETURN: OrderStatus.RETURN_REQUESTED,
              ClaimKind.EXCHANGE: OrderStatus.EXCHANGE_REQUESTED}[kind]
    return Claim(cid, kind, status, raw, "2000006593044", "1-2", quantity=qty,
                 extra={"cancelCount": str(qty)})


def keys_of(name):
    return set(load("coupang", name)["request"]["body"])


def test_a_return_is_confirmed_as_received_before_it_is_approved(channel):
    channel.answer("PUT", "/receiveConfirmation", load("coupang", "return_receive"))
    channel.answer("PUT", "/approval", load("coupang", "return_approval"))
    [outcome] = adapter(channel).process_claim(claim(ClaimKind.RETURN, "RETURNS_UNCHECKED"),
                                               ClaimAction.APPROVE)
    assert outcome.outcome is Outcome.OK
    receive, approve = channel.received
    assert receive.path.endswith("/returnRequests/363585/receiveConfirmation")
    assert approve.path.endswith("/returnRequests/363585/approval")
    assert set(receive.json()) == keys_of("return_receive")
    assert set(approve.json()) == keys_of("return_approval")
    assert approve.json() == {"vendorId": "A00012345", "receiptId": 363585, "cancelCount": 1}


def test_a_return_already_received_goes_straight_to_approval(channel):
    channel.answer("PUT", "/approval", load("coupang", "return_approval"))
    adapter(channel).process_claim(claim(ClaimKind.RETURN, "VENDOR_WAREHOUSE_CONFIRM"),
                                   ClaimAction.APPROVE)
    assert [r.path.rsplit("/", 1)[1] for r in channel.received] == ["approval"]


def test_a_stop_shipment_request_goes_to_stopped_shipment(channel):
    channel.answer("PUT", "/stoppedShipment", load("coupang", "stopped_shipment"))
    [outcome] = adapter(channel).process_claim(
        claim(ClaimKind.CANCEL, "RELEASE_STOP_UNCHECKED", "363667", 2), ClaimAction.APPROVE)
    assert outcome.outcome is Outcome.OK
    [call] = channel.received
    assert call.path.endswith("/returnRequests/363667/stoppedShipment")
    assert set(call.json()) == keys_of("stopped_shipment") and call.json()["cancelCount"] == 2


def test_a_fail_result_code_is_a_refusal(channel):
    failed = {"response": {"status": 200, "body": {"code": "200", "message": "OK", "data": {
        "resultCode": "FAIL", "resultMessage": "이미 반품이 완료 되었습니다."}}}}
    channel.answer("PUT", "/stoppedShipment", failed)
    [outcome] = adapter(channel).process_claim(
        claim(ClaimKind.CANCEL, "RELEASE_STOP_UNCHECKED"), ClaimAction.APPROVE)
    assert outcome.outcome is Outcome.REJECTED and outcome.message == "이미 반품이 완료 되었습니다."


@pytest.mark.parametrize("reason, code", [("재고 없음", "SOLDOUT"), ("고객 요청 철회", "WITHDRAW"),
                                          (None, "SOLDOUT")])
def test_exchange_rejection_sends_only_a_documented_code(channel, reason, code):
    channel.answer("PUT", "/rejection", load("coupang", "exchange_rejection"))
    [outcome] = adapter(channel).process_claim(claim(ClaimKind.EXCHANGE, "RECEIPT", "100000070"),
                                               ClaimAction.REJECT, reason)
    assert outcome.outcome is Outcome.OK
    [call] = channel.received
    assert set(call.json()) == keys_of("exchange_rejection")
    assert call.json()["exchangeRejectCode"] == code


def lines(items, box="5001"):
    return [OrderLine("coupang", "A00012345", "2000006593044", f"{box}-{i}", "상품", n,
                      channel_item_id=str(i), ship_unit_id=box) for i, n in items]


def test_seller_cancel_sends_the_documented_body_and_reads_partial_failure(channel):
    documented = load("coupang", "cancel_partial")
    channel.answer("POST", "/cancel", documented)
    outcomes = adapter(channel).cancel_sale(
        lines([(3145181064, 1), (3145181065, 2), (3145181067, 1)]), "품절")
    [call] = channel.received
    assert call.path.replace("A00012345", "A00123456") == documented["request"]["path"]
    body = call.json()
    assert set(body) == set(documented["request"]["body"])
    assert body["vendorItemIds"] == [3145181064, 3145181065, 3145181067]
    assert body["receiptCounts"] == [1, 2, 1]
    assert (body["bigCancelCode"], body["middleCancelCode"]) == ("CANERR", "CCTTER")
    assert body["userId"] == "wing_login_id_123"
    assert [o.outcome for o in outcomes] == [Outcome.REJECTED, Outcome.OK, Outcome.OK]
    assert outcomes[0].message == "취소 가능한 개수보다 요청한 개수가 더 많습니다."


def test_seller_cancel_goes_per_shipment_box_with_the_reasons_code(channel):
    channel.answer("POST", "/cancel", load("coupang", "cancel_ok"))
    adapter(channel).cancel_sale(lines([(11, 1)], "5001") + lines([(12, 1)], "5002"),
                                 "상품정보 오류")
    bodies = [r.json() for r in channel.calls("/cancel")]
    assert [b["vendorItemIds"] for b in bodies] == [[11], [12]]
    assert {b["middleCancelCode"] for b in bodies} == {"CCPRER"}


def test_seller_cancel_refused_in_full_reads_the_reason_in_korean(channel):
    channel.answer("POST", "/cancel", load("coupang", "cancel_error_400"))
    outcomes = adapter(channel).cancel_sale(lines([(3145181064, 1), (3145181065, 1)]), "품절")
    assert {o.outcome for o in outcomes} == {Outcome.REJECTED}
    assert outcomes[0].message == "취소 가능한 개수보다 요청한 개수가 더 많습니다"


def test_seller_cancel_without_a_wing_id_is_refused_before_any_call(channel):
    outcomes = adapter(channel, wing_user_id="").cancel_sale(lines([(1, 1)]), "품절")
    assert outcomes[0].outcome is Outcome.REJECTED and "WING 로그인 아이디" in outcomes[0].message
    assert channel.received == []


def test_exchange_completion_confirms_then_uploads_the_invoice_on_the_new_box(channel):
    from portal.marketplaces import Invoice

    documented = load("coupang", "exchange_invoice")
    channel.answer("PUT", "/receiveConfirmation", load("coupang", "exchange_receive"))
    channel.answer("GET", "/exchangeRequests", load("coupang", "exchange_requests_collected"))
    channel.answer("POST", "/invoices", documented)
    exchange = claim(ClaimKind.EXCHANGE, "PROGRESS", "100000170")
    exchange.requested_at = datetime(2018, 3, 5, 10, 54, 41, tzinfo=KST)
    [outcome] = adapter(channel).process_claim(exchange, ClaimAction.APPROVE,
                                               invoice=Invoice("", "", "CJGLS", "680405450931"))
    assert outcome.outcome is Outcome.OK, outcome.message
    [listed] = [c for c in channel.calls("/exchangeRequests") if c.method == "GET"]
    assert listed.query["createdAtFrom"] <= "2018-03-05T10:54:41" <= listed.query["createdAtTo"]
    [upload] = channel.calls("/invoices")
    assert upload.method == documented["request"]["method"]
    assert upload.path.endswith("/vendors/A00012345/exchangeRequests/100000170/invoices")
    [sent] = upload.json()
    [example] = documented["request"]["body"]
    assert {k: str(v) for k, v in sent.items()} == example


def test_exchange_completion_without_a_re_delivery_invoice_sends_nothing(channel):
    [outcome] = adapter(channel).process_claim(claim(ClaimKind.EXCHANGE, "PROGRESS", "100000170"),
                                               ClaimAction.APPROVE)
    assert outcome.outcome is Outcome.REJECTED
    assert outcome.message == "쿠팡 교환완료에는 재배송 택배사와 송장번호가 필요합니다."
    assert channel.received == []
