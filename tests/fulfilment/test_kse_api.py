"""KSE API: keys made in 기본정보관리 (shown once, stored hashed, revocable), a key reads only its seller's
shipments and pushes status events (a retried push is recorded once), requests are limited per key in Redis
under the installation's prefix, and the key-authenticated API alone is CSRF-exempt."""
import hashlib
import re

import pytest

from models import AuditLog, ForwarderApiKey, Shipment, ShipmentEvent
from portal.extensions import db

from .shipments import make_shipment

API = "/api/kse/v1"


def _make_key(client, auth, name="자체 WMS 연동"):
    auth.login()
    page = client.post("/account/kse-api", data={"name": name}).get_data(as_text=True)
    auth.logout()
    return re.search(r'id="new-key-value">([^<]+)<', page).group(1)


def test_a_key_is_shown_once_and_stored_hashed(client, auth, seller):
    key = _make_key(client, auth)
    row = db.session.query(ForwarderApiKey).one()
    assert row.key_hash == hashlib.sha256(key.encode()).hexdigest() and key not in (row.prefix, row.name)
    auth.login()
    listing = client.get("/account/kse-api").get_data(as_text=True)
    assert key not in listing and f"{row.prefix}…" in listing
    assert db.session.query(AuditLog).filter_by(action="KSE API 키 생성").count() == 1


def test_staff_cannot_make_keys(client, auth, staff):
    auth.login("sellerAstaff")
    assert client.get("/account/kse-api").status_code == 403
    assert client.post("/account/kse-api", data={"name": "x"}).status_code == 403


def test_a_key_reads_only_its_sellers_shipments(client, auth, seller, other_seller):
    mine = make_shipment(seller, status="A10")
    theirs = make_shipment(other_seller, status="A10")
    key = _make_key(client, auth)
    assert client.get(f"{API}/shipments").status_code == 401
    assert client.get(f"{API}/shipments", headers={"KSE-APIKey": key + "x"}).status_code == 401
    body = client.get(f"{API}/shipments?status=A10", headers={"KSE-APIKey": key}).get_json()
    assert [s["receipt_no"] for s in body["shipments"]] == [mine.receipt_no]
    assert body["shipments"][0]["recipient"] != "山田花子"  # masked
    assert client.get(f"{API}/shipments/{theirs.receipt_no}", headers={"KSE-APIKey": key}).status_code == 404
    one = client.get(f"{API}/shipments/{mine.receipt_no}", headers={"KSE-APIKey": key}).get_json()["shipment"]
    assert one["status"] == "A10" and one["status_label"] == "미입고"


def test_pushed_events_move_the_status_once_and_say_what_failed(client, auth, seller, other_seller):
    shipment = make_shipment(seller, status="A99")
    theirs = make_shipment(other_seller, status="A99")
    key = _make_key(client, auth)
    push = {"events": [
        {"receipt_no": shipment.receipt_no, "code": "B00", "message": "출고", "at": "2026-12-03T17:17:18+09:00",
         "carrier": "SAGAWA", "tracking_no": "357887707763"},
        {"receipt_no": theirs.receipt_no, "code": "B00"},
        {"receipt_no": shipment.receipt_no, "code": "Q00"}]}
    body = client.post(f"{API}/events", json=push, headers={"KSE-APIKey": key}).get_json()
    assert [r["ok"] for r in body["results"]] == [True, False, False]
    assert body["results"][1]["error"] == f"접수번호를 찾을 수 없습니다: {theirs.receipt_no}"
    assert "B00" in body["results"][2]["error"] and "Q00" in body["results"][2]["error"]
    again = client.post(f"{API}/events", json={"events": push["events"][:1]}, headers={"KSE-APIKey": key}).get_json()
    assert again["results"][0] == {"receipt_no": shipment.receipt_no, "ok": True, "duplicate": True, "status": "B00"}
    db.session.expire_all()
    assert db.session.get(Shipment, shipment.id).intl_tracking_no == "357887707763"
    assert db.session.get(Shipment, theirs.id).status == "A99"
    moves = db.session.query(ShipmentEvent).filter_by(shipment_id=shipment.id, kind="status").all()
    assert [(m.status_to, m.by, m.api_key_id is not None) for m in moves] == [("B00", "api", True)]
    assert moves[0].happened_at.isoformat() == "2026-12-03T08:17:18"  # KST given, UTC kept
    bad = client.post(f"{API}/events", json={"events": []}, headers={"KSE-APIKey": key})
    assert bad.status_code == 400 and "events" in bad.get_json()["error"]["message"]


def test_a_revoked_key_is_refused(client, auth, seller):
    key = _make_key(client, auth)
    row = db.session.query(ForwarderApiKey).one()
    auth.login()
    client.post(f"/account/kse-api/{row.id}/revoke")
    assert client.get(f"{API}/shipments", headers={"KSE-APIKey": key}).status_code == 401


def test_only_the_api_is_csrf_exempt(app, client, auth, seller):
    shipment = make_shipment(seller, status="A99")
    key = _make_key(client, auth)
    app.config["WTF_CSRF_ENABLED"] = True
    resp = client.post(f"{API}/events", json={"events": [{"receipt_no": shipment.receipt_no, "code": "B00"}]},
                       headers={"KSE-APIKey": key})
    assert resp.status_code == 200 and resp.get_json()["ok"] == 1
    auth.login()
    assert client.post("/account/kse-api", data={"name": "토큰 없이"}).status_code == 400
    assert client.post("/fulfilment/gifts/apply", data={"shipment_ids": [shipment.id]}).status_code == 400


@pytest.mark.redis
def test_requests_are_limited_per_key_in_redis(app, client, auth, seller, redis_space):
    app.config.update(JOBS_MODE="auto", KSE_API_RATE_LIMIT="3/minute")
    key = _make_key(client, auth)
    other = _make_key(client, auth, "두 번째 키")
    codes = [client.get(f"{API}/shipments", headers={"KSE-APIKey": key}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    refused = client.get(f"{API}/shipments", headers={"KSE-APIKey": key})
    assert int(refused.headers["Retry-After"]) >= 1 and "요청이 너무 많습니다" in refused.get_json()["error"]["message"]
    assert client.get(f"{API}/shipments", headers={"KSE-APIKey": other}).status_code == 200  # its own count
    assert list(redis_space.conn.scan_iter(f"{redis_space.prefix}kse-api*"))
