"""`flask portal ...`: init, demo, up, worker, scheduler and create-support-user."""
import atexit
import os
import secrets
import subprocess
import sys

import click
from cryptography.fernet import Fernet
from flask import current_app
from flask.cli import AppGroup

from models import User
from portal.extensions import db

portal_cli = AppGroup("portal", help="셀러 포털 관리 명령")


def init_app(app) -> None:
    app.cli.add_command(portal_cli)


def _ensure_instance_config(app) -> None:
    """First run only: a random SECRET_KEY and a Fernet key, kept in instance/, never in the DB."""
    os.makedirs(app.instance_path, exist_ok=True)
    path = os.path.join(app.instance_path, "portal.cfg")
    if not os.path.exists(path):
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(f"SECRET_KEY = {secrets.token_urlsafe(48)!r}\n")
            fh.write(f"ENCRYPTION_KEYS = [{Fernet.generate_key().decode()!r}]\n")
        os.chmod(path, 0o600)
    app.config.from_pyfile(path)


@portal_cli.command("init")
def init_command():
    """Create or upgrade the schema with the migrations."""
    from flask_migrate import upgrade

    _ensure_instance_config(current_app)
    upgrade()
    click.echo("데이터베이스 스키마를 최신으로 맞췄습니다.")


@portal_cli.command("demo")
def demo_command():
    """Load the demo seller and print its logins."""
    from portal.demo import load_demo

    _print_logins(load_demo())


def _print_logins(logins) -> None:
    click.echo("\n데모 로그인 정보")
    for login_id, password, role in logins:
        click.echo(f"  {role:<12} 아이디 {login_id:<12} 비밀번호 {password}")


@portal_cli.command("create-support-user")
@click.option("--login-id", prompt="아이디")
@click.option("--name", prompt="이름")
@click.password_option("--password", prompt="비밀번호")
def create_support_user(login_id, name, password):
    """Make a support-center account (the first one is made this way)."""
    from forms.validators import LOGIN_ID_RE

    if not LOGIN_ID_RE.fullmatch(login_id):
        raise click.UsageError("아이디는 영문/숫자만 가능하며 6~20자 이내로 입력해 주세요.")
    if User.query.filter_by(login_id=login_id).first():
        raise click.UsageError("이미 사용 중인 아이디입니다.")
    user = User(login_id=login_id, name=name, is_support=True, access_approved=True)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    click.echo(f"지원센터 계정 {login_id}을(를) 만들었습니다.")


@portal_cli.command("worker")
@click.argument("queues", nargs=-1)
@click.option("--burst", is_flag=True, help="큐가 비면 종료")
def worker_command(queues, burst):
    """Run an RQ worker for the given queues (all when none given) in the app context."""
    from portal.queues import run_worker

    run_worker(current_app._get_current_object(), list(queues) or None, burst=burst)


@portal_cli.command("scheduler")
@click.option("--once", is_flag=True, help="한 번만 확인하고 종료")
def scheduler_command(once):
    """Fire the menus' periodic schedules (e.g. order collection every 15 minutes)."""
    from portal.scheduling import run_scheduler

    run_scheduler(current_app._get_current_object(), once=once)


def _spawn(args: list[str], env: dict | None = None) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "flask", *args], env={**os.environ, **(env or {})})
    atexit.register(proc.terminate)
    return proc


@portal_cli.command("up")
@click.option("--host", default="127.0.0.1")
@click.option("--port", default=5000, type=int)
@click.option("--sandbox-port", default=5001, type=int)
def up_command(host, port, sandbox_port):
    """One command for a fresh checkout: migrate, load demo data, start sandbox + worker, serve."""
    from flask_migrate import upgrade

    from portal.demo import load_demo
    from portal.queues import redis_connection

    app = current_app._get_current_object()
    _ensure_instance_config(app)
    upgrade()
    sandbox_url = f"http://127.0.0.1:{sandbox_port}"
    os.environ["PORTAL_SANDBOX_URL"] = sandbox_url  # the worker started below inherits it
    app.config["SANDBOX_URL"] = sandbox_url
    logins = load_demo()
    if _sandbox_available():
        _spawn(["--app", "sandbox", "sandbox", "seed-demo"]).wait()
        _spawn(["--app", "sandbox", "run", "--port", str(sandbox_port)])
        click.echo(f"샌드박스 제휴몰: {sandbox_url}")
    if redis_connection(app) is not None:
        _spawn(["--app", "wsgi", "portal", "worker"])
        _spawn(["--app", "wsgi", "portal", "scheduler"])
        click.echo("Redis 연결됨: 작업은 RQ 워커가 처리합니다.")
    else:
        click.echo("Redis에 연결할 수 없어 작업을 웹 프로세스 안에서 실행합니다.")
    _print_logins(logins)
    click.echo(f"\n셀러 포털: http://{host}:{port}/   지원센터: http://{host}:{port}/support-admin/\n")
    from werkzeug.serving import run_simple

    run_simple(host, port, app, threaded=True, use_reloader=False)


def _sandbox_available() -> bool:
    try:
        import sandbox
    except ImportError:
        return False
    return hasattr(sandbox, "create_app")
