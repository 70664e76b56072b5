"""G마켓 and 옥션 products against the sandbox's ESM server over HTTP: register, read back, update,
stop and resume, and the refusals ESM documents."""
from datetime import date, timedelta

import pytest

from portal.marketplaces import Listing, Outcome, PermanentError, ShippingTerms
from tests.marketplaces.test_lifecycle import Harness


@pytest.fixture(params=["gmarket", "auction"])
def h(request, fresh_sandbox):
    return Harness(fresh_sandbox, request.param)


def leaf(adapter):
    cats = adapter.fetch_categories(None)
    while not any(c.is_leaf for c in cats):
        cats = adapter.fetch_categories(cats[0].channel_category_id)
    return next(c for c in cats if c.is_leaf).channel_category_id


def listing(adapter, **kw):
    values = dict(name="6년근 홍삼정 스틱 30포", price=45000, stock=15, category_id=leaf(adapter),
                  seller_code="DEMO07", description_html="<p>홍삼정</p>",
                  image_urls=("https://img.example.com/demo07.jpg",),
                  shipping=ShippingTerms(courier="CJ대한통운", return_fee=3000),
                  sale_end=date.today() + timedelta(days=30))
    values.update(kw)
    return Listing(**values)


def product(h, no):
    shop = h.sandbox.shop_id(h.code)
    return h.sandbox.ops("GET", f"/shops/{shop}/products/{no}")["product"]


def test_register_read_back_update_stop_and_resume(h):
    [pushed] = h.adapter.push_listing(listing(h.adapter))
    assert pushed.outcome is Outcome.OK and pushed.channel_ref
    no = pushed.channel_ref
    made = product(h, no)
    assert (made["name"], made["price"], made["stock"], made["seller_code"]) == \
        ("6년근 홍삼정 스틱 30포", 45000, 15, "DEMO07")
    back = h.adapter.fetch_listing(no)
    assert (back.price, back.stock, back.status, back.seller_code) == (45000, 15, "SALE", "DEMO07")

    [updated] = h.adapter.update_listing(listing(h.adapter, channel_product_id=no, price=43000,
                                                 stock=20, sale_end=None))
    assert updated.ok and updated.channel_ref == no
    assert (product(h, no)["price"], product(h, no)["stock"]) == (43000, 20)

    assert h.adapter.end_listing([no])[0].ok
    assert product(h, no)["status"] == "SUSPENSION" and h.adapter.fetch_listing(no).status != "SALE"
    assert product(h, no)["price"] == 43000                         # read back and sent again
    assert h.adapter.resume_listing([no])[0].ok
    assert product(h, no)["status"] == "SALE"
    assert h.adapter.update_stock([(no, 7)])[0].ok and product(h, no)["stock"] == 7


@pytest.mark.parametrize("change, words", [
    (dict(price=45005), "10원 단위"),
    (dict(stock=0), "1에서 99999 사이"),
    (dict(category_id="10"), "잘 못 된 카테고리 코드입니다"),
    (dict(name="가" * 40), "최대 입력 길이를 초과"),
])
def test_the_sandbox_refuses_what_esm_refuses(h, change, words):
    if "name" in change:
        # The adapter cuts a name to 100 bytes; the sandbox still refuses a longer one.
        body = h.adapter.goods_body(listing(h.adapter), update=False)
        body["itemBasicInfo"]["goodsName"]["kor"] = change["name"]
        with pytest.raises(PermanentError, match=words):
            h.adapter.client.call("POST", "/item/v1/goods", json=body, write=True)
        return
    [outcome] = h.adapter.push_listing(listing(h.adapter, **change))
    assert outcome.outcome is Outcome.REJECTED and words in outcome.message


def test_another_sellers_numbers_are_refused(h):
    h.adapter.credentials["place_no"] = "999"
    [outcome] = h.adapter.push_listing(listing(h.adapter))
    assert outcome.outcome is Outcome.REJECTED and "ShipmentPlaceNo 오류" in outcome.message


def test_options_are_refused_before_any_call(h):
    from portal.marketplaces import ListingItem

    one = listing(h.adapter, items=[ListingItem("", "블랙", 4, 45000),
                                    ListingItem("", "화이트", 6, 45000)])
    before = len(h.records)
    [outcome] = h.adapter.push_listing(one)
    assert outcome.outcome is Outcome.REJECTED and "추천옵션" in outcome.message
    assert len(h.records) == before
