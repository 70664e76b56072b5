"""In the browser: a 대기목록 line's 단가 and 수량 corrected, a wrong value refused with its reason, the 금액 and
the 수정 이력 following."""
import pytest
from playwright.sync_api import expect

from ..conftest import PASSWORD
from ..fulfilment.shipment_fixtures import add_order, add_sku
from .conftest import screenshot

pytestmark = pytest.mark.e2e


def test_edit_unit_price_and_quantity_of_a_waiting_line(page, live_server, seller):
    add_sku(seller, "CREAM-50", "[A17-A1] 하이드로 크림")
    add_order(seller, "855327234", [("CREAM-50", 2, "8100")])
    page.goto("/login")
    page.fill("#login_id", "sellerAmaster")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit].primary")
    page.goto("/fulfilment/waiting")
    page.locator('#waiting-list tr[data-order="855327234"]').get_by_role("link", name="수정").click()
    expect(page.locator("#unit_price")).to_have_value("4050.00")
    page.fill("#quantity", "0")
    page.locator("#waiting-edit-form button[type=submit]").click()
    expect(page.locator("p.error")).to_contain_text("수량은 1~9,999 사이의 정수로 입력해 주세요: 0")
    page.fill("#unit_price", "3,500")
    page.fill("#quantity", "3")
    page.locator("#waiting-edit-form button[type=submit]").click()
    expect(page.locator(".flash.success")).to_contain_text("855327234")
    expect(page.locator('#waiting-list tr[data-order="855327234"]')).to_contain_text("10,500")
    page.locator('#waiting-list tr[data-order="855327234"]').get_by_role("link", name="수정").click()
    expect(page.locator("#change-history tbody tr")).to_have_count(3)
    expect(page.locator('#change-history tr[data-field="amount"]')).to_contain_text("10500")
    screenshot(page, "waiting-line-edit")
