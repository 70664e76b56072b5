"""Background jobs: purpose-named queues, enqueue(), running a run and its parts, in-process fallback.

What a job writes (Progress, Refused, its files) lives in portal.job_progress; worker processes in
portal.rq_worker.
"""
import importlib
import logging
import threading
import time
import traceback

from flask import current_app, g, has_app_context, has_request_context, request
from flask_babel import gettext, refresh
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue
from sqlalchemy.exc import DBAPIError

from models import JobRun, User
from models.base import utcnow
from models.jobrun import DONE, FAILED, RUNNING
from portal.extensions import db
from portal.i18n import N_
from portal.job_progress import Progress, Refused, job_files_dir  # noqa: F401  (jobs import them from here)

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


def execute(run_id: int, func_path: str, kwargs: dict, part: int = 0) -> None:
    """Run one JobRun (or, with `part`, the continuation a part of it asked for); the RQ worker calls this
    inside the app context the CLI pushed."""
    if not has_app_context():  # a worker started outside `flask portal worker`
        from portal import create_app

        with create_app().app_context():
            return execute(run_id, func_path, kwargs, part)
    while True:
        run = db.session.get(JobRun, run_id)
        if run is None or run.finished:
            return  # a redelivered job that already ran changes nothing
        if part:
            if run.status != RUNNING or not _claim_part(run_id, part):
                return  # this continuation ran already (or runs now) elsewhere
            run.worker = _worker_name
        else:
            run.status, run.started_at, run.worker = RUNNING, utcnow(), _worker_name
        db.session.commit()
        _speak_as_starter(run)
        try:
            later = _run(run, run_id, func_path, kwargs, part)
        finally:
            g.pop("job_locale", None)
            refresh()
        if later is None:
            return
        part += 1
        seconds, kwargs = later
        if _continue_on_rq(run_id, func_path, kwargs, part, seconds):
            return
        time.sleep(seconds)  # no Redis: the in-process thread waits and carries on itself


def _claim_part(run_id: int, part: int) -> bool:
    """True for the one execution of a continuation (never two, even if it is delivered twice)."""
    conn = redis_connection()
    if conn is None:
        return True
    return bool(conn.set(redis_key(f"jobrun-{run_id}:part-{part}"), "1", nx=True, ex=86400))


def continuation_key(run_id: int, app=None) -> str:
    """Redis key naming the RQ job a run waiting between its parts continues with."""
    return redis_key(f"jobrun-{run_id}:next", app)


def _continue_on_rq(run_id: int, func_path: str, kwargs: dict, part: int, seconds: float) -> bool:
    """The run waits in RQ's scheduled registry, held by no worker; any worker of its queue moves it onto
    the front of the queue when due (portal.rq_worker.move_due_jobs). False without Redis."""
    from datetime import timedelta

    from sqlalchemy import update

    conn = redis_connection()
    if conn is None:
        return False
    rq_id = f"{job_id(run_id)}-{part}"
    conn.set(continuation_key(run_id), rq_id, ex=int(seconds) + 3600)
    rq_queue(db.session.get(JobRun, run_id).queue, conn).enqueue_in(
        timedelta(seconds=seconds), execute, run_id, func_path, kwargs, part, job_id=rq_id,
        job_timeout=current_app.config.get("JOB_TIMEOUT", 3600), result_ttl=3600,
        at_front=True)  # once due, ahead of the backlog: a started run holds its account's lease
    # No longer this worker's (unless the continuation has already been taken by another one).
    db.session.execute(update(JobRun).where(JobRun.id == run_id, JobRun.worker == _worker_name)
                       .values(worker=None))
    db.session.commit()
    return True


def _speak_as_starter(run: JobRun) -> None:
    """Log lines and messages of this job in the 표시언어 of whoever started it (Korean if nobody).

    The lines are stored as written: a job started by an English reader keeps English lines.
    """
    starter = db.session.get(User, run.started_by_id) if run.started_by_id else None
    g.job_locale = starter.locale if starter and starter.locale in current_app.config["LANGUAGES"] else None
    refresh()  # forget the language the previous job on this worker spoke


def _run(run: JobRun, run_id: int, func_path: str, kwargs: dict, part: int = 0) -> tuple[float, dict] | None:
    """One part of the run; the continuation (seconds, kwargs) when the job asked to carry on later, else
    None once the run has ended 완료 or 실패."""
    progress = Progress(run)
    if not part:
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
        if progress.continuation is not None:
            db.session.commit()
            return progress.continuation
        run.status = DONE
    run.finished_at = utcnow()
    summary = (gettext("성공 %(ok)s건, 실패 %(failed)s건", ok=run.ok_count, failed=run.fail_count)
               if run.done_count else "")
    progress.log(gettext("[종료] %(kind)s 작업을 종료합니다. %(summary)s", kind=gettext(run.kind),
                         summary=summary).rstrip())
    db.session.commit()
    return None


def wait_inline_jobs(app, timeout: float = 30) -> None:
    """Let in-process jobs finish (used at shutdown and by tests of the fallback)."""
    for thread in app.extensions.get("inline_jobs", []):
        thread.join(timeout)
    app.extensions["inline_jobs"] = []


_worker_name: str | None = None  # this process's RQ worker (set by portal.rq_worker), recorded on its runs
