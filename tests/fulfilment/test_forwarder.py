"""The forwarder's side in the support panel: 입고 확인, 보류 with its reason, 국제 송장번호 배정 and status changes,
each recorded with the staff member and the time; 배송문의 threads between seller and support."""
from models import Shipment, ShipmentEvent, ShipmentInquiry, User
from portal.extensions import db

from .shipments import make_shipment

DESK = "/support-admin/forwarder_desk"


def _history(shipment):
    return [(e.kind, e.status_to, e.by, e.user_id, e.message) for e in db.session.query(ShipmentEvent)
            .filter_by(shipment_id=shipment.id).order_by(ShipmentEvent.id)]


def test_support_receives_holds_numbers_and_ships(client, auth, seller, support):
    shipment = make_shipment(seller, status="A10")
    auth.login("support01")
    found = client.get(f"{DESK}/?q={shipment.receipt_no}")
    assert found.status_code == 302 and found.headers["Location"].endswith(f"/shipments/{shipment.id}")

    client.post(f"{DESK}/shipments/{shipment.id}/hold", data={"reason": "주소 불명확: 番地 확인 필요"})
    client.post(f"{DESK}/shipments/{shipment.id}/receive", data={"weight": "0.85"})
    page = client.post(f"{DESK}/shipments/{shipment.id}/tracking", data={"carrier": "SAGAWA", "number": "12"},
                       follow_redirects=True).get_data(as_text=True)
    assert "국제 송장번호는 영문/숫자/하이픈 6~40자로 입력해 주세요: 12" in page
    client.post(f"{DESK}/shipments/{shipment.id}/tracking", data={"carrier": "SAGAWA", "number": "357887707763"})
    client.post(f"{DESK}/shipments/{shipment.id}/status", data={"code": "B00", "message": "타송 화물 출하"})
    page = client.post(f"{DESK}/shipments/{shipment.id}/status", data={"code": "A10"},
                       follow_redirects=True).get_data(as_text=True)
    assert "출고완료(B00)에서 미입고(A10)(으)로 바꿀 수 없습니다." in page

    db.session.expire_all()
    s = db.session.get(Shipment, shipment.id)
    assert (s.status, s.intl_tracking_no, str(s.weight_kg), s.hold_reason) == ("B00", "357887707763", "0.850", "")
    assert s.received_at is not None and s.received_by_id == support.id
    assert _history(s) == [
        ("status", "A02", "support", support.id, "보류: 주소 불명확: 番地 확인 필요"),
        ("status", "A99", "support", support.id, "입고 확인 (0.85kg)"),
        ("edit", "", "support", support.id, "국제 송장번호 배정: SAGAWA 357887707763"),
        ("status", "B00", "support", support.id, "타송 화물 출하")]


def test_one_tracking_number_one_shipment(client, auth, seller, other_seller, support):
    first, second = make_shipment(seller, tracking="357887707763", carrier="SAGAWA"), make_shipment(other_seller)
    auth.login("support01")
    page = client.post(f"{DESK}/shipments/{second.id}/tracking", data={"carrier": "SAGAWA", "number": "357887707763"},
                       follow_redirects=True).get_data(as_text=True)
    assert f"국제 송장번호 357887707763은(는) 다른 배송건({first.receipt_no})에 이미 배정되어 있습니다." in page


def test_sellers_never_reach_the_desk(client, auth, seller):
    shipment = make_shipment(seller)
    auth.login()
    assert client.get(f"{DESK}/").status_code == 404
    assert client.post(f"{DESK}/shipments/{shipment.id}/receive").status_code == 404
    assert db.session.get(Shipment, shipment.id).status == "A00"


def test_inquiry_thread_between_seller_and_support(client, auth, seller, support):
    shipment = make_shipment(seller, status="E00")
    auth.login()
    resp = client.post(f"/fulfilment/tracking/{shipment.id}/inquiry", data={"kind": "", "title": "", "body": ""})
    page = resp.get_data(as_text=True)
    assert resp.status_code == 400 and "문의 구분을 선택해 주세요." in page and "제목을 입력해 주세요." in page
    resp = client.post(f"/fulfilment/tracking/{shipment.id}/inquiry",
                       data={"kind": "resend", "title": "장기부재 재발송 요청", "body": "고객과 통화했습니다.\n재발송 부탁드립니다."})
    inquiry = db.session.query(ShipmentInquiry).one()
    assert resp.headers["Location"].endswith(f"/fulfilment/shipment-inquiries/{inquiry.id}")
    assert "답변대기" in client.get("/fulfilment/shipment-inquiries?kind=resend").get_data(as_text=True)
    auth.logout()

    auth.login("support01")
    assert "장기부재 재발송 요청" in client.get(f"{DESK}/inquiries").get_data(as_text=True)
    client.post(f"{DESK}/inquiries/{inquiry.id}", data={"body": "재발송 접수되었습니다. 360126970851→454097373192"})
    auth.logout()

    auth.login()
    page = client.get(f"/fulfilment/shipment-inquiries/{inquiry.id}").get_data(as_text=True)
    assert 'data-side="support"' in page and "454097373192" in page and "답변완료" in page
    client.post(f"/fulfilment/shipment-inquiries/{inquiry.id}", data={"body": "감사합니다. 언제 도착할까요?"})
    db.session.expire_all()
    assert db.session.get(ShipmentInquiry, inquiry.id).status == "open"
    assert [m.side for m in db.session.get(ShipmentInquiry, inquiry.id).messages] == ["seller", "support", "seller"]


def test_another_sellers_inquiry_is_a_404(client, auth, seller, other_seller):
    shipment = make_shipment(other_seller)
    inquiry = ShipmentInquiry(tenant_id=other_seller.id, shipment_id=shipment.id, kind="other", title="남의 문의")
    db.session.add(inquiry)
    db.session.commit()
    auth.login()
    assert client.get(f"/fulfilment/shipment-inquiries/{inquiry.id}").status_code == 404
    assert client.post(f"/fulfilment/shipment-inquiries/{inquiry.id}", data={"body": "x"}).status_code == 404


def test_refusals_read_in_the_sellers_language(client, auth, seller, support):
    seller_user = db.session.query(User).filter_by(tenant_id=seller.id).first()
    seller_user.locale = "en"
    shipment = make_shipment(seller, status="E00")
    db.session.commit()
    auth.login(seller_user.login_id)
    resp = client.post(f"/fulfilment/tracking/{shipment.id}/inquiry", data={"kind": "", "title": "", "body": ""})
    page = resp.get_data(as_text=True)
    assert resp.status_code == 400 and "Choose the inquiry type." in page and "Enter a title." in page
    assert "문의 구분을 선택해 주세요." not in page
    page = client.get("/fulfilment/tracking?from=2026-13-01").get_data(as_text=True)
    assert "Enter the registration date as 2026-12-01." in page
