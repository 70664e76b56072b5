"""스마트스토어 stock through 멀티 상품 변경: documented body, no status sent, suspended stays so."""
import pytest

from portal.marketplaces import Listing, Outcome, build_adapter
from tests.marketplaces.fixture_channel import fast_http, load
from tests.marketplaces.main_image import main_image

CREDS = {"client_id": "fixture-app", "client_secret": "$2a$10$abcdefghijklmnopqrstuv"}


def adapter(channel):
    channel.answer("POST", "/v1/oauth2/token", load("naver", "token"))
    return build_adapter("naver", CREDS, base_url=channel.url, http=fast_http())


def test_stock_goes_through_the_documented_multi_update_with_stock_only(channel):
    documented = load("naver", "multi_update")
    channel.answer("PATCH", "/multi-update", documented)
    outcomes = adapter(channel).update_stock([("1000001", 7), ("1000002", 0)])
    assert [o.outcome for o in outcomes] == [Outcome.OK, Outcome.OK]
    [call] = channel.calls("/multi-update")
    assert call.method == documented["request"]["method"]
    assert call.path.endswith(documented["request"]["path"])
    assert call.headers["Authorization"] == "Bearer fixture-token"
    vos = call.json()["multiProductUpdateRequestVos"]
    assert vos[0] == documented["request"]["body"]["multiProductUpdateRequestVos"][0]
    # Never a status: a stock sync must not put a suspended product back on sale.
    assert all(vo["multiUpdateTypes"] == ["STOCK"] for vo in vos)
    assert vos[1]["stockQuantity"] == 0
    assert not channel.calls("/change-status")


def test_documented_bad_request_fails_every_line_with_its_reason(channel):
    channel.answer("PATCH", "/multi-update", load("naver", "multi_update_error_400"))
    outcomes = adapter(channel).update_stock([("1000001", 7), ("1000002", 1)])
    assert [o.outcome for o in outcomes] == [Outcome.REJECTED, Outcome.REJECTED]
    assert outcomes[0].message == ("요청 값이 올바르지 않습니다. (multiProductUpdateRequestVos[0]"
                                   ".stockQuantity: 99999999 이하여야 합니다.)")


@pytest.fixture()
def naver(fresh_sandbox):
    live = build_adapter("naver", fresh_sandbox.credentials("naver"),
                         base_url=fresh_sandbox.base_url("naver"), http=fast_http())
    [pushed] = live.push_listing(Listing("스탠드", 20000, stock=5, category_id="50000803",
                                         seller_code="ST-1", **main_image()))
    assert pushed.ok
    return fresh_sandbox, live, pushed.channel_ref


def status(sandbox, no):
    return sandbox.ops("GET", f"/shops/{sandbox.shop_id('naver')}/products/{no}")["product"]


def test_a_stock_sync_never_reopens_a_product_the_seller_suspended(naver):
    sandbox, live, no = naver
    assert live.end_listing([no])[0].ok
    assert live.update_stock([(no, 9)])[0].ok
    product = status(sandbox, no)
    assert product["status"] == "SUSPENSION" and product["stock"] == 9


def test_stock_zero_then_back_moves_between_sold_out_and_on_sale(naver):
    sandbox, live, no = naver
    assert live.update_stock([(no, 0)])[0].ok
    assert status(sandbox, no)["status"] == "OUTOFSTOCK"
    assert live.update_stock([(no, 4)])[0].ok
    assert status(sandbox, no)["status"] == "SALE"


def test_sandbox_refuses_a_status_change_the_document_does_not_list(naver):
    sandbox, live, no = naver
    assert live.update_stock([(no, 0)])[0].ok          # 품절
    # 품절 → 판매중 needs a stock quantity; resume without one is refused, as documented.
    [refused] = live.resume_listing([no])
    assert refused.outcome is Outcome.REJECTED and "stockQuantity" in refused.message
    assert status(sandbox, no)["status"] == "OUTOFSTOCK"
