"""작업내역: job history, the progress window's JSON feed, and result-file downloads."""
import os

from flask import Blueprint, abort, current_app, render_template, request, send_file
from flask_login import current_user, login_required

from models import JobLine, JobRun
from models.jobrun import STATUS_LABELS
from portal.queues import job_files_dir
from portal.tenancy import current_tenant, get_owned_or_404, tenant_query
from portal.web import kst

bp = Blueprint("jobs", __name__, url_prefix="/jobs")


@bp.before_request
@login_required
def _signed_in():
    if current_user.must_change_password:
        abort(403)


@bp.get("/")
def history():
    page = request.args.get("page", 1, type=int)
    query = tenant_query(JobRun).order_by(JobRun.id.desc())
    kind = request.args.get("kind", "").strip()
    if kind:
        query = query.filter(JobRun.kind.contains(kind))
    if not current_user.is_master:
        query = query.filter(JobRun.started_by_id == current_user.id)
    status = request.args.get("status", "")
    if status in STATUS_LABELS:
        query = query.filter(JobRun.status == status)
    runs = query.paginate(page=page, per_page=current_app.config["PAGE_SIZE"], error_out=False)
    return render_template("jobs/history.html", runs=runs, kind=kind, statuses=STATUS_LABELS)


@bp.get("/<int:run_id>")
def show(run_id: int):
    run = get_owned_or_404(JobRun, run_id)
    return render_template("jobs/show.html", run=run)


@bp.get("/<int:run_id>.json")
def progress(run_id: int):
    """Polled by the progress window: status, counts and the lines after `after`."""
    run = get_owned_or_404(JobRun, run_id)
    after = request.args.get("after", 0, type=int)
    lines = run.lines.filter(JobLine.id > after).order_by(JobLine.id).limit(500).all()
    return {
        "id": run.id, "kind": run.kind, "status": run.status, "status_label": run.status_label,
        "finished": run.finished, "percent": run.percent, "total": run.total,
        "done": run.done_count, "ok": run.ok_count, "failed": run.fail_count,
        "file": bool(run.result_file), "file_name": run.result_name or "",
        "lines": [{"id": ln.id, "at": kst(ln.at, "%H:%M:%S"), "level": ln.level, "text": ln.text}
                  for ln in lines],
    }


@bp.get("/<int:run_id>/file")
def download(run_id: int):
    run = get_owned_or_404(JobRun, run_id)
    if not run.result_file:
        abort(404)
    base = os.path.realpath(os.path.join(job_files_dir(), str(current_tenant().id)))
    path = os.path.realpath(os.path.join(base, run.result_file))
    if not path.startswith(base + os.sep) or not os.path.exists(path):
        abort(404)
    return send_file(path, as_attachment=True, download_name=run.result_name)
