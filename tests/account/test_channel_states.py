"""제휴몰 계정정보 shows each channel's real state: sandbox-only channels, 입점 after a passing test."""
import re

from models import ChannelAccount
from portal.extensions import db

from .test_channel_accounts import NAVER, _register, _run_test, sandboxed  # noqa: F401  (fixture)


def _state(html: str, code: str) -> str:
    row = re.search(rf'<tr data-channel="{code}">(.*?)</tr>', html, re.S).group(1)
    return re.search(r"<td[^>]*data-state>(.*?)</td>", row, re.S).group(1).strip()


def test_a_channel_without_a_real_client_offers_only_the_sandbox(client, auth, seller):
    auth.login()
    html = client.get("/account/channels/interpark/new").get_data(as_text=True)
    live = re.search(r'<option value="live"[^>]*>', html).group(0)
    assert "disabled" in live and "selected" not in live
    assert re.search(r'<option value="sandbox" selected', html)
    assert "샌드박스 제휴몰로만 연결됩니다" in html
    resp = _register(client, "interpark", {"alias": "본점", "endpoint": "live", "api_key": "k"})
    assert resp.status_code == 400
    assert "인터파크은(는) 아직 실제 제휴몰 API 연동을 지원하지 않아" in resp.get_data(as_text=True)
    assert _register(client, "interpark", {"alias": "본점", "api_key": "k"}).status_code == 302
    assert ChannelAccount.query.one().endpoint == "sandbox"


def test_a_channel_with_a_real_client_defaults_to_its_api(client, auth, seller):
    auth.login()
    html = client.get("/account/channels/naver/new").get_data(as_text=True)
    assert re.search(r'<option value="live" selected>', html)


def test_joined_only_after_a_passing_connection_test(client, auth, seller, sandboxed):
    auth.login()
    _register(client, "naver", {**NAVER, "client_secret": "$2a$04$WrongWrongWrongWrongWr"})
    assert _state(client.get("/account/channels").get_data(as_text=True), "naver") == "접속 테스트 전"
    account = ChannelAccount.query.one()
    _run_test(client, account.id)
    html = client.get("/account/channels").get_data(as_text=True)
    assert _state(html, "naver") == "접속 테스트 실패"
    assert _state(html, "coupang") == "미입점"
    client.post(f"/account/channels/accounts/{account.id}", data=NAVER)  # the right secret
    _run_test(client, account.id)
    db.session.expire_all()
    assert _state(client.get("/account/channels").get_data(as_text=True), "naver") == "입점"


def test_sellers_are_not_offered_the_practice_channel_and_read_korean_names(client, auth, seller):
    auth.login()
    html = client.get("/account/channels").get_data(as_text=True)
    assert "샌드박스몰" not in html and 'data-channel="sandbox"' not in html
    assert "라쿠텐" in html and "楽天" not in html
    assert client.get("/account/channels/sandbox/new").status_code == 404


def test_key_help_names_the_button_that_exists(client, auth, seller):
    auth.login()
    for code in ("naver", "coupang", "gmarket", "rakuten"):
        html = client.get(f"/account/channels/{code}/new").get_data(as_text=True)
        assert "[연결 확인]" not in html and "[접속 테스트]" in html


def test_rakuten_key_expiry_is_read_from_the_channel_at_the_connection_test(client, auth, seller, sandboxed):
    from datetime import datetime, timedelta, timezone

    auth.login()
    _register(client, "rakuten", {"alias": "JP", "endpoint": "sandbox", **sandboxed.credentials("rakuten")})
    account = ChannelAccount.query.one()
    assert account.key_expires_on is None  # nobody typed it
    result, lines = _run_test(client, account.id)
    assert result["ok"] == 1, lines
    db.session.refresh(account)
    clock = sandboxed.ops("GET", "/clock")
    assert account.key_expires_on is not None
    now_kst = datetime.fromtimestamp(clock["now"], timezone(timedelta(hours=9))).date()
    assert 0 < (account.key_expires_on - now_kst).days <= 90
    assert f"제휴몰이 알려준 인증키 만료일: {account.key_expires_on.isoformat()}" in lines
    assert account.key_expires_on.isoformat() in client.get("/account/channels").get_data(as_text=True)


def test_a_channel_that_does_not_tell_the_expiry_keeps_the_typed_date(client, auth, seller, sandboxed):
    auth.login()
    data = {"alias": "본점", "endpoint": "sandbox", "key_expires_on": "2027-01-31", **sandboxed.credentials("gmarket")}
    _register(client, "gmarket", data)
    account = ChannelAccount.query.one()
    _run_test(client, account.id)
    db.session.refresh(account)
    assert account.key_expires_on.isoformat() == "2027-01-31"
