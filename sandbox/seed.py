"""Demo shops of the sandbox marketplace: fixed, documented demo keys and a small catalogue each."""
from __future__ import annotations

# Demo keys are public on purpose: they only open the local sandbox. The Naver client_secret is a
# bcrypt salt (cost 4), like the secrets Naver issues.
# The demo shops' address books and A/S number are the documents' own example values.
NAVER = {"client_id": "demo-naver-client", "client_secret": "$2a$04$DemoNaverSandboxSalt.u",
         "account_id": "demo-seller", "as_phone": "02-1234-5678"}
COUPANG = {"vendor_id": "A00012345", "access_key": "demo-coupang-access-key",
           "secret_key": "demo-coupang-secret-key", "wing_user_id": "demoseller",
           "outbound_place_code": "74010", "return_center_code": "1000274592",
           "return_center_name": "반품지_1", "return_contact": "02-1234-678"}
ELEVENST = {"openapikey": "demo-11st-openapikey-00000000000", "addr_seq_out": "4",
            "addr_seq_in": "8"}
RAKUTEN = {"service_secret": "SP000000_demoRakutenServiceSecret",
           "license_key": "SL000000_demoRakutenLicenseKey"}
# Login with Amazon app credentials and the seller's refresh token (Atzr|...), as LWA issues them.
AMAZONJP = {"lwa_client_id": "amzn1.application-oa2-client.demo000000000000",
            "lwa_client_secret": "amzn1.oa2-cs.v1.demo-amazon-client-secret",
            "refresh_token": "Atzr|demo-amazon-refresh-token", "seller_id": "A3DEMOSELLER00"}

# ESM (G마켓/옥션): one master id and Secret Key, a seller id per site.
# The numbers 상품 등록 names (출하지, 묶음배송비 정책, 반품/교환 주소, 발송정책, 고시 상품군) are the
# 상품 등록/수정 전문's own sample values (etapi.gmarket.com/140).
ESM = {"master_id": "demo-esm-master", "secret_key": "demo-esm-secret-key-0000000000000",
       "place_no": "1025418", "delivery_tmpl_id": "4235749", "return_addr_no": "1546789",
       "notice_group_no": "1"}
GMARKET = {**ESM, "seller_id": "demo-gmarket-seller", "dispatch_policy_no": "306"}
AUCTION = {**ESM, "seller_id": "demo-auction-seller", "dispatch_policy_no": "85172"}
QOO10 = {"api_key": "demo-qoo10jp-key", "login_id": "demo-seller", "password": "demo-password"}

GENERIC_CHANNELS = ("sandbox", "interpark", "wemakeprice", "hmall", "cjmall",
                    "lotte", "lottehomeshopping", "gsshop", "publichomeshopping", "buyma")


def generic_credentials(channel: str) -> dict:
    if channel == "sandbox":
        return {"api_key": "demo-sandbox-key"}
    return {"login_id": "demo-seller", "password": "demo-password",
            "api_key": f"demo-{channel}-key"}


def generic_key(channel: str) -> str:
    """The X-Sandbox-Key a generic shop expects: its API secrets joined by ':' in field order."""
    return generic_credentials(channel)["api_key"]


DEMO_CREDENTIALS = {"naver": NAVER, "coupang": COUPANG, "11st": ELEVENST, "rakuten": RAKUTEN,
                    "amazonjp": AMAZONJP, "gmarket": GMARKET, "auction": AUCTION, "qoo10jp": QOO10,
                    **{c: generic_credentials(c) for c in GENERIC_CHANNELS}}


def demo_shops():
    yield "naver", "naver", "데모 스마트스토어", NAVER
    yield "coupang", "coupang", "데모 쿠팡", COUPANG
    yield "11st", "11st", "데모 11번가", ELEVENST
    yield "rakuten", "rakuten", "데모 라쿠텐", RAKUTEN
    yield "amazonjp", "amazonjp", "데모 Amazon JP", AMAZONJP
    yield "esm", "gmarket", "데모 G마켓", GMARKET
    yield "esm", "auction", "데모 옥션", AUCTION
    yield "qoo10", "qoo10jp", "데모 Qoo10", {"key": QOO10["api_key"], "user_id": QOO10["login_id"],
                                           "pwd": QOO10["password"]}
    for channel in GENERIC_CHANNELS:
        yield "generic", channel, f"데모 {channel}", {"key": generic_key(channel)}


def seed_shop(store, shop_id):
    now = store.now()
    store.add_category(shop_id, "10", "패션의류")
    store.add_category(shop_id, "1010", "여성의류", "10", leaf=True)
    store.add_category(shop_id, "1020", "남성의류", "10", leaf=True)
    store.add_category(shop_id, "20", "식품")
    store.add_category(shop_id, "2010", "과일", "20", leaf=True)
    shirt = store.add_product(shop_id, "데모 반팔 티셔츠", 19900, 100, "1010", "DEMO-TS-01")
    fruit = store.add_product(shop_id, "제주 감귤 5kg", 25000, 50, "2010", "DEMO-FR-01")

    def line(product, qty):
        return {"product_no": product["product_no"], "item_no": product["items"][0]["item_no"],
                "product_name": product["name"], "qty": qty, "unit_price": product["price"]}

    store.add_order(shop_id, [line(shirt, 1), line(fruit, 2)], created_at=now - 3 * 3600,
                    buyer_name="김민지", recipient_name="김민지")
    store.add_order(shop_id, [line(fruit, 1)], created_at=now - 2 * 3600, buyer_name="이서준",
                    recipient_name="이서준", address="부산광역시 해운대구 센텀중앙로 79",
                    zip_code="48058")
    cancel = store.add_order(shop_id, [line(shirt, 2)], created_at=now - 4 * 3600,
                             buyer_name="박지훈", recipient_name="박지훈")
    store.request_claim(cancel["lines"][0], "CANCEL", "INTENT_CHANGED", "단순 변심")
    store.add_inquiry(shop_id, "사이즈가 정사이즈인가요?", shirt["product_no"], shirt["name"],
                      created_at=now - 1800)
    store.add_inquiry(shop_id, "주문한 감귤 언제 출고되나요? 선물용이라 날짜가 중요해요.", fruit["product_no"],
                      fruit["name"], order_no="", writer="lee***", created_at=now - 5 * 3600)
    store.add_inquiry(shop_id, "교환 신청했는데 회수는 언제 오나요?", shirt["product_no"], shirt["name"],
                      writer="park***", created_at=now - 30 * 3600)
    store.add_notice(shop_id, "[공지] 설 연휴 배송 안내",
                     "연휴 기간에는 출고가 지연될 수 있습니다.", important=False,
                     created_at=now - 86400)
    store.add_notice(shop_id, "[긴급] 상품 판매중지 예정 안내",
                     "상품정보고시 누락으로 3일 뒤 판매가 중지됩니다. 상품정보를 보완해 주세요.", important=True,
                     created_at=now - 7200)


LICENSE_DAYS = 90


def seed_demo(app) -> list[dict]:
    """Create the demo shops that do not exist yet; running it twice changes nothing."""
    store = app.extensions["sandbox_store"]
    existing = {(s["protocol"], s["channel"], s["name"]) for s in store.shops()}
    created = []
    for protocol, channel, name, keys in demo_shops():
        if (protocol, channel, name) in existing:
            continue
        if channel == "rakuten":  # RMS license keys last 90 days from issue
            keys = {**keys, "license_expires_at": store.now() + LICENSE_DAYS * 86400}
        shop_id = store.add_shop(protocol, channel, name, keys)
        seed_shop(store, shop_id)
        created.append(store.shop(shop_id))
    return created
