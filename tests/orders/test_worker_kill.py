"""A real RQ worker SIGKILLed in the middle of a collection and of an invoice send: the product's own rerun
(the lease runs out / 송장송신 again) loses no order line, duplicates none and posts no tracking number twice."""
import time

import pytest

from models import ChannelOrderLine, ChannelSync, InvoiceOutbox, JobRun
from models.base import utcnow
from models.order import SENDING, SENT
from portal.extensions import db

from ..conftest import kill, wait_for
from .conftest import collect, finish, ship_at
pytestmark = pytest.mark.redis


@pytest.fixture
def rq_env(market, rq_workers):
    """Workers with short leases: a dead run's lock and 'sending' rows run out within the test."""
    return lambda: rq_workers(ORDERS_LOCK_SECONDS="3", ORDERS_STALE_SENDING_SECONDS="1", ORDERS_INVOICE_CHUNK="2")


def _rq(app):
    app.config.update(JOBS_MODE="rq")


def _keys(account_id):
    return [(x.channel_order_id, x.channel_line_id) for x in
            db.session.query(ChannelOrderLine).filter_by(account_id=account_id)]


def test_collection_killed_midway_is_rerun_after_the_lease(app, client, auth, shop, rq_env):
    from blueprints.orders import SCHEDULE  # the 15-minute 자동수집

    made = [shop.new_order(lines=2, hours_ago=0.1) for _ in range(4)]
    shop.market.fault("timeout", "/claims", count=1, delay=8)  # the claims half hangs: the worker dies there
    _rq(app)
    worker = rq_env()
    SCHEDULE.func(app)
    run = wait_for(lambda: db.session.query(JobRun).filter_by(status="running").first(), what="the run to start")
    wait_for(lambda: db.session.query(ChannelSync.orders_until).filter_by(account_id=shop.account.id).scalar(),
             what="orders stored")
    kill(worker)
    before = _keys(shop.account.id)
    assert {(o["order_no"]) for o in made} <= {k[0] for k in before}
    db.session.rollback()
    assert db.session.get(JobRun, run.id).status == "running"  # nobody could mark it: the worker is gone
    sync = db.session.query(ChannelSync).filter_by(account_id=shop.account.id).one()
    assert sync.locked_by == run.id and sync.claims_until is None  # killed between orders and claims

    later = [shop.new_order(lines=1, hours_ago=0) for _ in range(2)]  # arrive while nobody collects
    rq_env()
    wait_for(lambda: db.session.query(ChannelSync).filter_by(account_id=shop.account.id).one().locked_until
          < utcnow(), timeout=10, what="the dead run's lease to run out")
    SCHEDULE.func(app)  # what the 15-minute schedule does next
    rerun = wait_for(lambda: db.session.query(JobRun).filter(JobRun.id != run.id, JobRun.status == "done").first(),
                     timeout=60, what="the rerun to finish")  # a fresh worker starts first
    after = _keys(shop.account.id)
    assert len(after) == len(set(after)) == len(before) + 2  # nothing duplicated, the late orders added
    assert set(before) <= set(after)
    assert {o["order_no"] for o in made + later} <= {k[0] for k in after}
    on_channel = {(o["order_no"], x["line_no"]) for o in shop.market.orders("sandbox") for x in o["lines"]}
    assert {k for k in on_channel if k[0] in {o["order_no"] for o in made + later}} <= set(after)
    assert rerun.status == "done"


def test_invoice_send_killed_midway_posts_every_number_once(app, client, auth, shop, rq_env):
    auth.login()
    orders = [shop.new_order() for _ in range(4)]
    collect(client, app, [shop.account.id])
    lines = [db.session.query(ChannelOrderLine).filter_by(channel_order_id=o["order_no"]).one() for o in orders]
    finish(app, client.post("/orders/process/confirm", data={"line_ids": [x.id for x in lines],
                                                             "ship_at": ship_at(1)}))
    numbers = {x.id: f"5123456789{i:02d}" for i, x in enumerate(lines)}
    resp = client.post("/orders/invoices/entry", data={"line_ids": [x.id for x in lines],
                                                       **{f"courier_{x.id}": "HANJIN" for x in lines},
                                                       **{f"tracking_{x.id}": numbers[x.id] for x in lines}})
    assert resp.status_code == 303
    store = shop.market.app.extensions["sandbox_store"]
    shop.market.fault("timeout", "/orders/invoices", count=1, delay=4)  # first request of two: slow
    _rq(app)
    worker = rq_env()
    resp = client.post("/orders/invoices/send", data={"line_ids": [x.id for x in lines]})
    run_id = resp.get_json()["jobs"][0]["id"]
    wait_for(lambda: db.session.query(InvoiceOutbox).filter_by(state=SENDING, run_id=run_id).count() == 4,
             what="the rows to be taken")
    wait_for(lambda: not store.q("select 1 from faults where remaining > 0"), what="the first request in flight")
    kill(worker)                       # the channel applies that request after its delay; nobody hears back
    wait_for(lambda: shop.posts("/orders/invoices"), timeout=10, what="the channel to apply the first request")
    assert db.session.query(InvoiceOutbox).filter_by(state=SENDING).count() == 4

    rq_env()
    time.sleep(1.1)  # the rows' 'sending' is now older than the stale window
    resp = client.post("/orders/invoices/send", data={"line_ids": [x.id for x in lines]})  # 송장송신 again
    rerun_id = resp.get_json()["jobs"][0]["id"]
    wait_for(lambda: db.session.get(JobRun, rerun_id).finished, timeout=60, what="the rerun to finish")
    assert db.session.get(JobRun, rerun_id).status == "done"
    assert db.session.query(InvoiceOutbox).filter_by(state=SENT).count() == 4
    posted = [n for j in shop.posts("/orders/invoices") for n in numbers.values() if n in j["summary"]]
    assert sorted(posted) == sorted(numbers.values())  # each number went out in exactly one request
    for line in lines:
        assert shop.line(line.channel_line_id)["tracking"] == numbers[line.id]
