"""사용자권한관리: staff accounts, temporary passwords, duties, 접속승인 and the audit trail."""
from models import AuditLog, User
from portal.extensions import db

from ..conftest import PASSWORD, make_user

NEW_STAFF = {
    "login_id": "honggildong", "password": "temp1234", "password2": "temp1234", "name": "홍길동",
    "duties": ["products"], "email": "hong@example.com", "phone": "02-222-3333",
    "mobile": "010-111-2222", "access": "yes", "locale": "ko",
}


def test_master_adds_staff_who_must_change_temporary_password(client, auth, seller):
    auth.login()
    resp = client.post("/account/users", data=NEW_STAFF)
    assert resp.status_code == 302
    staff = User.query.filter_by(login_id="honggildong").one()
    assert staff.tenant_id == seller.id and staff.must_change_password
    assert staff.duties == {"products"}
    assert AuditLog.query.filter_by(action="직원계정추가", target_user_id=staff.id).count() == 1

    staff_client = client.application.test_client()
    resp = auth.login("honggildong", "temp1234", client=staff_client)
    assert resp.location.endswith("/password")
    # Until the password is changed every menu sends the staff member back to the change page.
    resp = staff_client.get("/products/")
    assert resp.status_code == 302 and "/password" in resp.location
    resp = staff_client.post("/password", data={"current": "temp1234", "new": "mine5678",
                                                "new2": "mine5678"})
    assert resp.status_code == 302
    assert staff_client.get("/products/").status_code == 200


def test_staff_defaults_to_no_access(client, auth, seller):
    auth.login()
    client.post("/account/users", data={**NEW_STAFF, "access": "no"})
    staff = User.query.filter_by(login_id="honggildong").one()
    assert staff.access_approved is False
    resp = auth.login("honggildong", "temp1234", client=client.application.test_client())
    assert resp.status_code == 401
    assert "접속승인이 되지 않은 계정입니다" in resp.get_data(as_text=True)


def test_staff_form_messages(client, auth, seller):
    auth.login()
    resp = client.post("/account/users", data={**NEW_STAFF, "login_id": "x1"})
    assert "영문/숫자만 가능하며 6~20자 이내" in resp.get_data(as_text=True)
    resp = client.post("/account/users", data={**NEW_STAFF, "password": "", "password2": ""})
    assert "임시패스워드를 입력해 주세요" in resp.get_data(as_text=True)
    resp = client.post("/account/users", data={**NEW_STAFF, "password2": "other1234"})
    assert "임시패스워드가 일치하지 않습니다" in resp.get_data(as_text=True)
    assert User.query.filter_by(login_id="honggildong").count() == 0


def test_duties_decide_menus(client, auth, seller, staff):
    auth.login("sellerAstaff")
    html = client.get("/dashboard").get_data(as_text=True)
    assert 'data-menu="orders"' in html
    assert 'data-menu="products"' not in html and 'data-menu="statistics"' not in html
    assert client.get("/orders/").status_code == 200
    assert client.get("/products/").status_code == 403
    assert client.get("/account/users").status_code == 403  # master only
    assert client.get("/password").status_code == 200  # every account


def test_revoking_access_ends_open_session(client, auth, seller, staff):
    auth.login("sellerAstaff")
    assert client.get("/orders/").status_code == 200
    master = client.application.test_client()
    auth.login(client=master)
    resp = master.post(f"/account/users/{staff.id}", data={
        **NEW_STAFF, "login_id": staff.login_id, "password": "", "password2": "",
        "duties": ["logistics"], "access": "no"})
    assert resp.status_code == 302
    resp = client.get("/orders/")
    assert resp.status_code == 302 and "/login" in resp.location
    entry = AuditLog.query.filter_by(action="권한변경", target_user_id=staff.id).one()
    assert "접근권한[Yes] → " in entry.detail and entry.detail.endswith("접근권한[No]")


def test_changing_duties_is_audited_and_applies_immediately(client, auth, seller, staff):
    auth.login("sellerAstaff")
    assert client.get("/products/").status_code == 403
    master = client.application.test_client()
    auth.login(client=master)
    master.post(f"/account/users/{staff.id}", data={
        **NEW_STAFF, "login_id": staff.login_id, "password": "", "password2": "",
        "duties": ["logistics", "products"], "access": "yes"})
    assert client.get("/products/").status_code == 200
    entry = AuditLog.query.filter_by(action="권한변경").one()
    assert "업무[물류담당]" in entry.detail and "업무[물류담당, 상품담당]" in entry.detail


def test_other_tenants_staff_is_not_found(client, auth, seller, other_seller):
    foreign = User.query.filter_by(login_id="sellerBmaster").one()
    auth.login()
    assert client.get(f"/account/users/{foreign.id}").status_code == 404
    assert client.post(f"/account/users/{foreign.id}", data=NEW_STAFF).status_code == 404
    assert "sellerBmaster" not in client.get("/account/users").get_data(as_text=True)


def test_users_excel_download(client, auth, seller, staff):
    from io import BytesIO

    from openpyxl import load_workbook

    auth.login()
    resp = client.get("/account/users?format=xlsx")
    rows = list(load_workbook(BytesIO(resp.data)).active.values)
    assert rows[0][:3] == ("마스터계정", "ID", "계정명")
    assert {r[1] for r in rows[1:]} == {"sellerAmaster", "sellerAstaff"}


def test_company_info_keeps_customs_block_read_only(client, auth, seller):
    seller.en_sender_name = "GANADA"
    db.session.commit()
    auth.login()
    resp = client.post("/account/company", data={
        "name": "가나다상회2", "ceo_name": "대표", "business_item": "도소매", "business_type": "소매",
        "contact_name": "담당", "address": "서울", "email": "x@example.com", "mobile": "010-1-2",
        "en_sender_name": "HACKED"})
    assert resp.status_code == 302
    db.session.refresh(seller)
    assert seller.name == "가나다상회2" and seller.en_sender_name == "GANADA"
    html = client.get("/account/company").get_data(as_text=True)
    assert "GANADA" in html and "직접 수정할 수 없습니다" in html
    resp = client.post("/account/company", data={"name": "", "email": "bad"})
    assert resp.status_code == 400
    assert "필수 입력 항목입니다" in resp.get_data(as_text=True)


def test_master_cannot_edit_itself_through_staff_form(client, auth, seller):
    master = User.query.filter_by(login_id="sellerAmaster").one()
    auth.login()
    resp = client.post(f"/account/users/{master.id}", data={**NEW_STAFF, "access": "no"})
    assert resp.status_code == 400
    db.session.refresh(master)
    assert master.access_approved
    assert PASSWORD  # the master still signs in below
    assert auth.login(client=client.application.test_client()).status_code == 302
