"""A real RQ worker SIGKILLed while a listing is registered and while stock is pushed: the seller's own rerun
(연동 again / 재고연동 again) registers the product once and leaves the channel with the portal's stock."""
import pytest

from models import JobRun, Listing
from models.listing import LIVE, LINKING
from portal.extensions import db

from ..conftest import kill, wait_for
from .conftest import channel_products, listing_of, make_product, make_template, request_link
from .test_stock_sync import channel_stock, live_product

pytestmark = pytest.mark.redis


def _queued(app):
    app.config.update(JOBS_MODE="rq")


def _in_flight(sandbox) -> bool:
    """The scripted fault was taken: the request is held on the channel."""
    return not sandbox.app.extensions["sandbox_store"].q("select 1 from faults where remaining > 0")


def _ours(sandbox, product) -> list[dict]:
    """The channel's products registered under the portal's 판매자상품코드 of `product`."""
    code = db.session.query(Listing.seller_code).filter_by(product_id=product.id).scalar()
    return [p for p in channel_products(sandbox, "interpark") if code and p["seller_code"] == code]


def _finished(run_id: int) -> JobRun:
    return wait_for(lambda: (run := db.session.get(JobRun, run_id)) is not None and run.finished and run,
                    timeout=60, what="the run to finish")  # a fresh worker starts first


def test_listing_killed_while_registering_is_linked_once_on_the_rerun(app, client, world, rq_workers):
    sandbox = world["sandbox"]
    product = make_product(world["tenant"])
    waiting = request_link(client, product, make_template(world["tenant"], world["interpark"]))
    sandbox.fault("timeout", "/products", count=1, delay=4, method="POST")  # applied, answered too late
    _queued(app)
    worker = rq_workers()
    run_id = client.post("/products/waiting/link", data={"listing_id": [waiting.id]}).get_json()["job"]
    wait_for(lambda: db.session.get(Listing, waiting.id).status == LINKING, what="the push to start")
    wait_for(lambda: _in_flight(sandbox), what="the request in flight")
    kill(worker)                                   # the channel registers the product; nobody hears back
    wait_for(lambda: _ours(sandbox, product), timeout=10, what="the channel to register it")
    assert db.session.get(JobRun, run_id).status == "running"   # nobody could mark it: the worker is gone

    rq_workers()
    rerun = client.post("/products/waiting/link", data={"listing_id": [waiting.id]}).get_json()["job"]
    assert _finished(rerun).status == "done"
    listing = listing_of(product, world["interpark"])
    [registered] = _ours(sandbox, product)                        # registered once, never twice
    assert (listing.status, listing.channel_product_id) == (LIVE, registered["product_no"])


def test_stock_killed_while_pushing_reaches_the_channel_on_the_rerun(app, client, world, rq_workers):
    sandbox = world["sandbox"]
    product, (interpark,) = live_product(client, world, stock=10, accounts=("interpark",))
    sandbox.fault("timeout", "/stock", count=1, delay=4)   # the push is applied, its answer lost
    _queued(app)
    worker = rq_workers()
    client.post("/products/stock", data={f"product-{product.id}": "7"})    # the change starts a 재고연동
    wait_for(lambda: _in_flight(sandbox), what="the push in flight")
    kill(worker)
    wait_for(lambda: channel_stock(sandbox, interpark) == 7, timeout=10, what="the channel to apply it")
    client.post("/products/stock", data={f"product-{product.id}": "4"})    # sold meanwhile: queued, no worker

    rq_workers()
    rerun = client.post("/sales/stock-sync/run").get_json()["job"]            # 재고연동 again
    assert _finished(rerun).status == "done"
    wait_for(lambda: channel_stock(sandbox, interpark) == 4, timeout=30, what="the newest stock on the channel")
    listing = db.session.get(Listing, interpark.id)
    assert (listing.pushed_qty, listing.pushed_seq) == (4, listing.stock_seq)
