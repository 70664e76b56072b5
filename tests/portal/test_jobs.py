"""Jobs: the same progress feed whether a real RQ worker or the in-process fallback runs them."""
import os
import subprocess
import sys
import time
from io import BytesIO

import pytest
from openpyxl import load_workbook
from redis import Redis

from models import AuditLog, JobRun
from portal.extensions import db
from portal.queues import enqueue, wait_inline_jobs

from . import sample_jobs

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _poll(client, url, timeout=30):
    lines, deadline = [], time.time() + timeout
    after = 0
    while time.time() < deadline:
        data = client.get(f"{url}?after={after}").get_json()
        lines += [ln["text"] for ln in data["lines"]]
        if data["lines"]:
            after = data["lines"][-1]["id"]
        if data["finished"]:
            return data, lines
        time.sleep(0.1)
    raise AssertionError(f"job did not finish: {lines}")


def _start_export(client, auth, seller):
    db.session.add(AuditLog(tenant_id=seller.id, action="권한변경", detail="업무[없음] → 업무[물류담당]"))
    db.session.commit()
    auth.login()
    resp = client.post("/account/audit/export")
    assert resp.status_code == 202
    return resp.get_json()["job_url"]


def _assert_export_finished(client, data, lines):
    assert data["status"] == "done" and data["percent"] == 100 and data["file"]
    assert lines[0] == "[시작] 권한변경이력 엑셀 다운로드 작업을 시작합니다."
    assert lines[-1].startswith("[종료] 권한변경이력 엑셀 다운로드 작업을 종료합니다.")
    resp = client.get(data_file_url(data))
    rows = list(load_workbook(BytesIO(resp.data)).active.values)
    assert rows[0][3] == "구분" and rows[1][3] == "권한변경"


def data_file_url(data):
    return f"/jobs/{data['id']}/file"


def test_inline_fallback_runs_the_job_and_feeds_the_window(client, auth, seller):
    url = _start_export(client, auth, seller)
    data, lines = _poll(client, url)
    _assert_export_finished(client, data, lines)
    # The history page lists it and can reopen the window.
    html = client.get("/jobs/").get_data(as_text=True)
    assert "권한변경이력 엑셀 다운로드" in html and f'data-job-url="{url}"' in html


def test_counts_and_failures_show_in_the_feed(app, client, auth, seller):
    auth.login()
    run = enqueue(sample_jobs.count_to, kind="테스트 연동", tenant_id=seller.id, n=4, fail_at=3)
    data, lines = _poll(client, f"/jobs/{run.id}.json")
    assert (data["total"], data["ok"], data["failed"]) == (4, 3, 1)
    assert "3번 항목 처리 실패" in lines
    assert lines[-1] == "[종료] 테스트 연동 작업을 종료합니다. 성공 3건, 실패 1건"

    boom = enqueue(sample_jobs.explode, kind="실패하는 작업", tenant_id=seller.id)
    data, lines = _poll(client, f"/jobs/{boom.id}.json")
    assert data["status"] == "failed"
    assert f"[오류] 작업 중 예기치 않은 오류가 발생해 작업을 마치지 못했습니다. 잠시 후 다시 실행해 주시고, 같은 문제가 " \
           f"계속되면 지원센터에 작업번호 {boom.id}를 알려 주세요." in lines
    assert not any("제휴몰 응답 없음" in line for line in lines)  # the exception's own text stays in the log


def test_another_tenant_cannot_see_the_job(client, auth, seller, other_seller):
    url = _start_export(client, auth, seller)
    _poll(client, url)
    run_id = int(url.split("/")[-1].split(".")[0])
    other = client.application.test_client()
    auth.login("sellerBmaster", client=other)
    for path in (url, f"/jobs/{run_id}", f"/jobs/{run_id}/file"):
        assert other.get(path).status_code == 404
    assert "권한변경이력 엑셀" not in other.get("/jobs/").get_data(as_text=True)


@pytest.mark.redis
def test_real_worker_runs_queued_jobs(app, client, auth, seller, redis_space, database_url, tmp_path):
    redis_url, prefix = redis_space.url, redis_space.prefix  # other test runs on this Redis never steal the job
    app.config.update(JOBS_MODE="rq")
    url = _start_export(client, auth, seller)
    run_id = int(url.split("/")[-1].split(".")[0])
    assert db.session.get(JobRun, run_id).status == "queued"  # nothing ran in this process
    assert Redis.from_url(redis_url).llen(f"rq:queue:{prefix}exports") == 1

    env = {**os.environ, "PORTAL_DATABASE_URL": database_url, "PORTAL_REDIS_URL": redis_url,
           "PORTAL_JOB_FILES_DIR": app.config["JOB_FILES_DIR"], "PORTAL_JOBS_MODE": "rq",
           "PORTAL_SECRET_KEY": app.config["SECRET_KEY"], "PORTAL_QUEUE_PREFIX": prefix}
    worker = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "portal", "worker", "exports", "--burst"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert worker.returncode == 0, worker.stderr
    data, lines = _poll(client, url)
    _assert_export_finished(client, data, lines)
    assert app.extensions.get("inline_jobs", []) == []


