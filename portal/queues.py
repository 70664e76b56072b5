"""Putting work on queues: purpose-named RQ queues, enqueue() with its in-process fallback, Redis keys.

Running a job lives in portal.job_runner, what a job writes in portal.job_progress, worker
processes and abandoned runs in portal.workers.
"""
import threading

from flask import current_app, has_request_context, request
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue

from models import JobRun
from portal.extensions import db
from portal.i18n import N_
from portal.job_progress import Progress, Refused, job_files_dir  # noqa: F401  (jobs import them from here)
from portal.job_runner import _execute_in_app, execute

# Purpose-named queues: marketplace calls never wait behind a 10,000-row Excel import.
QUEUES = {
    "channel": N_("제휴몰 연동 (주문수집, 송장전송, 상품연동)"),
    "imports": N_("엑셀 대량등록"),
    "exports": N_("엑셀 다운로드, 보고서"),
    "default": N_("기타"),
}


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


def wait_inline_jobs(app, timeout: float = 30) -> None:
    """Let in-process jobs finish (used at shutdown and by tests of the fallback)."""
    for thread in app.extensions.get("inline_jobs", []):
        thread.join(timeout)
    app.extensions["inline_jobs"] = []
