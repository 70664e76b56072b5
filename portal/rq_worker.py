"""Worker processes: `flask portal worker`, its heartbeat, moving due delayed jobs, failing dead workers' runs."""
import logging
import threading
import uuid

from flask import current_app
from flask_babel import gettext
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue

import portal.queues as queues_module
from models import JobLine, JobRun
from models.base import utcnow
from models.jobrun import FAILED, QUEUED, RUNNING
from portal.extensions import db
from portal.queues import QUEUES, continuation_key, job_id, redis_connection, redis_key, rq_queue

log = logging.getLogger(__name__)


def fail_abandoned_runs(app=None, conn: Redis | None = None) -> int:
    """Runs whose worker is gone (killed, machine restarted): its heartbeat key expired, or, for a
    run without one, it is still 'running' long after JOB_TIMEOUT; or a run still 'queued' whose RQ job a
    worker took off the queue and died with before starting it (waiting nowhere, started nowhere).

    Marked failed with a line saying so, so the history never shows it running forever, and
    run_abandoned lets menus release what it held; the job's own idempotency makes running it
    again safe. Its RQ job moves from RQ's started registry to the failed one at the same time.
    """
    from datetime import timedelta

    from portal.rq_leftovers import fail_started_job, lost_before_start
    from portal.signals import run_abandoned

    app = app or current_app
    limit = utcnow() - timedelta(seconds=app.config.get("JOB_TIMEOUT", 3600) + 300)
    running = db.session.query(JobRun).filter(JobRun.status == RUNNING).all()
    stale = [run for run in running if (run.started_at and run.started_at < limit) or (
        conn is not None and run.worker and not conn.exists(redis_key(f"alive:{run.worker}", app)))]
    if conn is not None:  # between two parts, held by no worker: its continuation must still be waiting
        settled = utcnow() - timedelta(minutes=2)
        stale += [run for run in running if run not in stale and not run.worker and run.queue in QUEUES
                  and run.started_at and run.started_at < settled
                  and not _continuation_waits(conn, rq_queue(run.queue, conn, app), run.id, app)]
    if conn is not None:  # taken off the queue by a worker that died before starting it
        lost_after = utcnow() - timedelta(minutes=2)  # a fresh run may not be on the queue yet
        waiting = (db.session.query(JobRun).filter(JobRun.status == QUEUED, JobRun.created_at < lost_after)
                   .order_by(JobRun.id).limit(200).all())
        stale += [run for run in waiting if run.queue in QUEUES
                  and lost_before_start(conn, rq_queue(run.queue, conn, app), job_id(run.id, app))]
    for run in stale:
        if conn is not None and run.queue in QUEUES:
            try:  # RQ's own view: out of 'started' now, not when JOB_TIMEOUT has passed; failed if lost
                latest = conn.get(continuation_key(run.id, app))
                fail_started_job(conn, rq_queue(run.queue, conn, app),
                                 latest.decode() if latest else job_id(run.id, app))
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


def _continuation_waits(conn: Redis, queue: Queue, run_id: int, app) -> bool:
    """Whether the continuation of a run between parts is still somewhere: scheduled, on the queue (not
    lost by a dead worker) or started."""
    from rq.exceptions import NoSuchJobError
    from rq.job import Job, JobStatus

    from portal.rq_leftovers import lost_before_start

    rq_id = conn.get(continuation_key(run_id, app))
    if rq_id is None:
        return False
    try:
        status = Job.fetch(rq_id.decode(), connection=conn).get_status(refresh=False)
    except NoSuchJobError:
        return False
    if status == JobStatus.QUEUED:
        return not lost_before_start(conn, queue, rq_id.decode())
    return status in (JobStatus.SCHEDULED, JobStatus.STARTED, JobStatus.DEFERRED)


def run_worker(app, queues: list[str] | None = None, burst: bool = False) -> None:
    """`flask portal worker`: one RQ worker process for the given queues, in the app context."""
    from rq import SimpleWorker

    conn = redis_connection(app)
    if conn is None:
        raise RuntimeError(gettext("Redis에 연결할 수 없습니다: %(url)s", url=app.config["REDIS_URL"]))
    names = queues or list(QUEUES)
    # SimpleWorker runs jobs in this process, inside the app context the CLI pushed, so
    # database connections are never shared across a fork.
    name = queues_module._worker_name = redis_key(uuid.uuid4().hex, app)
    worker = SimpleWorker([rq_queue(n, conn, app) for n in names], connection=conn, name=name)
    stop = threading.Event()
    beat = threading.Thread(target=_heartbeat, args=(app, conn, name, stop), daemon=True,
                            name="worker-heartbeat")
    beat.start()
    due = threading.Thread(target=move_due_jobs, args=(app, conn, names, name, stop), daemon=True,
                           name="worker-due-jobs")
    due.start()
    try:
        worker.work(burst=burst, with_scheduler=False)
    finally:
        stop.set()
        due.join(5)
        conn.delete(redis_key(f"alive:{name}", app))
        queues_module._worker_name = None


DUE_LOCK_SECONDS = 10  # a SIGKILLed worker's hold on moving its queues' due jobs lapses after this


def move_due_jobs(app, conn: Redis, names: list[str], worker_name: str, stop: threading.Event) -> None:
    """Every second, move the due jobs of RQ's scheduled registries (enqueue_in: a continuation waiting
    out a channel's call spacing) onto their queues. One worker per queue does it at a time, under RQ's
    own scheduler lock, taken here for a few seconds at a time so a killed worker's share is taken over
    soon; in a thread rather than RQ's forked scheduler process, which would outlive a SIGKILLed worker."""
    from rq.scheduler import RQScheduler
    from rq.scripts import acquire_or_refresh_lock

    class DueJobs(RQScheduler):
        def acquire_locks(self, auto_start=False):
            owned = {name for name in self._queue_names if acquire_or_refresh_lock(
                self.connection, self.get_locking_key(name), self.name, DUE_LOCK_SECONDS) != "taken"}
            self._acquired_locks, self._scheduled_job_registries = owned, []
            return owned

    mover = DueJobs([rq_queue(n, conn, app) for n in names], connection=conn, name=worker_name)
    while not stop.wait(1.0):
        try:
            if mover.acquire_locks():
                mover.enqueue_scheduled_jobs()
        except RedisError:
            log.warning("could not move due scheduled jobs; retrying")
    try:
        mover.release_locks()
    except RedisError:
        pass


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
