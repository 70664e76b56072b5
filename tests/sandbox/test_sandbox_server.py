"""The sandbox server itself: seeding, operator API and pages, limits, faults, clock, journal."""
import requests

from sandbox import DEMO_CREDENTIALS, base_path, create_app, seed_demo


def test_seed_demo_is_idempotent_and_creates_one_shop_per_protocol(tmp_path):
    app = create_app({"SANDBOX_DATABASE": str(tmp_path / "s.sqlite")})
    first = seed_demo(app)
    assert {s["protocol"] for s in first} == {"naver", "coupang", "11st", "esm", "qoo10", "rakuten",
                                              "amazonjp", "generic"}
    assert seed_demo(app) == []
    store = app.extensions["sandbox_store"]
    naver = next(s for s in store.shops() if s["protocol"] == "naver")
    assert len(store.q("select * from orders where shop_id=?", (naver["id"],))) == 3
    assert store.q("select kind, status from claims where shop_id=?", (naver["id"],)) == [
        {"kind": "CANCEL", "status": "REQUESTED"}]


def test_cli_seed_demo_command(tmp_path):
    app = create_app({"SANDBOX_DATABASE": str(tmp_path / "cli.sqlite")})
    result = app.test_cli_runner().invoke(args=["sandbox", "seed-demo"])
    assert result.exit_code == 0 and "데모 상점 18개" in result.output
    again = app.test_cli_runner().invoke(args=["sandbox", "seed-demo"])
    assert "데모 상점 0개" in again.output


def test_database_path_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SANDBOX_DATABASE", str(tmp_path / "env.sqlite"))
    create_app()
    assert (tmp_path / "env.sqlite").exists()


def test_operator_pages_are_in_korean(sandbox_server):
    page = requests.get(f"{sandbox_server.url}/_ops/", timeout=10).text
    assert "샌드박스 마켓 운영" in page and "데모 스마트스토어" in page
    shop = requests.get(f"{sandbox_server.url}/_ops/shops/{sandbox_server.shop_id('naver')}",
                        timeout=10).text
    assert "신규주문" in shop and "배송완료 처리" in shop


def test_operator_api_never_returns_keys(sandbox_server):
    body = requests.get(f"{sandbox_server.url}/_ops/api/shops", timeout=10).text
    for creds in DEMO_CREDENTIALS.values():
        for name, value in creds.items():
            if name not in ("client_id", "vendor_id", "account_id", "login_id", "wing_user_id",
                            "as_phone", "outbound_place_code", "return_center_code",
                            "return_center_name", "return_contact", "addr_seq_out",
                            "addr_seq_in", "place_no", "delivery_tmpl_id", "return_addr_no",
                            "dispatch_policy_no", "notice_group_no"):
                assert value not in body


def test_customer_actions_follow_the_order_flow(fresh_sandbox):
    shop = fresh_sandbox.shop_id("sandbox")
    order = fresh_sandbox.ops("POST", f"/shops/{shop}/orders",
                              json={"lines": [{"qty": 1}]})["order"]
    line_no = order["lines"][0]["line_no"]
    resp = requests.post(f"{fresh_sandbox.url}/_ops/api/shops/{shop}/lines/{line_no}/deliver",
                         timeout=10)
    assert resp.status_code == 409 and "배송중" in resp.json()["error"]
    state = fresh_sandbox.ops("POST", f"/shops/{shop}/lines/{line_no}/cancel")
    assert state["line"]["status"] == "CANCEL_REQUESTED" and state["claims"][0]["kind"] == "CANCEL"


def test_rate_limit_answers_429_with_the_channel_body_and_retry_after(fresh_sandbox):
    shop = fresh_sandbox.shop_id("sandbox")
    fresh_sandbox.ops("POST", f"/shops/{shop}/rate", json={"rate": 0.5, "burst": 1})
    headers = {"X-Sandbox-Key": "demo-sandbox-key"}
    url = f"{fresh_sandbox.url}/generic/sandbox/v1/auth/check"
    assert requests.get(url, headers=headers, timeout=10).status_code == 200
    limited = requests.get(url, headers=headers, timeout=10)
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1
    assert limited.json()["error"]["code"] == "RATE_LIMITED"


def test_naver_rate_limit_uses_the_gateway_code(fresh_sandbox):
    fresh_sandbox.fault("rate_limit", "/v1/categories", delay=2)
    resp = requests.get(f"{fresh_sandbox.url}/naver/external/v1/categories", timeout=10)
    assert resp.status_code == 429 and resp.json()["code"] == "GW.RATE_LIMIT"
    assert resp.headers["Retry-After"] == "2"


def test_a_scripted_timeout_delays_the_answer(fresh_sandbox):
    fresh_sandbox.fault("timeout", "/auth/check", delay=1.5)
    url = f"{fresh_sandbox.url}/generic/sandbox/v1/auth/check"
    try:
        requests.get(url, headers={"X-Sandbox-Key": "demo-sandbox-key"}, timeout=0.5)
        timed_out = False
    except requests.ReadTimeout:
        timed_out = True
    assert timed_out


def test_11st_answers_euc_kr_xml(sandbox_server):
    resp = requests.get(f"{sandbox_server.url}/11st/rest/cateservice/category",
                        headers={"openapikey": DEMO_CREDENTIALS["11st"]["openapikey"]}, timeout=10)
    assert resp.headers["Content-Type"].lower() == "text/xml;charset=euc-kr"
    assert "패션의류".encode("euc-kr") in resp.content


def test_moving_the_clock_expires_a_naver_signature(fresh_sandbox):
    from datetime import datetime, timezone

    from marketplaces.naver.client import client_secret_sign

    creds = DEMO_CREDENTIALS["naver"]
    fresh_sandbox.ops("POST", "/clock", json={"advance_hours": 1})
    try:
        ts = int(datetime.now(timezone.utc).timestamp() * 1000)
        resp = requests.post(f"{fresh_sandbox.url}/naver/external/v1/oauth2/token", timeout=10,
                             data={
            "client_id": creds["client_id"], "timestamp": ts, "grant_type": "client_credentials",
            "type": "SELF",
            "client_secret_sign": client_secret_sign(creds["client_id"], creds["client_secret"],
                                                     ts)})
    finally:
        fresh_sandbox.ops("POST", "/clock",
                          json={"advance_hours": -1})   # later tests share the server
    assert resp.status_code == 401 and "timestamp" in resp.json()["message"]


def test_journal_records_calls_without_the_keys(fresh_sandbox):
    requests.get(f"{fresh_sandbox.url}/generic/interpark/v1/auth/check",
                 headers={"X-Sandbox-Key": DEMO_CREDENTIALS["interpark"]["api_key"]}, timeout=10)
    # A slow call left over from an earlier test may land in the journal after this one.
    entry = next(e for e in fresh_sandbox.journal(20) if e["method"] == "GET"
                 and e["path"] == "/generic/interpark/v1/auth/check")
    assert entry["status"] == 200
    assert DEMO_CREDENTIALS["interpark"]["api_key"] not in str(fresh_sandbox.journal())


def test_base_paths_are_where_the_protocols_are_mounted(sandbox_server):
    prefixes = {bp.url_prefix for bp in sandbox_server.app.blueprints.values()}
    for code in ("naver", "coupang", "11st"):
        assert base_path(code) in prefixes
    assert base_path("interpark") + "/<channel>/v1" in prefixes
