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
