"""The scheduler's 자동수집 waits on a queue of its own: a seller's 송장전송 on `channel` never waits behind it."""
import time

import pytest

from models import ChannelOrderLine, JobRun
from portal.extensions import db
from portal.queues import rq_queue

from ..conftest import wait_for
from .conftest import add_account, collect, finish, ship_at

pytestmark = pytest.mark.redis


@pytest.fixture
def invoice_ready(client, auth, app, shop):
    """One collected and confirmed order of the sandbox shop with its tracking number saved."""
    auth.login()
    order = shop.new_order()
    collect(client, app, [shop.account.id])
    line = db.session.query(ChannelOrderLine).filter_by(channel_order_id=order["order_no"]).one()
    finish(app, client.post("/orders/process/confirm", data={"line_ids": [line.id], "ship_at": ship_at(1)}))
    client.post("/orders/invoices/entry", data={"line_ids": [line.id], f"courier_{line.id}": "CJGLS",
                                                f"tracking_{line.id}": "123456789012"})
    return line


def _backlog(app, seller, accounts=6):
    """A cycle's worth of scheduled work: every account's 자동수집, 문의 and 공지 수집 (the scheduler's tick)."""
    from portal.scheduling import fire_due

    for n in range(accounts):
        add_account(seller, "sandbox", f"지점{n}")
    fired = fire_due(app, app.extensions["redis_test_conn"], now=time.time())
    assert {"orders.auto-collect", "inquiries.auto-collect"} <= set(fired)
    return db.session.query(JobRun).filter(JobRun.kind.like("%자동수집%")).all()


@pytest.fixture
def on_rq(app, redis_space):
    app.config.update(JOBS_MODE="rq")
    app.extensions["redis_test_conn"] = redis_space.conn
    return redis_space.conn


def test_a_tick_enqueues_on_collect_and_the_sellers_invoice_send_on_channel(app, client, seller, invoice_ready,
                                                                           on_rq):
    collections = _backlog(app, seller)
    assert collections and {run.queue for run in collections} == {"collect"}
    assert len(rq_queue("collect", on_rq, app)) >= len(collections)
    before = len(rq_queue("channel", on_rq, app))

    resp = client.post("/orders/invoices/send", data={"line_ids": [invoice_ready.id]})
    assert resp.status_code == 202, resp.get_data(as_text=True)
    send = db.session.get(JobRun, resp.get_json()["jobs"][0]["id"])
    assert send.queue == "channel" and len(rq_queue("channel", on_rq, app)) == before + 1


def test_a_channel_worker_sends_the_invoice_while_the_collections_wait(app, client, seller, invoice_ready,
                                                                        on_rq, rq_workers):
    waiting = len(_backlog(app, seller))
    resp = client.post("/orders/invoices/send", data={"line_ids": [invoice_ready.id]})
    run_id = resp.get_json()["jobs"][0]["id"]
    rq_workers("channel")
    sent = wait_for(lambda: (run := db.session.get(JobRun, run_id)).finished and run, timeout=60,
                    what="the invoice send")
    assert sent.status == "done"
    db.session.expire_all()
    assert db.session.get(ChannelOrderLine, invoice_ready.id).invoice_state == "sent"
    # the cycle's backlog is still there, untouched: the seller did not wait behind it
    assert len(rq_queue("collect", on_rq, app)) >= waiting
    assert not db.session.query(JobRun).filter(JobRun.queue == "collect", JobRun.status != "queued").count()


def test_a_worker_of_every_queue_takes_the_sellers_job_before_the_backlog(app, client, seller, invoice_ready,
                                                                         on_rq, rq_workers):
    _backlog(app, seller)  # queued first
    resp = client.post("/orders/invoices/send", data={"line_ids": [invoice_ready.id]})
    run_id = resp.get_json()["jobs"][0]["id"]
    rq_workers("channel collect")
    sent = wait_for(lambda: (run := db.session.get(JobRun, run_id)).finished and run, timeout=60,
                    what="the invoice send")
    first_collection = (db.session.query(JobRun).filter(JobRun.queue == "collect", JobRun.started_at.isnot(None))
                        .order_by(JobRun.started_at).first())
    assert sent.status == "done"
    assert first_collection is None or first_collection.started_at >= sent.started_at
