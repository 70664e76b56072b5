"""ESM 상품 등록/수정, 가격/재고/판매상태 and categories against the documented examples."""
from datetime import date, datetime

from portal.marketplaces import KST, Listing, Outcome, ShippingTerms, build_adapter
from tests.marketplaces.fixture_channel import fast_http, load

CREDS = {"master_id": "test_masterId_1", "secret_key": "ZDE2YjlmZjUtYTc0Mi00ZWU3",
         "seller_id": "selleridtest", "place_no": "1025418", "delivery_tmpl_id": "4235749",
         "return_addr_no": "1546789", "dispatch_policy_no": "306", "notice_group_no": "41"}


def adapter(channel, code="gmarket", **changes):
    esm = build_adapter(code, {**CREDS, **changes}, base_url=channel.url, http=fast_http())
    esm.now = lambda: datetime(2026, 12, 4, 10, 0, tzinfo=KST)
    return esm


def listing(**kw):
    values = dict(name="기본상품명", price=10000, stock=100, category_id="300009483",
                  seller_code="12345", description_html="<p>상세설명</p>",
                  image_urls=("https://image.auction.co.kr/Itemimage/17/de/c2/17dec2eb26.jpg",),
                  shipping=ShippingTerms(courier="CJ대한통운", return_fee=3000),
                  sale_end=date(2027, 1, 20))
    values.update(kw)
    return Listing(**values)


def test_register_sends_the_documented_body_for_this_site_and_reads_the_numbers(channel):
    """상품등록 (etapi.gmarket.com/20, /140 sample): one site's category, price, stock and period,
    the seller's 출하지/묶음배송비/반품지/발송정책 numbers, every 고시 item of the group."""
    channel.answer("GET", "/official-notice/groups/41/codes", load("esm", "notice_codes"))
    channel.answer("POST", "/item/v1/goods", load("esm", "goods_register"))
    [outcome] = adapter(channel).push_listing(listing())
    assert outcome.outcome is Outcome.OK and outcome.channel_ref == "2103374786"
    assert "2770898384" in outcome.message                    # the G마켓 사이트 상품번호
    assert [i.channel_item_id for i in outcome.items] == ["2103374786"]
    sent = channel.calls("/item/v1/goods")[0].json()
    assert sent["itemBasicInfo"] == {
        "goodsName": {"kor": "기본상품명"},
        "category": {"site": [{"siteType": 2, "catCode": "300009483"}]}}
    extra = sent["itemAddtionalInfo"]
    assert extra["price"] == {"Gmkt": 10000, "Iac": 0}
    assert extra["stock"] == {"Gmkt": 100, "Iac": 0}
    assert extra["sellingPeriod"] == {"Gmkt": 60, "Iac": 0}  # 47 days: the next is 60
    assert extra["recommendedOpts"] == {"type": 0, "isStockManage": False}
    assert extra["shipping"] == {
        "type": 1, "companyNo": 10013,
        "policy": {"placeNo": 1025418, "feeType": 1, "bundle": {"deliveryTmplId": "4235749"}},
        "returnAndExchange": {"addrNo": "1546789", "fee": 3000}, "dispatchPolicyNo": {"gmkt": 306}}
    assert extra["officialNotice"] == {"officialNoticeNo": 41, "details": [
        {"officialNoticeItemelementCode": "41-1", "value": "상품상세설명 참조", "isExtraMark": False}]}
    assert extra["images"]["basicImgURL"].endswith("17dec2eb26.jpg")
    assert extra["descriptions"] == {"kor": {"type": 2, "html": "<p>상세설명</p>"}}
    assert "isSell" not in sent                                     # "등록 시 상태 설정은 불가"


def test_auction_registers_with_its_own_site_type_and_keys(channel):
    channel.answer("GET", "/codes", load("esm", "notice_codes"))
    channel.answer("POST", "/item/v1/goods", load("esm", "goods_register"))
    [outcome] = adapter(channel, "auction", dispatch_policy_no="85172").push_listing(listing())
    assert outcome.ok and "C938588557" in outcome.message           # the 옥션 사이트 상품번호
    sent = channel.calls("/item/v1/goods")[0].json()
    assert sent["itemBasicInfo"]["category"]["site"] == [{"siteType": 1, "catCode": "300009483"}]
    assert sent["itemAddtionalInfo"]["price"] == {"Iac": 10000, "Gmkt": 0}
    assert sent["itemAddtionalInfo"]["shipping"]["dispatchPolicyNo"] == {"iac": 85172}


