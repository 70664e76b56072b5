"""쿠팡 상품 수정 (승인필요) against the documented example: the whole product sent back, each option with the
sellerProductItemId and vendorItemId 상품 조회 read (without them Coupang takes it for a new option)."""
from portal.marketplaces import Listing, Outcome, build_adapter
from tests.marketplaces.fixture_channel import fast_http, load

CREDS = {"vendor_id": "A00012345", "access_key": "ak", "secret_key": "sk", "wing_user_id": "et5",
         "outbound_place_code": "74010", "return_center_code": "1000274592",
         "return_center_name": "반품지_1", "return_contact": "02-1234-678"}


def adapter(channel):
    return build_adapter("coupang", CREDS, base_url=channel.url, http=fast_http())


def update(channel, notice=None):
    channel.answer("GET", "/seller-products/123459542", load("coupang", "seller_product"))
    channel.answer("GET", "/category-related-metas/", load("coupang", "category_meta"))
    channel.answer("PUT", "/seller-products", load("coupang", "seller_product_update"))
    listing = Listing("test_클렌징오일_수정", 10000, stock=100, channel_product_id="123459542", notice=notice or {})
    return adapter(channel).update_listing(listing)


def test_product_update_sends_the_documented_body_with_the_option_ids_as_read(channel):
    documented = load("coupang", "seller_product_update")["request"]
    [result] = update(channel)
    assert result.outcome is Outcome.OK
    [call] = [c for c in channel.received if c.method == "PUT"]
    assert (call.method, call.path) == (documented["method"], documented["path"])
    body = call.json()
    wanted = set(documented["body"]) - set(documented["optional"])
    assert wanted <= set(body), wanted - set(body)
    assert body["sellerProductId"] == 123459542 and body["vendorId"] == "A00012345"
    assert body["sellerProductName"] == "test_클렌징오일_수정" and body["displayCategoryCode"] == 56137
    [item] = body["items"]
    wanted_item = set(documented["body"]["items"][0]) - set(documented["optional_item"])
    assert wanted_item <= set(item), wanted_item - set(item)
    # The option as 상품 조회 read it: without sellerProductItemId it would be a new option.
    assert (item["sellerProductItemId"], item["vendorItemId"]) == (1271845812, 4279191312)
    # Attributes already approved go back as read (they cannot be changed or removed after approval).
    assert item["attributes"] == [{"attributeTypeName": "개당 용량", "attributeValueName": "200ml"}]


def test_a_refused_update_carries_the_documented_text(channel):
    channel.answer("PUT", "/seller-products", load("coupang", "seller_product_update_error_notice"))
    [result] = update(channel)
    assert result.outcome is Outcome.REJECTED
    assert result.message == "입력된 상품필수 고지정보[제조자 및 제조판매업자]가 카테고리[화장품]에서 제공하는 것과 다릅니다."
