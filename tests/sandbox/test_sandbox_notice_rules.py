"""The sandboxes refuse a 상품정보제공고시 the documents refuse: 스마트스토어 create-product without a field the
notice type requires, 11번가 상품등록 without a 고시 item of its type."""
import pytest

from portal.marketplaces import ChannelError, Listing, Outcome, ShippingTerms, build_adapter
from tests.marketplaces.fixture_channel import fast_http

TERMS = ShippingTerms(fee_type="free", return_fee=3000, exchange_fee=6000, courier="한진택배",
                      as_info="구입 후 1년 무상 A/S")
WEAR = {"제품 소재": "면 100%", "색상": "네이비", "치수": "M", "제조자/수입자": "(주)데모패션",
        "세탁방법 및 취급시 주의사항": "손세탁", "제조연월": "2026-10", "품질보증기준": "관련 법에 따름",
        "A/S 책임자와 전화번호": "02-1234-5678"}


def _naver(sandbox):
    return build_adapter("naver", {**sandbox.credentials("naver"), "as_phone": "02-1234-5678"},
                         base_url=sandbox.base_url("naver"), http=fast_http())


def test_naver_takes_a_wear_notice_and_refuses_one_missing_a_required_field(fresh_sandbox):
    from marketplaces.naver import mapping

    adapter = _naver(fresh_sandbox)
    listing = Listing("니트", 39000, stock=3, category_id="50000803", seller_code="KN-1", shipping=TERMS,
                      notice={"group": "의류", "fields": WEAR})
    [outcome] = adapter.push_listing(listing)
    assert outcome.outcome is Outcome.OK
    body = mapping.product_body(listing, adapter.credentials)
    del body["originProduct"]["detailAttribute"]["productInfoProvidedNotice"]["wear"]["color"]
    body["originProduct"]["detailAttribute"]["productInfoProvidedNotice"]["wear"].pop("packDateText")
    with pytest.raises(ChannelError) as err:
        adapter.client.call("POST", "/v2/products", json=body, write=True)
    refused = err.value.message_ko
    assert "productInfoProvidedNotice.wear.color" in refused
    assert "productInfoProvidedNotice.wear.packDateText" in refused


def test_elevenst_takes_a_full_notice_and_refuses_one_with_an_item_missing(fresh_sandbox):
    from marketplaces.elevenst.products import product_xml

    creds = fresh_sandbox.credentials("11st")
    adapter = build_adapter("11st", creds, base_url=fresh_sandbox.base_url("11st"), http=fast_http())
    listing = Listing("점퍼", 45000, stock=3, category_id="1122", seller_code="NJ-1", shipping=TERMS,
                      notice={"group": "의류", "fields": WEAR})
    [outcome] = adapter.push_listing(listing)
    assert outcome.outcome is Outcome.OK, outcome.message
    body = product_xml(listing, adapter.credentials)
    cut = body.replace("<item><code>11835</code><name>네이비</name></item>".encode("euc-kr"), b"")
    assert cut != body
    with pytest.raises(ChannelError) as err:
        adapter.client.call("POST", "/prodservices/product", body=cut, write=True)
    assert err.value.message_ko == "상품등록실패 : 고시 항목 개수가 일치하지 않습니다."


FOOD = {"group": "가공식품", "fields": {"제품명": "버터쿠키", "식품의 유형": "과자"}}


def _on_sandbox(sandbox, code, product_no):
    shop = sandbox.shop_id(code)
    return next(p for p in sandbox.ops("GET", f"/shops/{shop}/products")["products"]
                if str(p["product_no"]) == str(product_no))


@pytest.mark.parametrize("code, kind", [("naver", "GENERAL_FOOD"), ("11st", "891031")])
def test_an_update_sends_the_notice_of_the_products_group_now(fresh_sandbox, code, kind):
    creds = {**fresh_sandbox.credentials(code), "as_phone": "02-1234-5678"}
    adapter = build_adapter(code, creds, base_url=fresh_sandbox.base_url(code), http=fast_http())
    listing = Listing("쿠키", 5000, stock=3, category_id="50000803" if code == "naver" else "1122",
                      seller_code="CK-1", shipping=TERMS, notice={"group": "의류", "fields": WEAR})
    [pushed] = adapter.push_listing(listing)
    assert pushed.outcome is Outcome.OK, pushed.message
    listing.channel_product_id, listing.notice = pushed.channel_ref, FOOD
    [updated] = adapter.update_listing(listing)
    assert updated.outcome is Outcome.OK, updated.message
    notice = _on_sandbox(fresh_sandbox, code, pushed.channel_ref)["extra"]["notice"]
    if code == "naver":
        assert notice["productInfoProvidedNoticeType"] == kind
        assert notice["generalFood"]["productName"] == "버터쿠키"
    else:
        assert notice["type"] == kind and notice["items"]["176317774"] == "버터쿠키"