def test_a_refused_registration_is_rejected_with_esms_reason(channel):
    channel.answer("GET", "/codes", load("esm", "notice_codes"))
    channel.answer("POST", "/item/v1/goods", load("esm", "goods_register_error"))
    [outcome] = adapter(channel).push_listing(listing())
    assert outcome.outcome is Outcome.REJECTED and "카테고리 코드가 없습니다" in outcome.message


def test_registration_waits_for_the_sellers_esm_numbers(channel):
    [missing] = adapter(channel, place_no="", notice_group_no="").push_listing(listing())
    assert missing.outcome is Outcome.REJECTED
    assert "출하지 번호" in missing.message and "상품정보고시 상품군 코드" in missing.message
    [wrong] = adapter(channel, dispatch_policy_no="당일발송").push_listing(listing())
    assert wrong.outcome is Outcome.REJECTED and "발송정책 번호" in wrong.message
    [no_image] = adapter(channel).push_listing(listing(image_urls=()))
    assert no_image.outcome is Outcome.REJECTED and "대표 이미지" in no_image.message
    assert channel.received == []


def test_update_puts_the_whole_product_with_its_sale_state(channel):
    """상품수정 (PUT item/v1/goods/{goodsNo}): isSell is required there; 0 keeps the period."""
    channel.answer("GET", "/codes", load("esm", "notice_codes"))
    channel.answer("PUT", "/item/v1/goods/2103374786", load("esm", "goods_register"))
    [outcome] = adapter(channel).update_listing(listing(channel_product_id="2103374786",
                                                        price=12000, sale_end=None))
    assert outcome.ok and outcome.channel_ref == "2103374786"
    sent = channel.calls("/item/v1/goods/2103374786")[0].json()
    assert sent["isSell"] == {"gmkt": True, "iac": False}
    assert sent["itemAddtionalInfo"]["sellingPeriod"] == {"Gmkt": 0, "Iac": 0}
    assert sent["itemAddtionalInfo"]["price"]["Gmkt"] == 12000


def test_end_listing_reads_price_and_stock_back_and_stops_this_site(channel):
    """가격/재고/판매상태 (etapi.gmarket.com/21): price and stock are required (0원 refused), so the
    documented 조회 answer is read first and sent back with this site's isSell false."""
    channel.answer("GET", "/sell-status", load("esm", "sell_status"))
    channel.answer("PUT", "/sell-status", load("esm", "sell_status_update"))
    [outcome] = adapter(channel).end_listing(["1158387297"])
    assert outcome.ok
    sent = channel.calls("/sell-status")[1]
    assert sent.method == "PUT" and sent.path == "/item/v1/goods/1158387297/sell-status"
    assert sent.json() == {"isSell": {"gmkt": False, "iac": True}, "itemBasicInfo": {
        "price": {"gmkt": 10000, "iac": 10000}, "stock": {"gmkt": 99999, "iac": 120},
        "sellingPeriod": {"gmkt": 0, "iac": 0}}}


def test_a_refused_sale_state_change_is_rejected(channel):
    channel.answer("GET", "/sell-status", load("esm", "sell_status"))
    channel.answer("PUT", "/sell-status", load("esm", "sell_status_zero_price"))
    [outcome] = adapter(channel, "auction").resume_listing(["1158387297"])
    assert outcome.outcome is Outcome.REJECTED and "0원 금액은 입력하실 수 없습니다" in outcome.message


def test_categories_are_the_site_cats_children(channel):
    channel.answer("GET", "/site-cats/100000002", load("esm", "site_cats"))
    cats = adapter(channel).fetch_categories("100000002")
    assert [(c.channel_category_id, c.name, c.parent_id, c.is_leaf) for c in cats][0] == \
        ("200001091", "노트북 주변기기", "100000002", False)
    assert len(cats) == 3
