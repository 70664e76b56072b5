"""상품판매정보: every rule of the 판매정보 screen answers with its Korean message; categories come by job."""
import html
import re

import pytest

from models import ChannelCategory, SalesInfo

from .conftest import make_account, make_product, template_form, wait_job


def errors_of(resp) -> dict:
    return {k: html.unescape(v) for k, v in
            re.findall(r'<p class="error" data-field="([^"]*)">([^<]*)</p>', resp.get_data(as_text=True))}


@pytest.fixture
def interpark(client, auth, seller):
    from .conftest import add_categories

    auth.login()
    account = make_account(seller, "interpark")
    add_categories(seller, account)
    return account


def save(client, account, product=None, **overrides):
    url = "/products/sales-info/new" + (f"?product_id={product.id}" if product else "")
    return client.post(url, data=template_form(account, **overrides))


def test_a_complete_form_is_saved_with_its_shipping_rules(client, interpark):
    resp = save(client, interpark, fee_type="tiered", tier_upto=["2", "5"], tier_fee=["3000", "5000"],
                fee_payment="both", max_buy_type="per_person_days", max_buy_days="7", max_buy_qty="3")
    assert resp.status_code == 302, errors_of(resp)
    info = SalesInfo.query.one()
    assert (info.channel, info.category_path, info.sale_price) == ("interpark", "패션의류 > 여성의류", 25000)
    assert info.fee_tiers == [{"upto": 2, "fee": 3000}, {"upto": 5, "fee": 5000}]
    assert info.max_buy_label == "1인이 7일 동안 최대 3개"
    assert "원피스 기본" in client.get("/products/sales-info").get_data(as_text=True)


@pytest.mark.parametrize("overrides, field, message", [
    ({"market_price": "25000"}, "market_price", "시중가는 판매가보다 큰 금액으로 입력해 주세요."),
    ({"sale_price": "25005"}, "sale_price", "판매가는 10원 단위로 입력해 주세요."),
    ({"sale_price": "0"}, "sale_price", "판매가는 10원 이상 10억원 이하로 입력해 주세요."),
    ({"sale_price": "1000000010", "market_price": "2000000000"}, "sale_price",
     "판매가는 10원 이상 10억원 이하로 입력해 주세요."),
    ({"max_buy_type": "per_person", "max_buy_qty": "100000"}, "max_buy_qty",
     "최대구매수량은 1개 이상 99,999개 이하로 입력해 주세요."),
    ({"sale_days": "45"}, "sale_days", "판매기간은 15일, 30일, 60일, 90일 중에서 선택해 주세요."),
    ({"group_name": ""}, "group_name", "그룹명을 입력해 주세요."),
    ({"category_id": ""}, "category_id", "제휴몰 카테고리를 검색해 선택해 주세요."),
    ({"category_id": "10"}, "category_id", "제휴몰 카테고리는 마지막 단계(세부 카테고리)까지 선택해 주세요."),
    ({"ship_days": "1", "ship_time": ""}, "ship_time", "출고기한이 1일이면 출고시간을 선택해 주세요."),
    ({"fee_type": "fixed", "fee": "0"}, "fee", "고정 배송비를 10원 이상 입력해 주세요."),
    ({"fee_type": "conditional", "fee": "3000", "free_over": ""}, "fee",
     "조건부 무료 배송비는 배송비와 무료 기준 금액을 모두 입력해 주세요."),
    ({"fee_type": "tiered", "tier_upto": ["5", "2"], "tier_fee": ["3000", "5000"]}, "tier_upto",
     "수량별 차등 배송비는 수량 구간을 작은 수부터 차례로 2개 이상 입력해 주세요."),
    ({"fee_payment": "cod"}, "fee_payment", "무료 배송은 착불로 설정할 수 없습니다."),
    ({"jeju_fee": "200000"}, "jeju_fee", "제주/도서산간 추가 배송비는 0원 이상 100,000원 이하로 입력해 주세요."),
    ({"ship_zip": "1234"}, "ship_zip", "출고지 우편번호(5자리)를 입력해 주세요."),
    ({"return_address": ""}, "return_address", "반품/교환지 주소를 입력해 주세요."),
    ({"courier": ""}, "courier", "반품 택배사를 선택해 주세요."),
    ({"return_fee": "2505"}, "return_fee", "반품 편도 배송비는 0원 이상, 10원 단위로 입력해 주세요."),
    ({"as_info": ""}, "as_info", "A/S 정보를 입력해 주세요. 모를 때는 \"판매자에게 문의\"로 입력합니다."),
    ({"as_info": "가" * 501}, "as_info", "A/S 정보는 500자 이내로 입력해 주세요."),
])
def test_each_rule_refuses_with_its_message(client, interpark, overrides, field, message):
    resp = save(client, interpark, **overrides)
    assert resp.status_code == 400
    assert errors_of(resp).get(field) == message
    assert SalesInfo.query.count() == 0


