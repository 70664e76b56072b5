"""Login, logout, company sign-up and password change; Flask-Login wiring."""
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy.orm import joinedload

from forms.auth import LoginForm, PasswordChangeForm, SignupForm
from models import User
from portal import accounts
from portal.extensions import limiter, login_manager
from portal.i18n import N_

bp = Blueprint("auth", __name__)


def init_app(app) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = N_("로그인이 필요한 페이지입니다.")
    login_manager.localize_callback = _  # flashed in the reader's language
    login_manager.login_message_category = "warning"
    app.register_blueprint(bp)


@login_manager.user_loader
def load_user(token: str):
    """Every request re-reads 접속승인 and the company state, so revocation acts at once: one query for both."""
    user = User.query.options(joinedload(User.tenant)).filter_by(session_token=token).first()
    if user is None or not user.can_sign_in:
        return None
    return user


def _safe_next(default: str) -> str:
    target = request.args.get("next") or ""
    parts = urlsplit(target)
    if target.startswith("/") and not target.startswith("//") and not parts.netloc:
        return target
    return default


def _home() -> str:
    if current_user.is_authenticated and current_user.is_support:
        return url_for("admin.index")
    return url_for("web.dashboard")


def _address_and_account() -> str:
    """Failed sign-ins are slowed per address and login id: a stranger elsewhere never locks an
    account out, and an unknown id is slowed exactly like a real one (no id is revealed)."""
    return f"{get_remote_address()}|{(request.form.get('login_id') or '').strip().lower()}"


TOO_MANY = N_("로그인 시도가 너무 많습니다. 잠시 후 다시 시도해 주세요.")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"], error_message=lambda: _(TOO_MANY))
@limiter.limit(lambda: current_app.config["LOGIN_FAILURE_LIMIT"], methods=["POST"], error_message=lambda: _(TOO_MANY),
               key_func=_address_and_account, deduct_when=lambda response: response.status_code == 401)
def login():
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = accounts.sign_in(form.login_id.data.strip(), form.password.data)
        except accounts.SignInRefused as refused:
            flash(str(refused), "error")
            return render_template("auth/login.html", form=form), 401
        login_user(user, remember=form.remember.data)
        if user.must_change_password:
            flash(_("임시 비밀번호로 로그인했습니다. 본인 비밀번호로 변경해 주세요."), "warning")
            return redirect(url_for("auth.password"))
        return redirect(_safe_next(_home()))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    accounts.sign_out(current_user)
    logout_user()
    flash(_("로그아웃되었습니다."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/signup", methods=["GET", "POST"])
def signup():
    form = SignupForm()
    if form.validate_on_submit():
        try:
            accounts.sign_up(form)
        except accounts.SignInRefused:
            return render_template("auth/signup.html", form=form), 400
        flash(_("가입 신청이 완료되었습니다. 지원센터의 승인 후 로그인할 수 있습니다."), "success")
        return redirect(url_for("auth.login"))
    status = 400 if request.method == "POST" else 200
    return render_template("auth/signup.html", form=form), status


@bp.route("/password", methods=["GET", "POST"])
@login_required
def password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        try:
            accounts.change_password(current_user, form.current.data, form.new.data)
        except accounts.SignInRefused as refused:
            form.current.errors.append(str(refused))
            return render_template("auth/password.html", form=form), 400
        login_user(current_user._get_current_object())  # keep this browser, drop the others
        flash(_("비밀번호가 변경되었습니다. 다른 곳의 로그인은 모두 종료되었습니다."), "success")
        return redirect(_home())
    status = 400 if request.method == "POST" else 200
    return render_template("auth/password.html", form=form), status
