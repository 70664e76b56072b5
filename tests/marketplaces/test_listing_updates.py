"""Product update, resume and read-back over HTTP against the sandbox, for every protocol."""
from datetime import date

import pytest

from portal.channel_http import CallBudget, ChannelHttp
from portal.marketplaces import Listing, ListingItem, Outcome, ShippingTerms, build_adapter

CODES = ["naver", "coupang", "11st", "sandbox"]
# Which adapters send options (one channel item per option); Naver's push sends none yet.
SENDS_OPTIONS = {"coupang", "11st", "sandbox"}
TERMS = ShippingTerms(fee_type="conditional", fee=3000, free_over=50000, return_fee=2500,
                      exchange_fee=5000, return_zip="07583", return_address="서울 강서구",
                      as_info="판매자에게 문의")


@pytest.fixture(params=CODES)
def h(request, fresh_sandbox):
    code = request.param
    records = []
    http = ChannelHttp(budget=CallBudget(rate=1000, burst=1000), sleep=lambda s: None,
                       on_call=records.append, jitter=lambda: 0.0)
    adapter = build_adapter(code, fresh_sandbox.credentials(code),
                            base_url=fresh_sandbox.base_url(code), http=http)
    return code, adapter, fresh_sandbox, records


def category_of(adapter):
    cats = adapter.fetch_categories(None)
    leaf = next((c for c in cats if c.is_leaf), None)
    while leaf is None:
        cats = adapter.fetch_categories(cats[0].channel_category_id)
        leaf = next((c for c in cats if c.is_leaf), None)
    return leaf.channel_category_id


def sandbox_product(sandbox, code, product_no):
    return sandbox.ops("GET", f"/shops/{sandbox.shop_id(code)}/products/{product_no}")["product"]


def pushed(adapter, seller_code, **kw):
    # 판매정보 always brings the shipping terms (쿠팡 requires the return address on create).
    kw.setdefault("shipping", TERMS)
    listing = Listing("린넨 원피스", 25000, stock=10, category_id=category_of(adapter),
                      seller_code=seller_code,
                      items=[ListingItem("", "블랙", 4, 25000), ListingItem("", "화이트", 6, 27000)],
                      **kw)
    (outcome,) = adapter.push_listing(listing)
    assert outcome.outcome is Outcome.OK and outcome.channel_ref, outcome
    listing.channel_product_id = outcome.channel_ref
    return listing, outcome


def test_push_names_one_channel_item_per_option(h):
    code, adapter, sandbox, _ = h
    _, outcome = pushed(adapter, f"UPD-{code}-1")
    product = sandbox_product(sandbox, code, outcome.channel_ref)
    if code in SENDS_OPTIONS:
        assert [i["option_name"] for i in product["items"]] == ["블랙", "화이트"]
        assert [i["stock"] for i in product["items"]] == [4, 6] and product["stock"] == 10
        assert [i.option_name for i in outcome.items] == ["블랙", "화이트"]
    # 11번가 names an option by product and stock number together ("prdNo:prdStckNo").
    assert [i.channel_item_id.rpartition(":")[2] for i in outcome.items] == \
        [i["item_no"] for i in product["items"]]
    assert adapter.fetch_listing(outcome.channel_ref).items == outcome.items


def test_update_changes_the_product_in_place(h):
    code, adapter, sandbox, _ = h
    listing, outcome = pushed(adapter, f"UPD-{code}-2")
    before = sandbox_product(sandbox, code, outcome.channel_ref)
    count = len(sandbox.ops("GET", f"/shops/{sandbox.shop_id(code)}/products")["products"])
    listing.name, listing.price = "린넨 원피스 (여름)", 23000
    listing.items = [ListingItem(i.channel_item_id, i.option_name, i.stock, 23000 + n * 2000)
                     for n, i in enumerate(outcome.items)]
    listing.sale_end, listing.shipping = date(2027, 3, 31), TERMS
    (updated,) = adapter.update_listing(listing)
    assert updated.outcome is Outcome.OK, updated
    assert updated.channel_ref == outcome.channel_ref
    after = sandbox_product(sandbox, code, outcome.channel_ref)
    assert after["name"] == "린넨 원피스 (여름)" and after["price"] == 23000
    assert [i["item_no"] for i in after["items"]] == [i["item_no"] for i in before["items"]]
    assert "2027" in str(after["extra"]["sale_end"]) and after["extra"]["shipping"]
    assert len(sandbox.ops("GET", f"/shops/{sandbox.shop_id(code)}/products")["products"]) == count
    read = adapter.fetch_listing(outcome.channel_ref)
    assert (read.name, read.price) == ("린넨 원피스 (여름)", 23000)
    if code in SENDS_OPTIONS:
        assert [i.price for i in read.items] == [23000, 25000]


def test_update_of_an_unknown_product_is_refused(h):
    _, adapter, _, _ = h
    listing = Listing("없는 상품", 1000, category_id="1010", channel_product_id="9199999999")
    (outcome,) = adapter.update_listing(listing)
    assert outcome.outcome is Outcome.REJECTED and outcome.message


def test_end_then_resume_keeps_the_product_number(h):
    code, adapter, sandbox, _ = h
    _, outcome = pushed(adapter, f"UPD-{code}-3")
    no = outcome.channel_ref
    assert adapter.end_listing([no])[0].ok
    assert sandbox_product(sandbox, code, no)["status"] in ("CLOSE", "SUSPENSION")
    (resumed,) = adapter.resume_listing([no])
    assert resumed.ok and resumed.key == no
    assert sandbox_product(sandbox, code, no)["status"] == "SALE"
    assert adapter.fetch_listing(no).status == "SALE"


def test_stock_goes_to_one_option_by_the_pushed_item_id(h):
    """The stock key the portal keeps for an option (stock_keys_of: the item id; 스마트스토어
    "원상품번호:옵션ID", sent through 상품 옵션 재고 변경) changes that option's stock only."""
    from types import SimpleNamespace

    from jobs.listings_common import stock_keys_of

    code, adapter, sandbox, _ = h
    _, outcome = pushed(adapter, f"UPD-{code}-4")
    keys = stock_keys_of(code, SimpleNamespace(channel_product_id=outcome.channel_ref, items=outcome.items))
    assert [k["option"] for k in keys] == ["블랙", "화이트"]
    assert adapter.update_stock([(keys[1]["id"], 1)])[0].ok
    items = sandbox_product(sandbox, code, outcome.channel_ref)["items"]
    assert [i["stock"] for i in items] == [4, 1]
    assert [i["price"] for i in items] == [25000, 27000]   # the option prices stay as they were
