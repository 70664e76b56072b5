"""Demo products: a dozen valid products with options and add-ons, loaded once however often asked."""
from blueprints.products import demo
from models import AddonItem, Product, ProductOption


def test_demo_products_are_valid_idempotent_and_one_is_low(client, auth, seller):
    demo.load(seller)
    demo.load(seller)
    assert Product.query.count() == 12
    assert ProductOption.query.count() > 20 and AddonItem.query.count() >= 5
    auth.login()
    html = client.get("/products/stock?low=1").get_data(as_text=True)
    assert "수분 가득 히알루론 에센스 50ml" in html  # 2 left, threshold 3
