"""판매가 통화: a channel priced in yen takes, checks and shows whole 円, and never gets the won price copied."""
import html
import re

import pytest

from models import Listing, SalesInfo
from portal.extensions import db

from .conftest import add_categories, make_account, make_product, make_template, template_form

YEN_RULE = "이 제휴몰은 판매가를 엔(円)으로 받습니다. 판매가는 1円 이상 999,999,999円 이하의 정수(소수점 없이 円 단위)로 입력해 주세요."


def errors_of(resp) -> dict:
    return {k: html.unescape(v) for k, v in
            re.findall(r'<p class="error" data-field="([^"]*)">([^<]*)</p>', resp.get_data(as_text=True))}


def field_value(page: str, name: str) -> str:
    return re.search(rf'name="{name}" id="{name}" value="([^"]*)"', page).group(1)


@pytest.fixture
def rakuten(client, auth, seller):
    auth.login()
    account = make_account(seller, "rakuten")
    add_categories(seller, account)
    return account


@pytest.mark.parametrize("channel", ["rakuten", "qoo10jp", "amazonjp"])
def test_japanese_channels_leave_the_won_price_for_the_seller_to_enter_in_yen(client, auth, seller, channel):
    auth.login()
    account = make_account(seller, channel)
    product = make_product(seller, rep_price=19900)
    page = client.get(f"/products/sales-info/new?account_id={account.id}&product_id={product.id}")
    text = page.get_data(as_text=True)
    assert field_value(text, "sale_price") == "" and field_value(text, "market_price") == ""
    assert 'id="yen-hint"' in text and "円" in text
    assert 'data-rep=""' in text  # no margin against the won 대표가격


def test_a_won_channel_still_starts_from_the_representative_price(client, auth, seller):
    auth.login()
    account = make_account(seller, "interpark")
    product = make_product(seller, rep_price=19900)
    text = client.get(f"/products/sales-info/new?account_id={account.id}&product_id={product.id}").get_data(
        as_text=True)
    assert field_value(text, "sale_price") == "19900" and 'id="yen-hint"' not in text


@pytest.mark.parametrize("typed", ["1980.5", "-1980", "0", "1,980엔"])
def test_a_yen_price_must_be_a_whole_number_of_yen(client, rakuten, typed):
    resp = client.post("/products/sales-info/new", data=template_form(rakuten, sale_price=typed, market_price="3000"))
    assert resp.status_code == 400
    assert errors_of(resp)["sale_price"] == YEN_RULE
    assert SalesInfo.query.count() == 0


def test_a_whole_yen_price_is_kept_without_the_ten_won_step(client, rakuten):
    resp = client.post("/products/sales-info/new",
                       data=template_form(rakuten, sale_price="1,985", market_price="1985"))
    assert resp.status_code == 400
    assert errors_of(resp)["market_price"] == "시중가는 엔(円) 단위 정수로, 판매가보다 큰 금액을 입력해 주세요."
    resp = client.post("/products/sales-info/new",
                       data=template_form(rakuten, sale_price="1,985", market_price="2500"))
    assert resp.status_code == 302, errors_of(resp)
    assert SalesInfo.query.one().sale_price == 1985
    listing_page = client.get("/products/sales-info").get_data(as_text=True)
    assert "1,985円" in listing_page and "1,985원" not in listing_page


def _rakuten_listing(seller, account, price=1980):
    product = make_product(seller, rep_price=19900)
    info = make_template(seller, account, sale_price=price, market_price=2500)
    listing = Listing(tenant_id=seller.id, product_id=product.id, account_id=account.id, channel="rakuten",
                      sales_info_id=info.id, sale_price=price, market_price=2500, category_id=info.category_id,
                      category_path=info.category_path)
    db.session.add(listing)
    db.session.commit()
    return listing


def test_the_preview_says_the_price_goes_out_in_yen(client, seller, rakuten):
    listing = _rakuten_listing(seller, rakuten)
    text = html.unescape(client.get(f"/sales/listings/{listing.id}/preview").get_data(as_text=True))
    assert "1,980円" in text and "1,980원" not in text
    assert "엔화(JPY) 금액 그대로 전송됩니다 (환산하지 않음)." in text
    assert "円" in client.get(f"/sales/listings/{listing.id}").get_data(as_text=True)


