"""`flask portal ...`: init, demo, up, worker, scheduler and create-support-user."""
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time

import click
import requests
from cryptography.fernet import Fernet
from flask import current_app
from flask_babel import gettext as _
from flask.cli import AppGroup

from models import User
from portal.extensions import db
from portal.i18n import N_

portal_cli = AppGroup("portal", help=N_("셀러 포털 관리 명령"))
SANDBOX_WAIT_SECONDS = 30
STOP_WAIT_SECONDS = 10


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
    click.echo(_("데이터베이스 스키마를 최신으로 맞췄습니다."))


@portal_cli.command("demo")
def demo_command():
    """Load the demo seller and print its logins."""
    from portal.demo import load_demo

    _print_logins(load_demo())
    if not current_app.config.get("PUBLIC_BASE_URL"):
        click.echo(_("PORTAL_PUBLIC_BASE_URL이 없어 이미지를 주소로 받는 제휴몰(쿠팡, 11번가 등)의 데모 상품은 "
                     "이미지를 보낼 수 없어 연동실패로 남습니다. portal up은 자신의 주소를 씁니다."))


def _print_logins(logins) -> None:
    click.echo("\n" + _("데모 로그인 정보"))
    for login_id, password, role in logins:
        click.echo("  " + _("%(role)s 아이디 %(login_id)s 비밀번호 %(password)s", role=_(role).ljust(12),
                                login_id=login_id.ljust(12), password=password))


@portal_cli.command("create-support-user")
@click.option("--login-id", prompt=N_("아이디"))
@click.option("--name", prompt=N_("이름"))
@click.password_option("--password", prompt=N_("비밀번호"))
def create_support_user(login_id, name, password):
    """Make a support-center account (the first one is made this way)."""
    from forms.validators import LOGIN_ID_RE

    if not LOGIN_ID_RE.fullmatch(login_id):
        raise click.UsageError(_("아이디는 영문/숫자만 가능하며 6~20자 이내로 입력해 주세요."))
    if User.query.filter_by(login_id=login_id).first():
        raise click.UsageError(_("이미 사용 중인 아이디입니다."))
    user = User(login_id=login_id, name=name, is_support=True, access_approved=True)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    click.echo(_("지원센터 계정 %(login_id)s을(를) 만들었습니다.", login_id=login_id))


@portal_cli.command("worker")
@click.argument("queues", nargs=-1)
@click.option("--burst", is_flag=True, help=N_("큐가 비면 종료"))
def worker_command(queues, burst):
    """Run an RQ worker for the given queues (all when none given, the scheduler's `collect` last) in the
    app context: e.g. `portal worker channel` for what sellers start, `portal worker collect` for 자동수집."""
    from portal.queues import QUEUES
    from portal.rq_worker import run_worker

    unknown = [name for name in queues if name not in QUEUES]
    if unknown:
        raise click.UsageError(_("알 수 없는 큐입니다: %(unknown)s (사용 가능: %(known)s)",
                                         unknown=", ".join(unknown), known=", ".join(QUEUES)))
    run_worker(current_app._get_current_object(), list(queues) or None, burst=burst)


@portal_cli.command("scheduler")
@click.option("--once", is_flag=True, help=N_("한 번만 확인하고 종료"))
def scheduler_command(once):
    """Fire the menus' periodic schedules (e.g. order collection every 15 minutes)."""
    from portal.scheduling import SchedulerRunning, run_scheduler

    signal.signal(signal.SIGTERM, signal.default_int_handler)  # `kill` frees the one-scheduler lock too
    try:
        run_scheduler(current_app._get_current_object(), once=once)
    except SchedulerRunning as exc:
        raise click.ClickException(str(exc)) from None
    except KeyboardInterrupt:
        click.echo(_("스케줄러를 종료합니다."))


def _spawn(args: list[str], env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "flask", *args], env={**os.environ, **(env or {})})


