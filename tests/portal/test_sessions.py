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


def test_lockout_after_repeated_failures(client, auth, seller):
    for _ in range(5):
        resp = auth.login(password="wrong-password")
        assert "아이디 또는 비밀번호가 올바르지 않습니다" in resp.get_data(as_text=True)
    resp = auth.login()  # even the right password is refused while locked
    assert resp.status_code == 401
    assert "계정이 잠겼습니다" in resp.get_data(as_text=True)
    assert AuditLog.query.filter_by(action="계정잠금").count() == 1
    user = User.query.filter_by(login_id="sellerAmaster").one()
    user.locked_until = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert auth.login().status_code == 302


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
