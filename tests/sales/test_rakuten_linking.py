"""연동 to 라쿠텐 goes through 商品API 2.0: options become SKUs with their stock, and a product with
images is refused in Korean (R-Cabinet paths only) with nothing sent."""
from models import ChannelCategory
from portal.extensions import db

from .conftest import (
    channel_products, link, listing_of, make_account, make_product, make_template, request_link,
    wait_job,
)
from .test_listing_images import pictured

GENRE = ("558863", "食品 > 野菜")


def _rakuten(tenant):
    account = make_account(tenant, "rakuten")
    db.session.add_all([
        ChannelCategory(tenant_id=tenant.id, account_id=account.id, category_id="100227", name="食品",
                        path="食品", is_leaf=False),
        ChannelCategory(tenant_id=tenant.id, account_id=account.id, category_id=GENRE[0],
                        parent_id="100227", name="野菜", path=GENRE[1], is_leaf=True)])
    db.session.commit()
    return account


def test_a_product_with_options_is_registered_with_one_sku_per_option(client, world):
    tenant = world["tenant"]
    rakuten = _rakuten(tenant)
    product = make_product(tenant, name="유기농 채소 박스", options=[("소", 0, 4), ("대", 1000, 6)])
    link(client, [request_link(client, product, make_template(tenant, rakuten, sale_price=3000,
                                                              category=GENRE))])
    listing = listing_of(product, rakuten)
    assert listing.status == "live", listing.last_message
    on_rakuten = next(p for p in channel_products(world["sandbox"], "rakuten")
                      if p["product_no"] == listing.channel_product_id)
    assert listing.channel_product_id == listing.seller_code.lower()
    assert on_rakuten["name"] == "유기농 채소 박스" and on_rakuten["category_id"] == GENRE[0]
    assert {i["option_name"]: (i["stock"], i["price"]) for i in on_rakuten["items"]} == {
        "소": (4, 3000), "대": (6, 4000)}


def test_a_product_with_images_is_refused_naming_r_cabinet_and_nothing_is_sent(app, client, world):
    app.config["PUBLIC_BASE_URL"] = "https://portal.example.com"
    tenant = world["tenant"]
    rakuten = _rakuten(tenant)
    product = pictured(tenant)
    before = len(channel_products(world["sandbox"], "rakuten"))
    requested = request_link(client, product, make_template(tenant, rakuten, category=GENRE))
    from blueprints.sales.services.listings import preview_rows

    shown = dict(preview_rows(requested))
    assert "이미지가 있는 상품은 연동하지 않습니다" in shown["이미지"]      # 미리보기 says it before 연동
    link(client, [requested])
    listing = listing_of(product, rakuten)
    assert listing.status_label == "연동실패" and "R-Cabinet" in listing.last_message
    assert not listing.channel_product_id
    assert len(channel_products(world["sandbox"], "rakuten")) == before


def test_rakuten_genres_are_fetched_into_the_category_search(client, world):
    account = make_account(world["tenant"], "rakuten")
    lines = wait_job(client, client.post("/products/sales-info/categories/fetch",
                                         data={"account_id": account.id}))
    assert any("카테고리 3개를 가져왔습니다." in ln for ln in lines)
    found = client.get(
        f"/products/sales-info/categories.json?account_id={account.id}&q=野菜").get_json()
    assert found == [{"id": "558863", "path": "食品 > 野菜", "leaf": True}]