def test_option_prices_must_stay_within_half_of_this_sale_price(client, interpark, seller):
    product = make_product(seller, options=[("블랙", 0, 3), ("골드", 15000, 3)])
    resp = save(client, interpark, product)
    assert resp.status_code == 400
    assert errors_of(resp)["options"] == ("옵션 추가금액은 판매가의 -50% ~ +50% 이내여야 합니다: 골드 +15,000원 "
                                          "(판매가 25,000원 기준 -12,500원 ~ +12,500원)")
    assert save(client, interpark, product, sale_price="30000", market_price="40000").status_code == 302


def test_a_general_mall_warns_that_option_prices_and_addons_are_ignored(client, seller, interpark):
    from .conftest import add_categories

    hmall = make_account(seller, "hmall")
    add_categories(seller, hmall)
    product = make_product(seller, options=[("블랙", 0, 3), ("골드", 15000, 3)])
    assert "종합몰은 옵션별 추가금액과 추가상품이 반영되지 않습니다." in client.get(
        f"/products/sales-info/new?account_id={hmall.id}").get_data(as_text=True)
    resp = save(client, hmall, product)        # ±50 % does not apply: the mall ignores option prices
    assert resp.status_code == 302
    flashed = client.get(resp.headers["Location"]).get_data(as_text=True)
    assert "옵션가격과 추가상품은 무시되고 판매가로만 연동됩니다." in flashed


def test_margin_is_computed_from_the_representative_price(client, interpark, seller):
    product = make_product(seller, rep_price=20000)
    page = client.get(f"/products/sales-info/new?account_id={interpark.id}&product_id={product.id}")
    assert 'data-rep="20000"' in page.get_data(as_text=True)
    resp = save(client, interpark, product, sale_price="25000")
    assert resp.status_code == 302
    listing_page = client.get(f"/products/sales-info?product_id={product.id}").get_data(as_text=True)
    assert "20.0%" in listing_page          # (25,000 - 20,000) / 25,000


def test_categories_are_fetched_through_the_adapter_and_searched(client, auth, seller, sandboxed):
    auth.login()
    account = make_account(seller, "interpark")
    lines = wait_job(client, client.post("/products/sales-info/categories/fetch", data={"account_id": account.id}))
    assert any("카테고리 5개를 가져왔습니다." in ln for ln in lines)
    found = client.get(f"/products/sales-info/categories.json?account_id={account.id}&q=과일").get_json()
    assert found == [{"id": "2010", "path": "식품 > 과일", "leaf": True}]
    assert ChannelCategory.query.filter_by(account_id=account.id).count() == 5


def test_another_sellers_template_and_account_are_not_found(client, interpark, other_seller):
    other = make_account(other_seller, "interpark")
    info = SalesInfo(tenant_id=other_seller.id, account_id=other.id, channel="interpark", group_name="남의 것")
    from portal.extensions import db

    db.session.add(info)
    db.session.commit()
    assert client.get(f"/products/sales-info/{info.id}").status_code == 404
    assert client.post("/products/sales-info/categories/fetch", data={"account_id": other.id}).status_code == 404
    assert client.post("/products/sales-info/new", data=template_form(other)).status_code == 404
    assert SalesInfo.query.filter_by(tenant_id=interpark.tenant_id).count() == 0


def test_the_option_choice_for_general_malls_is_kept_per_sales_info(client, seller, interpark):
    from .conftest import add_categories

    hmall = make_account(seller, "hmall")
    add_categories(seller, hmall)
    page = client.get(f"/products/sales-info/new?account_id={hmall.id}").get_data(as_text=True)
    assert "주의사항을 확인했으며 옵션정보 오픈마켓용으로만 사용합니다." in page
    assert "주의사항을 확인했으며 옵션정보 종합몰에도 사용합니다." in page
    assert save(client, hmall, group_name="옵션 종합몰도", option_scope="general_too").status_code == 302
    assert save(client, hmall, group_name="옵션 오픈마켓만").status_code == 302
    scopes = {s.group_name: s.option_scope for s in SalesInfo.query.all()}
    assert scopes == {"옵션 종합몰도": "general_too", "옵션 오픈마켓만": "open_market"}
    resp = save(client, hmall, group_name="이상한 값", option_scope="everywhere")
    assert errors_of(resp)["option_scope"] == "옵션정보를 오픈마켓용으로만 쓸지, 종합몰에도 쓸지 선택해 주세요."
    info = SalesInfo.query.filter_by(group_name="옵션 종합몰도").one()
    edit = client.get(f"/products/sales-info/{info.id}").get_data(as_text=True)
    assert 'value="general_too" checked' in edit
