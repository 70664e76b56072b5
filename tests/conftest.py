"""Fixtures: an app per test on SQLite or PostgreSQL (PORTAL_TEST_DATABASE_URL), users, auth."""
import os
import re

import pytest
from flask import g
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text

from models import Tenant, User
from portal import create_app
from portal.extensions import db
from portal.queues import wait_inline_jobs

pytest_plugins = ["tests.sandbox_server"] if os.path.exists(
    os.path.join(os.path.dirname(__file__), "sandbox_server.py")) else []

PASSWORD = "Passw0rd!"


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
    }


class RequestScopedClient(FlaskClient):
    """Each request sees the database and the signed-in user afresh, as on a real server.

    The app fixture keeps one app context open for the test's own queries; without this the
    requests would share its `g` (Flask-Login's cached user) and its identity map.
    """

    def open(self, *args, **kwargs):
        g.pop("_login_user", None)
        db.session.expire_all()
        return super().open(*args, **kwargs)


@pytest.fixture
def app(app_config):
    app = create_app(app_config)
    app.test_client_class = RequestScopedClient
    with app.app_context():
        yield app
        wait_inline_jobs(app)
        db.session.remove()
        _empty_tables()
        db.engine.dispose()


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
