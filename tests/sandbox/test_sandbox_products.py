"""The sandbox's generic product routes: one item per option, update in place, resume, old files."""
import sqlite3

import requests

from sandbox import DEMO_CREDENTIALS
from sandbox.store import Store


def call(sandbox, method, path, **kw):
    return requests.request(method, f"{sandbox.url}/generic/interpark/v1{path}", timeout=10,
                            headers={"X-Sandbox-Key": DEMO_CREDENTIALS["interpark"]["api_key"]}, **kw)


def create(sandbox, **body):
    data = {"name": "린넨 원피스", "price": 25000, "stock": 10, "category_id": "1010",
            "seller_code": "SBX-1", **body}
    return call(sandbox, "POST", "/products", json=data)


def test_post_products_makes_one_item_per_option_with_its_stock_and_price(fresh_sandbox):
    resp = create(fresh_sandbox, options=[{"name": "블랙", "price": 25000, "stock": 4},
                                          {"name": "화이트", "price": 27000, "stock": 6}])
    assert resp.status_code == 201
    product = resp.json()["product"]
    assert [(i["option"], i["stock"], i["price"]) for i in product["items"]] == [
        ("블랙", 4, 25000), ("화이트", 6, 27000)]
    assert product["stock"] == 10 and len({i["item_id"] for i in product["items"]}) == 2


def test_post_products_without_options_makes_one_item(fresh_sandbox):
    product = create(fresh_sandbox, seller_code="SBX-2").json()["product"]
    assert [(i["option"], i["stock"]) for i in product["items"]] == [("", 10)]


def test_an_option_without_a_name_is_refused_in_korean(fresh_sandbox):
    resp = create(fresh_sandbox, seller_code="SBX-3", options=[{"name": "", "stock": 1}])
    assert resp.status_code == 400 and "옵션명" in resp.json()["error"]["message"]


def test_put_changes_the_product_in_place_and_keeps_item_ids(fresh_sandbox):
    product = create(fresh_sandbox, seller_code="SBX-4",
                     options=[{"name": "블랙", "stock": 4}]).json()["product"]
    item = product["items"][0]["item_id"]
    resp = call(fresh_sandbox, "PUT", f"/products/{product['product_id']}",
                json={"name": "새 이름", "price": 23000, "sale_end": "2027-03-31",
                      "options": [{"item_id": item, "name": "블랙", "price": 23000, "stock": 2}]})
    assert resp.status_code == 200
    got = call(fresh_sandbox, "GET", f"/products/{product['product_id']}").json()["product"]
    assert (got["name"], got["price"], got["sale_end"]) == ("새 이름", 23000, "2027-03-31")
    assert [(i["item_id"], i["stock"], i["price"]) for i in got["items"]] == [(item, 2, 23000)]
    moved = call(fresh_sandbox, "PUT", f"/products/{product['product_id']}",
                 json={"category_id": "2010"})
    assert moved.status_code == 400 and moved.json()["error"]["code"] == "CATEGORY_LOCKED"


def test_resume_reopens_an_ended_product_and_twice_is_already_done(fresh_sandbox):
    pid = create(fresh_sandbox, seller_code="SBX-5").json()["product"]["product_id"]
    call(fresh_sandbox, "POST", f"/products/{pid}/end")
    assert call(fresh_sandbox, "POST", f"/products/{pid}/resume").json()["result"] == "OK"
    assert call(fresh_sandbox, "GET", f"/products/{pid}").json()["product"]["status"] == "SALE"
    assert call(fresh_sandbox, "POST", f"/products/{pid}/resume").json()["result"] == "ALREADY_DONE"
    assert call(fresh_sandbox, "POST", "/products/9199999999/resume").status_code == 404


def test_a_store_file_from_before_product_extras_is_upgraded(tmp_path):
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("create table products(id integer primary key, shop_id int, product_no text,"
                     " name text, price int, stock int, status text, category_id text,"
                     " seller_code text, created_at real)")
    store = Store(str(path))
    p = store.add_product(1, "상품", 1000, 3, "1", "X", extra={"sale_end": "2027-01-01"})
    assert p["extra"] == {"sale_end": "2027-01-01"}
