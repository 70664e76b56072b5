"""11번가 product calls against the documented examples: both success codes, refusals, fields."""
import xml.etree.ElementTree as ET

import pytest

from portal.marketplaces import (
    Listing, Outcome, PermanentError, ShippingTerms, build_adapter,
)
from tests.marketplaces.fixture_channel import fast_http, load

CREDS = {"openapikey": "k" * 32, "addr_seq_out": "4", "addr_seq_in": "8"}
TERMS = ShippingTerms(fee_type="free", return_fee=3000, exchange_fee=6000, return_zip="06236",
                      return_address="서울 강남구 테헤란로 1", courier="CJ대한통운",
                      as_info="구입 후 1년 무상 A/S")


def adapter(channel):
    return build_adapter("11st", CREDS, base_url=channel.url, http=fast_http())


def sent_product(received) -> ET.Element:
    return ET.fromstring(received.body.decode("euc-kr").split("?>", 1)[1])


@pytest.mark.parametrize("name", ["product_register_200", "product_register_210"])
def test_both_documented_success_codes_register_the_product(channel, name):
    channel.answer("POST", "/prodservices/product", load("elevenst", name))
    [outcome] = adapter(channel).push_listing(
        Listing("겨울 목도리", 15000, stock=5, category_id="1122", seller_code="SC-1",
                image_urls=("https://img.example.com/a.jpg",), shipping=TERMS))
    assert outcome.outcome is Outcome.OK and outcome.channel_ref == "52844137"
    # Exactly one registration was sent: a 210 is not a failure to retry.
    [call] = channel.calls("/prodservices/product")
    documented = load("elevenst", "product_register_200")["request"]
    assert call.method == documented["method"] and call.path.endswith(documented["path"])
    assert call.headers["Content-Type"] == documented["headers"]["Content-Type"]
    product = sent_product(call)
    missing = [tag for tag in documented["required"] if not (product.findtext(tag) or "").strip()]
    assert missing == []
    assert product.findtext("prdImage01") == "https://img.example.com/a.jpg"
    assert (product.findtext("addrSeqOut"), product.findtext("addrSeqIn")) == ("4", "8")
    assert product.findtext("asDetail") == "구입 후 1년 무상 A/S"
    assert "3,000원" in product.findtext("rtngExchDetail")


def test_registration_without_the_address_book_codes_names_every_missing_item(channel):
    bare = build_adapter("11st", {"openapikey": "k" * 32}, base_url=channel.url,
                         http=fast_http())
    [outcome] = bare.push_listing(Listing("목도리", 15000, category_id="1122", seller_code="S"))
    assert outcome.outcome is Outcome.REJECTED
    assert outcome.message == ("11번가 상품 연동에 필요한 제휴몰 계정정보가 없습니다: 출고지 주소 코드, "
                               "반품/교환지 주소 코드. 제휴몰 계정정보에서 입력해 주세요.")
    assert channel.received == []


def test_documented_refusal_keeps_the_channels_korean_reason(channel):
    channel.answer("POST", "/prodservices/product", load("elevenst", "product_register_error_500"))
    [outcome] = adapter(channel).push_listing(Listing("목도리", 15000, category_id="1122"))
    assert outcome.outcome is Outcome.REJECTED
    assert outcome.message == "상품등록실패 : 교환반품 안내는 반드시 입력하셔야 합니다."


def test_stock_update_reads_the_documented_answer_and_error(channel):
    channel.answer("PUT", "/prodservices/stockqty/434450294", load("elevenst", "stock_update"), times=1)
    channel.answer("PUT", "/prodservices/stockqty/434450294",
                   load("elevenst", "stock_update_error_404"))
    ok, refused, bare = adapter(channel).update_stock(
        [("47965658:434450294", 99), ("47965658:434450294", 98), ("434450294", 1)])
    assert ok.outcome is Outcome.OK and "변경된 수량 : 99" in ok.message
    assert refused.outcome is Outcome.REJECTED and refused.message == "해당 상품/재고 번호 없음."
    # A stock number without its product number cannot be sent as the document asks.
    assert bare.outcome is Outcome.REJECTED and "상품번호" in bare.message
    assert len(channel.calls("/stockqty/")) == 2
    documented = load("elevenst", "stock_update")["request"]
    call = channel.calls("/stockqty/")[0]
    assert call.method == documented["method"] and call.path.endswith(documented["path"])
    sent = sent_product(call)
    assert sent.tag == "ProductStock"
    assert {el.tag: el.text for el in sent} == {**documented["fields"], "optWght": "0"}


def test_stop_display_documented_answer_and_positive_error_code(channel):
    channel.answer("PUT", "/stopdisplay/563667789", load("elevenst", "stop_display"))
    channel.answer("PUT", "/stopdisplay/41601523", load("elevenst", "stop_display_error_500"))
    ok, refused = adapter(channel).end_listing(["563667789", "41601523"])
    assert ok.outcome is Outcome.OK
    assert refused.outcome is Outcome.REJECTED
    assert refused.message == "해당 상품의 정보를 찾을 수 없습니다. 상품번호 : 41601523"


