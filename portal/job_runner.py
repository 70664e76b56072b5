"""Running one JobRun: in its starter's language, with start and end lines, every failure ending 실패."""
import importlib
import logging
import traceback

from flask import current_app, g, has_app_context
from flask_babel import gettext, refresh
from sqlalchemy.exc import DBAPIError

from models import JobRun, User
from models.base import utcnow
from models.jobrun import DONE, FAILED, RUNNING
from portal.extensions import db
from portal.job_progress import Progress, Refused

log = logging.getLogger(__name__)

worker_name: str | None = None  # this process's RQ worker (set by portal.workers), recorded on its runs


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
    run.status, run.started_at, run.worker = RUNNING, utcnow(), worker_name
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
