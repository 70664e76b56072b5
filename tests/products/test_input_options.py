"""옵션형식 구매자 입력형: input option names, their rules, the edit screen, 상품수정이력 and 재고관리."""
import re

import pytest

from blueprints.products.services import catalog
from models import Product, ProductHistory, ProductOption
from portal.extensions import db

from .conftest import errors_of, product_form, with_options


def input_options(data: dict, *names: str) -> dict:
    data.update({"use_options": "y", "option_type": "input", "input_opt_name": list(names)})
    return data


def test_input_options_are_stored_and_shown_on_edit(client, register):
    resp = register(input_options(product_form(own_code="RING01", stock="12"), "각인 문구", "", "이니셜"))
    assert resp.status_code == 302, errors_of(resp)
    product = Product.query.filter_by(own_code="RING01").one()
    assert product.input_option_names == ["각인 문구", "이니셜"]
    assert product.option_names == [] and product.options == [] and product.stock == 12
    html = client.get(f"/products/{product.id}/edit").get_data(as_text=True)
    assert re.search(r'<input type="radio" name="option_type" value="input" checked', html)
    assert 'name="input_opt_name" value="각인 문구"' in html and 'name="input_opt_name" value="이니셜"' in html
    assert re.search(r'<div data-option-block="combination" hidden>', html)
    # Without combinations the product is one 재고관리 line, its own stock.
    stock = client.get("/products/stock").get_data(as_text=True)
    assert f'data-stock="product-{product.id}"' in stock and "전체 1건" in stock


@pytest.mark.parametrize("names, message", [
    (["", "", ""], "구매자 입력형 옵션명을 1개 이상 입력해 주세요."),
    (["각인", "이니셜", "메시지", "포장문구"], "구매자 입력형 옵션명은 최대 3개까지 입력할 수 있습니다."),
    (["각인*문구"], "옵션명에는 특수문자를 입력할 수 없습니다: 각인*문구"),
    (["각인", " 각인 "], "옵션명이 중복되었습니다: 각인"),
])
def test_input_option_rules(register, names, message):
    resp = register(input_options(product_form(), *names))
    assert resp.status_code == 400
    assert errors_of(resp) == [message]
    assert Product.query.count() == 0


def test_unknown_option_type_is_refused(register):
    data = input_options(product_form(), "각인")
    data["option_type"] = "free"
    resp = register(data)
    assert errors_of(resp) == ["옵션형식은 조합형 또는 구매자 입력형 중에서 선택해 주세요."]


def test_switching_from_combinations_to_input_is_in_the_history(client, product):
    assert len(product.options) == 4
    resp = client.post(f"/products/{product.id}/edit", content_type="multipart/form-data",
                       data=input_options(product_form(own_code="BIKE01"), "각인 문구"))
    assert resp.status_code == 302, errors_of(resp)
    db.session.refresh(product)
    assert product.input_option_names == ["각인 문구"] and product.option_names == []
    assert ProductOption.query.filter_by(product_id=product.id).count() == 0
    entry = ProductHistory.query.filter_by(product_id=product.id, action="수정").one()
    assert {"field": "구매자 입력형 옵션명", "before": "", "after": "각인 문구"} in entry.changes
    assert {"field": "옵션명", "before": "색상, 조립", "after": ""} in entry.changes
    html = client.get(f"/products/{product.id}/history").get_data(as_text=True)
    assert "구매자 입력형 옵션명" in html and "각인 문구" in html
    # And back to 조합형: the input names go, the history says so.
    resp = client.post(f"/products/{product.id}/edit", content_type="multipart/form-data",
                       data=with_options(product_form(own_code="BIKE01")))
    assert resp.status_code == 302, errors_of(resp)
    db.session.refresh(product)
    assert product.input_option_names == [] and len(product.options) == 4
    last = ProductHistory.query.filter_by(product_id=product.id, action="수정").order_by(
        ProductHistory.id.desc()).first()
    assert {"field": "구매자 입력형 옵션명", "before": "각인 문구", "after": ""} in last.changes


def test_input_options_of_a_product_on_sale_are_frozen(client, register):
    register(input_options(product_form(own_code="RING02"), "각인 문구"))
    product = Product.query.filter_by(own_code="RING02").one()
    catalog.set_listing_count(product, 1)
    db.session.commit()
    html = client.get(f"/products/{product.id}/edit").get_data(as_text=True)
    assert '<input type="hidden" name="option_type" value="input">' in html
    resp = client.post(f"/products/{product.id}/edit", content_type="multipart/form-data",
                       data=input_options(product_form(own_code="RING02"), "이니셜"))
    assert errors_of(resp) == ["판매중인 상품은 옵션을 수정할 수 없습니다. 판매종료 후 수정해 주세요."]
    resp = client.post(f"/products/{product.id}/edit", content_type="multipart/form-data",
                       data=input_options(product_form(own_code="RING02", stock="3"), "각인 문구"))
    assert resp.status_code == 302, errors_of(resp)
    db.session.refresh(product)
    assert product.stock == 3 and product.input_option_names == ["각인 문구"]


def test_a_stored_product_keeps_its_input_options_when_judged_again(client, register, seller):
    """상품대량수정 starts from the stored product: a row without 옵션 columns keeps the input
    names; a row with 옵션명/옵션값 columns makes it 조합형."""
    from blueprints.products.services import rules
    from blueprints.products.services.draft import draft_from_product
    from blueprints.products.services.options import generate_rows

    register(input_options(product_form(own_code="RING03"), "각인 문구"))
    product = Product.query.filter_by(own_code="RING03").one()
    draft = draft_from_product(product)
    assert draft.use_options and draft.option_type == "input"
    check = rules.check(draft, seller, product)
    assert check.ok and check.values["input_option_names"] == ["각인 문구"]
    draft.option_names, draft.option_values = ["색상"], ["핑크,블루"]
    draft.option_rows = generate_rows(draft.option_names, draft.option_values, [])
    check = rules.check(draft, seller, product)
    assert check.ok, check.errors
    assert check.values["input_option_names"] == [] and len(check.values["options"]) == 2
