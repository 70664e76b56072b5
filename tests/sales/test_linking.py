"""연동: 연동대기 → link job → 반영완료 with the channel's number, or 연동실패 with the reason, retried safely."""
from models import Listing, ListingEvent, Product
from portal.extensions import db

from .conftest import channel_products, link, listing_of, make_product, make_template, request_link


def test_product_waits_then_links_to_an_open_market_and_a_general_mall(client, world):
    tenant, interpark, hmall = world["tenant"], world["interpark"], world["hmall"]
    product = make_product(tenant, options=[("블랙", 0, 4), ("화이트", 2000, 6)])
    waiting = [request_link(client, product, make_template(tenant, interpark)),
               request_link(client, product, make_template(tenant, hmall, sale_price=26000))]
    html = client.get("/products/waiting").get_data(as_text=True)
    assert "연동대기" in html and product.name in html
    lines = link(client, waiting)
    assert "연동처리를 시작합니다." in lines and "연동처리를 종료합니다." in lines
    for account, price in ((interpark, 25000), (hmall, 26000)):
        listing = listing_of(product, account)
        assert listing.status == "live", listing.last_message
        assert listing.status_label == "반영완료"
        on_channel = [p for p in channel_products(world["sandbox"], account.channel)
                      if p["product_no"] == listing.channel_product_id]
        assert len(on_channel) == 1 and on_channel[0]["price"] == price
        assert any(f"상품번호 {listing.channel_product_id}" in ln for ln in lines)
        assert listing.stock_keys and listing.pushed_qty == 10
    assert db.session.get(Product, product.id).listing_count == 2


def test_linking_twice_never_creates_a_second_channel_product(client, world):
    tenant, interpark = world["tenant"], world["interpark"]
    product = make_product(tenant)
    listing = request_link(client, product, make_template(tenant, interpark))
    link(client, [listing])
    before = len(channel_products(world["sandbox"], "interpark"))
    link(client, [listing_of(product, interpark)])          # the same listing again: a re-send
    resp = client.post("/products/sales-info/link", data={"product_id": product.id,
                                                          "template_id": listing.sales_info_id})
    assert resp.status_code == 302
    assert len(channel_products(world["sandbox"], "interpark")) == before
    assert Listing.query.count() == 1


def test_a_lost_answer_is_read_back_instead_of_resent(client, world):
    tenant, interpark, sandbox = world["tenant"], world["interpark"], world["sandbox"]
    product = make_product(tenant)
    listing = request_link(client, product, make_template(tenant, interpark))
    before = len(channel_products(sandbox, "interpark"))
    sandbox.fault("apply_then_504", "/interpark/v1/products", method="POST")
    link(client, [listing])
    listing = listing_of(product, interpark)
    assert listing.status == "live"
    assert len(channel_products(sandbox, "interpark")) == before + 1
    assert "이미 등록된 상품을 확인" in listing.last_message


def test_a_failed_link_keeps_the_reason_and_can_be_fixed_and_retried(client, world):
    tenant, interpark, sandbox = world["tenant"], world["interpark"], world["sandbox"]
    product = make_product(tenant)
    template = make_template(tenant, interpark, category=("", ""))   # no channel category chosen yet
    listing = request_link(client, product, template)
    before = len(channel_products(sandbox, "interpark"))
    lines = link(client, [listing])
    listing = listing_of(product, interpark)
    assert listing.status == "failed" and listing.status_label == "연동실패"
    said = "제휴몰 카테고리가 지정되지 않았습니다. 판매정보에서 카테고리를 선택한 뒤 다시 연동해 주세요."
    assert listing.last_message == said  # exactly what is missing, not the channel's "상품명, 카테고리, 판매가는 필수"
    assert len(channel_products(sandbox, "interpark")) == before  # nothing was sent
    event = ListingEvent.query.filter_by(listing_id=listing.id).one()
    assert not event.ok and event.message == said
    assert any(f"연동 실패했습니다: {said}" in ln for ln in lines)
    page = client.get(f"/sales/listings/{listing.id}").get_data(as_text=True)
    assert f"연동실패: {said}" in page
    assert said in client.get("/products/waiting").get_data(as_text=True)
    template.category_id, template.category_path = "1010", "패션의류 > 여성의류"

    db.session.commit()
    link(client, [listing])
    listing = listing_of(product, interpark)
    assert listing.status == "live" and listing.category_id == "1010"
    assert len([p for p in channel_products(sandbox, "interpark") if p["seller_code"] == product.code]) == 1


