"""스마트스토어 order lines keep both product numbers and the seller's product code."""
from datetime import datetime, timedelta, timezone

from portal.marketplaces import build_adapter
from tests.marketplaces.fixture_channel import fast_http


def test_an_order_line_keeps_the_channel_and_the_origin_product_number(fresh_sandbox):
    naver = build_adapter("naver", fresh_sandbox.credentials("naver"),
                          base_url=fresh_sandbox.base_url("naver"), http=fast_http())
    shop = fresh_sandbox.shop_id("naver")
    product = fresh_sandbox.ops("POST", f"/shops/{shop}/products", json={
        "name": "스탠드", "price": 20000, "seller_code": "ST-9"})["product"]
    order = fresh_sandbox.ops("POST", f"/shops/{shop}/orders", json={"hours_ago": 0.2, "lines": [{
        "product_no": product["product_no"], "item_no": product["items"][0]["item_no"],
        "product_name": "스탠드", "qty": 1, "unit_price": 20000}]})["order"]
    now = datetime.now(timezone.utc)
    [fetched] = [o for o in naver.fetch_orders(now - timedelta(hours=1), now + timedelta(minutes=1))
                 if o.channel_order_id == order["order_no"]]
    [line] = fetched.lines
    assert line.origin_product_id == product["product_no"]
    assert line.channel_product_id and line.channel_product_id != line.origin_product_id
    assert line.seller_code == "ST-9"
