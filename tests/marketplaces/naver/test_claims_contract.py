"""스마트스토어 claim actions against the documented body and its (성공/실패) 처리 내역 answer."""
from portal.marketplaces import (
    Claim, ClaimAction, ClaimKind, OrderStatus, Outcome, build_adapter,
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
