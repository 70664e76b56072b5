"""제휴몰 계정정보: channel list, accounts with encrypted secrets, 접속 테스트 against the sandbox."""
import time
from datetime import date, timedelta

import pytest
from cryptography.fernet import Fernet

from models import ChannelAccount, JobLine, JobRun
from portal.extensions import db

NAVER = {"alias": "본점", "client_id": "demo-naver-client",
         "client_secret": "$2a$04$DemoNaverSandboxSalt.u", "account_id": "demo-seller",
         "endpoint": "sandbox"}


@pytest.fixture
def sandboxed(app, sandbox_server):
    app.config["SANDBOX_URL"] = sandbox_server.url
    return sandbox_server


def _register(client, code, data):
    return client.post(f"/account/channels/{code}/new", data=data)


def _run_test(client, account_id, timeout=30):
    resp = client.post(f"/account/channels/accounts/{account_id}/test")
    assert resp.status_code == 202
    url, deadline = resp.get_json()["job_url"], time.time() + timeout
    while time.time() < deadline:
        data = client.get(url).get_json()
        if data["finished"]:
            return data, [ln["text"] for ln in client.get(url).get_json()["lines"]]
        time.sleep(0.1)
    raise AssertionError("접속 테스트가 끝나지 않았습니다")


def test_list_shows_every_channel_with_its_type(client, auth, seller):
    auth.login()
    html = client.get("/account/channels").get_data(as_text=True)
    for name in ("스마트스토어", "쿠팡", "11번가", "G마켓", "현대몰", "Qoo10"):
        assert name in html
    assert "오픈마켓" in html and "종합몰" in html and "해외몰" in html
    assert "미입점" in html


def test_secrets_are_encrypted_and_shown_only_as_last_four(client, auth, seller, sandboxed):
    auth.login()
    assert _register(client, "naver", NAVER).status_code == 302
    account = ChannelAccount.query.one()
    assert account.tenant_id == seller.id
    assert "DemoNaverSandboxSalt" not in account.secrets_json  # ciphertext at rest
    assert account.settings["client_id"] == "demo-naver-client"
    assert account.endpoint == "sandbox"
    for page in ("/account/channels", f"/account/channels/accounts/{account.id}"):
        html = client.get(page).get_data(as_text=True)
        assert "DemoNaverSandboxSalt" not in html and "••••lt.u" in html


def test_blank_secret_keeps_the_stored_one(client, auth, seller, sandboxed):
    auth.login()
    _register(client, "naver", NAVER)
    account = ChannelAccount.query.one()
    before = account.secrets_json
    resp = client.post(f"/account/channels/accounts/{account.id}",
                       data={**NAVER, "client_secret": "", "alias": "본점2"})
    assert resp.status_code == 302
    db.session.refresh(account)
    assert account.alias == "본점2" and account.secrets_json == before


@pytest.mark.parametrize("change, message", [
    ({"alias": ""}, "별칭을 입력해 주세요"),
    ({"client_secret": ""}, "애플리케이션 시크릿을(를) 입력해 주세요"),
    ({"client_id": ""}, "애플리케이션 ID을(를) 입력해 주세요"),
    ({"key_expires_on": "2026-13-40"}, "인증키 만료일은 YYYY-MM-DD 형식으로"),
])
def test_form_messages(client, auth, seller, change, message):
    auth.login()
    resp = _register(client, "naver", {**NAVER, **change})
    assert resp.status_code == 400
    html = resp.get_data(as_text=True)
    assert message in html
    assert "DemoNaverSandboxSalt" not in html  # a refused form never echoes the secret
    assert ChannelAccount.query.count() == 0


def test_several_accounts_per_channel_but_unique_aliases(client, auth, seller):
    auth.login()
    assert _register(client, "naver", NAVER).status_code == 302
    assert _register(client, "naver", {**NAVER, "alias": "2호점"}).status_code == 302
    resp = _register(client, "naver", NAVER)
    assert "같은 별칭의 계정이 이미 있습니다" in resp.get_data(as_text=True)
    assert ChannelAccount.query.count() == 2


@pytest.mark.parametrize("code", ["naver", "coupang", "11st", "gmarket", "rakuten"])
def test_connection_test_passes_with_the_sandbox_keys(client, auth, seller, sandboxed, code):
    auth.login()
    data = {"alias": "데모", "endpoint": "sandbox", **sandboxed.credentials(code)}
    assert _register(client, code, data).status_code == 302
    account = ChannelAccount.query.one()
    result, lines = _run_test(client, account.id)
    assert result["status"] == "done" and result["ok"] == 1, lines
    assert "인증되었습니다" in lines
    db.session.refresh(account)
    assert account.last_test_ok and account.last_test_message == "인증되었습니다"
    secrets = [v for k, v in sandboxed.credentials(code).items() if "secret" in k or "key" in k]
    log = "\n".join(lines)
    assert all(secret not in log for secret in secrets)  # the 연동이력 never holds a key


@pytest.mark.parametrize("code, field", [("naver", "client_secret"), ("coupang", "secret_key"),
                                         ("11st", "openapikey")])
