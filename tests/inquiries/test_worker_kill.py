"""A real RQ worker SIGKILLed in the middle of 답변일괄전송: the rerun posts no answer twice and loses none."""
import os
import signal
import subprocess
import sys
import time
import uuid

import pytest
from redis import Redis

from models import Inquiry, JobRun
from portal.extensions import db

from .test_answers import _collected

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REDIS_URL = "redis://127.0.0.1:6379/14"

pytestmark = pytest.mark.redis


@pytest.fixture
def worker(app, database_url, market):
    conn = Redis.from_url(REDIS_URL)
    conn.ping()  # Redis is part of every test machine: no Redis is a failure, not a skip
    prefix = f"i14kill-{uuid.uuid4().hex[:8]}-"
    app.config.update(REDIS_URL=REDIS_URL, QUEUE_PREFIX=prefix)
    env = {**os.environ, "PORTAL_DATABASE_URL": database_url, "PORTAL_REDIS_URL": REDIS_URL,
           "PORTAL_JOB_FILES_DIR": app.config["JOB_FILES_DIR"], "PORTAL_JOBS_MODE": "rq",
           "PORTAL_SECRET_KEY": app.config["SECRET_KEY"], "PORTAL_QUEUE_PREFIX": prefix,
           "PORTAL_SANDBOX_URL": market.url, "PORTAL_INQUIRIES_STALE_SENDING_SECONDS": "1"}
    procs = []

    def start():
        os.makedirs(app.config["JOB_FILES_DIR"], exist_ok=True)
        with open(os.path.join(app.config["JOB_FILES_DIR"], f"worker-{len(procs)}.log"), "w") as out:
            procs.append(subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "portal", "worker",
                                           "channel"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT))
        return procs[-1]

    yield start
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
    for key in conn.scan_iter(f"*{prefix}*"):
        conn.delete(key)


def _wait(check, timeout=30, what="condition"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        db.session.rollback()
        if (value := check()):
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def test_send_killed_midway_posts_every_answer_once(app, client, auth, qshop, worker):
    rows = _collected(client, auth, app, qshop, *[(f"질문 {i}", 5 + i) for i in range(4)])
    for i, row in enumerate(rows):
        client.post(f"/inquiries/answer/{row.id}/save", data={"answer": f"답변 {i}"})
    # The second answer hangs at the channel, which then applies it: the worker dies while waiting.
    qshop.market.fault("timeout", f"{rows[1].channel_inquiry_id}/answer", count=1, delay=6, method="POST")
    posts_before = len(qshop.answer_posts())
    app.config.update(JOBS_MODE="rq")
    proc = worker()
    resp = client.post("/inquiries/answer/send", data={"inquiry_ids": [r.id for r in rows]})
    assert resp.status_code == 202
    _wait(lambda: db.session.query(Inquiry).filter_by(state="sent").count() >= 1, what="the first answer")
    time.sleep(0.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    time.sleep(7)  # the channel finishes applying the hung answer
    db.session.rollback()
    stuck = db.session.query(Inquiry).filter(Inquiry.state == "sending").count()
    assert stuck >= 1   # nobody could record the outcome: the worker is gone

    worker()
    resp = client.post("/inquiries/answer/send", data={"inquiry_ids": [r.id for r in rows if
                                                                     db.session.get(Inquiry, r.id).state != "sent"]})
    assert resp.status_code == 202, resp.get_data(as_text=True)
    rerun = resp.get_json()["job"]
    _wait(lambda: db.session.get(JobRun, rerun).finished, what="the rerun")
    db.session.expire_all()
    assert {db.session.get(Inquiry, r.id).state for r in rows} == {"sent"}
    from models import JobLine

    said = [ln.text for ln in db.session.query(JobLine).filter_by(run_id=rerun)]
    assert any(rows[1].channel_inquiry_id in t and "재전송 안 함" in t for t in said), said
    run = db.session.get(JobRun, rerun)
    assert run.ok_count == run.total and run.fail_count == 0, said   # each answer counted once
    for i, row in enumerate(rows):
        assert qshop.remote(row.channel_inquiry_id)["answer"] == f"답변 {i}"
    posted = [j["path"] for j in qshop.answer_posts()[: len(qshop.answer_posts()) - posts_before]]
    assert len(posted) == len(set(posted)) == 4   # each answer reached the channel exactly once
