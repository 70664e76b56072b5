"""연동 to G마켓 goes through the ESM adapter: its refusals reach the listing as the seller's reason."""
from .conftest import (
    add_categories, link, listing_of, make_account, make_product, make_template, request_link,
)


def test_gmarket_linking_names_what_esm_still_needs(client, world):
    tenant = world["tenant"]
    gmarket = make_account(tenant, "gmarket")
    add_categories(tenant, gmarket)
    plain = make_product(tenant, name="친환경 주방세제 1L 2개입")
    with_options = make_product(tenant, options=[("블랙", 0, 4), ("화이트", 0, 6)])
    listings = [request_link(client, plain, make_template(tenant, gmarket, sale_price=9900)),
                request_link(client, with_options, make_template(tenant, gmarket))]
    lines = link(client, listings)
    assert any("대표 이미지" in ln for ln in lines)
    first, second = listing_of(plain, gmarket), listing_of(with_options, gmarket)
    assert first.status_label == "연동실패" and "대표 이미지" in first.last_message
    assert second.status_label == "연동실패" and "추천옵션" in second.last_message
    assert not first.channel_product_id and not second.channel_product_id


def test_gmarket_without_its_esm_numbers_is_refused_naming_each(client, world):
    from blueprints.account.channel_services import adapter_class, save_account
    from sandbox import DEMO_CREDENTIALS

    tenant = world["tenant"]
    keys = {k: v for k, v in DEMO_CREDENTIALS["gmarket"].items()
            if k in ("master_id", "secret_key", "seller_id")}
    gmarket = save_account(tenant, adapter_class("gmarket"),
                           {"alias": "번호 없는 G마켓", "endpoint": "sandbox", **keys})
    add_categories(tenant, gmarket)
    product = make_product(tenant)
    resp = client.post("/products/sales-info/link", data={
        "product_id": product.id, "template_id": make_template(tenant, gmarket).id},
        follow_redirects=True)
    html = resp.get_data(as_text=True)
    assert "출하지 번호" in html and "발송정책 번호" in html and "상품정보고시 상품군 코드" in html
    from models import Listing

    assert Listing.query.filter_by(account_id=gmarket.id).count() == 0