def test_a_positive_result_code_is_a_refusal_not_a_success(channel):
    body = ('<?xml version="1.0" encoding="euc-kr"?><ns2:orders xmlns:ns2="urn:x">'
            "<result_code>500</result_code><result_text>비지니스 Error</result_text></ns2:orders>")
    channel.answer("GET", "/ordservices/", {"response": {"status": 200, "encoding": "euc-kr",
                                                         "body": body}})
    from datetime import datetime, timedelta, timezone
    now = datetime.now(timezone.utc)
    with pytest.raises(PermanentError) as err:
        adapter(channel).fetch_orders(now - timedelta(hours=1), now)
    assert err.value.code == "500" and err.value.message_ko == "비지니스 Error"


def test_sandbox_answers_210_for_a_new_product_and_it_is_registered_once(fresh_sandbox):
    shop = fresh_sandbox.shop_id("11st")
    before = fresh_sandbox.ops("GET", f"/shops/{shop}/products")["products"]
    live = build_adapter("11st", fresh_sandbox.credentials("11st"),
                         base_url=fresh_sandbox.base_url("11st"), http=fast_http())
    [outcome] = live.push_listing(Listing("겨울 목도리", 15000, stock=5, category_id="1122",
                                          seller_code="SC-210"))
    assert outcome.outcome is Outcome.OK and outcome.channel_ref
    after = fresh_sandbox.ops("GET", f"/shops/{shop}/products")["products"]
    assert len(after) == len(before) + 1
    journal = [j for j in fresh_sandbox.journal(20) if j["path"].endswith("/prodservices/product")]
    assert len(journal) == 1 and journal[0]["status"] == 200


def test_product_import_reads_the_documented_list_and_each_products_stock(channel):
    documented = load("elevenst", "product_search")
    channel.answer("POST", "/prodmarketservice/prodmarket", documented)
    channel.answer("GET", "/prodmarketservice/prodmarket/stck/", load("elevenst", "product_stock"))
    [found] = adapter(channel).fetch_listings()
    [search] = channel.calls("/prodmarketservice/prodmarket")[:1]
    sent = sent_product(search)
    assert search.method == "POST" and sent.tag == documented["request"]["root"]
    assert 1 <= int(sent.findtext("limit")) <= 500 and sent.findtext("start") == "1"
    assert (found.channel_product_id, found.name, found.price) == (
        "45705741", "판매자 상품코드 테스트(구매불가)", 100000000)
    assert (found.seller_code, found.category_id, found.status) == ("ctr555", "19021", "SALE")
    [item] = found.items
    assert (item.channel_item_id, item.stock, found.stock) == ("45705741:440634790", 62, 62)


def test_sandbox_product_import_pages_through_every_product(fresh_sandbox):
    live = build_adapter("11st", fresh_sandbox.credentials("11st"),
                         base_url=fresh_sandbox.base_url("11st"), http=fast_http())
    pushed = {live.push_listing(Listing(f"상품 {n}", 10000 + n, stock=n, category_id="1122",
                                        seller_code=f"IMP-{n}"))[0].channel_ref for n in range(3)}
    found = {x.channel_product_id: x for x in live.fetch_listings()}
    assert pushed <= set(found)
    assert all(found[no].items and found[no].items[0].channel_item_id.startswith(f"{no}:")
               for no in pushed)


WEAR = {"제품 소재": "나일론", "색상": "블랙", "치수": "FREE", "제조자/수입자": "(주)데모패션", "제조국": "대한민국",
        "세탁방법 및 취급시 주의사항": "손세탁", "제조연월": "2026/10/01", "품질보증기준": "관련 법에 따름",
        "A/S 책임자와 전화번호": "02-1234-5678"}


def notification(product) -> tuple[str, dict[str, str]]:
    block = product.find("ProductNotification")
    return block.findtext("type"), {i.findtext("code"): i.findtext("name") for i in block.iter("item")}


def test_registration_sends_the_notice_type_of_the_product_group_with_every_item(channel):
    documented = load("elevenst", "product_notification")
    channel.answer("POST", "/prodservices/product", documented)
    [outcome] = adapter(channel).push_listing(Listing(
        "나일론 점퍼", 45000, stock=5, category_id="1122", seller_code="NJ-1", shipping=TERMS,
        notice={"group": "의류", "fields": WEAR}))
    assert outcome.outcome is Outcome.OK
    [call] = channel.calls("/prodservices/product")
    kind, items = notification(sent_product(call))
    example = documented["request"]["ProductNotification"]
    assert kind == example["type"]
    assert {i["code"]: i["name"] for i in example["item"]}.items() <= items.items()
    assert len(items) == 9 and items["11835"] == "블랙" and items["23759308"] == "2026/10/01"


def test_an_unanswered_item_goes_as_see_detail_page_and_an_unknown_group_as_other_goods(channel):
    channel.answer("POST", "/prodservices/product", load("elevenst", "product_notification"))
    adapter(channel).push_listing(Listing("점퍼", 45000, category_id="1122", seller_code="NJ-1", shipping=TERMS,
                                          notice={"group": "의류", "fields": {"제품 소재": "나일론"}}))
    adapter(channel).push_listing(Listing("장난감", 9000, category_id="1122", seller_code="TY-1", shipping=TERMS,
                                          notice={"group": "영유아용품/어린이제품", "fields": {}}))
    first, second = channel.calls("/prodservices/product")
    _kind, items = notification(sent_product(first))
    assert items["11835"] == "상세페이지 참조" and items["23759468"] == "나일론"
    kind, items = notification(sent_product(second))
    assert kind == "891045"
    assert items["11800"] == "장난감" and items["23756033"] == "상세페이지 참조"
