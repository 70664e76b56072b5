"""스마트스토어 registration against the create-product document: every required block is sent."""
from portal.marketplaces import Listing, Outcome, ShippingTerms, build_adapter
from tests.marketplaces.fixture_channel import fast_http, load

CREDS = {"client_id": "fixture-app", "client_secret": "$2a$10$abcdefghijklmnopqrstuv",
         "as_phone": "02-1234-5678"}
TERMS = ShippingTerms(fee_type="free", return_fee=3000, exchange_fee=6000, courier="한진택배",
                      as_info="구입 후 1년 무상 A/S")


def adapter(channel, **creds):
    channel.answer("POST", "/v1/oauth2/token", load("naver", "token"))
    return build_adapter("naver", {**CREDS, **creds}, base_url=channel.url, http=fast_http())


def dig(body, path):
    for part in path.split("."):
        body = body.get(part) if isinstance(body, dict) else None
    return body


def test_registration_sends_every_required_block(channel):
    documented = load("naver", "product_create")
    channel.answer("POST", "/v2/products", documented)
    [outcome] = adapter(channel).push_listing(Listing(
        "스탠드", 20000, stock=3, category_id="50000803", seller_code="ST-1", shipping=TERMS,
        image_urls=("https://img.example.com/a.jpg",)))
    assert outcome.channel_ref == "4820000001"
    [call] = [r for r in channel.calls("/v2/products") if r.method == "POST"]
    body = call.json()
    missing = [p for p in documented["request"]["required"] if dig(body, p) in (None, "")]
    assert missing == []
    attr = body["originProduct"]["detailAttribute"]
    assert attr["afterServiceInfo"] == {"afterServiceTelephoneNumber": "02-1234-5678",
                                        "afterServiceGuideContent": "구입 후 1년 무상 A/S"}
    assert body["originProduct"]["deliveryInfo"]["deliveryCompany"] == "HANJIN"
    assert attr["productInfoProvidedNotice"]["etc"]["customerServicePhoneNumber"] == "02-1234-5678"


def test_registration_without_the_as_number_is_refused_before_any_call(channel):
    [outcome] = adapter(channel, as_phone="").push_listing(Listing("스탠드", 20000, seller_code="S"))
    assert outcome.outcome is Outcome.REJECTED
    assert outcome.message == ("스마트스토어 상품 연동에 필요한 제휴몰 계정정보가 없습니다: A/S 전화번호. "
                               "제휴몰 계정정보에서 입력해 주세요.")
    assert channel.received == []


# The product's 품목고시 answers by our labels (의류), as 연동 hands them to the adapter.
WEAR_ANSWERS = {"제품 소재": "면 100%", "색상": "네이비", "치수": "M, L", "제조자/수입자": "(주)데모패션",
                "제조국": "대한민국", "세탁방법 및 취급시 주의사항": "손세탁 권장", "제조연월": "2026년 10월",
                "품질보증기준": "관련 법 및 소비자분쟁해결기준에 따름", "A/S 책임자와 전화번호": "데모패션 02-1234-5678"}


def test_registration_sends_the_notice_type_of_the_product_group_filled_by_label(channel):
    documented = load("naver", "product_create_wear")
    channel.answer("POST", "/v2/products", documented)
    [outcome] = adapter(channel).push_listing(Listing(
        "니트", 39000, stock=3, category_id="50000803", seller_code="KN-1", shipping=TERMS,
        notice={"group": "의류", "fields": WEAR_ANSWERS}))
    assert outcome.channel_ref == "4820000002"
    [call] = [r for r in channel.calls("/v2/products") if r.method == "POST"]
    sent = call.json()["originProduct"]["detailAttribute"]["productInfoProvidedNotice"]
    assert sent == documented["request"]["productInfoProvidedNotice"]
    assert set(documented["request"]["wear_required"]) <= set(sent["wear"])


def test_an_unanswered_field_of_the_type_goes_as_see_detail_page(channel):
    channel.answer("POST", "/v2/products", load("naver", "product_create_wear"))
    answers = {k: v for k, v in WEAR_ANSWERS.items() if k not in ("색상", "A/S 책임자와 전화번호")}
    adapter(channel).push_listing(Listing("니트", 39000, stock=3, category_id="50000803", seller_code="KN-1",
                                          shipping=TERMS, notice={"group": "의류", "fields": answers}))
    [call] = [r for r in channel.calls("/v2/products") if r.method == "POST"]
    wear = call.json()["originProduct"]["detailAttribute"]["productInfoProvidedNotice"]["wear"]
    assert wear["color"] == "상세페이지 참조"
    assert wear["afterServiceDirector"] == "02-1234-5678"   # the account's A/S number


def test_a_processed_food_sends_general_food_with_its_boolean_field(channel):
    channel.answer("POST", "/v2/products", load("naver", "product_create_wear"))
    adapter(channel).push_listing(Listing(
        "쿠키", 5000, stock=3, category_id="50000803", seller_code="CK-1", shipping=TERMS,
        notice={"group": "가공식품", "fields": {"제품명": "버터쿠키", "식품의 유형": "과자",
                                               "유전자변형식품에 해당하는 경우의 표시": "해당없음"}}))
    [call] = [r for r in channel.calls("/v2/products") if r.method == "POST"]
    notice = call.json()["originProduct"]["detailAttribute"]["productInfoProvidedNotice"]
    assert notice["productInfoProvidedNoticeType"] == "GENERAL_FOOD"
    food = notice["generalFood"]
    assert (food["productName"], food["foodType"], food["geneticallyModified"]) == ("버터쿠키", "과자", False)
    assert food["ingredients"] == "상세페이지 참조"