def test_another_sellers_listing_is_not_found(client, world, other_seller):
    from .conftest import make_account

    other = make_account(other_seller, "interpark")
    foreign = Listing(tenant_id=other_seller.id, product_id=make_product(other_seller).id, account_id=other.id,
                      channel="interpark")

    db.session.add(foreign)
    db.session.commit()
    assert client.get(f"/sales/listings/{foreign.id}").status_code == 404
    assert client.post("/products/waiting/link", data={"listing_id": [foreign.id]}).status_code == 404
    assert client.post(f"/sales/listings/{foreign.id}/send").status_code == 404


def test_linking_is_refused_with_every_missing_channel_setting_named(client, world):
    from blueprints.account.channel_services import adapter_class, save_account

    tenant = world["tenant"]
    coupang = save_account(tenant, adapter_class("coupang"), {
        "alias": "쿠팡 주소록 없음", "endpoint": "sandbox", "vendor_id": "A00012345",
        "access_key": "demo-coupang-access-key", "secret_key": "demo-coupang-secret-key",
        "wing_user_id": "demoseller"})
    product = make_product(tenant)
    template = make_template(tenant, coupang)
    resp = client.post("/products/sales-info/link",
                       data={"product_id": product.id, "template_id": template.id},
                       follow_redirects=True)
    html = resp.get_data(as_text=True)
    assert ("쿠팡 상품 연동에 필요한 제휴몰 계정정보가 없습니다: 출고지 코드, 반품지 센터코드, 반품지명, "
            "반품지 연락처. 제휴몰 계정정보에서 입력해 주세요.") in html
    assert Listing.query.filter_by(product_id=product.id, account_id=coupang.id).count() == 0


def test_a_product_without_stock_is_not_sent_to_the_channel(client, world):
    tenant, interpark, sandbox = world["tenant"], world["interpark"], world["sandbox"]
    product = make_product(tenant, stock=0)
    listing = request_link(client, product, make_template(tenant, interpark))
    before = len(channel_products(sandbox, "interpark"))
    link(client, [listing])
    listing = listing_of(product, interpark)
    assert listing.status == "failed"
    assert listing.last_message.startswith("판매가능 재고가 없어 제휴몰에 등록할 수 없습니다.")
    assert len(channel_products(sandbox, "interpark")) == before


def test_11st_refuses_a_product_of_100_options_at_linking(client, world):
    """"11번가의 경우 옵션이 100개 이상 등록 하실수 없습니다": checked before anything is sent."""
    from .conftest import add_categories, make_account

    tenant = world["tenant"]
    elevenst = make_account(tenant, "11st")
    add_categories(tenant, elevenst)
    many = make_product(tenant, name="양말 100종", options=[(f"색{i}", 0, 1) for i in range(100)], main_image=True)
    fewer = make_product(tenant, name="양말 99종", options=[(f"색{i}", 0, 1) for i in range(99)], main_image=True)
    listings = [request_link(client, p, make_template(tenant, elevenst)) for p in (many, fewer)]
    link(client, listings)
    refused, linked = listing_of(many, elevenst), listing_of(fewer, elevenst)
    assert refused.status == "failed" and not refused.channel_product_id
    assert refused.last_message == ("11번가의 경우 옵션이 100개 이상 등록하실 수 없습니다. (현재 100개) "
                                    "옵션을 줄인 뒤 연동해 주세요.")
    assert linked.status == "live", linked.last_message


def test_a_general_mall_gets_options_only_when_the_sales_info_says_so_and_at_the_sale_price(client, world):
    """옵션정보 "오픈마켓용으로만": 종합몰 get a 단품; "종합몰에도": every option at the 판매가 (no option price)."""
    tenant, interpark, hmall = world["tenant"], world["interpark"], world["hmall"]
    single = make_product(tenant, name="종합몰 단품 원피스", options=[("블랙", 0, 4), ("화이트", 2000, 6)])
    both = make_product(tenant, name="종합몰 옵션 원피스", options=[("블랙", 0, 4), ("화이트", 2000, 6)])
    waiting = [request_link(client, single, make_template(tenant, hmall, sale_price=26000)),
               request_link(client, both, make_template(tenant, hmall, sale_price=26000,
                                                        option_scope="general_too")),
               request_link(client, both, make_template(tenant, interpark))]
    link(client, waiting)

    def items(product, account):
        listing = listing_of(product, account)
        assert listing.status == "live", listing.last_message
        found, = [p for p in channel_products(world["sandbox"], account.channel)
                  if p["product_no"] == listing.channel_product_id]
        return sorted((i["option_name"], i["price"]) for i in found["items"])

    assert items(single, hmall) == [("", 26000)]        # 단품: one item without an option
    assert items(both, hmall) == [("블랙", 26000), ("화이트", 26000)]
    assert items(both, interpark) == [("블랙", 25000), ("화이트", 27000)]