def test_editing_a_listing_refuses_a_fraction_of_a_yen(client, seller, rakuten):
    listing = _rakuten_listing(seller, rakuten)
    resp = client.post(f"/sales/listings/{listing.id}", data={"sale_price": "1980.5", "market_price": "2500",
                                                             "buffer_kind": "inherit", "buffer_value": "0"},
                       follow_redirects=True)
    assert YEN_RULE in html.unescape(resp.get_data(as_text=True))
    db.session.expire_all()
    assert db.session.get(Listing, listing.id).sale_price == 1980
    client.post(f"/sales/listings/{listing.id}", data={"sale_price": "1985", "market_price": "2500",
                                                      "buffer_kind": "inherit", "buffer_value": "0"})
    db.session.expire_all()
    assert db.session.get(Listing, listing.id).sale_price == 1985  # no 10원 step for yen



def _yen_product_listing(seller, account, options, fee_type="fixed"):
    product = make_product(seller, rep_price=19900, options=options)
    info = make_template(seller, account, sale_price=1980, market_price=2500, fee_type=fee_type, fee=500,
                         return_fee=700)
    listing = Listing(tenant_id=seller.id, product_id=product.id, account_id=account.id, channel="rakuten",
                      sales_info_id=info.id, sale_price=1980, market_price=2500, category_id=info.category_id,
                      category_path=info.category_path)
    db.session.add(listing)
    db.session.commit()
    return listing


def test_the_preview_shows_shipping_fees_and_option_prices_in_yen(client, seller, rakuten):
    listing = _yen_product_listing(seller, rakuten, [("블랙", 0, 4), ("화이트", 300, 6)])
    text = html.unescape(client.get(f"/sales/listings/{listing.id}/preview").get_data(as_text=True))
    assert "고정 500円" in text and "반품 700円 / 교환 1,400円" in text
    assert "2,280円 / 6개" in text
    assert "500원" not in text and "700원" not in text and "2,280원" not in text


def test_an_option_price_beyond_half_the_yen_price_is_refused_in_yen(client, seller, rakuten):
    listing = _yen_product_listing(seller, rakuten, [("블랙", 0, 4), ("화이트", 1500, 6)])
    resp = client.post(f"/sales/listings/{listing.id}", data={"sale_price": "1980", "market_price": "2500",
                                                             "buffer_kind": "inherit", "buffer_value": "0"},
                       follow_redirects=True)
    text = html.unescape(resp.get_data(as_text=True))
    assert ("옵션 추가금액은 판매가의 -50% ~ +50% 이내여야 합니다: 화이트 +1,500円 "
            "(판매가 1,980円 기준 -990円 ~ +990円)") in text
    assert "1,500원" not in text


def test_the_sales_info_list_shows_a_yen_channels_fee_in_yen(client, seller, rakuten):
    make_template(seller, rakuten, sale_price=1980, market_price=2500, fee_type="fixed", fee=500)
    text = client.get("/products/sales-info").get_data(as_text=True)
    assert "고정 500円" in text and "500원" not in text


def test_an_english_reader_sees_the_preview_labels_in_english(client, seller, rakuten):
    from models import User

    listing = _yen_product_listing(seller, rakuten, [("Black", 0, 4)])
    listing.product.name = "Linen dress"
    User.query.filter_by(login_id="sellerAmaster").one().locale = "en"
    db.session.commit()
    text = html.unescape(client.get(f"/sales/listings/{listing.id}/preview").get_data(as_text=True))
    labels = re.findall(r"<th[^>]*>([^<]*)</th>", text)
    assert "Product name" in labels and "Shipping fee" in labels
    assert [label for label in labels if re.search(r"[\uac00-\ud7a3]", label)] == []
    assert "Fixed 500 yen" in text and "Return 700 yen / Exchange 1,400 yen" in text
