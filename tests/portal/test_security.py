"""Security machinery: headers, cookie flags, upload limit, secret encryption and masking."""
import pytest
from cryptography.fernet import Fernet

from portal import create_app

from ..conftest import PASSWORD
from portal.security import (decrypt_secret, encrypt_secret, last4, mask_address, mask_name,
                             mask_phone, reencrypt_secret)


def test_security_headers_on_every_page(client):
    resp = client.get("/login")
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert resp.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "script-src 'self'" in resp.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in resp.headers["Content-Security-Policy"].split("script-src")[1]
    assert resp.headers["Referrer-Policy"] == "same-origin"


def test_session_cookie_flags(client, auth, seller):
    resp = auth.login(remember=True)
    cookies = "\n".join(resp.headers.getlist("Set-Cookie"))
    assert "session=" in cookies and "HttpOnly" in cookies and "SameSite=Lax" in cookies
    assert "remember_token=" in cookies


@pytest.mark.parametrize("env, secure", [("production", True), ("", False)])
def test_production_cookies_only_over_tls(app_config, seller, monkeypatch, env, secure):
    """PORTAL_ENV=production builds an app whose cookies go over HTTPS only, and that asks browsers for HTTPS."""
    monkeypatch.setenv("PORTAL_ENV", env)
    app = create_app(app_config)
    resp = app.test_client().post("/login", data={"login_id": "sellerAmaster", "password": PASSWORD,
                                                  "remember": "y"})
    cookies = [c for c in resp.headers.getlist("Set-Cookie") if c.startswith(("session=", "remember_token="))]
    assert len(cookies) == 2 and all(("; Secure" in c) is secure for c in cookies)
    assert ("Strict-Transport-Security" in app.test_client().get("/login").headers) is secure


def test_production_refuses_the_development_secret_key(app_config, monkeypatch):
    monkeypatch.setenv("PORTAL_ENV", "production")
    with pytest.raises(RuntimeError, match="PORTAL_SECRET_KEY"):
        create_app({key: value for key, value in app_config.items() if key != "SECRET_KEY"})


def test_upload_size_limit(app, client, auth, seller):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    auth.login()
    resp = client.post("/account/company", data={"name": "x" * 4096})
    assert resp.status_code == 413
    assert "파일이 너무 큽니다" in resp.get_data(as_text=True)


def test_post_without_csrf_token_is_refused(app, client):
    app.config["WTF_CSRF_ENABLED"] = True
    resp = client.post("/login", data={"login_id": "someone1", "password": "x"})
    assert resp.status_code == 400


def test_secrets_are_encrypted_and_keys_rotate(app):
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    app.config["ENCRYPTION_KEYS"] = [old_key]
    token = encrypt_secret("coupang-secret-1234")
    assert "coupang" not in token and decrypt_secret(token) == "coupang-secret-1234"
    app.config["ENCRYPTION_KEYS"] = [new_key, old_key]  # rotation: new key first
    assert decrypt_secret(token) == "coupang-secret-1234"
    rotated = reencrypt_secret(token)
    app.config["ENCRYPTION_KEYS"] = [new_key]  # the old key retired
    assert decrypt_secret(rotated) == "coupang-secret-1234"
    with pytest.raises(ValueError, match="암호화 키가 맞지 않아"):
        decrypt_secret(token)


def test_personal_data_masking():
    assert last4("abcdef123456") == "••••3456"
    assert mask_name("홍길동") == "홍*동" and mask_name("남궁민수") == "남**수"
    assert mask_phone("010-1234-5678") == "010-****-5678"
    assert mask_address("서울특별시 강서구 강서로 56 3층") == "서울특별시 강서구 ***"


def test_english_is_the_second_language(client, auth, seller):
    from models import User
    from portal.extensions import db

    user = User.query.filter_by(login_id="sellerAmaster").one()
    user.locale = "en"
    db.session.commit()
    auth.login()
    html = client.get("/dashboard").get_data(as_text=True)
    assert 'data-menu="orders">Orders<' in html and "Log out" in html
    assert ">Users & roles<" in html
    # Korean stays the default for everyone else.
    anonymous = client.application.test_client()
    assert "로그인" in anonymous.get("/login", headers={"Accept-Language": "ko"}).get_data(as_text=True)


def test_browser_language_and_switch(client):
    html = client.get("/login", headers={"Accept-Language": "en-US,en"}).get_data(as_text=True)
    assert "Log in" in html
    client.post("/language/ko")
    assert "로그인" in client.get("/login", headers={"Accept-Language": "en"}).get_data(as_text=True)


def test_dates_are_shown_in_kst(app):
    from datetime import datetime

    from portal.web import kst

    assert kst(datetime(2026, 11, 23, 15, 30)) == "2026-11-24 00:30"


def test_language_switch_never_redirects_off_site(client):
    resp = client.post("/language/en", headers={"Referer": "https://evil.example/phish"})
    assert resp.location == "/"  # a foreign referrer sends the user home, never away
    assert "evil.example" not in resp.location
