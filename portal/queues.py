"""Background jobs: purpose-named queues, enqueue(), JobRun progress helpers, in-process fallback."""
import importlib
import logging
import os
import threading
import traceback
import uuid

from flask import current_app, g, has_app_context, has_request_context, request
from flask_babel import gettext, refresh
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue
from sqlalchemy.exc import DBAPIError

from models import JobLine, JobRun, User
from models.base import utcnow
from models.jobrun import DONE, FAILED, QUEUED, RUNNING
from portal.extensions import db
from portal.i18n import N_

log = logging.getLogger(__name__)

# Purpose-named queues: marketplace calls never wait behind a 10,000-row Excel import, and what a seller
# starts (송장전송, 상품연동, 재고연동, 수동 주문수집) never waits behind a cycle's scheduled collections.
QUEUES = {
    "channel": N_("제휴몰 연동 (송장전송, 상품연동, 재고연동, 수동 수집)"),
    "imports": N_("엑셀 대량등록"),
    "exports": N_("엑셀 다운로드, 보고서"),
    "default": N_("기타"),
    "collect": N_("자동수집 (주문·클레임, 문의, 공지; 스케줄러가 등록)"),
}
# What the scheduler's collections go on. A worker serving every queue takes them last (RQ asks its queues
# in order); `portal worker collect` processes serve them alone, beside a few `portal worker channel`.
COLLECT_QUEUE = "collect"


class Refused(Exception):
    """A job that cannot do its work (an unreadable file, a missing column): the run ends as 실패 and its
    Korean reason is shown as it is."""


class Progress:
    """What a job function receives: narrate with log(), count items with step()."""

    def __init__(self, run: JobRun):
        self.run = run

    @property
    def id(self) -> int:
        return self.run.id

    def log(self, text: str, level: str = "info") -> None:
        db.session.add(JobLine(run_id=self.run.id, text=text, level=level))
        db.session.commit()

    def set_total(self, total: int) -> None:
        self.run.total = total
        db.session.commit()

    def step(self, text: str, ok: bool = True) -> None:
        """One item finished: counts move and a success/failure line appears."""
        self.run.done_count += 1
        if ok:
            self.run.ok_count += 1
        else:
            self.run.fail_count += 1
        self.log(text, "ok" if ok else "fail")

    def output_path(self, suffix: str) -> str:
        """Where the job writes its result file (per tenant, outside the web root)."""
        folder = os.path.join(job_files_dir(), str(self.run.tenant_id or 0))
        os.makedirs(folder, exist_ok=True)
        return os.path.join(folder, f"run-{self.run.id}{suffix}")

    def attach_file(self, path: str, download_name: str) -> None:
        """Offer the file in the progress window and the job history."""
        self.run.result_file = os.path.basename(path)
        self.run.result_name = download_name
        db.session.commit()


def job_files_dir(app=None) -> str:
    app = app or current_app
    return app.config.get("JOB_FILES_DIR") or os.path.join(app.instance_path, "job-files")


def redis_connection(app=None) -> Redis | None:
    """A Redis connection if the server answers now, else None (never at import time)."""
    app = app or current_app
    mode = app.config["JOBS_MODE"]
    if mode == "inline":
        return None
    conn = Redis.from_url(app.config["REDIS_URL"], socket_connect_timeout=0.5)
    try:
        conn.ping()
    except RedisError:
        if mode == "rq":
            raise
        return None
    return conn


def redis_key(name: str, app=None) -> str:
    """A Redis key (or RQ job/worker name) of this installation: QUEUE_PREFIX keeps installations
    sharing one Redis from reading or overwriting each other's keys."""
    app = app or current_app
    return f"{app.config['QUEUE_PREFIX']}{name}"


def job_id(run_id: int, app=None) -> str:
    return redis_key(f"jobrun-{run_id}", app)


FROM_PAGE = object()  # enqueue(duty=...): the duty of the page handling this request


