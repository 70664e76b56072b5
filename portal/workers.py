"""RQ worker processes: `flask portal worker`, its heartbeat key, and failing the runs a dead worker left."""
import logging
import threading
import uuid
from datetime import timedelta

from flask import current_app
from flask_babel import gettext
from redis import Redis
from redis.exceptions import RedisError

from models import JobLine, JobRun
from models.base import utcnow
from models.jobrun import FAILED, QUEUED, RUNNING
from portal import job_runner
from portal.extensions import db
from portal.queues import QUEUES, job_id, redis_connection, redis_key, rq_queue

log = logging.getLogger(__name__)


def fail_abandoned_runs(app=None, conn: Redis | None = None) -> int:
    """Runs whose worker is gone (killed, machine restarted): its heartbeat key expired, or, for a
    run without one, it is still 'running' long after JOB_TIMEOUT; or a run still 'queued' whose RQ job a
    worker took off the queue and died with before starting it (waiting nowhere, started nowhere).

    Marked failed with a line saying so, so the history never shows it running forever, and
    run_abandoned lets menus release what it held; the job's own idempotency makes running it
    again safe. Its RQ job moves from RQ's started registry to the failed one at the same time.
    """
    from portal.rq_leftovers import fail_started_job, lost_before_start
    from portal.signals import run_abandoned

    app = app or current_app
    limit = utcnow() - timedelta(seconds=app.config.get("JOB_TIMEOUT", 3600) + 300)
    running = db.session.query(JobRun).filter(JobRun.status == RUNNING).all()
    stale = [run for run in running if (run.started_at and run.started_at < limit) or (
        conn is not None and run.worker and not conn.exists(redis_key(f"alive:{run.worker}", app)))]
    if conn is not None:  # taken off the queue by a worker that died before starting it
        lost_after = utcnow() - timedelta(minutes=2)  # a fresh run may not be on the queue yet
        waiting = (db.session.query(JobRun).filter(JobRun.status == QUEUED, JobRun.created_at < lost_after)
                   .order_by(JobRun.id).limit(200).all())
        stale += [run for run in waiting if run.queue in QUEUES
                  and lost_before_start(conn, rq_queue(run.queue, conn, app), job_id(run.id, app))]
    for run in stale:
        if conn is not None and run.queue in QUEUES:
            try:  # RQ's own view: out of 'started' now, not when JOB_TIMEOUT has passed; failed if lost
                fail_started_job(conn, rq_queue(run.queue, conn, app), job_id(run.id, app))
            except RedisError:
                log.warning("could not move abandoned job run %s out of RQ's started registry", run.id)
        db.session.add(JobLine(run_id=run.id, level="error",
                               text=gettext("[오류] 작업을 실행하던 작업자가 중단되어 작업이 끝나지 않았습니다. "
                                            "다시 실행해 주세요.")))
        run.status, run.finished_at = FAILED, utcnow()
    db.session.commit()
    for run in stale:
        run_abandoned.send(app, run_id=run.id)
    return len(stale)


def run_worker(app, queues: list[str] | None = None, burst: bool = False) -> None:
    """`flask portal worker`: one RQ worker process for the given queues, in the app context."""
    from rq import SimpleWorker

    conn = redis_connection(app)
    if conn is None:
        raise RuntimeError(gettext("Redis에 연결할 수 없습니다: %(url)s", url=app.config["REDIS_URL"]))
    names = queues or list(QUEUES)
    # SimpleWorker runs jobs in this process, inside the app context the CLI pushed, so
    # database connections are never shared across a fork.
    name = job_runner.worker_name = redis_key(uuid.uuid4().hex, app)
    worker = SimpleWorker([rq_queue(n, conn, app) for n in names], connection=conn, name=name)
    stop = threading.Event()
    beat = threading.Thread(target=_heartbeat, args=(app, conn, name, stop), daemon=True,
                            name="worker-heartbeat")
    beat.start()
    try:
        worker.work(burst=burst, with_scheduler=False)
    finally:
        stop.set()
        conn.delete(redis_key(f"alive:{name}", app))
        job_runner.worker_name = None


def _heartbeat(app, conn: Redis, name: str, stop: threading.Event) -> None:
    """While this process lives its key does; SIGKILL or a lost machine lets it expire, even in the
    middle of a long job (SimpleWorker's own heartbeat waits for the job)."""
    key = redis_key(f"alive:{name}", app)
    every, ttl = app.config["WORKER_HEARTBEAT_SECONDS"], app.config["WORKER_DEAD_AFTER_SECONDS"]
    while True:
        try:
            conn.set(key, "1", ex=ttl)
        except RedisError:
            log.warning("worker heartbeat could not reach Redis; retrying")
        if stop.wait(every):
            return
