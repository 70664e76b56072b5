"""옵션, 추가상품 and 품목고시 rules, and the option table 옵션추가/옵션일괄설정 build."""
import pytest

from blueprints.products.services import catalog
from models import AddonItem, Product, ProductHistory
from portal.extensions import db

from .conftest import errors_of, product_form, with_options


def test_option_table_is_the_cartesian_product(client, register):
    data = product_form(use_options="y", opt_name=["모델명", "색상", "배송선택"],
                        opt_values=["a,b,c", "핑크,블루", "미조립,조립"], action="gen_options")
    resp = register(data)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and Product.query.count() == 0  # 옵션추가 only builds the table
    assert html.count('name="row_values"') == 12
    assert html.index("a/핑크/미조립") < html.index("a/핑크/조립") < html.index("c/블루/조립")


def test_bulk_option_setting_applies_price_and_status_to_every_row(register):
    data = with_options(product_form(), extras=["0", "1000", "0", "1000"])
    data.update(action="bulk_options", bulk_extra_sign="-", bulk_extra="500", bulk_status="off")
    html = register(data).get_data(as_text=True)
    assert html.count('name="row_extra" value="500"') == 4
    assert html.count('<option value="off" selected>판매불가</option>') == 4


@pytest.mark.parametrize("change, message", [
    ({"opt_name": ["색상", "조립", "크기", "무게"], "opt_values": ["핑크", "조립", "S", "1"]},
     "옵션명은 최대 3개까지 입력할 수 있습니다."),
    ({"opt_name": ["색상!", "조립"]}, "옵션명과 옵션값에는 특수문자를 입력할 수 없습니다: 색상!"),
    ({"opt_values": ["핑크,블루", "미조립,조립*"]}, "옵션명과 옵션값에는 특수문자를 입력할 수 없습니다: 조립*"),
    ({"opt_name": ["색상", "색상"]}, "옵션명이 중복되었습니다: 색상"),
    ({"opt_values": ["핑크,블루", "미조립,조립,"]}, None),  # a trailing comma is not a value
    ({"opt_name": ["색상", ""]}, "옵션명을 입력해 주세요."),
    ({"opt_values": ["핑크,블루,초록", "미조립,조립"]},
     "옵션명/옵션값이 변경되었습니다. 옵션추가 + 버튼을 눌러 옵션 목록을 다시 만들어 주세요."),
    ({"row_extra": ["1000", "1000", "1000", "1000"]}, "추가금액이 0원인 옵션이 최소 1개 이상 있어야 합니다."),
    # 대표가격 (135,000원) is the 공급원가, not the 판매가: before 판매정보 no range is judged.
    ({"row_extra": ["0", "67501", "0", "0"]}, None),
    ({"row_extra_sign": ["+", "-", "+", "+"], "row_extra": ["0", "67501", "0", "0"]}, None),
    ({"row_extra": ["0", "천원", "0", "0"]}, "2번 옵션의 추가금액은 숫자로 입력해 주세요."),
    ({"row_stock": ["1", "-2", "1", "1"]}, "재고수량은 0 이상의 숫자로 입력해 주세요."),
])
def test_option_rules(register, change, message):
    data = with_options(product_form())
    data.update(change)
    resp = register(data)
    if message is None:
        assert resp.status_code == 302
        return
    assert resp.status_code == 400
    assert message in errors_of(resp)


def test_extra_price_at_exactly_half_is_allowed_and_stored(register):
    resp = register(with_options(product_form(), extras=["0", "67500", "0", "30000"]))
    assert resp.status_code == 302
    product = Product.query.one()
    assert [o.extra_price for o in product.options] == [0, 67500, 0, 30000]
    assert product.option_names == ["색상", "조립"]


def test_more_than_100_combinations_warns_about_11st_but_saves(client, register):
    data = with_options(product_form(), names=("색상", "사이즈"),
                        values=(",".join(f"색{i}" for i in range(11)),
                                ",".join(f"S{i}" for i in range(10))))
    resp = register(data, follow_redirects=True)
    assert "11번가의 경우 옵션이 100개 이상 등록하실 수 없습니다. (현재 110개)" in resp.get_data(as_text=True)
    assert len(Product.query.one().options) == 110


