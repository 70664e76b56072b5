"""재고 연동: a stock change reaches every live listing, minus its buffer, never negative, never stale."""
from models import Listing, StockPush
from portal.extensions import db
from portal.queues import wait_inline_jobs

from .conftest import link, listing_of, make_product, make_template, request_link


def channel_stock(sandbox, listing) -> int:
    shop = sandbox.shop_id(listing.channel)
    return sandbox.ops("GET", f"/shops/{shop}/products/{listing.channel_product_id}")["product"]["stock"]


def live_product(client, world, stock=10, accounts=("interpark", "hmall")):
    product = make_product(world["tenant"], stock=stock, main_image=True)
    waiting = [request_link(client, product, make_template(world["tenant"], world[a])) for a in accounts]
    link(client, waiting)
    return product, [listing_of(product, world[a]) for a in accounts]


def set_stock(client, app, product, qty):
    resp = client.post("/products/stock", data={f"product-{product.id}": str(qty)})
    assert resp.status_code == 302
    wait_inline_jobs(app)
    db.session.expire_all()


def test_a_stock_change_is_pushed_to_every_live_listing_with_its_buffer(app, client, world):
    sandbox = world["sandbox"]
    resp = client.post("/sales/stock-sync/buffers", data={"account_id": world["interpark"].id, "kind": "fixed",
                                                          "value": "2"})
    assert resp.status_code == 302
    product, (interpark, hmall) = live_product(client, world)
    assert channel_stock(sandbox, interpark) == 8  # the first push already held 2 back
    client.post(f"/sales/listings/{hmall.id}", data={"sale_price": "25000", "market_price": "30000",
                                                     "buffer_kind": "percent", "buffer_value": "30"})
    set_stock(client, app, product, 7)
    assert channel_stock(sandbox, interpark) == 5            # 7 - 2
    assert channel_stock(sandbox, hmall) == 4              # 7 - ceil(2.1)
    pushes = StockPush.query.filter_by(result="ok").order_by(StockPush.id).all()
    assert {(p.listing_id, p.quantity, p.buffer) for p in pushes} == {(interpark.id, 5, "2개"), (hmall.id, 4, "30%")}
    page = client.get("/sales/stock-sync").get_data(as_text=True)
    assert "30%" in page and "2개" in page and "성공" in page


def test_a_buffer_larger_than_the_stock_sends_zero_never_a_negative(app, client, world):
    client.post("/sales/stock-sync/buffers", data={"account_id": world["interpark"].id, "kind": "fixed",
                                                   "value": "5"})
    product, (interpark,) = live_product(client, world, accounts=("interpark",))
    set_stock(client, app, product, 3)
    assert channel_stock(world["sandbox"], interpark) == 0
    assert StockPush.query.filter_by(listing_id=interpark.id).order_by(StockPush.id.desc()).first().quantity == 0


def test_one_change_of_several_products_is_one_sync_run_for_all_their_listings(app, client, world):
    """A stock edit (or an upload) moving several products at once bumps all their live listings together and
    starts one 재고연동 run that pushes each of them."""
    from models import JobRun

    sandbox = world["sandbox"]
    first, (interpark,) = live_product(client, world, accounts=("interpark",))
    second, (hmall,) = live_product(client, world, accounts=("hmall",))
    runs = JobRun.query.filter_by(kind="재고연동").count()
    resp = client.post("/products/stock", data={f"product-{first.id}": "4", f"product-{second.id}": "6"})
    assert resp.status_code == 302
    wait_inline_jobs(app)
    db.session.expire_all()
    assert JobRun.query.filter_by(kind="재고연동").count() == runs + 1
    assert (channel_stock(sandbox, interpark), channel_stock(sandbox, hmall)) == (4, 6)
    assert [db.session.get(Listing, x.id).pushed_qty for x in (interpark, hmall)] == [4, 6]


def test_an_older_push_arriving_late_does_not_overwrite_a_newer_one(app, client, world):
    from jobs.stock_sync import start_sync

    product, (interpark,) = live_product(client, world, accounts=("interpark",))
    set_stock(client, app, product, 3)                     # version 1 pushed: the channel has 3
    listing = db.session.get(Listing, interpark.id)
    assert (listing.stock_seq, listing.pushed_seq, listing.pushed_qty) == (1, 1, 3)
    product.stock = 9                                       # changed where no signal is sent...
    db.session.commit()
    start_sync(world["tenant"].id, listing_ids=[interpark.id])   # ...and a late job for version 1 arrives
    wait_inline_jobs(app)
    assert channel_stock(world["sandbox"], interpark) == 3
    last = StockPush.query.order_by(StockPush.id.desc()).first()
    assert last.result == "skipped" and last.message == "이미 최신 재고가 반영되어 있어 보내지 않았습니다."


