"""A canary key goes through every failure path a key can meet and is found nowhere but encrypted:
not in a job line, a log record, the accounts page, the job feed or the support panel."""
import logging

import pytest

from models import AuditLog, ChannelAccount, JobLine, JobRun
from portal.extensions import db
from portal.queues import wait_inline_jobs
from portal.security import encrypt_secret
from portal.web import MSG_NUL

from .test_channel_accounts import _register, _run_test, sandboxed  # noqa: F401  (fixture)

CANARY = "CanaryKey7f3aQ9zKx2Lw5Vb8Nm4Rt6Yp"


@pytest.mark.parametrize("bad", [CANARY + "\n", "\n" + CANARY, CANARY[:10] + "\n" + CANARY[10:],
                                 CANARY[:10] + " " + CANARY[10:], CANARY[:10] + "\t" + CANARY[10:],
                                 CANARY[:10] + "\x00" + CANARY[10:], CANARY[:10] + "\u200b" + CANARY[10:]])
def test_whitespace_or_control_characters_in_a_key_are_refused_naming_the_field(client, auth, seller, bad):
    auth.login()
    creds = {"alias": "데모", "endpoint": "sandbox", "openapikey": bad}
    resp = _register(client, "11st", creds)
    body = resp.get_data(as_text=True)
    if bad.strip() == CANARY:  # only around the key: a copy-paste's line break is trimmed
        assert resp.status_code == 302
        return
    assert resp.status_code == 400
    expected = MSG_NUL if "\x00" in bad else "Open API Key에 공백, 줄바꿈 같은 제어문자를 넣을 수 없습니다."
    assert expected in body  # a NUL byte is refused for every form before the key is looked at
    assert CANARY[:10] not in body and ChannelAccount.query.count() == 0


def test_a_password_shows_none_of_its_characters(client, auth, seller):
    auth.login()
    assert _register(client, "interpark", {"alias": "데모", "endpoint": "sandbox", "api_key": "gm-key-12345678",
                                         "login_id": "seller01", "password": "MyPassw0rd!"}).status_code == 302
    account = ChannelAccount.query.one()
    assert account.hints["api_key"] == "••••5678" and "rd!" not in account.hints["password"]
    for page in ("/account/channels", f"/account/channels/accounts/{account.id}"):
        html = client.get(page).get_data(as_text=True)
        assert "••••5678" in html and "rd!" not in html and "0rd" not in html


def test_a_canary_key_is_found_nowhere_but_encrypted(app, client, auth, seller, support, sandboxed, caplog):
    caplog.set_level(logging.DEBUG)
    auth.login()
    creds = {"alias": "카나리", "endpoint": "sandbox", **sandboxed.credentials("11st"), "openapikey": CANARY}
    assert _register(client, "11st", creds).status_code == 302
    account = ChannelAccount.query.one()
    runs = []

    result, lines = _run_test(client, account.id)  # the channel refuses the key
    runs.append(result["id"])
    assert result["failed"] == 1

    good_url = app.config["SANDBOX_URL"]
    app.config["SANDBOX_URL"] = "http://127.0.0.1:9"  # nobody answers
    result, lines = _run_test(client, account.id)
    runs.append(result["id"])
    assert result["failed"] == 1
    app.config["SANDBOX_URL"] = good_url

    # A key stored before keys were checked, with a line break inside: the HTTP library's error
    # would quote the header that carries it.
    account.secrets_json = account.secrets_json.replace(
        account.encrypted_secrets["openapikey"], encrypt_secret(CANARY[:10] + "\r\n" + CANARY[10:]))
    db.session.commit()
    result, lines = _run_test(client, account.id)
    runs.append(result["id"])
    assert result["failed"] == 1
    assert "제휴몰에 보낼 요청을 만들지 못했습니다." in "\n".join(lines)

    resp = client.post("/orders/collect", data={"account_ids": [str(account.id)], "items": ["new"]})
    assert resp.status_code == 202
    wait_inline_jobs(app, timeout=60)
    runs += [j["id"] for j in resp.get_json()["jobs"]]

    pieces = [CANARY, CANARY[:10], CANARY[10:]]
    seen = {"log": caplog.text}
    db.session.expire_all()
    seen["job lines"] = "\n".join(x.text for x in db.session.query(JobLine))
    seen["job runs"] = "\n".join(f"{r.kind} {r.result_name}" for r in db.session.query(JobRun))
    seen["audit"] = "\n".join(f"{a.action} {a.detail}" for a in db.session.query(AuditLog))
    account = db.session.get(ChannelAccount, account.id)
    seen["account"] = " ".join(str(getattr(account, c.name)) for c in ChannelAccount.__table__.columns
                               if c.name != "secrets_json")
    for page in ("/account/channels", f"/account/channels/accounts/{account.id}", "/jobs/",
                 *[f"/jobs/{r}.json" for r in runs], *[f"/jobs/{r}" for r in runs]):
        seen[page] = client.get(page).get_data(as_text=True)
    panel = app.test_client()
    auth.login("support01", client=panel)
    for page in ("/support-admin/channel_accounts/", "/support-admin/channel_accounts/export/csv/",
                 f"/support-admin/channel_accounts/details/?id={account.id}", "/support-admin/jobruns/",
                 *[f"/support-admin/jobruns/lines/{r}" for r in runs]):
        seen[page] = panel.get(page).get_data(as_text=True)
    leaks = [where for where, text in seen.items() if any(p in text for p in pieces)]
    assert not leaks, leaks
    assert all(p not in account.secrets_json for p in pieces)  # at rest: ciphertext only
