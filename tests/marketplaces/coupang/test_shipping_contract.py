"""쿠팡 상품준비중 and 송장업로드 against the documented examples: request bodies, per-box results."""
from portal.marketplaces import Invoice, OrderLine, Outcome, build_adapter
from tests.marketplaces.fixture_channel import fast_http, load

CREDS = {"vendor_id": "A00012345", "access_key": "ak", "secret_key": "sk"}
SHEET_GONE = {"response": {"status": 404, "body": {"code": "ERROR", "message": "not found",
                                                   "transactionId": "x"}}}


def adapter(channel):
    return build_adapter("coupang", CREDS, base_url=channel.url, http=fast_http())


def line(box, item):
    return OrderLine("coupang", "t", "4000019469460", f"{box}-{item}", "상품", 1,
                     ship_unit_id=str(box), channel_item_id=str(item))


def test_acknowledgement_sends_the_documented_body_and_reads_each_box(channel):
    documented = load("coupang", "acknowledgement")
    channel.answer("PUT", "/ordersheets/acknowledgement", documented)
    channel.answer("GET", "/ordersheets/", SHEET_GONE)
    results = adapter(channel).confirm_orders([line(123456789012345678, 1),
                                               line(123456789012345679, 2)])

    [call] = channel.calls("/acknowledgement")
    assert call.method == documented["request"]["method"]
    assert call.path == documented["request"]["path"]
    assert call.json() == documented["request"]["body"]
    by_line = {r.channel_line_id: r for r in results}
    assert by_line["123456789012345678-1"].outcome is Outcome.OK
    # retryRequired true: the box is worth trying again, not a final refusal.
    missing = by_line["123456789012345679-2"]
    assert missing.outcome is Outcome.RETRYABLE
    assert missing.message == "shipmentBoxId (123456789012345679) is not found."


def test_invoice_upload_sends_the_documented_dto_and_reads_the_result(channel):
    documented = load("coupang", "invoices")
    channel.answer("POST", "/orders/invoices", documented)
    [result] = adapter(channel).send_invoices([Invoice(
        "4000019469460", "123456789012345678-3823839899", "KDEXP", "20180731040123",
        ship_unit_id="123456789012345678")])

    [call] = channel.calls("/orders/invoices")
    assert call.method == documented["request"]["method"]
    assert call.path == documented["request"]["path"]
    assert call.json() == documented["request"]["body"]
    assert result.outcome is Outcome.OK


def test_documented_invoice_error_refuses_every_line_with_the_channels_text(channel):
    channel.answer("POST", "/orders/invoices", load("coupang", "invoices_error_400"))
    [result] = adapter(channel).send_invoices([Invoice(
        "4000019469460", "123456789012345678-3823839899", "CJGLS", "6257-6002-1000",
        ship_unit_id="123456789012345678")])
    assert result.outcome is Outcome.REJECTED
    assert result.message.startswith("CJ 대한통운의 운송장번호는 숫자로만 구성되어야 합니다.")
