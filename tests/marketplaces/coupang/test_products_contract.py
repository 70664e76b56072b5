"""쿠팡 상품 조회 against the documented example: the read our listing import and updates rely on."""
from datetime import date

from portal.marketplaces import build_adapter
from tests.marketplaces.fixture_channel import fast_http, load

CREDS = {"vendor_id": "A00012345", "access_key": "ak", "secret_key": "sk"}


def test_documented_product_is_read_into_a_listing_with_its_option_ids(channel):
    documented = load("coupang", "seller_product")
    channel.answer("GET", "/seller-products/123459542", documented)
    listing = build_adapter("coupang", CREDS, base_url=channel.url,
                            http=fast_http()).fetch_listing("123459542")

    [call] = channel.calls("/seller-products/")
    assert call.method == documented["request"]["method"]
    assert call.path == documented["request"]["path"]
    assert listing.channel_product_id == "123459542"
    assert listing.name == "test_클렌징오일_관리용_상품명"
    assert (listing.price, listing.stock) == (1280960, 1)
    assert listing.category_id == "56137" and listing.seller_code == "0001"
    assert listing.status == "승인완료" and listing.sale_end == date(2099, 1, 1)
    # The option id (vendorItemId) is what stock, stop and resume calls are keyed by.
    [item] = listing.items
    assert (item.channel_item_id, item.option_name) == ("4279191312", "200ml_1개_(변경될수있음)")
    assert (item.price, item.stock) == (1280960, 1)
