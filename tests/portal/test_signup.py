"""회원가입 → 지원센터 승인 → 로그인, with the sign-up form's Korean field messages."""
import pytest

from forms.validators import business_number_ok
from models import AuditLog, Tenant, User

from ..conftest import PASSWORD

GOOD = {
    "login_id": "newshop01", "password": "abcd1234", "password2": "abcd1234",
    "email": "owner@newshop.kr", "mobile": "010-2345-6789", "company_name": "새가게",
    "ceo_name": "박대표", "business_no": "220-81-39938", "business_item": "전자상거래",
    "business_type": "소매", "contact_name": "박담당", "zipcode": "07583",
    "address": "서울특별시 강서구 강서로 1", "en_sender_name": "NEW SHOP",
    "en_street": "1, Gangseo-ro", "en_city": "Seoul", "en_zipcode": "07583",
    "en_country": "Republic of Korea", "en_phone": "+82-2-111-2222",
}


@pytest.mark.parametrize("number, valid", [
    ("1248100998", True), ("2208139938", True), ("1248100997", False), ("0000000001", False)])
def test_business_number_check_digit(number, valid):
    assert business_number_ok(number) is valid


@pytest.mark.parametrize("field, value, message", [
    ("business_no", "123456789", "사업자번호 10자리를 숫자로 입력해 주세요"),
    ("business_no", "2208139937", "유효하지 않은 사업자번호입니다"),
    ("login_id", "abc", "영문/숫자만 가능하며 6~20자 이내"),
    ("login_id", "한글아이디입니다", "영문/숫자만 가능하며 6~20자 이내"),
    ("login_id", "a" * 21, "영문/숫자만 가능하며 6~20자 이내"),
    ("password2", "different1", "비밀번호가 일치하지 않습니다"),
    ("email", "not-an-email", "이메일 형식이 올바르지 않습니다"),
    ("mobile", "010-abcd", "숫자와 ( ) + - 만"),
    ("company_name", "", "필수 입력 항목입니다"),
    ("en_sender_name", "", "필수 입력 항목입니다"),
])
def test_signup_field_messages(client, field, value, message):
    resp = client.post("/signup", data={**GOOD, field: value})
    assert resp.status_code == 400
    html = resp.get_data(as_text=True)
    assert f'data-field="{field}">' in html and message in html
    assert Tenant.query.count() == 0


def test_signup_waits_for_support_approval(client, auth, support):
    resp = client.post("/signup", data=GOOD, follow_redirects=True)
    assert "지원센터의 승인 후 로그인할 수 있습니다" in resp.get_data(as_text=True)
    tenant = Tenant.query.one()
    assert tenant.status == "pending" and tenant.business_no == "2208139938"
    master = User.query.filter_by(login_id="newshop01").one()
    assert master.is_master and master.tenant_id == tenant.id

    resp = auth.login("newshop01", "abcd1234")
    assert resp.status_code == 401
    assert "가입 승인 대기 중입니다" in resp.get_data(as_text=True)

    support_client = client.application.test_client()
    auth.login("support01", PASSWORD, client=support_client)
    resp = support_client.post("/support-admin/tenants/action/",
                               data={"action": "approve", "rowid": [str(tenant.id)]})
    assert resp.status_code == 302
    assert Tenant.query.one().status == "approved"
    assert AuditLog.query.filter_by(action="가입승인").count() == 1

    resp = auth.login("newshop01", "abcd1234")
    assert resp.status_code == 302 and resp.location.endswith("/dashboard")


def test_duplicate_login_id_and_business_number(client, seller):
    resp = client.post("/signup", data={**GOOD, "login_id": "sellerAmaster"})
    assert "이미 사용 중인 아이디입니다" in resp.get_data(as_text=True)
    resp = client.post("/signup", data={**GOOD, "business_no": "1248100998"})
    assert "이미 가입된 사업자번호입니다" in resp.get_data(as_text=True)
    assert Tenant.query.count() == 1


def test_suspended_company_is_signed_out_at_once(client, auth, seller):
    auth.login()
    assert client.get("/dashboard").status_code == 200
    seller.suspend()
    from portal.extensions import db
    db.session.commit()
    resp = client.get("/dashboard")
    assert resp.status_code == 302 and "/login" in resp.location
    assert "이용이 정지된" in auth.login().get_data(as_text=True)
