"""스마트스토어 claim actions against the documented body and its (성공/실패) 처리 내역 answer."""
from portal.marketplaces import (
    Claim, ClaimAction, ClaimKind, Invoice, OrderStatus, Outcome, build_adapter,
)
from tests.marketplaces.fixture_channel import fast_http, load

CREDS = {"client_id": "fixture-app", "client_secret": "$2a$10$abcdefghijklmnopqrstuv"}


def adapter(channel):
    channel.answer("POST", "/v1/oauth2/token", load("naver", "token"))
    return build_adapter("naver", CREDS, base_url=channel.url, http=fast_http())


RETURN = Claim("c-1", ClaimKind.RETURN, OrderStatus.RETURN_REQUESTED, "RETURN_REQUEST",
               "2022040512345", "2022040521691951")
REASON = "고객님께서 통화로 교환을 원하셨습니다."


def test_return_rejection_sends_the_documented_body(channel):
    documented = load("naver", "return_reject")
    shop = adapter(channel)
    channel.answer("POST", "/claim/return/reject", documented)
    [result] = shop.process_claim(RETURN, ClaimAction.REJECT, REASON)
    [call] = channel.calls("/claim/return/reject")
    assert call.method == documented["request"]["method"]
    assert call.path.endswith(documented["request"]["path"])
    assert call.json() == documented["request"]["body"]
    assert result.outcome is Outcome.OK


def test_a_product_order_refused_inside_a_200_answer_is_a_refusal(channel):
    shop = adapter(channel)
    channel.answer("POST", "/claim/return/reject", load("naver", "return_reject_failed"))
    [result] = shop.process_claim(RETURN, ClaimAction.REJECT, REASON)
    assert result.outcome is Outcome.REJECTED and result.message == "상품 주문 상태 확인 필요"


EXCHANGE = Claim("c-2", ClaimKind.EXCHANGE, OrderStatus.EXCHANGE_REQUESTED, "EXCHANGE_REQUEST",
                 "2022040512345", "2022040521691951")
RE_DELIVERY = Invoice("2022040512345", "2022040521691951", "CJGLS", "1111111115")


def test_exchange_approval_collects_then_re_dispatches_with_the_documented_body(channel):
    collect, dispatch = load("naver", "exchange_collect_approve"), load("naver", "exchange_dispatch")
    shop = adapter(channel)
    channel.answer("POST", "/claim/exchange/collect/approve", collect)
    channel.answer("POST", "/claim/exchange/dispatch", dispatch)
    [result] = shop.process_claim(EXCHANGE, ClaimAction.APPROVE, invoice=RE_DELIVERY)
    [first, second] = [c for c in channel.received if "/claim/" in c.path]
    assert first.path.endswith(collect["request"]["path"]) and second.path.endswith(dispatch["request"]["path"])
    assert second.method == dispatch["request"]["method"]
    assert second.json() == dispatch["request"]["body"]
    assert result.outcome is Outcome.OK and "1111111115" in result.message


def test_an_exchange_already_collected_goes_straight_to_the_re_dispatch(channel):
    shop = adapter(channel)
    channel.answer("POST", "/claim/exchange/dispatch", load("naver", "exchange_dispatch"))
    collected = Claim("c-2", ClaimKind.EXCHANGE, OrderStatus.EXCHANGE_REQUESTED, "COLLECT_DONE",
                      "2022040512345", "2022040521691951")
    [result] = shop.process_claim(collected, ClaimAction.APPROVE, invoice=RE_DELIVERY)
    assert result.outcome is Outcome.OK
    assert not channel.calls("/collect/approve")


def test_a_refused_re_dispatch_is_a_refusal_naming_the_documented_reason(channel):
    shop = adapter(channel)
    channel.answer("POST", "/claim/exchange/collect/approve", load("naver", "exchange_collect_approve"))
    channel.answer("POST", "/claim/exchange/dispatch", load("naver", "exchange_dispatch_failed"))
    [result] = shop.process_claim(EXCHANGE, ClaimAction.APPROVE, invoice=RE_DELIVERY)
    assert result.outcome is Outcome.REJECTED
    assert result.message == ("수거 완료는 처리되었으나 교환 재배송 처리를 실패하였습니다: "
                              "교환 상태 확인 필요(재배송 처리 불가능 주문 상태)")


def test_exchange_approval_without_a_re_delivery_invoice_sends_nothing(channel):
    [result] = adapter(channel).process_claim(EXCHANGE, ClaimAction.APPROVE)
    assert result.outcome is Outcome.REJECTED and "송장번호" in result.message
    assert not channel.calls("/claim/")
