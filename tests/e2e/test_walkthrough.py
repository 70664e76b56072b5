"""A new seller signs up, support approves, the seller logs in and opens every menu."""
import pytest

from models import Tenant

from ..conftest import PASSWORD, make_user
from .conftest import screenshot

pytestmark = pytest.mark.e2e


def test_signup_approval_login_and_every_menu(page, live_server):
    with live_server.app.app_context():
        make_user("support01", support=True)

    page.goto("/signup")
    fields = {
        "login_id": "browsershop1", "password": "abcd1234", "password2": "abcd1234",
        "email": "owner@browser.kr", "mobile": "010-2345-6789", "company_name": "브라우저상회",
        "ceo_name": "이대표", "business_no": "2208139938", "business_item": "전자상거래",
        "business_type": "소매", "contact_name": "이담당", "zipcode": "07583",
        "address": "서울특별시 강서구 강서로 1", "en_sender_name": "BROWSER SHOP",
        "en_street": "1, Gangseo-ro", "en_city": "Seoul", "en_zipcode": "07583",
        "en_phone": "+82-2-111-2222",
    }
    page.fill("#business_no", "2208139937")  # a wrong check digit first
    for name, value in fields.items():
        if name != "business_no":
            page.fill(f"#{name}", value)
    page.click("button[type=submit].primary")
    assert page.locator("[data-field=business_no]").inner_text().startswith("유효하지 않은 사업자번호")
    screenshot(page, "signup-error")
    page.fill("#business_no", "2208139938")
    page.fill("#password", "abcd1234")
    page.fill("#password2", "abcd1234")
    page.click("button[type=submit].primary")
    assert "지원센터의 승인 후 로그인할 수 있습니다" in page.inner_text(".flash")

    page.fill("#login_id", "support01")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit].primary")
    page.goto("/support-admin/tenants/")
    page.check("input[name=rowid]")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("a.dropdown-toggle:has-text('선택한 항목들을')")
    page.click("a[onclick*=approve]")
    page.wait_for_load_state()
    with live_server.app.app_context():
        assert Tenant.query.filter_by(name="브라우저상회").one().status == "approved"
    screenshot(page, "support-approved")
    page.click("#logout")

    page.fill("#login_id", "browsershop1")
    page.fill("#password", "abcd1234")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/dashboard")
    titles = page.locator("nav.menus > ul > li > a").all_inner_texts()
    seven = ["상품정보관리", "판매상품관리", "주문관리", "문의관리", "통계관리", "부가서비스", "기본정보관리"]
    assert [t for t in titles if t in seven] == seven
    for index, title in enumerate(titles):
        page.locator("nav.menus > ul > li > a").nth(index).click()
        page.wait_for_load_state()
        assert page.locator("h1").first.inner_text().startswith(title) or title in page.title()
        screenshot(page, f"menu-{index + 1}")
        for sub in page.locator("ul.menu-home a").all():
            href = sub.get_attribute("href")
            response = page.request.get(live_server.url + href)
            assert response.status == 200, href
    page.goto("/account/users")
    screenshot(page, "account-users")