def test_connection_test_gives_the_channels_reason_for_a_bad_key(client, auth, seller, sandboxed,
                                                                 code, field):
    auth.login()
    creds = sandboxed.credentials(code)
    creds[field] = "$2a$04$WrongWrongWrongWrongWr" if code == "naver" else "wrong-key-0000"
    _register(client, code, {"alias": "데모", "endpoint": "sandbox", **creds})
    account = ChannelAccount.query.one()
    result, lines = _run_test(client, account.id)
    assert result["failed"] == 1
    db.session.refresh(account)
    assert account.last_test_ok is False
    assert account.last_test_message and account.last_test_message != "인증되었습니다"
    assert account.last_test_message in lines
    html = client.get("/account/channels").get_data(as_text=True)
    assert account.last_test_message in html


@pytest.mark.redis
def test_job_arguments_carry_no_secret(app, client, auth, seller, sandboxed, redis_space):
    from portal.queues import rq_queue

    auth.login()
    _register(client, "coupang", {"alias": "데모", "endpoint": "sandbox",
                                  **sandboxed.credentials("coupang")})
    account = ChannelAccount.query.one()
    conn = redis_space.conn
    app.config.update(JOBS_MODE="rq")
    client.post(f"/account/channels/accounts/{account.id}/test")
    jobs = rq_queue("channel", conn).jobs
    assert len(jobs) == 1
    raw = repr(jobs[0].args) + repr(jobs[0].kwargs)
    assert str(account.id) in raw
    assert "demo-coupang-secret-key" not in raw and "demo-coupang-access-key" not in raw


def test_keys_rotate_without_losing_secrets(app, client, auth, seller, sandboxed):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    app.config["ENCRYPTION_KEYS"] = [old]
    auth.login()
    _register(client, "11st", {"alias": "데모", "endpoint": "sandbox", **sandboxed.credentials("11st")})
    app.config["ENCRYPTION_KEYS"] = [new, old]
    result = app.test_cli_runner().invoke(args=["account", "rotate-keys"])
    assert "1개를 새 키로 다시 암호화했습니다" in result.output
    app.config["ENCRYPTION_KEYS"] = [new]  # the old key is gone
    account = ChannelAccount.query.one()
    result, lines = _run_test(client, account.id)
    assert "인증되었습니다" in lines


def test_expiry_warning_on_the_dashboard(client, auth, seller):
    auth.login()
    soon = date.today() + timedelta(days=10)
    later = date.today() + timedelta(days=30)
    _register(client, "naver", {**NAVER, "key_expires_on": later.isoformat()})
    assert "인증키 만료 알림" not in client.get("/dashboard").get_data(as_text=True)
    _register(client, "naver", {**NAVER, "alias": "2호점", "key_expires_on": soon.isoformat()})
    html = client.get("/dashboard").get_data(as_text=True)
    assert "인증키 만료 알림" in html and f"스마트스토어 [2호점] 인증키 {soon.isoformat()} 10일 후 만료" in html
    assert "[본점]" not in html


def test_key_help_per_channel(client, auth, seller):
    auth.login()
    html = client.get("/account/channels/coupang/new").get_data(as_text=True)
    assert "키 발급방법" in html and "Access Key" in html


def test_other_tenant_gets_404(client, auth, seller, other_seller):
    account = ChannelAccount(tenant_id=seller.id, channel="naver", alias="본점")
    db.session.add(account)
    db.session.commit()
    auth.login("sellerBmaster")
    assert client.get(f"/account/channels/accounts/{account.id}").status_code == 404
    assert client.post(f"/account/channels/accounts/{account.id}/test").status_code == 404
    assert client.post(f"/account/channels/accounts/{account.id}", data=NAVER).status_code == 404
    assert JobRun.query.count() == 0 and JobLine.query.count() == 0
    assert "본점" not in client.get("/account/channels").get_data(as_text=True)


def test_demo_seller_is_linked_to_the_sandbox(app, client, sandboxed):
    from portal.demo import load_demo

    load_demo()
    load_demo()  # twice changes nothing
    accounts = ChannelAccount.query.all()
    assert {a.channel for a in accounts} == {"naver", "coupang", "11st", "gmarket", "hmall",
                                            "qoo10jp"}
    assert all(a.endpoint == "sandbox" for a in accounts)
    client.post("/login", data={"login_id": "demoseller", "password": "demo1234!"})
    naver = next(a for a in accounts if a.channel == "naver")
    result, lines = _run_test(client, naver.id)
    assert "인증되었습니다" in lines


def test_support_panel_lists_accounts_without_secrets(client, auth, seller, support):
    auth.login()
    _register(client, "naver", NAVER)
    account = ChannelAccount.query.one()
    panel = client.application.test_client()
    auth.login("support01", client=panel)
    for url in ("/support-admin/channel_accounts/",
                f"/support-admin/channel_accounts/details/?id={account.id}",
                "/support-admin/channel_accounts/export/csv/"):
        resp = panel.get(url)
        assert resp.status_code == 200
        body = resp.get_data(as_text=True)
        assert "본점" in body
        assert account.secrets_json not in body and "lt.u" not in body
    assert client.get("/support-admin/channel_accounts/").status_code == 404  # the seller


def test_send_to_fulfilment_is_a_per_account_choice(client, auth, seller, sandboxed):
    auth.login()
    _register(client, "naver", {**NAVER, "fulfilment_enabled": "1"})
    account = ChannelAccount.query.one()
    assert account.fulfilment_enabled is True
    assert 'name="fulfilment_enabled" value="1" checked' in client.get(
        f"/account/channels/accounts/{account.id}").get_data(as_text=True)
    client.post(f"/account/channels/accounts/{account.id}", data={**NAVER, "client_secret": ""})
    db.session.refresh(account)
    assert account.fulfilment_enabled is False
