"""App-wide pages and template helpers: dashboard, language, KST dates, error pages."""
from datetime import timezone
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from flask import (
    Blueprint, abort, current_app, g, has_request_context, jsonify, redirect, render_template, request,
    session, url_for,
)
from flask_babel import gettext as _
from flask_babel import get_locale
from flask_login import current_user, login_required
from sqlalchemy.exc import DataError

from portal.extensions import babel, db
from portal.i18n import N_

KST = ZoneInfo("Asia/Seoul")
bp = Blueprint("web", __name__)


def job_response(runs):
    """202 with the started job (or jobs): the page opens the live progress window on it."""
    runs = runs if isinstance(runs, list) else [runs]
    return jsonify(job=runs[0].id, job_url=url_for("jobs.progress", run_id=runs[0].id),
                   jobs=[{"id": r.id, "kind": r.kind, "job_url": url_for("jobs.progress", run_id=r.id)}
                         for r in runs]), 202


def refused(error: Exception):
    """400 with a rule's Korean message, for pages that post through fetch."""
    return jsonify(error=str(error)), 400


def init_app(app) -> None:
    babel.init_app(app, locale_selector=select_locale, default_translation_directories="translations")
    app.register_blueprint(bp)
    app.jinja_env.filters["kst"] = kst
    app.jinja_env.filters["reject_page"] = lambda args: {k: v for k, v in args.items() if k != "page"}
    app.context_processor(lambda: {"current_locale": str(get_locale() or "ko")})
    for code in (400, 403, 404, 413, 429, 500):
        app.register_error_handler(code, _error_page)
    app.before_request(_refuse_nul_bytes)
    app.register_error_handler(DataError, _out_of_range)
    app.register_error_handler(OverflowError, _out_of_range)


MSG_NUL = N_("입력값에 사용할 수 없는 문자(NUL)가 들어 있습니다. 해당 항목을 다시 입력해 주세요.")
MSG_RANGE = N_("입력한 값이 저장할 수 있는 범위를 벗어났습니다. 숫자의 크기와 글자 수를 확인해 주세요.")


def _refuse_nul_bytes():
    """A NUL byte in any submitted value is refused with a message (no database stores it)."""
    if request.method != "POST":
        return None
    if any("\x00" in key or "\x00" in value for key, value in request.form.items(multi=True)):
        return _refusal(_(MSG_NUL))
    return None


def _out_of_range(error):
    """A number or text the column cannot hold (PostgreSQL's DataError, SQLite's overflow)."""
    db.session.rollback()
    return _refusal(_(MSG_RANGE))


def _refusal(message: str):
    if request.accept_mimetypes.best == "application/json":
        return {"error": message}, 400
    return render_template("error.html", code=400, message=message, detail=""), 400


def select_locale() -> str:
    """Per user: the account's 표시언어, else this browser's choice, else Korean.

    Outside a request (a job on the worker) the language is the one the job's starter reads
    (`g.job_locale`, set by portal.job_runner.execute), else the default, Korean.
    """
    languages = list(current_app.config["LANGUAGES"])
    if not has_request_context():
        return g.get("job_locale") or current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user and current_user.is_authenticated:
        return current_user.locale
    if session.get("locale") in languages:
        return session["locale"]
    return request.accept_languages.best_match(languages) or "ko"


def kst(value, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """Stored naive-UTC datetimes shown in Korea Standard Time."""
    if value is None:
        return ""
    return value.replace(tzinfo=timezone.utc).astimezone(KST).strftime(fmt)


ERROR_TEXT = {
    400: N_("요청을 처리할 수 없습니다. 입력값을 확인해 주세요."),
    403: N_("이 페이지를 이용할 권한이 없습니다. 마스터계정 관리자에게 업무 지정을 요청해 주세요."),
    404: N_("페이지를 찾을 수 없습니다."),
    413: N_("파일이 너무 큽니다. 허용 크기를 확인해 주세요."),
    429: N_("요청이 너무 많습니다. 잠시 후 다시 시도해 주세요."),
    500: N_("일시적인 오류가 발생했습니다. 잠시 후 다시 시도해 주세요."),
}


def _error_page(error):
    code = getattr(error, "code", 500) or 500
    if code == 500:
        db.session.rollback()
    detail = getattr(error, "description", "") if code in (400, 429) else ""
    if code == 413:
        limit = request.max_content_length or current_app.config["MAX_CONTENT_LENGTH"]
        detail = _("한 번에 %(mb)sMB까지 올릴 수 있습니다. 파일을 나누어 올려 주세요.",
                   mb=format(limit // (1024 * 1024), ","))
    if request.accept_mimetypes.best == "application/json" or request.path.endswith(".json"):
        message = _(ERROR_TEXT[code]) if code in ERROR_TEXT else ""
        text = _("%(message)s %(detail)s", message=message, detail=detail) if code == 413 else message
        return {"error": text, "detail": str(detail)}, code
    message = _(ERROR_TEXT[code]) if code in ERROR_TEXT else ""
    return render_template("error.html", code=code, message=message,
                           detail=detail), code


@bp.get("/")
def index():
    if current_user.is_authenticated:
        if current_user.is_support:
            return redirect(url_for("admin.index"))
        return redirect(url_for("web.dashboard"))
    return redirect(url_for("auth.login"))


@bp.get("/dashboard")
@login_required
def dashboard():
    if current_user.tenant_id is None:
        abort(403)
    if current_user.must_change_password:
        return redirect(url_for("auth.password"))
    widgets = []
    for plugin in sorted(current_app.extensions["menus"].values(), key=lambda p: p.order):
        for make in plugin.dashboard_widgets:
            made = make(current_user)
            widgets.extend(made if isinstance(made, list) else [made] if made else [])
    return render_template("dashboard.html", tiles=[w for w in widgets if w.count is not None],
                           charts=[w for w in widgets if w.chart], notices=[
                               w for w in widgets if w.count is None and not w.chart])


@bp.post("/language/<code>")
def language(code: str):
    if code not in current_app.config["LANGUAGES"]:
        abort(404)
    session["locale"] = code
    if current_user.is_authenticated:
        current_user.locale = code
        db.session.commit()
    back = urlsplit(request.referrer or "")
    same_site = back.netloc in ("", request.host)
    return redirect(back.path if same_site and back.path.startswith("/") else url_for("web.index"))


@bp.get("/favicon.ico")
def favicon():
    """Browsers ask the site root for it, also on pages without the <link> (errors, the admin panel)."""
    return current_app.send_static_file("favicon.ico")


@bp.get("/healthz")
def health():
    return {"status": "ok"}
