"""G마켓/옥션 자동수집 waits out ESM's 5 seconds between order lists in the queue: the worker is free meanwhile,
the run shows its progress and ends once, no order is stored twice, and the calls stay 5 seconds apart."""
import time
from itertools import pairwise

import pytest
from rq.job import Job

from models import ChannelOrderLine, ChannelSync, JobRun
from portal.extensions import db
from portal.queues import continuation_key, enqueue, execute, rq_queue
from tests.portal import sample_jobs

from ..conftest import kill, wait_for
from .conftest import Shop, add_account

pytestmark = pytest.mark.redis
ORDER_LIST = "/shipping/v1/Order/RequestOrders"


@pytest.fixture
def gmarket(app, seller, market, redis_space):
    app.config.update(JOBS_MODE="rq")
    return Shop(market, add_account(seller, "gmarket", "지마켓"), code="gmarket")


def _start(app, gmarket):
    from blueprints.orders import SCHEDULE  # the 15-minute 자동수집

    made = [gmarket.new_order(hours_ago=0.1)["order_no"] for _ in range(3)]
    SCHEDULE.func(app)
    run = wait_for(lambda: db.session.query(JobRun).filter(JobRun.kind.like("주문 자동수집%")).one_or_none(),
                   what="the run")
    return made, run


def _between_parts(run_id):
    """The run is 진행중 and held by no worker: its next part waits in the queue."""
    return wait_for(lambda: (run := db.session.get(JobRun, run_id)).status == "running" and not run.worker
                    and run, timeout=60, what="the run waiting between two order lists")


def _finished(run_id, timeout=120):
    return wait_for(lambda: (run := db.session.get(JobRun, run_id)).finished and run, timeout=timeout,
                    what="the run to end")


def _check_outcome(gmarket, run, made):
    texts = [line.text for line in run.lines]
    assert run.status == "done"
    assert sum(t.startswith("[시작]") for t in texts) == 1 and sum(t.startswith("[종료]") for t in texts) == 1
    assert sum("이어서 조회합니다" in t for t in texts) >= 3  # one line per order list but the last
    assert any("신규주문 주문 수집을 성공하였습니다" in t for t in texts)
    keys = [(x.channel_order_id, x.channel_line_id) for x in
            db.session.query(ChannelOrderLine).filter_by(account_id=gmarket.account.id)]
    assert len(keys) == len(set(keys)) and set(made) <= {order for order, _ in keys}
    sync = db.session.query(ChannelSync).filter_by(account_id=gmarket.account.id).one()
    assert sync.orders_until and sync.claims_until and sync.locked_by is None
    lists = sorted(j["at"] for j in gmarket.market.journal(1000)
                   if j["path"].endswith(ORDER_LIST) and j["shop_id"] == gmarket.id)
    assert len(lists) >= 4 and min(b - a for a, b in pairwise(lists)) >= 4.95  # "5초당 1회"


def test_the_only_worker_runs_a_sellers_job_while_the_collection_waits(app, seller, gmarket, rq_workers):
    rq_workers("channel collect")
    made, run = _start(app, gmarket)
    _between_parts(run.id)
    other = enqueue(sample_jobs.say, kind="주문서 가져오기", queue="channel", word="먼저")
    wait_for(lambda: db.session.get(JobRun, other.id).status == "done", timeout=30, what="the seller's job")
    db.session.expire_all()
    assert db.session.get(JobRun, run.id).status == "running"  # the collection goes on after it
    _check_outcome(gmarket, _finished(run.id), made)


def test_a_continuation_delivered_twice_runs_once(app, seller, gmarket, redis_space, rq_workers):
    rq_workers("channel collect")
    made, run = _start(app, gmarket)
    _between_parts(run.id)
    rq_id = redis_space.conn.get(continuation_key(run.id, app)).decode()
    part = Job.fetch(rq_id, connection=redis_space.conn)
    # the same part once more, at once: it takes the part, the scheduled copy finds it taken
    rq_queue("collect", redis_space.conn, app).enqueue(execute, *part.args, job_id=f"{rq_id}-again")
    _check_outcome(gmarket, _finished(run.id), made)
    assert rq_id in rq_queue("collect", redis_space.conn, app).finished_job_registry.get_job_ids()


def test_a_worker_killed_while_the_run_waits_leaves_it_to_another(app, seller, gmarket, rq_workers):
    worker = rq_workers("collect")
    made, run = _start(app, gmarket)
    _between_parts(run.id)
    kill(worker)
    time.sleep(1)
    rq_workers("collect")  # takes over moving the due part once the dead worker's hold lapses
    _check_outcome(gmarket, _finished(run.id), made)


def test_without_redis_the_run_carries_on_in_its_own_thread(app, seller, market):
    from portal.queues import wait_inline_jobs

    app.config.update(JOBS_MODE="inline")
    gmarket = Shop(market, add_account(seller, "gmarket", "지마켓"), code="gmarket")
    made, run = _start(app, gmarket)
    wait_inline_jobs(app, timeout=120)
    db.session.expire_all()
    _check_outcome(gmarket, db.session.get(JobRun, run.id), made)