def duty_text(duty) -> str | None:
    """A duty as JobRun.duty stores it."""
    if duty is None:
        return "*"
    names = (duty,) if isinstance(duty, str) else tuple(duty)
    return "," + ",".join(names) + ","


def _page_duty():
    if not has_request_context():
        return None
    plugin = current_app.extensions.get("menus", {}).get(request.blueprint or "")
    return duty_text(plugin.duty_for(request.endpoint)) if plugin else None


def enqueue(func, *, kind: str, tenant_id=None, user_id=None, queue: str = "default",
            duty=FROM_PAGE, **kwargs) -> JobRun:
    """Record a JobRun and run `func(progress, **kwargs)` on RQ, or in-process without Redis.

    kwargs must be ids and primitives: never ORM objects and never decrypted secrets.
    A tenant's job receives its tenant_id too, so every query inside can be scoped.
    Staff holding `duty` (by default the duty of the page starting it) may open the run too.
    """
    if tenant_id is not None:
        kwargs["tenant_id"] = tenant_id
    if queue not in QUEUES:
        raise ValueError(f"unknown queue {queue}")
    func_path = f"{func.__module__}.{func.__qualname__}"
    run = JobRun(kind=kind, func=func_path, queue=queue, tenant_id=tenant_id,
                 started_by_id=user_id, duty=_page_duty() if duty is FROM_PAGE else duty_text(duty))
    db.session.add(run)
    db.session.commit()
    conn = redis_connection()
    if conn is not None:
        rq_queue(queue, conn).enqueue(
            execute, run.id, func_path, kwargs, job_id=job_id(run.id),
            job_timeout=current_app.config.get("JOB_TIMEOUT", 3600), result_ttl=3600)
    else:
        app = current_app._get_current_object()
        thread = threading.Thread(target=_execute_in_app, args=(app, run.id, func_path, kwargs),
                                  name=f"jobrun-{run.id}", daemon=True)
        thread.start()
        app.extensions.setdefault("inline_jobs", []).append(thread)
    return run


def rq_queue(name: str, conn: Redis, app=None) -> Queue:
    """The RQ queue of a purpose; QUEUE_PREFIX keeps installations sharing one Redis apart."""
    app = app or current_app
    return Queue(f"{app.config['QUEUE_PREFIX']}{name}", connection=conn)


def _execute_in_app(app, run_id, func_path, kwargs) -> None:
    with app.app_context():
        execute(run_id, func_path, kwargs)


def _resolve(func_path: str):
    module_name, _, name = func_path.rpartition(".")
    return getattr(importlib.import_module(module_name), name)


def execute(run_id: int, func_path: str, kwargs: dict) -> None:
    """Run one JobRun; the RQ worker calls this inside the app context the CLI pushed."""
    if not has_app_context():  # a worker started outside `flask portal worker`
        from portal import create_app

        with create_app().app_context():
            return execute(run_id, func_path, kwargs)
    run = db.session.get(JobRun, run_id)
    if run is None or run.finished:
        return  # a redelivered job that already ran changes nothing
    run.status, run.started_at, run.worker = RUNNING, utcnow(), _worker_name
    db.session.commit()
    _speak_as_starter(run)
    try:
        _run(run, run_id, func_path, kwargs)
    finally:
        g.pop("job_locale", None)
        refresh()


def _speak_as_starter(run: JobRun) -> None:
    """Log lines and messages of this job in the 표시언어 of whoever started it (Korean if nobody).

    The lines are stored as written: a job started by an English reader keeps English lines.
    """
    starter = db.session.get(User, run.started_by_id) if run.started_by_id else None
    g.job_locale = starter.locale if starter and starter.locale in current_app.config["LANGUAGES"] else None
    refresh()  # forget the language the previous job on this worker spoke


