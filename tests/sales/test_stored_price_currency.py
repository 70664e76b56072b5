"""판매정보/판매상품 keep the currency their 판매가 was entered in: one stored in won (or saved before the
currency was recorded) never goes to a yen channel; the screens say it needs entering again in 円."""
import html

from portal.extensions import db

from .conftest import channel_products, link, listing_of, make_product, make_template, request_link, template_form
from .test_rakuten_linking import GENRE, _rakuten

SAID = ("라쿠텐은(는) 판매가를 엔화(JPY)로 받는데, 저장된 판매가 {amount}은(는) {stored} 금액입니다. 환산하지 않고는 "
        "보낼 수 없으니 판매가와 시중가를 円 단위로 다시 입력해 저장한 뒤 연동해 주세요.")


def unrecorded(info_or_listing):
    """As the migration leaves a yen channel's row saved before the currency was recorded."""
    info_or_listing.price_currency = None
    db.session.commit()


def page(client, url) -> str:
    return html.unescape(client.get(url).get_data(as_text=True))


def test_a_yen_sales_info_saved_before_currencies_shows_re_entry_and_cannot_be_linked(client, world):
    tenant = world["tenant"]
    rakuten = _rakuten(tenant)
    info = make_template(tenant, rakuten, sale_price=25000, market_price=30000, category=GENRE)
    assert info.price_currency == "JPY"          # a row saved now is in the channel's currency
    unrecorded(info)
    said = SAID.format(amount="25,000", stored="통화가 기록되기 전에 저장된(원화일 수 있는)")
    listing_page = page(client, "/products/sales-info")
    row = listing_page.split(f'data-template="{info.id}"')[1].split("</tr>")[0]
    assert "판매가 재입력 필요" in row
    assert said in page(client, f"/products/sales-info/{info.id}")

    product = make_product(tenant, name="유기농 채소 박스")
    resp = client.post("/products/sales-info/link", data={"product_id": product.id, "template_id": info.id},
                       follow_redirects=True)
    assert said in html.unescape(resp.get_data(as_text=True))
    from models import Listing
    assert Listing.query.filter_by(product_id=product.id).count() == 0

    # Entered again in yen: the mark goes and the product links with the yen amount.
    resp = client.post(f"/products/sales-info/{info.id}", data=template_form(
        rakuten, group_name=info.group_name, sale_price="2980", market_price="3500", category_id=GENRE[0]))
    assert resp.status_code == 302, resp.get_data(as_text=True)
    row = page(client, "/products/sales-info").split(f'data-template="{info.id}"')[1].split("</tr>")[0]
    assert "판매가 재입력 필요" not in row and "2,980円" in row
    link(client, [request_link(client, product, info)])
    listing = listing_of(product, rakuten)
    assert listing.status == "live", listing.last_message
    on_rakuten = next(p for p in channel_products(world["sandbox"], "rakuten")
                      if p["product_no"] == listing.channel_product_id)
    assert on_rakuten["price"] == 2980


def test_a_waiting_yen_listing_holding_a_won_price_is_refused_with_the_amount_and_sends_nothing(client, world):
    tenant = world["tenant"]
    rakuten = _rakuten(tenant)
    product = make_product(tenant, name="유기농 채소 박스")
    waiting = request_link(client, product, make_template(tenant, rakuten, sale_price=3000, category=GENRE))
    waiting.sale_price, waiting.market_price, waiting.price_currency = 25000, 30000, "KRW"
    db.session.commit()
    before = len(channel_products(world["sandbox"], "rakuten"))
    said = SAID.format(amount="25,000원", stored="원화(KRW)")
    assert said in page(client, f"/sales/listings/{waiting.id}")
    lines = link(client, [waiting])
    listing = listing_of(product, rakuten)
    assert listing.status == "failed" and listing.last_message == said
    assert any(said in ln for ln in lines)
    assert len(channel_products(world["sandbox"], "rakuten")) == before

    # 판매상품 수정 in yen records the currency: the next 연동 goes.
    resp = client.post(f"/sales/listings/{waiting.id}", data={"sale_price": "2980", "market_price": "3500",
                                                              "buffer_kind": "inherit"})
    assert resp.status_code == 302
    assert "price-reentry" not in page(client, f"/sales/listings/{waiting.id}")
    link(client, [listing])
    assert listing_of(product, rakuten).status == "live"


def test_won_channels_are_untouched(client, world):
    tenant = world["tenant"]
    info = make_template(tenant, world["interpark"])
    assert info.price_currency == "KRW"
    product = make_product(tenant)
    link(client, [request_link(client, product, info)])
    assert listing_of(product, world["interpark"]).status == "live"
    assert "판매가 재입력 필요" not in page(client, "/products/sales-info")
