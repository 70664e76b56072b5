"""A worker SIGKILLed in the middle of a collection is noticed by its missing heartbeat, not after
the job timeout: the run ends 실패 with a Korean reason and the account's lease is free at once, so
the next collection collects instead of saying another one is running; RQ's own registries say so too."""
import time

import pytest
from redis import Redis
from rq.registry import FailedJobRegistry, StartedJobRegistry

from models import ChannelSync, JobLine, JobRun
from portal.extensions import db
from portal.queues import job_id, rq_queue
from portal.workers import fail_abandoned_runs

from .conftest import collect
from ..conftest import REDIS_URL
from ..conftest import kill as _kill
from ..conftest import wait_for as _wait
from .test_worker_kill import _rq, rq_env  # noqa: F401  (rq_env is a fixture)

pytestmark = pytest.mark.redis


@pytest.fixture
def fast_heartbeat(monkeypatch, app):
    """Worker processes beat every second and count as dead after three (set before rq_env reads them)."""
    monkeypatch.setenv("PORTAL_WORKER_HEARTBEAT_SECONDS", "1")
    monkeypatch.setenv("PORTAL_WORKER_DEAD_AFTER_SECONDS", "3")
    app.config.update(WORKER_HEARTBEAT_SECONDS=1, WORKER_DEAD_AFTER_SECONDS=3)


def test_a_killed_workers_run_fails_at_once_and_frees_the_account(app, client, auth, fast_heartbeat, shop,
                                                                    rq_env):
    from blueprints.orders import SCHEDULE

    shop.new_order(hours_ago=0.1)
    shop.market.fault("timeout", "/claims", count=1, delay=20)  # the claims half hangs: the worker dies there
    _rq(app)
    worker = rq_env()
    SCHEDULE.func(app)
    run = _wait(lambda: db.session.query(JobRun).filter_by(status="running").first(), timeout=60,
                what="the run to start")
    _wait(lambda: db.session.query(ChannelSync.orders_until).filter_by(account_id=shop.account.id).scalar(),
          what="orders stored")
    conn = Redis.from_url(REDIS_URL)
    assert fail_abandoned_runs(app, conn) == 0  # alive: its heartbeat is there
    queue, rq_id = rq_queue("channel", conn, app), job_id(run.id, app)
    assert rq_id in StartedJobRegistry(queue=queue).get_job_ids(cleanup=False)
    _kill(worker)
    time.sleep(4)  # the heartbeat key expires; the lease (ORDERS_LOCK_SECONDS) is not what frees it
    assert fail_abandoned_runs(app, conn) == 1
    # RQ's own registries agree at once, not only after JOB_TIMEOUT: no longer 'started', now 'failed'.
    assert rq_id not in StartedJobRegistry(queue=queue).get_job_ids(cleanup=False)
    assert rq_id in FailedJobRegistry(queue=queue).get_job_ids(cleanup=False)
    db.session.expire_all()
    dead = db.session.get(JobRun, run.id)
    assert dead.status == "failed"
    assert db.session.query(JobLine).filter_by(run_id=run.id).order_by(JobLine.id.desc()).first().text == (
        "[오류] 작업을 실행하던 작업자가 중단되어 작업이 끝나지 않았습니다. 다시 실행해 주세요.")
    assert db.session.query(ChannelSync).filter_by(account_id=shop.account.id).one().locked_by is None

    app.config.update(JOBS_MODE="inline", ORDERS_LOCK_SECONDS=3600)  # a lease that would still hold
    auth.login()
    runs, lines = collect(client, app, [shop.account.id])
    assert runs[0].status == "done"
    assert not any("다른 수집 작업이 진행 중" in text for text in lines)