def _run(run: JobRun, run_id: int, func_path: str, kwargs: dict) -> None:
    progress = Progress(run)
    progress.log(gettext("[시작] %(kind)s 작업을 시작합니다.", kind=gettext(run.kind)))
    try:
        try:
            _resolve(func_path)(progress, **kwargs)
        except DBAPIError as exc:
            if not exc.connection_invalidated:
                raise
            # The database dropped the connection: the pool replaces it, and the job (idempotent)
            # runs once more from the start.
            log.warning("job %s (%s): database connection lost, running it once more", run_id, func_path)
            db.session.rollback()
            progress = Progress(db.session.get(JobRun, run_id))
            progress.log(gettext("[재시도] 데이터베이스 연결이 끊어져 작업을 한 번 더 실행합니다."), "error")
            _resolve(func_path)(progress, **kwargs)
    except Refused as exc:
        db.session.rollback()
        run = db.session.get(JobRun, run_id)
        progress = Progress(run)
        progress.log(str(exc), "error")
        run.status = FAILED
    except Exception as exc:  # a job failure is shown to the user, not raised into RQ
        db.session.rollback()
        log.error("job %s (%s) failed:\n%s", run_id, func_path, traceback.format_exc())
        run = db.session.get(JobRun, run_id)
        progress = Progress(run)
        # The exception's own text may quote a library's internals or a secret: the log keeps it
        # beside the job id, the seller reads our sentence.
        if isinstance(exc, DBAPIError):
            text = gettext("[오류] 데이터베이스 연결이 끊어져 작업을 마치지 못했습니다. 잠시 후 다시 실행해 "
                           "주시고, 같은 문제가 계속되면 지원센터에 작업번호 %(run_id)s를 알려 주세요.", run_id=run_id)
        else:
            text = gettext("[오류] 작업 중 예기치 않은 오류가 발생해 작업을 마치지 못했습니다. 잠시 후 다시 "
                           "실행해 주시고, 같은 문제가 계속되면 지원센터에 작업번호 %(run_id)s를 알려 주세요.",
                           run_id=run_id)
        progress.log(text, "error")
        run.status = FAILED
    else:
        run.status = DONE
    run.finished_at = utcnow()
    summary = (gettext("성공 %(ok)s건, 실패 %(failed)s건", ok=run.ok_count, failed=run.fail_count)
               if run.done_count else "")
    progress.log(gettext("[종료] %(kind)s 작업을 종료합니다. %(summary)s", kind=gettext(run.kind),
                         summary=summary).rstrip())
    db.session.commit()


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
                               text="[오류] 작업을 실행하던 작업자가 중단되어 작업이 끝나지 않았습니다. "
                                    "다시 실행해 주세요."))
        run.status, run.finished_at = FAILED, utcnow()
    db.session.commit()
    for run in stale:
        run_abandoned.send(app, run_id=run.id)
    return len(stale)


def wait_inline_jobs(app, timeout: float = 30) -> None:
    """Let in-process jobs finish (used at shutdown and by tests of the fallback)."""
    for thread in app.extensions.get("inline_jobs", []):
        thread.join(timeout)
    app.extensions["inline_jobs"] = []


def run_worker(app, queues: list[str] | None = None, burst: bool = False) -> None:
    """`flask portal worker`: one RQ worker process for the given queues, in the app context."""
    from rq import SimpleWorker

    global _worker_name
    conn = redis_connection(app)
    if conn is None:
        raise RuntimeError("Redis에 연결할 수 없습니다: " + app.config["REDIS_URL"])
    names = queues or list(QUEUES)
    # SimpleWorker runs jobs in this process, inside the app context the CLI pushed, so
    # database connections are never shared across a fork.
    _worker_name = redis_key(uuid.uuid4().hex, app)
    worker = SimpleWorker([rq_queue(n, conn, app) for n in names], connection=conn, name=_worker_name)
    stop = threading.Event()
    beat = threading.Thread(target=_heartbeat, args=(app, conn, _worker_name, stop), daemon=True,
                            name="worker-heartbeat")
    beat.start()
    try:
        worker.work(burst=burst, with_scheduler=False)
    finally:
        stop.set()
        conn.delete(redis_key(f"alive:{_worker_name}", app))
        _worker_name = None


_worker_name: str | None = None  # this process's RQ worker, recorded on the runs it executes


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
