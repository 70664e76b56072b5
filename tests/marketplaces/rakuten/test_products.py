"""라쿠텐 상품 연동: ジャンル (genres.get), items.upsert + 在庫 per SKU, 倉庫 (items.patch) and
items.get — against documented-shape answers and the sandbox over HTTP."""
import pytest

from marketplaces.rakuten.products import NO_CABINET, variant_id
from portal.marketplaces import Listing, ListingItem, Outcome, build_adapter
from tests.marketplaces.fixture_channel import fast_http, load



def _adapter(channel):
    return build_adapter("rakuten", {"service_secret": "s", "license_key": "l"},
                         base_url=channel.url, http=fast_http())


def _shirt(**kw):
    values = dict(name="리넨 셔츠", price=3980, stock=7, category_id="558863",
                  seller_code="LINEN-01", description_html="<p>여름 셔츠</p>",
                  items=[ListingItem("", "화이트", 3, 3980), ListingItem("", "블랙", 4, 4280)])
    values.update(kw)
    return Listing(**values)


def _sandbox_product(sandbox, manage):
    shop = sandbox.shop_id("rakuten")
    return next((p for p in sandbox.ops("GET", f"/shops/{shop}/products")["products"]
                 if p["product_no"] == manage), None)


def test_genres_are_read_level_by_level_and_only_lowest_ones_take_products(channel):
    channel.answer("GET", "/2.0/navigation/genres/", load("rakuten", "genres_get"))
    cats = _adapter(channel).fetch_categories("100227")
    assert [(c.channel_category_id, c.name, c.is_leaf) for c in cats] == [
        ("558863", "野菜", True), ("100316", "水・ソフトドリンク", False)]
    _adapter(channel).fetch_categories()
    first, root = channel.calls("/genres/")
    assert first.path == "/2.0/navigation/genres/100227" and first.query == {"showChildren": "true"}
    assert root.path == "/2.0/navigation/genres/0"          # 0: the first level


def test_registration_upserts_the_item_then_puts_each_skus_stock(channel):
    channel.answer("PUT", "/2.0/items/manage-numbers/", load("rakuten", "item_upsert"))
    channel.answer("PUT", "/2.1/inventories/", load("rakuten", "inventory_upsert"))
    [done] = _adapter(channel).push_listing(_shirt())
    assert done.outcome is Outcome.OK and done.channel_ref == "linen-01"
    assert "3,980円" in done.message         # the 판매가 number is taken as yen, and said so
    upsert = channel.calls("/2.0/items/")[0]
    assert upsert.method == "PUT" and upsert.path == "/2.0/items/manage-numbers/linen-01"
    body = upsert.json()
    white, black = variant_id("화이트"), variant_id("블랙")
    assert body["title"] == "리넨 셔츠" and body["itemType"] == "NORMAL"
    assert body["genreId"] == "558863" and body["hideItem"] is False
    assert body["productDescription"] == {"pc": "<p>여름 셔츠</p>", "sp": "<p>여름 셔츠</p>"}
    assert "images" not in body
    assert body["variantSelectors"] == [{"key": "option", "displayName": "オプション", "values": [
        {"displayValue": "화이트"}, {"displayValue": "블랙"}]}]
    assert body["variants"] == {
        white: {"standardPrice": "3980", "selectorValues": {"option": "화이트"}},
        black: {"standardPrice": "4280", "selectorValues": {"option": "블랙"}}}
    stock = {c.path: c.json() for c in channel.calls("/2.1/inventories/")}
    assert stock == {f"/2.1/inventories/manage-numbers/linen-01/variants/{white}":
                     {"mode": "ABSOLUTE", "quantity": 3},
                     f"/2.1/inventories/manage-numbers/linen-01/variants/{black}":
                     {"mode": "ABSOLUTE", "quantity": 4}}
    assert [i.channel_item_id for i in done.items] == [f"linen-01:{white}", f"linen-01:{black}"]


def test_the_documented_item_sample_reads_back_as_a_listing(channel):
    channel.answer("GET", "/2.0/items/manage-numbers/", load("rakuten", "item_get"))
    got = _adapter(channel).fetch_listing("subscription-item")
    assert (got.name, got.category_id, got.seller_code, got.status) == (
        "通常商品（定期購入設定あり）の商品名", "558863", "VEGE-001-234", "SALE")
    assert [(i.channel_item_id, i.option_name, i.price) for i in got.items] == [
        ("subscription-item:sku-001", "赤", 2000)]


def test_an_unknown_item_is_a_refusal_with_rakutens_message(channel):
    channel.answer("GET", "/2.0/items/manage-numbers/", load("rakuten", "item_not_found"))
    with pytest.raises(Exception) as err:
        _adapter(channel).fetch_listing("6651")
    assert "No item found" in err.value.message_ko


