"""Fixtures: an app per test on SQLite or PostgreSQL (PORTAL_TEST_DATABASE_URL), users, auth."""
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from types import SimpleNamespace

import pytest
from flask import g
from flask.testing import FlaskClient
from redis import Redis
from sqlalchemy import create_engine, text

from models import Tenant, User
from portal import create_app
from portal.extensions import db
from portal.queues import wait_inline_jobs

pytest_plugins = ["tests.sandbox_server"] if os.path.exists(
    os.path.join(os.path.dirname(__file__), "sandbox_server.py")) else []

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PASSWORD = "Passw0rd!"
# Tests marked `redis` use this server (shared with other test runs: keys of their own, never a flush).
REDIS_URL = os.environ.get("PORTAL_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """One database per test session, its schema built by the migrations."""
    url = os.environ.get("PORTAL_TEST_DATABASE_URL")
    if url:
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'portal.sqlite'}"
    from flask_migrate import upgrade

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        upgrade(revision="heads")  # a branch in progress still builds; test_migrations insists on one head
        db.engine.dispose()
    return url


@pytest.fixture
def app_config(database_url, tmp_path):
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "JOBS_MODE": "inline",
        "JOB_FILES_DIR": str(tmp_path / "job-files"),
        "SUPPORT_FILES_DIR": str(tmp_path / "support-files"),
        "RATELIMIT_ENABLED": False,
        "SERVER_NAME": None,
        "CHANNEL_BACKOFF_BASE": 0,  # retries go at once: the sandbox's faults are scripted, not congestion
        # Where channels would reach the product images (the sandbox keeps the addresses, fetches none).
        "PUBLIC_BASE_URL": "http://portal.test",
    }


class RequestScopedClient(FlaskClient):
    """Each request sees the database and the signed-in user afresh, as on a real server.

    The app fixture keeps one app context open for the test's own queries; without this the
    requests would share its `g` (Flask-Login's cached user, Flask-Babel's cached language) and its
    identity map.
    """

    def open(self, *args, **kwargs):
        g.pop("_login_user", None)
        g.pop("_flask_babel", None)
        db.session.expire_all()
        return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def shared_app(database_url, tmp_path_factory):
    """One app for the whole run: building one per test was half the run's time. Its instance folder
    (uploaded images) is the run's own, not the checkout's: another run's files must not answer here."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "TESTING": True, "RATELIMIT_ENABLED": False})
    app.instance_path = str(tmp_path_factory.mktemp("instance"))
    app.test_client_class = RequestScopedClient
    return app


@pytest.fixture
def app(shared_app, app_config):
    """The shared app with this test's configuration (app_config and whatever the test sets); the
    configuration as it was and empty tables afterwards."""
    saved = dict(shared_app.config)
    shared_app.config.update(app_config)
    try:
        with shared_app.app_context():
            yield shared_app
            wait_inline_jobs(shared_app)
            db.session.remove()
            _empty_tables()
            db.engine.dispose()
    finally:
        shared_app.config.clear()
        shared_app.config.update(saved)


def _empty_tables():
    with db.engine.begin() as conn:
        for table in reversed(db.metadata.sorted_tables):
            conn.execute(table.delete())


@pytest.fixture
def client(app):
    return app.test_client()


def make_tenant(name="가나다상회", business_no="1248100998", status="approved") -> Tenant:
    tenant = Tenant(name=name, ceo_name="대표", business_no=business_no, email="a@example.com",
                    mobile="010-1111-2222", address="서울시 강서구", status=status)
    db.session.add(tenant)
    db.session.commit()
    return tenant


def make_user(login_id, tenant=None, *, master=False, support=False, duties=(), approved=True,
              must_change=False) -> User:
    user = User(login_id=login_id, name=login_id, tenant=tenant, is_master=master,
                is_support=support, access_approved=approved, must_change_password=must_change,
                email=f"{login_id}@example.com", mobile="010-0000-0000")
    user.duties = duties
    user.set_password(PASSWORD)
    db.session.add(user)
    db.session.commit()
    return user


@pytest.fixture
def seller(app):
    """Seller A: an approved company with its master account."""
    tenant = make_tenant()
    make_user("sellerAmaster", tenant, master=True)
    return tenant


@pytest.fixture
def staff(seller):
    """Seller A's staff account holding only 물류담당."""
    return make_user("sellerAstaff", seller, duties=["logistics"])


@pytest.fixture
def other_seller(app):
    tenant = make_tenant("라마바상점", "2208139938")
    make_user("sellerBmaster", tenant, master=True)
    return tenant


@pytest.fixture
def support(app):
    return make_user("support01", support=True)


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, login_id="sellerAmaster", password=PASSWORD, remember=False, client=None):
        data = {"login_id": login_id, "password": password}
        if remember:
            data["remember"] = "y"
        return (client or self._client).post("/login", data=data)

    def logout(self, client=None):
        return (client or self._client).post("/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


def csrf_token(client, url="/login") -> str:
    html = client.get(url).get_data(as_text=True)
    found = re.search(r'name="csrf[-_]token"[^>]*(?:content|value)="([^"]+)"', html)
    return found.group(1)


@pytest.fixture
def redis_space(app):
    """The test Redis and a key prefix of this test's own, set as the app's QUEUE_PREFIX; afterwards only the
    keys naming that prefix (queues, registries, schedule locks) and the RQ jobs of those queues are deleted.
    Redis is part of every test machine: no Redis is a failure, not a skip."""
    conn = Redis.from_url(REDIS_URL)
    conn.ping()
    prefix = f"test-{uuid.uuid4().hex[:10]}-"
    app.config.update(REDIS_URL=REDIS_URL, QUEUE_PREFIX=prefix)
    yield SimpleNamespace(url=REDIS_URL, conn=conn, prefix=prefix)
    mine = list(conn.scan_iter(f"*{prefix}*"))
    for key in conn.scan_iter("rq:job:*"):
        origin = conn.hget(key, "origin")
        if origin and origin.decode().startswith(prefix):
            mine.append(key)
    if mine:
        conn.delete(*mine)


@pytest.fixture
def rq_workers(app, database_url, redis_space):
    """Starts real RQ workers of the `channel` and `collect` queues (or the queues named, space-separated) on
    this test's database, Redis
    prefix and sandbox; call it with PORTAL_* settings (without the prefix) the workers need besides. The app queues on that Redis once
    the test sets JOBS_MODE to "rq". Workers still alive at the end are killed."""
    workers = []

    def start(queue: str = "channel collect", **settings):
        env = {**os.environ, "PORTAL_DATABASE_URL": database_url, "PORTAL_REDIS_URL": redis_space.url,
               "PORTAL_JOB_FILES_DIR": app.config["JOB_FILES_DIR"], "PORTAL_JOBS_MODE": "rq",
               "PORTAL_SECRET_KEY": app.config["SECRET_KEY"], "PORTAL_QUEUE_PREFIX": redis_space.prefix,
               "PORTAL_SANDBOX_URL": app.config["SANDBOX_URL"],
               **{f"PORTAL_{key}": value for key, value in settings.items()}}
        os.makedirs(app.config["JOB_FILES_DIR"], exist_ok=True)
        log = os.path.join(app.config["JOB_FILES_DIR"], f"worker-{len(workers)}.log")
        with open(log, "w") as out:  # the child keeps its own copy of the descriptor
            proc = subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "portal", "worker",
                                     *queue.split()], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        workers.append(proc)
        return proc

    yield start
    for proc in workers:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)


def wait_for(check, timeout=20, what="condition"):
    """Poll `check` (seeing the workers' commits) until it gives something true; that value."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        db.session.rollback()
        value = check()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def kill(proc) -> None:
    """SIGKILL: the worker gets no chance to mark its run or release anything."""
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