def test_options_of_a_product_on_sale_cannot_change_but_stock_can(client, product):
    catalog.set_listing_count(product, 2)  # 판매상품관리 reports two live listings
    db.session.commit()
    data = with_options(product_form(own_code="BIKE01"), extras=["0", "1000", "0", "0"])
    resp = client.post(f"/products/{product.id}/edit", data=data, content_type="multipart/form-data")
    assert "판매중인 상품은 옵션을 수정할 수 없습니다. 판매종료 후 수정해 주세요." in errors_of(resp)
    data = with_options(product_form(own_code="BIKE01"))
    data["row_stock"] = ["3", "3", "3", "3"]
    resp = client.post(f"/products/{product.id}/edit", data=data, content_type="multipart/form-data")
    assert resp.status_code == 302
    db.session.refresh(product)
    assert [o.stock for o in product.options] == [3, 3, 3, 3]


def addons(groups):
    """Form fields for add-on groups: [(group name, [(item, price, stock), ...]), ...]."""
    data = {"use_addons": "y", "addon_group_name": [g for g, _ in groups], "addon_item_group": [],
            "addon_item_name": [], "addon_item_status": [], "addon_item_price": [],
            "addon_item_stock": [], "addon_item_image": []}
    for gi, (_, items) in enumerate(groups):
        for name, price, stock in items:
            data["addon_item_group"].append(str(gi))
            data["addon_item_name"].append(name)
            data["addon_item_status"].append("on")
            data["addon_item_price"].append(price)
            data["addon_item_stock"].append(stock)
            data["addon_item_image"].append("")
    return data


def test_addons_are_stored_with_stock(register):
    resp = register(product_form(**addons([("잠금장치", [("번호키", "1000", "5"), ("자물쇠", "2000", "0")]),
                                           ("조명", [("전조등", "3000", "2")])])))
    assert resp.status_code == 302
    product = Product.query.one()
    assert [(g.name, [(i.name, i.price, i.stock) for i in g.items]) for g in product.addon_groups] == [
        ("잠금장치", [("번호키", 1000, 5), ("자물쇠", 2000, 0)]), ("조명", [("전조등", 3000, 2)])]


@pytest.mark.parametrize("groups, message", [
    ([(f"그룹{i}", [("부품", "1000", "1")]) for i in range(6)],
     "추가상품 그룹은 최대 5개까지 등록할 수 있습니다."),
    ([("", [("번호키", "1000", "1")])], "추가상품 그룹명을 입력해 주세요."),
    ([("잠금장치", [])], "추가상품 그룹 잠금장치에 추가상품을 1개 이상 등록해 주세요."),
    ([("잠금장치", [("", "1000", "1")])], "추가상품명을 입력해 주세요. (잠금장치 그룹 1번)"),
    ([("잠금장치", [("번호키", "9", "1")])], "추가상품 가격은 10원 이상의 숫자로 입력해 주세요. (번호키)"),
    ([("잠금장치", [("번호키", "1000", "-1")])], "추가상품 재고수량은 0 이상의 숫자로 입력해 주세요. (번호키)"),
])
def test_addon_rules(register, groups, message):
    resp = register(product_form(**addons(groups)))
    assert resp.status_code == 400
    assert message in errors_of(resp)


@pytest.mark.parametrize("answer, message", [
    ("", "품목고시 '크기, 중량'을(를) 입력하거나 '상세정보 별도표기'를 선택해 주세요."),
    ("N", "품목고시 '크기, 중량'에 'N', '아니오'는 입력할 수 없습니다. '해당없음' 또는 '상세페이지 참조'로 입력해 주세요."),
    ("아니오", "품목고시 '크기, 중량'에 'N', '아니오'는 입력할 수 없습니다. '해당없음' 또는 '상세페이지 참조'로 입력해 주세요."),
    ("상품라벨참조표기", "품목고시 '크기, 중량'에 '상품라벨참조'는 입력할 수 없습니다. 내용을 직접 입력하거나 '상세페이지 참조'로 입력해 주세요."),
])
def test_notice_answers(register, answer, message):
    resp = register(product_form(notice_f2=answer))
    assert resp.status_code == 400
    assert message in errors_of(resp)


def test_notice_group_is_required_and_separate_mark_accepts_empty(register):
    assert "품목고시 품목을 선택해 주세요." in errors_of(register(product_form(notice_group="")))
    resp = register(product_form(notice_f2="", notice_f2_sep="y", notice_f3="해당없음"))
    assert resp.status_code == 302
    notice = Product.query.one().notice
    assert notice["f2"] == {"value": "상세페이지 참조", "separate": True}
    assert notice["f3"]["value"] == "해당없음"