def test_overlapping_pushes_leave_the_newest_quantity_on_the_channel(app, client, world):
    sandbox = world["sandbox"]
    product, (interpark,) = live_product(client, world, accounts=("interpark",))
    sandbox.fault("timeout", "/stock", count=1, delay=1.0, method="PUT")   # the first push is slow
    # Two changes in a row: the second job starts while the first one's push is still on the wire.
    client.post("/products/stock", data={f"product-{product.id}": "6"})
    client.post("/products/stock", data={f"product-{product.id}": "2"})
    wait_inline_jobs(app)
    db.session.expire_all()
    assert channel_stock(sandbox, interpark) == 2
    listing = db.session.get(Listing, interpark.id)
    assert listing.pushed_qty == 2 and listing.pushed_seq == listing.stock_seq == 2


def test_11st_stock_sync_works_with_the_stock_numbers_the_push_named(app, client, world):
    """11번가 has no product list API: the stock numbers come from the push's read-back."""
    from .conftest import add_categories, make_account

    elevenst = make_account(world["tenant"], "11st")
    add_categories(world["tenant"], elevenst)
    world["11st"] = elevenst
    product, (listing,) = live_product(client, world, accounts=("11st",))
    assert listing.status == "live" and listing.stock_keys and listing.stock_keys[0]["id"]
    set_stock(client, app, product, 4)
    assert channel_stock(world["sandbox"], listing) == 4
    assert StockPush.query.filter_by(listing_id=listing.id).order_by(StockPush.id.desc()).first().result == "ok"


def test_each_option_is_its_own_channel_item_with_its_stock(client, world):
    product = make_product(world["tenant"], stock=10, options=[("블랙", 0, 4), ("화이트", 2000, 6)])
    link(client, [request_link(client, product, make_template(world["tenant"], world["interpark"]))])
    listing = listing_of(product, world["interpark"])
    shop = world["sandbox"].shop_id("interpark")
    items = world["sandbox"].ops("GET", f"/shops/{shop}/products/{listing.channel_product_id}")["product"]["items"]
    assert [(i["option_name"], i["stock"], i["price"]) for i in items] == [("블랙", 4, 25000), ("화이트", 6, 27000)]
    assert [k["id"] for k in listing.stock_keys] == [i["item_no"] for i in items]


def test_a_listing_without_stock_numbers_learns_them_before_its_push(app, client, world):
    """Listings linked before pushes named their items (stock_keys empty) read them once."""
    product, (interpark,) = live_product(client, world, accounts=("interpark",))
    listing = db.session.get(Listing, interpark.id)
    listing.stock_keys = []
    db.session.commit()
    set_stock(client, app, product, 5)
    listing = db.session.get(Listing, interpark.id)
    assert channel_stock(world["sandbox"], listing) == 5 and listing.stock_keys


def test_smartstore_option_stock_reaches_each_option_through_the_option_stock_call(app, client, world):
    """스마트스토어 options: each option's stock goes to its combination (상품 옵션 재고 변경), prices kept."""
    from .conftest import add_categories, make_account

    naver = make_account(world["tenant"], "naver")
    add_categories(world["tenant"], naver)
    product = make_product(world["tenant"], options=[("블랙", 0, 4), ("화이트", 2000, 6)], main_image=True)
    link(client, [request_link(client, product, make_template(world["tenant"], naver))])
    listing = listing_of(product, naver)
    assert listing.status == "live", listing.last_message
    assert [k["option"] for k in listing.stock_keys] == ["블랙", "화이트"]
    white = product.options[1]
    resp = client.post("/products/stock", data={f"option-{white.id}": "1"})
    assert resp.status_code == 302
    wait_inline_jobs(app)
    shop = world["sandbox"].shop_id("naver")
    items = world["sandbox"].ops("GET", f"/shops/{shop}/products/{listing.channel_product_id}")["product"]["items"]
    assert [(i["option_name"], i["stock"], i["price"]) for i in items] == [("블랙", 4, 25000), ("화이트", 1, 27000)]
    assert StockPush.query.filter_by(listing_id=listing.id).order_by(StockPush.id.desc()).first().result == "ok"


def test_a_smartstore_option_listing_keyed_the_old_way_learns_its_option_keys_before_the_push(app, client, world):
    """Linked while option stock still went by the product number: the first push reads the options."""
    from .conftest import add_categories, make_account

    naver = make_account(world["tenant"], "naver")
    add_categories(world["tenant"], naver)
    product = make_product(world["tenant"], options=[("블랙", 0, 4), ("화이트", 2000, 6)], main_image=True)
    link(client, [request_link(client, product, make_template(world["tenant"], naver))])
    listing = listing_of(product, naver)
    listing.stock_keys = [{"id": listing.channel_product_id, "option": ""}]
    db.session.commit()
    client.post("/products/stock", data={f"option-{product.options[0].id}": "2"})
    wait_inline_jobs(app)
    listing = listing_of(product, naver)
    assert [k["option"] for k in listing.stock_keys] == ["블랙", "화이트"]
    shop = world["sandbox"].shop_id("naver")
    items = world["sandbox"].ops("GET", f"/shops/{shop}/products/{listing.channel_product_id}")["product"]["items"]
    assert [i["stock"] for i in items] == [2, 6]
