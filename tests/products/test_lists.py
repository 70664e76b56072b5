"""상품조회, 재고관리, 상품복원 and the tenant wall around every product URL."""
import io

import pytest
from openpyxl import load_workbook

from blueprints.products.services import catalog
from models import Product, ProductHistory
from portal.extensions import db

from .conftest import product_form, with_options


@pytest.fixture
def catalogue(register, product):
    """BIKE01 (4 options, stock 10 each) plus two plain products."""
    register(product_form(name="캠핑 의자", own_code="CHAIR1", model_name="CH-2", brand="캠프온",
                          rep_price="39000", stock="2"))
    register(product_form(name="낚시 의자", own_code="CHAIR2", status="off", rep_price="25000",
                          stock="40"))
    return Product.query.order_by(Product.id).all()


def codes(resp) -> list[str]:
    import re

    return re.findall(r'<tr data-product="([^"]+)"', resp.get_data(as_text=True))


def test_search_filters_sorts_and_links_to_edit(client, catalogue):
    bike, camp, fish = catalogue
    assert codes(client.get("/products/search?q=의자")) == [fish.code, camp.code]
    assert codes(client.get("/products/search?q=의자&sort=price&dir=asc")) == [fish.code, camp.code]
    assert codes(client.get("/products/search?q=의자&sort=price&dir=desc")) == [camp.code, fish.code]
    assert codes(client.get("/products/search?field=own_code&q=CHAIR1")) == [camp.code]
    assert codes(client.get("/products/search?field=model&q=CH-2")) == [camp.code]
    assert codes(client.get("/products/search?field=brand&q=캠프온")) == [camp.code]
    assert codes(client.get(f"/products/search?field=code&q={bike.code}")) == [bike.code]
    assert codes(client.get("/products/search?status=off")) == [fish.code]
    assert len(codes(client.get("/products/search?category=자전거용품"))) == 3
    assert codes(client.get("/products/search?from=2000-01-01&to=2000-01-02")) == []
    assert len(codes(client.get("/products/search?from=2000-01-01"))) == 3
    html = client.get("/products/search").get_data(as_text=True)
    assert f'href="/products/{bike.id}/edit"' in html


def test_search_excel_has_the_filtered_rows(client, catalogue):
    resp = client.get("/products/search?q=의자&format=xlsx")
    rows = list(load_workbook(io.BytesIO(resp.data)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("상품코드", "자체상품코드", "상품명")
    assert sorted(r[2] for r in rows[1:]) == ["낚시 의자", "캠핑 의자"]


def test_stock_inline_edit_threshold_and_low_filter(client, catalogue):
    bike, camp, fish = catalogue
    option = bike.options[0]
    html = client.get("/products/stock").get_data(as_text=True)
    assert f'name="option-{option.id}" value="10"' in html and "재고부족</span>" not in html
    resp = client.post("/products/stock/settings", data={"threshold": "5", "enabled": "y"},
                       follow_redirects=True)
    assert "재고부족 기준을 저장했습니다." in resp.get_data(as_text=True)
    low = client.get("/products/stock?low=1").get_data(as_text=True)
    assert f'data-stock="product-{camp.id}"' in low and f'data-stock="product-{fish.id}"' not in low
    resp = client.post("/products/stock", data={f"option-{option.id}": "3", f"product-{fish.id}": "40"})
    assert resp.status_code == 302
    db.session.refresh(option)
    assert option.stock == 3
    entry = ProductHistory.query.filter_by(action="재고수정").one()
    assert entry.changes == [{"field": "옵션재고 핑크/미조립", "before": "10", "after": "3"}]
    resp = client.post("/products/stock", data={f"option-{option.id}": "-4"}, follow_redirects=True)
    assert "재고수량은 0 이상의 숫자로 입력해 주세요." in resp.get_data(as_text=True)
    resp = client.post("/products/stock/settings", data={"threshold": "다섯"}, follow_redirects=True)
    assert "재고부족 기준 개수는 0 이상의 숫자로 입력해 주세요." in resp.get_data(as_text=True)
    rows = list(load_workbook(io.BytesIO(client.get("/products/stock?format=xlsx").data))
                .active.iter_rows(values_only=True))
    assert ("핑크/미조립", 3, "재고부족") in [r[4:] for r in rows]


def test_delete_is_soft_and_restore_brings_it_back(client, catalogue):
    bike, camp, _ = catalogue
    resp = client.post(f"/products/{camp.id}/delete", follow_redirects=True)
    assert "상품복원에서 되살릴 수 있습니다" in resp.get_data(as_text=True)
    assert camp.code not in codes(client.get("/products/search"))
    assert client.get(f"/products/{camp.id}/edit").status_code == 404
    assert codes(client.get("/products/restore")) == [camp.code]
    client.post(f"/products/{camp.id}/restore")
    assert camp.code in codes(client.get("/products/search"))
    assert [h.action for h in ProductHistory.query.filter_by(product_id=camp.id)
            .order_by(ProductHistory.id)] == ["등록", "삭제", "복원"]
    catalog.set_listing_count(bike, 1)
    db.session.commit()
    resp = client.post(f"/products/{bike.id}/delete", follow_redirects=True)
    assert "판매중인 상품은 삭제할 수 없습니다. 판매종료 후 삭제해 주세요." in resp.get_data(as_text=True)
    client.post("/products/delete", data={"product_id": [camp.id]})
    assert codes(client.get("/products/restore")) == [camp.code]


def test_seller_b_gets_404_on_every_product_url_of_seller_a(app, client, auth, catalogue,
                                                              other_seller):
    bike = catalogue[0]
    catalog.delete(catalogue[1], None)
    db.session.commit()
    auth.logout()
    auth.login("sellerBmaster")
    rules = [r for r in app.url_map.iter_rules() if r.endpoint.startswith("products.")
             and "product_id" in r.arguments]
    assert len(rules) == 5  # edit (GET, POST), delete, restore, history
    for rule in rules:
        for pid in (bike.id, catalogue[1].id):
            url = rule.rule.replace("<int:product_id>", str(pid))
            method = "POST" if "POST" in rule.methods else "GET"
            resp = client.open(url, method=method, data=with_options(product_form()),
                               content_type="multipart/form-data")
            assert resp.status_code == 404, f"{method} {url} → {resp.status_code}"
    other = client.post("/products/stock", data={f"option-{bike.options[0].id}": "0"})
    assert other.status_code == 404
    assert client.post("/products/delete", data={"product_id": [bike.id]}).status_code == 404
    db.session.refresh(bike)
    assert bike.deleted_at is None and bike.options[0].stock == 10
    assert client.get("/products/search").get_data(as_text=True).count("data-product=") == 0


def test_staff_without_products_duty_is_kept_out(client, auth, staff):
    auth.login("sellerAstaff")
    assert client.get("/products/search").status_code == 403
    assert client.post("/products/register", data=product_form()).status_code == 403


def test_each_product_links_to_its_sales_info(client, catalogue):
    bike = catalogue[0]
    html = client.get("/products/search").get_data(as_text=True)
    assert f'href="/products/sales-info?product_id={bike.id}" class="button small" data-sales-info' in html
    page = client.get(f"/products/sales-info?product_id={bike.id}")
    assert page.status_code == 200 and bike.name in page.get_data(as_text=True)
