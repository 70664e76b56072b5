"""취소/반품/교환: collected like orders, each claim type processed end to end with its 연동이력."""
import pytest
import requests

from models import ChannelOrderLine, OrderClaim, OrderEvent
from portal.extensions import db

from .conftest import collect, finish

ALL = ("cancel_requested", "canceled", "exchange_requested", "return_requested")


def _delivered(client, app, shop):
    """An order shipped (through the seller API) and delivered: where returns and exchanges arrive."""
    created = shop.new_order()
    line_no = created["lines"][0]["line_no"]
    requests.post(f"{shop.market.url}/generic/sandbox/v1/orders/invoices", timeout=10,
                  headers={"X-Sandbox-Key": shop.market.credentials("sandbox")["api_key"]},
                  json={"items": [{"line_id": line_no, "courier": "CJGLS", "tracking_number": "640012345678"}]})
    shop.act(line_no, "deliver")
    return created, line_no


def _claim(order_no):
    return db.session.query(OrderClaim).filter_by(channel_order_id=order_no).one()


def test_claims_are_collected_once_and_listed(client, auth, app, shop):
    auth.login()
    collect(client, app, [shop.account.id])
    _runs, lines = collect(client, app, [shop.account.id], items=ALL, path="/orders/claims/collect")
    assert any("샌드박스몰(본점) 취소요청/취소완료/교환요청/반품요청 취소/반품/교환 수집을 성공하였습니다. "
               "(신규 1건, 이미 등록된 클레임 0건)" in t for t in lines)
    _, again = collect(client, app, [shop.account.id], items=ALL, path="/orders/claims/collect")
    assert any("(신규 0건, 이미 등록된 클레임 1건)" in t for t in again)
    assert db.session.query(OrderClaim).count() == 1
    html = client.get("/orders/claims").get_data(as_text=True)
    assert "취소요청" in html and "구매 의사 취소" in html and "문의/메모" in html
    assert "INTENT_CHANGED" not in html


@pytest.mark.parametrize("code", ["11st", "coupang", "naver"])
def test_claims_name_the_product_and_the_reason_in_korean_without_the_order(client, auth, app, market, seller, code):
    from .conftest import add_account

    account = add_account(seller, code, "본점")
    auth.login()
    collect(client, app, [account.id], items=ALL, path="/orders/claims/collect")  # the orders are never collected
    claim = db.session.query(OrderClaim).filter_by(account_id=account.id).first()
    assert claim is not None and claim.line_id is None
    html = client.get("/orders/claims").get_data(as_text=True)
    row = html[html.index(f'data-claim="{claim.channel_claim_id}"'):]
    row = row[:row.index("</tr>")]
    assert "반팔" in row and "구매 의사 취소" in row, row
    detail = client.get(f"/orders/claims/{claim.id}").get_data(as_text=True)
    assert "구매 의사 취소" in detail and "반팔" in detail


@pytest.mark.parametrize("kind, action, target, reason, remote, label", [
    ("cancel", None, "CANCELED", "", "CANCELED", "취소승인"),
    ("return", "return", "RETURNED", "", "RETURNED", "반품완료"),
    ("return", "return", "RETURN_REJECTED", "사용 흔적이 있어 반품 불가", "DELIVERED", "반품거부"),
    ("exchange", "exchange", "EXCHANGED", "", "EXCHANGED", "교환완료"),
    ("exchange", "exchange", "EXCHANGE_REJECTED", "교환 기간이 지났습니다", "DELIVERED", "교환거부"),
])
def test_each_claim_type_end_to_end(client, auth, app, shop, kind, action, target, reason, remote, label):
    auth.login()
    if kind == "cancel":
        created = shop.new_order()
        line_no = created["lines"][0]["line_no"]
        collect(client, app, [shop.account.id])
        shop.act(line_no, "cancel", reason="INTENT_CHANGED", detail="단순 변심")
    else:
        created, line_no = _delivered(client, app, shop)
        collect(client, app, [shop.account.id])
        shop.act(line_no, action, reason="PRODUCT_UNSATISFIED", detail="색상이 달라요")
    collect(client, app, [shop.account.id], items=ALL, path="/orders/claims/collect")
    claim = _claim(created["order_no"])
    line = db.session.get(ChannelOrderLine, claim.line_id)
    assert line.status == {"cancel": "CANCEL_REQUESTED", "return": "RETURN_REQUESTED",
                           "exchange": "EXCHANGE_REQUESTED"}[kind]
    detail = client.get(f"/orders/claims/{claim.id}").get_data(as_text=True)
    assert "클레임 유형" in detail and claim.kind_label in detail and claim.reason in detail
    assert f'<option value="{target}">{label}</option>' in detail

    if reason:
        resp = client.post(f"/orders/claims/{claim.id}/state", data={"target": target})
        assert resp.get_json()["error"] == f"{label} 사유를 입력해 주세요."
    _, lines = finish(app, client.post(f"/orders/claims/{claim.id}/state",
                                       data={"target": target, "reason": reason}))
    assert f"{created['order_no']}[{line_no}][{claim.channel_claim_id}] {label} 처리 연동을 성공하였습니다." in lines
    assert shop.line(line_no)["status"] == remote
    db.session.expire_all()
    claim = _claim(created["order_no"])
    assert (claim.status, claim.send_state) == (target, "done")
    events = [e.kind for e in db.session.query(OrderEvent).filter_by(line_id=claim.line_id)]
    assert "클레임수집" in events and "클레임처리" in events
    again = client.post(f"/orders/claims/{claim.id}/state", data={"target": target, "reason": reason})
    assert again.get_json()["error"].startswith("이미 처리된 클레임입니다.")


def test_the_wrong_state_for_a_kind_is_refused(client, auth, app, shop):
    auth.login()
    collect(client, app, [shop.account.id], items=ALL, path="/orders/claims/collect")
    claim = db.session.query(OrderClaim).one()
    resp = client.post(f"/orders/claims/{claim.id}/state", data={"target": "RETURNED"})
    assert resp.get_json()["error"] == "취소 클레임은 반품완료(으)로 변경할 수 없습니다."


def test_memo_is_saved(client, auth, app, shop):
    auth.login()
    collect(client, app, [shop.account.id], items=ALL, path="/orders/claims/collect")
    claim = db.session.query(OrderClaim).one()
    resp = client.post(f"/orders/claims/{claim.id}/memo", data={"memo": "고객과 통화함"})
    assert "문의/메모를 저장했습니다." in client.get(resp.headers["Location"]).get_data(as_text=True)
    db.session.refresh(claim)
    assert claim.memo == "고객과 통화함"


def test_another_sellers_claim_is_404(client, auth, app, shop, other_seller):
    auth.login()
    collect(client, app, [shop.account.id], items=ALL, path="/orders/claims/collect")
    claim = db.session.query(OrderClaim).one()
    other = client.application.test_client()
    auth.login("sellerBmaster", client=other)
    assert other.get(f"/orders/claims/{claim.id}").status_code == 404
    assert other.post(f"/orders/claims/{claim.id}/state", data={"target": "CANCELED"}).status_code == 404
