"""스마트스토어 상품 수정 sends each picture to Naver's image store once per account: an unchanged image
keeps the address Naver gave it, only a new picture is uploaded."""
from blueprints.products.services import images
from portal.extensions import db

from .conftest import add_categories, channel_products, jpeg, link, listing_of, make_account, make_product, \
    make_template, request_link, wait_job

UPLOAD = "/v1/product-images/upload"


def uploads(sandbox) -> int:
    """Image uploads Naver's store took for the seller's shop (a refused or retried call stores nothing)."""
    shop = sandbox.shop_id("naver")
    return sum(1 for j in sandbox.journal(1000) if j["method"] == "POST" and j["path"].endswith(UPLOAD)
               and j["shop_id"] == shop and j["status"] == 200)


def naver_row(world, listing):
    return next(p for p in channel_products(world["sandbox"], "naver")
                if p["product_no"] == listing.channel_product_id)


def resend_with_price(client, listing, price):
    resp = client.post(f"/sales/listings/{listing.id}", data={"sale_price": price, "market_price": "40000",
                                                              "buffer_kind": "inherit"})
    assert resp.status_code == 302
    return wait_job(client, client.post(f"/sales/listings/{listing.id}/send"))


def test_a_second_update_reuses_the_uploaded_images_and_a_changed_one_alone_goes_up(app, client, world):
    app.config["PUBLIC_BASE_URL"] = ""
    tenant, sandbox = world["tenant"], world["sandbox"]
    naver = make_account(tenant, "naver")
    add_categories(tenant, naver)
    product = make_product(tenant, name="사진 있는 원피스", main_image=True)
    product.extra_images = [images.store_content(tenant.id, jpeg("blue"))]
    product.detail_image = images.store_content(tenant.id, jpeg("green"))
    db.session.commit()
    start = uploads(sandbox)
    link(client, [request_link(client, product, make_template(tenant, naver))])
    listing = listing_of(product, naver)
    assert listing.status == "live", listing.last_message
    assert uploads(sandbox) == start + 1, [j for j in sandbox.journal(1000) if j["path"].endswith(UPLOAD)]
    first = naver_row(world, listing)["extra"]["images"]
    assert len(first) == 2

    lines = resend_with_price(client, listing, "26000")
    listing = listing_of(product, naver)
    assert listing.status == "live", lines
    assert uploads(sandbox) == start + 1               # nothing uploaded again
    row = naver_row(world, listing)
    assert row["price"] == 26000 and row["extra"]["images"] == first

    product.main_image = images.store_content(tenant.id, jpeg("yellow"))   # a new 대표 picture
    db.session.commit()
    lines = resend_with_price(client, listing, "27000")
    assert listing_of(product, naver).status == "live", lines
    assert uploads(sandbox) == start + 2
    changed = naver_row(world, listing)["extra"]["images"]
    assert changed[0] != first[0] and changed[1:] == first[1:]   # only the 대표 address is new

    # Another product with the same pictures on the same account sends none of them again.
    twin = make_product(tenant, name="같은 사진 원피스")
    twin.main_image, twin.extra_images = product.main_image, list(product.extra_images)
    twin.detail_image = product.detail_image
    db.session.commit()
    link(client, [request_link(client, twin, make_template(tenant, naver, group_name="쌍둥이"))])
    assert listing_of(twin, naver).status == "live"
    assert uploads(sandbox) == start + 2