def test_without_redis_the_auto_mode_falls_back(app, client, auth, seller):
    app.config.update(JOBS_MODE="auto", REDIS_URL="redis://127.0.0.1:1/0")  # nobody listens
    url = _start_export(client, auth, seller)
    wait_inline_jobs(app)
    data, lines = _poll(client, url)
    _assert_export_finished(client, data, lines)


def test_a_run_whose_worker_died_is_marked_failed(app, client, auth, seller):
    from datetime import timedelta

    from models.base import utcnow
    from portal.workers import fail_abandoned_runs

    dead = JobRun(kind="주문서 가져오기", func="jobs.x.y", tenant_id=seller.id, status="running",
                  started_at=utcnow() - timedelta(hours=3))
    alive = JobRun(kind="주문서 가져오기", func="jobs.x.y", tenant_id=seller.id, status="running",
                   started_at=utcnow() - timedelta(minutes=5))
    db.session.add_all([dead, alive])
    db.session.commit()
    assert fail_abandoned_runs(app) == 1
    auth.login()
    data = client.get(f"/jobs/{dead.id}.json").get_json()
    assert data["status"] == "failed" and data["finished"]
    assert data["lines"][-1]["text"].startswith("[오류] 작업을 실행하던 작업자가 중단되어")
    assert client.get(f"/jobs/{alive.id}.json").get_json()["status"] == "running"


@pytest.mark.redis
def test_a_job_a_dead_worker_took_off_the_queue_is_marked_failed(app, client, auth, seller, redis_space):
    """A worker killed between taking a job off the queue and starting it loses the job: its run, still 대기,
    ends 실패 (and RQ's job failed) once it waits nowhere; a run still waiting on the queue is left alone."""
    from datetime import timedelta

    from rq.registry import FailedJobRegistry

    from models.base import utcnow
    from portal.queues import job_id, rq_queue
    from portal.workers import fail_abandoned_runs

    app.config.update(JOBS_MODE="rq")
    lost = enqueue(sample_jobs.say, kind="주문서 가져오기", tenant_id=seller.id, word="a")
    waiting = enqueue(sample_jobs.say, kind="주문서 가져오기", tenant_id=seller.id, word="b")
    queue = rq_queue("default", redis_space.conn, app)
    assert fail_abandoned_runs(app, redis_space.conn) == 0  # both wait on the queue
    redis_space.conn.lrem(queue.key, 1, job_id(lost.id, app))  # what a worker's dequeue does before it dies
    assert fail_abandoned_runs(app, redis_space.conn) == 0  # too fresh to call lost: it may be starting
    for run in (lost, waiting):
        run.created_at = utcnow() - timedelta(minutes=5)
    db.session.commit()
    assert fail_abandoned_runs(app, redis_space.conn) == 1
    auth.login()
    data = client.get(f"/jobs/{lost.id}.json").get_json()
    assert data["status"] == "failed" and data["finished"]
    assert data["lines"][-1]["text"].startswith("[오류] 작업을 실행하던 작업자가 중단되어")
    assert client.get(f"/jobs/{waiting.id}.json").get_json()["status"] == "queued"
    assert job_id(lost.id, app) in FailedJobRegistry(queue=queue).get_job_ids(cleanup=False)


@pytest.mark.parametrize("drops, status", [(1, "done"), (2, "failed")])
def test_a_dropped_database_connection_is_retried_once(client, auth, seller, database_url, drops, status):
    """The server ends the job's connection: the job runs once more; a second drop ends it 실패 in Korean."""
    if not database_url.startswith("postgresql"):
        pytest.skip("only a database server can drop a connection")
    auth.login()
    run = enqueue(sample_jobs.drop_connection, kind="연결 끊김", tenant_id=seller.id, times=drops)
    data, lines = _poll(client, f"/jobs/{run.id}.json")
    assert data["status"] == status
    assert "[재시도] 데이터베이스 연결이 끊어져 작업을 한 번 더 실행합니다." in lines
    if status == "done":
        assert data["ok"] == 1
    else:
        assert any(line.startswith("[오류] 데이터베이스 연결이 끊어져 작업을 마치지 못했습니다.") for line in lines)
        assert not any("psycopg" in line or "terminating" in line for line in lines)
