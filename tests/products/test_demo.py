"""Demo products: 30 valid products across categories, with images and 품목고시, loaded once."""
import os

from blueprints.products import demo
from blueprints.products.services import images
from models import AddonItem, Product, ProductOption


def test_demo_catalog_is_valid_idempotent_and_one_is_low(app, client, auth, seller):
    demo.load(seller)
    demo.load(seller)
    products = Product.query.all()
    assert len(products) == 30
    assert len({p.category_code[:2] for p in products}) >= 9  # every big category
    assert ProductOption.query.count() > 60 and AddonItem.query.count() >= 20
    for p in products:
        assert images.path_for(seller.id, p.main_image), p.own_code
        answered = [a for a in p.notice.values() if not a["separate"]]
        assert len(answered) >= len(p.notice) // 2, p.own_code  # filled, not all 별도표기
    assert all(len(p.extra_images) == 1 for p in products if p.options)
    auth.login()
    html = client.get("/products/stock?low=1").get_data(as_text=True)
    assert "수분 가득 히알루론 에센스 50ml" in html  # 2 left, threshold 3
    html = client.get("/products/search").get_data(as_text=True)
    assert html.count('class="thumb small"') == 30


def test_demo_pictures_are_drawn_the_same_every_time():
    first, again = demo.picture("DEMO01", 0).stream.read(), demo.picture("DEMO01", 0).stream.read()
    assert first == again and first[:2] == b"\xff\xd8"  # a jpg
    assert demo.picture("DEMO02", 0).stream.read() != first
    assert os.path.splitext(demo.picture("DEMO01", 1).filename)[1] == ".jpg"