def test_every_required_item_group_ships_with_fields(client, auth, seller):
    auth.login()
    groups = {g["name"] for g in client.get("/products/notice-group.json").get_json()}
    for name in ("의류", "구두/신발", "가방", "화장품", "가공식품", "건강기능식품", "소형전자",
                 "가정용 전기제품", "스포츠용품", "생활용품(생활화학제품)", "기타 재화"):
        assert name in groups
    cosmetics = client.get("/products/notice-group.json?code=cosmetics").get_json()
    assert "사용기한 또는 개봉 후 사용기간" in [f["label"] for f in cosmetics["fields"]]


def test_save_and_sales_info_continues_to_the_sales_info_step(app, register):
    resp = register(product_form(action="save_sales"))
    product = Product.query.one()
    assert resp.status_code == 302 and resp.location.endswith(f"/products/sales-info?product_id={product.id}")


def test_edit_records_field_level_history(client, product):
    data = with_options(product_form(own_code="BIKE01", name="알톤 미니벨로 자전거 2024",
                                     rep_price="140000"))
    resp = client.post(f"/products/{product.id}/edit", data=data, content_type="multipart/form-data")
    assert resp.status_code == 302
    entry = ProductHistory.query.filter_by(product_id=product.id, action="수정").one()
    assert {"field": "상품명", "before": "알톤 미니벨로 자전거", "after": "알톤 미니벨로 자전거 2024"} in entry.changes
    assert {"field": "대표가격", "before": "135,000원", "after": "140,000원"} in entry.changes
    assert entry.user_name.startswith("sellerAmaster")
    html = client.get(f"/products/{product.id}/history").get_data(as_text=True)
    assert "알톤 미니벨로 자전거 2024" in html and "135,000원" in html
    # Saving again unchanged adds no history row.
    client.post(f"/products/{product.id}/edit", data=data, content_type="multipart/form-data")
    assert ProductHistory.query.filter_by(product_id=product.id, action="수정").count() == 1
    assert AddonItem.query.count() == 0


def test_option_prices_follow_the_sale_price_not_the_supply_cost(client, register, seller):
    """The manual's case: 대표가격 10,000, option +8,000 is legal with a 판매가 of 20,000; once a listing
    gives the 판매가, the product form judges against it."""
    from models import ChannelAccount, Listing

    data = with_options(product_form(rep_price="10000"), values=("블랙,화이트", "미조립,조립"),
                        extras=["0", "8000", "0", "0"])
    assert register(data).status_code == 302  # no 판매가 yet: accepted, 판매정보 judges it when linking
    product = Product.query.one()
    account = ChannelAccount(tenant_id=seller.id, channel="interpark", alias="본점", endpoint="sandbox")
    db.session.add(account)
    db.session.flush()
    db.session.add(Listing(tenant_id=seller.id, product_id=product.id, account_id=account.id, channel="interpark",
                           sale_price=14000, market_price=20000, status="live", channel_product_id="1"))
    db.session.commit()
    html = client.get(f"/products/{product.id}/edit").get_data(as_text=True)
    assert "판매정보 연동 때 그 판매가로 확인합니다" in html
    edit = {**data, **addons([("포장", [("선물포장", "7010", "3")])])}
    resp = client.post(f"/products/{product.id}/edit", content_type="multipart/form-data", data=edit)
    assert resp.status_code == 400
    errors = errors_of(resp)
    assert "추가상품 가격은 10원 이상, 연동된 판매가의 50%(7,000원) 이하로 입력해 주세요. (선물포장)" in errors
    assert any("연동된 판매가 14,000원 기준" in e and "2번 옵션 8,000원" in e for e in errors)


@pytest.mark.parametrize("data, field", [
    (product_form(stock="0"), "stock"),
    (with_options(product_form(), extras=["0", "0", "0", "0"]) | {"row_stock": ["0", "0", "0", "0"]}, "options"),
])
def test_a_new_product_starts_with_at_least_one_in_stock(register, data, field):
    """최소 1개 입력 후 품절 처리: channels differ on sold-out products, so none is registered at 0."""
    resp = register(data)
    assert resp.status_code == 400
    assert "재고수량은 최소 1개 입력해 등록해 주세요. 품절은 등록 후 재고를 0으로 바꿔 처리합니다." in " ".join(
        errors_of(resp))
    assert Product.query.count() == 0
