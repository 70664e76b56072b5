"""Sessions: one live login per account, cookies that die on logout/password change, lockout."""
from datetime import timedelta

import pytest

from models import AuditLog, User
from models.base import utcnow
from portal.extensions import db

from ..conftest import PASSWORD


def _session_cookie(client):
    return client.get_cookie("session").value


def test_new_login_ends_the_older_session(client, auth, seller):
    first = client
    second = client.application.test_client()
    auth.login(client=first)
    assert first.get("/dashboard").status_code == 200
    auth.login(client=second)
    assert second.get("/dashboard").status_code == 200
    resp = first.get("/dashboard")
    assert resp.status_code == 302 and "/login" in resp.location


def test_logout_invalidates_a_copied_session_cookie(client, auth, seller):
    auth.login()
    stolen = _session_cookie(client)
    auth.logout()
    thief = client.application.test_client()
    thief.set_cookie("session", stolen)
    resp = thief.get("/dashboard")
    assert resp.status_code == 302 and "/login" in resp.location


def test_password_change_invalidates_remember_me_cookie(client, auth, seller):
    auth.login(remember=True)
    remember = client.get_cookie("remember_token").value
    other = client.application.test_client()
    other.set_cookie("remember_token", remember)
    assert other.get("/dashboard").status_code == 200  # the cookie alone signs in...
    resp = client.post("/password", data={"current": PASSWORD, "new": "newpass123",
                                          "new2": "newpass123"})
    assert resp.status_code == 302
    fresh = client.application.test_client()
    fresh.set_cookie("remember_token", remember)
    resp = fresh.get("/dashboard")  # ...until the password changes
    assert resp.status_code == 302 and "/login" in resp.location
    assert client.get("/dashboard").status_code == 200  # the changing browser stays in


def test_password_change_messages(client, auth, seller):
    auth.login()
    resp = client.post("/password", data={"current": "wrong", "new": "abc12345", "new2": "abc12345"})
    assert "현재 비밀번호가 올바르지 않습니다" in resp.get_data(as_text=True)
    resp = client.post("/password", data={"current": PASSWORD, "new": "short1", "new2": "short1"})
    assert "영문과 숫자를 포함해 8자 이상" in resp.get_data(as_text=True)
    resp = client.post("/password", data={"current": PASSWORD, "new": "abc12345", "new2": "abc12346"})
    assert "새 비밀번호가 일치하지 않습니다" in resp.get_data(as_text=True)


@pytest.fixture
def limited(app_config, seller):
    """A client of an app built with rate limiting on (its after-request deductions need that)."""
    from portal import create_app
    from portal.extensions import limiter

    limited_app = create_app({**app_config, "RATELIMIT_ENABLED": True})
    limiter.reset()
    try:
        with limited_app.app_context():
            yield limited_app.test_client()
    finally:
        limiter.enabled = False


def _attempt(client, login_id, password, addr):
    resp = client.post("/login", data={"login_id": login_id, "password": password},
                       environ_base={"REMOTE_ADDR": addr})
    return resp.status_code, resp.get_data(as_text=True)


def test_repeated_failures_slow_down_real_and_unknown_ids_alike(limited):
    client, answers = limited, {}
    for login_id in ("sellerAmaster", "nobody1234"):
        tries = [_attempt(client, login_id, "wrong-password", "203.0.113.7") for _ in range(6)]
        assert [code for code, _ in tries] == [401] * 5 + [429]
        assert all("아이디 또는 비밀번호가 올바르지 않습니다" in body for _, body in tries[:5])
        answers[login_id] = tries[5][1]
    assert answers["sellerAmaster"] == answers["nobody1234"]  # nothing tells which id exists
    assert "로그인 시도가 너무 많습니다" in answers["nobody1234"] and "잠겼" not in answers["sellerAmaster"]
    assert AuditLog.query.filter_by(action="로그인실패반복").count() == 1


def test_a_stranger_cannot_lock_the_master_out(limited):
    client = limited
    for _ in range(10):
        _attempt(client, "sellerAmaster", "wrong-password", "198.51.100.66")
    code, _ = _attempt(client, "sellerAmaster", PASSWORD, "203.0.113.7")  # the master, elsewhere
    assert code == 302
    assert User.query.filter_by(login_id="sellerAmaster").one().locked_until is None


def test_unknown_login_gives_the_same_answer(client, auth, seller):
    resp = auth.login("nobody123", "whatever1")
    assert resp.status_code == 401
    assert "아이디 또는 비밀번호가 올바르지 않습니다" in resp.get_data(as_text=True)


def test_login_is_rate_limited(app, client, auth, seller):
    from portal.extensions import limiter

    app.config["LOGIN_RATE_LIMIT"] = "3 per minute"
    limiter.enabled = True
    limiter.reset()
    try:
        codes = [auth.login(password="bad").status_code for _ in range(4)]
    finally:
        limiter.enabled = False
    assert codes[:3] == [401, 401, 401]
    assert codes[3] == 429


def test_open_redirect_is_refused(client, auth, seller):
    resp = client.post("/login?next=https://evil.example/steal",
                       data={"login_id": "sellerAmaster", "password": PASSWORD})
    assert resp.location.endswith("/dashboard")
    resp = client.post("/login?next=/account/users",
                       data={"login_id": "sellerAmaster", "password": PASSWORD})
    assert resp.location.endswith("/account/users")


@pytest.mark.parametrize("hops, separate", [(0, False), (1, True)])
def test_behind_a_proxy_the_limit_counts_each_client(app_config, seller, hops, separate):
    """PROXY_HOPS=1 (one nginx in front): two clients behind it have counters of their own."""
    from portal import create_app
    from portal.extensions import limiter

    app = create_app({**app_config, "PROXY_HOPS": hops, "LOGIN_RATE_LIMIT": "2 per minute"})
    limiter.enabled = True
    limiter.reset()
    try:
        with app.app_context():
            client = app.test_client()

            def attempt(addr):
                return client.post("/login", data={"login_id": "sellerAmaster", "password": "bad"},
                                   headers={"X-Forwarded-For": addr}).status_code
            first = [attempt("203.0.113.7") for _ in range(2)]
            other = attempt("198.51.100.9")
    finally:
        limiter.enabled = False
    assert first == [401, 401]
    assert other == (401 if separate else 429)
