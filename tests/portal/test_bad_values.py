"""Values no column can hold get a message, never a 500: a NUL byte in any submitted field of any
form, and quantities beyond what a stock column stores."""
import pytest

from models import Product, User
from models.product import ProductSettings
from portal.extensions import db
from portal.web import MSG_NUL

from .test_url_sweep import PUBLIC_ARGS, build, owned_args, rules

FIELDS = ["name", "company_name", "alias", "recipient_name", "address", "memo", "product_name", "login_id",
          "ceo_name", "sale_price", "order_no"]


def test_every_form_refuses_a_nul_byte_with_a_message(app, client, auth, seller):
    target = User.query.filter_by(login_id="sellerAmaster").one()
    owned = owned_args(app, seller, target)  # also adds the menus' PUBLIC_ARGS
    args = {**PUBLIC_ARGS, **owned}
    auth.login()
    before = (User.query.count(), Product.query.count())
    wrong = []
    for rule in rules(app):
        if "POST" not in rule.methods or rule.endpoint in ("auth.logout",):
            continue
        url = build(rule, args)
        resp = client.post(url, data={f: "가나\x00다" for f in FIELDS}, headers={"Accept": "text/html"})
        if resp.status_code != 400 or MSG_NUL not in resp.get_data(as_text=True):
            wrong.append(f"{url} ({rule.endpoint}) → {resp.status_code}")
    assert not wrong, "\n".join(wrong)
    assert (User.query.count(), Product.query.count()) == before


def test_a_nul_byte_in_a_json_form_post_gets_json(client, auth, seller):
    auth.login()
    resp = client.post("/account/company", data={"name": "a\x00"}, headers={"Accept": "application/json"})
    assert resp.status_code == 400 and resp.get_json() == {"error": MSG_NUL}


@pytest.mark.parametrize("value", ["99999999999", "999999999999"])
def test_stock_and_threshold_beyond_the_column_get_a_message(client, auth, seller, value):
    product = Product(tenant_id=seller.id, code="P1", own_code="X1", name="니트", stock=5)
    db.session.add(product)
    db.session.commit()
    auth.login()
    resp = client.post("/products/stock", data={f"product-{product.id}": value}, follow_redirects=True)
    assert resp.status_code == 200
    assert "재고수량은 99,999,999개까지 입력할 수 있습니다." in resp.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Product, product.id).stock == 5
    resp = client.post("/products/stock/settings", data={"threshold": value, "enabled": "y"},
                       follow_redirects=True)
    assert "재고부족 기준 개수는 99,999,999개까지 입력할 수 있습니다." in resp.get_data(as_text=True)
    assert all(s.low_stock_threshold < 100_000_000 for s in db.session.query(ProductSettings))
