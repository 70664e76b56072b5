"""제휴몰 계정정보 주소록 불러오기: the channel's 출고지/반품지 as choices, through a job, over HTTP."""
import time

import pytest

from models import ChannelAccount
from portal.extensions import db


@pytest.fixture
def sandboxed(app, fresh_sandbox):
    app.config["SANDBOX_URL"] = fresh_sandbox.url
    return fresh_sandbox


def _register(client, code, creds):
    resp = client.post(f"/account/channels/{code}/new",
                       data={"alias": "데모", "endpoint": "sandbox", **creds})
    assert resp.status_code == 302
    return ChannelAccount.query.one()


def _load_book(client, account_id, timeout=30):
    resp = client.post(f"/account/channels/accounts/{account_id}/address-book")
    assert resp.status_code == 202
    url, deadline = resp.get_json()["job_url"], time.time() + timeout
    while time.time() < deadline:
        data = client.get(url).get_json()
        if data["finished"]:
            return data, [ln["text"] for ln in data["lines"]]
        time.sleep(0.1)
    raise AssertionError("주소록 불러오기가 끝나지 않았습니다")


def test_coupang_address_book_becomes_choices_and_a_choice_fills_its_name(client, auth, seller,
                                                                         sandboxed):
    auth.login()
    creds = sandboxed.credentials("coupang")
    account = _register(client, "coupang", {**creds, "outbound_place_code": "",
                                            "return_center_code": "", "return_center_name": "",
                                            "return_contact": ""})
    form = client.get(f"/account/channels/accounts/{account.id}").get_data(as_text=True)
    assert "주소록 불러오기" in form and "data-address-book" not in form

    result, lines = _load_book(client, account.id)
    assert result["status"] == "done", lines
    assert "출고지 1곳, 반품지 1곳을 불러왔습니다" in "\n".join(lines)
    form = client.get(f"/account/channels/accounts/{account.id}").get_data(as_text=True)
    assert 'name="outbound_place_code" data-address-book' in form
    assert "상품출고지1 (74010)" in form and "반품지_1 (1000274592)" in form

    client.post(f"/account/channels/accounts/{account.id}",
                data={"alias": "데모", "endpoint": "sandbox", "vendor_id": creds["vendor_id"],
                      "wing_user_id": creds["wing_user_id"], "outbound_place_code": "74010",
                      "return_center_code": "1000274592", "return_center_name": "",
                      "return_contact": ""})
    db.session.refresh(account)
    settings = account.settings
    assert settings["outbound_place_code"] == "74010"
    # The 반품지명 and 연락처 that product create needs come with the chosen 반품지.
    assert settings["return_center_name"] == "반품지_1"
    assert settings["return_contact"] == creds["return_contact"]


def test_11st_address_book_lists_the_sequences(client, auth, seller, sandboxed):
    auth.login()
    account = _register(client, "11st", sandboxed.credentials("11st"))
    result, lines = _load_book(client, account.id)
    assert result["status"] == "done", lines
    form = client.get(f"/account/channels/accounts/{account.id}").get_data(as_text=True)
    assert "본사 (4)" in form and "본사 (8)" in form
    assert '<option value="4" selected>' in form


def test_an_empty_address_book_fails_with_a_korean_reason(client, auth, seller, sandboxed):
    keys = {"openapikey": "empty-book-openapikey-0000000000"}
    sandboxed.ops("POST", "/shops", json={"protocol": "11st", "name": "주소록 없는 상점",
                                          "keys": keys})
    auth.login()
    account = _register(client, "11st", keys)
    result, lines = _load_book(client, account.id)
    assert result["status"] == "failed"
    assert any("주소록에 등록된 출고지/반품지가 없습니다" in line for line in lines), lines
    form = client.get(f"/account/channels/accounts/{account.id}").get_data(as_text=True)
    assert "data-address-book" not in form


def test_a_refused_key_fails_with_the_channels_reason(client, auth, seller, sandboxed):
    auth.login()
    account = _register(client, "coupang", {**sandboxed.credentials("coupang"),
                                            "secret_key": "wrong-key-0000"})
    result, lines = _load_book(client, account.id)
    assert result["status"] == "failed"
    assert any(line.startswith("주소록을 불러오지 못했습니다:") for line in lines), lines


def test_channels_without_an_address_book_api_offer_none(client, auth, seller, sandboxed):
    auth.login()
    account = _register(client, "naver", sandboxed.credentials("naver"))
    assert client.post(f"/account/channels/accounts/{account.id}/address-book").status_code == 404
    form = client.get(f"/account/channels/accounts/{account.id}").get_data(as_text=True)
    assert "주소록 불러오기" not in form


def test_another_sellers_account_is_a_404(client, auth, seller, other_seller, sandboxed):
    auth.login()
    account = _register(client, "coupang", sandboxed.credentials("coupang"))
    account.tenant_id = other_seller.id
    db.session.commit()
    assert client.post(f"/account/channels/accounts/{account.id}/address-book").status_code == 404
