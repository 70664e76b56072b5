"""Two installations on one Redis: each installation's keys carry its own prefix, so equal run ids
never share a job, and a worker runs only its own installation's jobs with their own arguments."""
import os
import uuid

import pytest
from redis import Redis
from rq.job import Job

from models import JobLine, JobRun
from portal import create_app
from portal.extensions import db
from portal.queues import enqueue, job_id
from portal.workers import run_worker

from . import sample_jobs

pytestmark = pytest.mark.redis
REDIS_URL = os.environ.get("PORTAL_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def installations(app, tmp_path):
    """The test's app and a second installation (its own SQLite database), each with a prefix."""
    prefixes = [f"inst-{uuid.uuid4().hex[:8]}-" for _ in range(2)]
    app.config.update(JOBS_MODE="rq", REDIS_URL=REDIS_URL, QUEUE_PREFIX=prefixes[0])
    other = create_app({**app.config, "QUEUE_PREFIX": prefixes[1], "SQLALCHEMY_DATABASE_URI":
                        f"sqlite:///{tmp_path / 'other.sqlite'}", "RATELIMIT_KEY_PREFIX": None})
    with other.app_context():
        db.create_all()
    yield app, other
    conn = Redis.from_url(REDIS_URL)
    for prefix in prefixes:  # this Redis is shared: remove only what these two wrote
        for key in conn.scan_iter(match=f"*{prefix}*", count=500):
            conn.delete(key)
        conn.srem("rq:queues", *[f"rq:queue:{prefix}default"])
    with other.app_context():
        db.engine.dispose()


def _words(run_id):
    db.session.expire_all()
    return [x.text for x in db.session.query(JobLine).filter_by(run_id=run_id)]


def test_equal_run_ids_of_two_installations_never_share_a_job(installations):
    ours, theirs = installations
    run = enqueue(sample_jobs.say, kind="테스트", word="우리 설치")
    with theirs.app_context():
        if run.id > 1:  # the other installation's run gets the same id
            db.session.add(JobRun(id=run.id - 1, kind="앞선 작업", func="x", status="done"))
            db.session.commit()
        their_run = enqueue(sample_jobs.say, kind="테스트", word="다른 설치")
        assert their_run.id == run.id

    conn = Redis.from_url(REDIS_URL)
    assert not conn.exists(f"rq:job:jobrun-{run.id}")  # no key without an installation's prefix
    assert Job.fetch(job_id(run.id, ours), connection=conn).args[2] == {"word": "우리 설치"}

    run_worker(ours, ["default"], burst=True)  # our worker: our queue, our job, our arguments
    assert db.session.get(JobRun, run.id).status == "done"
    assert "우리 설치" in _words(run.id) and "다른 설치" not in _words(run.id)
    with theirs.app_context():
        assert db.session.get(JobRun, run.id).status == "queued"  # untouched by our worker
        assert Job.fetch(job_id(run.id), connection=conn).args[2] == {"word": "다른 설치"}
        run_worker(theirs, ["default"], burst=True)
        assert db.session.get(JobRun, run.id).status == "done"
        assert "다른 설치" in _words(run.id) and "우리 설치" not in _words(run.id)


def test_schedule_slots_and_worker_names_carry_the_prefix(installations):
    from datetime import timedelta

    from portal.scheduling import Schedule, fire_due

    ours, theirs = installations
    fired = []
    schedules = ours.extensions["menus"]["orders"].schedules  # the plugin object both apps share
    schedules.append(Schedule("prefix-test", timedelta(minutes=15), lambda a: fired.append(a)))
    try:
        conn = Redis.from_url(REDIS_URL)
        assert "prefix-test" in fire_due(ours, conn, now=1000.0)
        assert "prefix-test" in fire_due(theirs, conn, now=1000.0)  # a schedule of its own
        assert "prefix-test" not in fire_due(ours, conn, now=1001.0)  # once per slot still
        assert fired == [ours, theirs]
    finally:
        schedules.pop()