@pytest.mark.parametrize("change, words", [
    (dict(image_files=("/data/1.jpg",)), "R-Cabinet"),
    (dict(seller_code="셔츠-01"), "商品管理番号"),
    (dict(category_id="1010"), "6자리"),
    (dict(items=[ListingItem("", "아주아주아주아주긴옵션이름입니다", 1, 100)]), "32바이트"),
])
def test_what_rakuten_cannot_take_is_refused_in_korean_before_any_call(channel, change, words):
    [refused] = _adapter(channel).push_listing(_shirt(**change))
    assert refused.outcome is Outcome.REJECTED and words in refused.message
    assert channel.received == []


def test_a_product_with_images_is_told_why_it_cannot_go(channel):
    [refused] = _adapter(channel).push_listing(_shirt(image_urls=("https://portal/img/1.jpg",)))
    assert refused.message == NO_CABINET


def test_register_update_hide_and_stock_against_the_sandbox(rms, fresh_sandbox):
    [done] = rms.push_listing(_shirt())
    assert done.outcome is Outcome.OK
    product = _sandbox_product(fresh_sandbox, "linen-01")
    assert product["name"] == "리넨 셔츠" and product["category_id"] == "558863"
    assert {i["option_name"]: (i["stock"], i["price"]) for i in product["items"]} == {
        "화이트": (3, 3980), "블랙": (4, 4280)}
    # The same code again replaces the same product (a repeat after a lost answer).
    [again] = rms.push_listing(_shirt())
    assert again.outcome is Outcome.OK
    shop = fresh_sandbox.shop_id("rakuten")
    codes = [p["product_no"]
             for p in fresh_sandbox.ops("GET", f"/shops/{shop}/products")["products"]]
    assert codes.count("linen-01") == 1
    # 수정: a new name and price, one option dropped, one added.
    [changed] = rms.update_listing(_shirt(
        name="리넨 셔츠 2026", channel_product_id="linen-01",
        items=[ListingItem("", "화이트", 5, 3500), ListingItem("", "네이비", 2, 3500)]))
    assert changed.outcome is Outcome.OK
    product = _sandbox_product(fresh_sandbox, "linen-01")
    assert product["name"] == "리넨 셔츠 2026"
    assert {i["option_name"]: (i["stock"], i["price"]) for i in product["items"]} == {
        "화이트": (5, 3500), "네이비": (2, 3500)}
    read = rms.fetch_listing("linen-01")
    assert sorted(i.option_name for i in read.items) == ["네이비", "화이트"]
    # 재고 by the keys the registration answered with.
    navy = next(i for i in changed.items if i.option_name == "네이비")
    [stocked] = rms.update_stock([(navy.channel_item_id, 9)])
    assert stocked.outcome is Outcome.OK
    product = _sandbox_product(fresh_sandbox, "linen-01")
    assert {i["option_name"]: i["stock"] for i in product["items"]}["네이비"] == 9
    # 판매중지 = 倉庫, 재개 = 販売中.
    [ended] = rms.end_listing(["linen-01"])
    assert ended.outcome is Outcome.OK and rms.fetch_listing("linen-01").status == "SUSPENSION"
    [resumed] = rms.resume_listing(["linen-01"])
    assert resumed.outcome is Outcome.OK and rms.fetch_listing("linen-01").status == "SALE"


def test_a_product_without_options_is_one_sku_with_the_listing_stock(rms, fresh_sandbox):
    [done] = rms.push_listing(_shirt(seller_code="PLAIN-01", items=[], stock=6, price=1200))
    assert done.outcome is Outcome.OK and len(done.items) == 1
    product = _sandbox_product(fresh_sandbox, "plain-01")
    assert [(i["option_name"], i["stock"], i["price"]) for i in product["items"]] == [("", 6, 1200)]


def test_the_sandbox_refuses_a_genre_that_takes_no_products(rms, fresh_sandbox):
    [refused] = rms.push_listing(_shirt(category_id="100227"))
    assert refused.outcome is Outcome.REJECTED and "ジャンル" in refused.message
    assert _sandbox_product(fresh_sandbox, "linen-01") is None


def test_the_sandbox_refuses_an_image_outside_cabinet_and_gold(rms):
    body = rms.item_body(_shirt())
    body["images"] = [{"type": "ABSOLUTE", "location": "https://example.com/a.jpg"}]
    with pytest.raises(Exception) as err:
        rms.client.call("PUT", "/2.0/items/manage-numbers/linen-01", json=body, write=True)
    assert "R-Cabinet" in err.value.message_ko


def test_the_genre_tree_of_the_sandbox_is_walked_down_to_a_lowest_genre(rms):
    [top] = rms.fetch_categories()
    assert not top.is_leaf
    leaves = rms.fetch_categories(top.channel_category_id)
    assert leaves and all(c.is_leaf for c in leaves)
