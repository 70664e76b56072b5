"""스마트스토어 발주 확인, 발송 지연 and 발송 처리 against the documented bodies and partial-success answers."""
from datetime import datetime

from portal.marketplaces import KST, DispatchDelay, Invoice, OrderLine, Outcome, build_adapter
from tests.marketplaces.fixture_channel import fast_http, load

CREDS = {"client_id": "fixture-app", "client_secret": "$2a$10$abcdefghijklmnopqrstuv"}
NO_DETAILS = {"response": {"status": 200, "body": {"timestamp": "2023-01-16T17:14:51.794+09:00",
                                                   "traceId": "t", "data": []}}}


def adapter(channel):
    channel.answer("POST", "/v1/oauth2/token", load("naver", "token"))
    channel.answer("POST", "/product-orders/query", NO_DETAILS)
    return build_adapter("naver", CREDS, base_url=channel.url, http=fast_http())


def line(pid):
    return OrderLine("naver", "t", "2022040512345", pid, "상품", 1)


def test_confirm_sends_the_documented_ids_and_reads_success_and_failure(channel):
    documented = load("naver", "confirm")
    shop = adapter(channel)
    channel.answer("POST", "/product-orders/confirm", documented)
    results = shop.confirm_orders([line("2022040521691281"), line("2022040521691282")])

    [call] = channel.calls("/product-orders/confirm")
    assert call.method == documented["request"]["method"]
    assert call.path.endswith(documented["request"]["path"])
    assert call.json() == documented["request"]["body"]
    by_id = {r.channel_line_id: r for r in results}
    assert by_id["2022040521691281"].outcome is Outcome.OK
    # The failed one was read back (not found there), so it stays a refusal with Naver's text.
    assert channel.calls("/product-orders/query")
    failed = by_id["2022040521691282"]
    assert failed.outcome is Outcome.REJECTED and failed.message == "상품 주문 상태 확인 필요"


def test_dispatch_sends_the_documented_fields_and_formats(channel):
    documented = load("naver", "dispatch")
    shop = adapter(channel)
    channel.answer("POST", "/product-orders/dispatch", documented)
    [result] = shop.send_invoices([Invoice(
        "2022040512345", "2022040521691281", "CJGLS", "6496711734",
        shipped_at=datetime(2022, 4, 5, 12, 17, 35, tzinfo=KST))])

    [call] = channel.calls("/product-orders/dispatch")
    assert call.method == documented["request"]["method"]
    assert call.path.endswith(documented["request"]["path"])
    # dispatchDate in the documented form: milliseconds and the +09:00 offset.
    assert call.json() == documented["request"]["body"]
    assert result.outcome is Outcome.OK


def test_delay_follows_the_confirm_with_the_documented_body(channel):
    documented = load("naver", "delay")
    shop = adapter(channel)
    channel.answer("POST", "/product-orders/confirm", load("naver", "confirm_one"))
    channel.answer("POST", "/delay", documented)
    [result] = shop.confirm_orders([line("2022030221117100")],
                                   ship_at=datetime(2022, 6, 5, 12, 17, 35, tzinfo=KST),
                                   delay=DispatchDelay("PRODUCT_PREPARE", "상품 준비중입니다."))
    [call] = channel.calls("/delay")
    assert call.method == documented["request"]["method"]
    assert call.path.endswith(documented["request"]["path"])
    assert call.json() == documented["request"]["body"]
    assert result.outcome is Outcome.OK and "발송지연 안내" in result.message


def test_a_refused_delay_keeps_the_confirm_and_says_why(channel):
    shop = adapter(channel)
    channel.answer("POST", "/product-orders/confirm", load("naver", "confirm_one"))
    channel.answer("POST", "/delay", load("naver", "delay_refused"))
    [result] = shop.confirm_orders([line("2022030221117100")],
                                   ship_at=datetime(2022, 9, 5, tzinfo=KST),
                                   delay=DispatchDelay("PRODUCT_PREPARE"))
    assert result.outcome is Outcome.OK
    assert "발송지연 안내를 전송하지 못했습니다: 발송 기한 입력 범위 초과" in result.message
