"""판매상품관리 fixtures: sandbox channel accounts, products, categories, templates and job waiting."""
import io
import time

import pytest
from PIL import Image

from blueprints.account.channel_services import adapter_class, save_account
from blueprints.products.services import images
from blueprints.products.services.catalog import assign_code
from models import ChannelCategory, Listing, Product, ProductOption, SalesInfo
from portal.extensions import db

CATEGORY = ("1010", "패션의류 > 여성의류")


@pytest.fixture
def sandboxed(app, fresh_sandbox):
    """A freshly seeded sandbox marketplace the portal's sandbox accounts talk to."""
    app.config["SANDBOX_URL"] = fresh_sandbox.url
    return fresh_sandbox


def make_account(tenant, channel, alias=None, sandbox=None):
    from sandbox import DEMO_CREDENTIALS

    cls = adapter_class(channel)
    return save_account(tenant, cls, {"alias": alias or f"데모 {cls.display_name}", "endpoint": "sandbox",
                                      **DEMO_CREDENTIALS[channel]})


def jpeg(color="red") -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (80, 80), color).save(buf, "JPEG")
    return buf.getvalue()


def make_product(tenant, name="린넨 원피스", rep_price=20000, stock=10, options=None, own_code=None,
                 main_image=False):
    """main_image: a stored 대표 image (쿠팡, 11번가, 스마트스토어 and G마켓 refuse a product without one)."""
    product = Product(tenant_id=tenant.id, name=name, rep_price=rep_price, stock=0 if options else stock,
                      own_code=own_code)
    if main_image:
        product.main_image = images.store_content(tenant.id, jpeg())
    for no, (values, extra, qty) in enumerate(options or [], 1):
        product.options.append(ProductOption(tenant_id=tenant.id, no=no, values=values, extra_price=extra,
                                             stock=qty))
    if options:
        product.option_names = ["색상"]
    db.session.add(product)
    db.session.flush()
    assign_code(product)
    db.session.commit()
    return product


def add_categories(tenant, account):
    db.session.add_all([
        ChannelCategory(tenant_id=tenant.id, account_id=account.id, category_id="10", name="패션의류",
                        path="패션의류", is_leaf=False),
        ChannelCategory(tenant_id=tenant.id, account_id=account.id, category_id=CATEGORY[0], parent_id="10",
                        name="여성의류", path=CATEGORY[1], is_leaf=True)])
    db.session.commit()


def template_form(account, **overrides) -> dict:
    data = {"account_id": str(account.id), "group_name": "원피스 기본", "category_id": CATEGORY[0],
            "market_price": "30000", "sale_price": "25000", "max_buy_type": "none", "sale_days": "90",
            "ship_policy": "순차발송", "ship_days": "3", "delivery_method": "parcel", "fee_type": "free",
            "fee_payment": "prepaid", "jeju_fee": "3000", "island_fee": "5000", "ship_zip": "07583",
            "ship_address": "서울특별시 강서구 강서로56가길 31", "return_zip": "07583",
            "return_address": "서울특별시 강서구 강서로56가길 31", "courier": "CJ대한통운", "return_fee": "2500",
            "as_info": "판매자에게 문의", "action": "save"}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def make_template(tenant, account, sale_price=25000, market_price=30000, category=CATEGORY, **kw) -> SalesInfo:
    info = SalesInfo(tenant_id=tenant.id, account_id=account.id, channel=account.channel,
                     group_name=kw.pop("group_name", "기본"), category_id=category[0], category_path=category[1],
                     sale_price=sale_price, market_price=market_price, ship_zip="07583", ship_address="서울",
                     return_zip="07583", return_address="서울", courier="CJ대한통운", as_info="판매자에게 문의", **kw)
    db.session.add(info)
    db.session.commit()
    return info


def wait_job(client, resp, timeout=30) -> list[str]:
    """Follow a 202 job answer to its end; the lines the progress window would show."""
    assert resp.status_code == 202, resp.get_data(as_text=True)
    url, deadline = resp.get_json()["job_url"], time.time() + timeout
    while time.time() < deadline:
        data = client.get(url).get_json()
        if data["finished"]:
            return [ln["text"] for ln in data["lines"]]
        time.sleep(0.1)
    raise AssertionError("작업이 끝나지 않았습니다")


def listing_of(product, account) -> Listing:
    db.session.expire_all()
    return Listing.query.filter_by(product_id=product.id, account_id=account.id).one()


@pytest.fixture
def world(app, client, auth, seller, sandboxed):
    """Seller A signed in with a 인터파크 (open market) and a 현대몰 (general mall) sandbox account."""
    auth.login()
    interpark, hmall = make_account(seller, "interpark"), make_account(seller, "hmall")
    for account in (interpark, hmall):
        add_categories(seller, account)
    return {"tenant": seller, "interpark": interpark, "hmall": hmall, "sandbox": sandboxed}


def link(client, listings) -> list[str]:
    return wait_job(client, client.post("/products/waiting/link",
                                        data={"listing_id": [x.id for x in listings]}))


def request_link(client, product, template):
    resp = client.post("/products/sales-info/link", data={"product_id": product.id, "template_id": template.id})
    assert resp.status_code == 302, resp.get_data(as_text=True)
    return Listing.query.filter_by(product_id=product.id, account_id=template.account_id).one()


def channel_products(sandbox, channel):
    return sandbox.ops("GET", f"/shops/{sandbox.shop_id(channel)}/products")["products"]