def _port_taken(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return True
    return False


def _start_sandbox(app, port: int, children: list) -> bool:
    """The sandbox marketplace as its own process; True once it answers, so the demo can link."""
    env = {"SANDBOX_DATABASE": os.environ.get("SANDBOX_DATABASE")
           or os.path.join(app.instance_path, "sandbox.sqlite")}
    if _spawn(["--app", "sandbox", "sandbox", "seed-demo"], env).wait() != 0:
        click.echo(_("샌드박스 제휴몰을 준비하지 못했습니다. 데모 판매상품은 연동대기로 남습니다."), err=True)
        return False
    proc = _spawn(["--app", "sandbox", "run", "--port", str(port)], env)
    children.append(proc)
    url = f"{app.config['SANDBOX_URL']}/_ops/api/clock"
    deadline = time.monotonic() + SANDBOX_WAIT_SECONDS
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            requests.get(url, timeout=1).raise_for_status()
            return True
        except requests.RequestException:
            time.sleep(0.2)
    click.echo(_("샌드박스 제휴몰이 응답하지 않습니다. 데모 판매상품은 연동대기로 남습니다."), err=True)
    return False


def _stop(children: list) -> None:
    """Stop the sandbox, the worker and the scheduler with the portal; kill what does not stop."""
    for proc in children:
        if proc.poll() is None:
            proc.terminate()
    for proc in children:
        try:
            proc.wait(STOP_WAIT_SECONDS)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _ensure_cjk_font() -> None:
    """배송관리 documents print Korean, Japanese and Chinese in Noto Sans CJK (Debian fonts-noto-cjk):
    installed here when missing and this is a Debian machine run as root, else the seller is told."""
    from portal.services import pdf

    if pdf.font_available():
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        click.echo(_("팩킹리스트·라벨 인쇄용 글꼴(fonts-noto-cjk)을 설치합니다."))
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "fonts-noto-cjk"], check=False, env=env)
        pdf.cjk_font.cache_clear()
    if not pdf.font_available():
        click.echo(_("인쇄용 글꼴(Noto Sans CJK)이 없어 팩킹리스트·라벨을 출력할 수 없습니다. "
                     "fonts-noto-cjk 패키지를 설치하거나 PORTAL_CJK_FONT에 글꼴 파일을 지정해 주세요."), err=True)


@portal_cli.command("up")
@click.option("--host", default="127.0.0.1", show_default=True, help=N_("포털이 받을 주소 (외부 접속 허용: 0.0.0.0)"))
@click.option("--port", default=5000, type=int, show_default=True, help=N_("포털 포트"))
@click.option("--sandbox-port", default=5001, type=int, show_default=True, help=N_("샌드박스 제휴몰 포트"))
def up_command(host, port, sandbox_port):
    """One command for a fresh checkout: migrate, start the sandbox, load demo data, worker, serve."""
    from flask_migrate import upgrade

    from portal.demo import load_demo
    from portal.queues import redis_connection

    app = current_app._get_current_object()
    for bind, taken in ((host, port), ("127.0.0.1", sandbox_port)):
        if _port_taken(bind, taken):
            raise click.ClickException(_("%(port)s번 포트를 이미 다른 프로그램이 쓰고 있습니다. 실행 중인 portal up을 "
                                         "끝내거나 --port / --sandbox-port로 다른 포트를 지정해 주세요.", port=taken))
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # `kill` stops everything, as Ctrl+C does
    children: list[subprocess.Popen] = []
    try:
        _ensure_instance_config(app)
        _ensure_cjk_font()
        upgrade()
        sandbox_url = f"http://127.0.0.1:{sandbox_port}"
        os.environ["PORTAL_SANDBOX_URL"] = sandbox_url  # the worker started below inherits it
        app.config["SANDBOX_URL"] = sandbox_url
        if not app.config.get("PUBLIC_BASE_URL"):
            # The sandbox runs beside the portal: it reaches the product images at the portal's own address.
            public = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}"
            os.environ["PORTAL_PUBLIC_BASE_URL"] = app.config["PUBLIC_BASE_URL"] = public
        if _start_sandbox(app, sandbox_port, children):
            click.echo(_("샌드박스 제휴몰: %(url)s", url=sandbox_url))
        logins = load_demo()
        if redis_connection(app) is not None:
            # One worker for what sellers start (every queue, the scheduler's collections last) and one for
            # 자동수집 alone: a 송장전송 never waits behind a cycle's collections.
            children.append(_spawn(["--app", "wsgi", "portal", "worker"]))
            children.append(_spawn(["--app", "wsgi", "portal", "worker", "collect"]))
            children.append(_spawn(["--app", "wsgi", "portal", "scheduler"]))
            click.echo(_("Redis 연결됨: 작업은 RQ 워커 2개(셀러 작업용, 자동수집용)가, 주문서 자동 수집 등록은 "
                         "스케줄러가 처리합니다."))
        else:
            click.echo(_("Redis에 연결할 수 없어 작업을 웹 프로세스 안에서 실행합니다. 주문서 자동 수집은 꺼져 있습니다."))
        _print_logins(logins)
        portal_url = f"http://{host}:{port}/"
        click.echo("\n" + _("셀러 포털: %(portal)s   지원센터: %(support)s", portal=portal_url,
                             support=portal_url + "support-admin/") + "\n")
        from werkzeug.serving import run_simple

        run_simple(host, port, app, threaded=True, use_reloader=False)
    except KeyboardInterrupt:
        pass
    finally:
        _stop(children)
