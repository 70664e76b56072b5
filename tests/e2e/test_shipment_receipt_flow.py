"""In the browser: Qoo10 orders in 대기목록 → merge two carts from the suggestion → 배송접수 → the shipment in
묶음관리 with both orders, its SKU items and its history."""
import pytest
from playwright.sync_api import expect

from ..conftest import PASSWORD
from ..fulfilment.shipment_fixtures import add_order, add_sku
from .conftest import screenshot

pytestmark = pytest.mark.e2e


def test_merge_two_carts_and_receive_them_as_one_shipment(page, live_server, seller):
    add_sku(seller, "MASK-01", "[A17-F2] 스네일 마스크")
    add_sku(seller, "CREAM-50", "[A17-A1] 하이드로 크림")
    add_order(seller, "855327234", [("CREAM-50", 1, "4050")])
    add_order(seller, "855327235", [("MASK-01,MASK-01", 2, "3600")], phone="09012345678", zip_code="1500001")
    page.goto("/login")
    page.fill("#login_id", "sellerAmaster")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit].primary")
    page.goto("/fulfilment/waiting")
    expect(page.locator("#waiting-list tbody tr")).to_have_count(2)
    page.click("#merge-suggestions")
    row = page.locator("#merge-list tbody tr").first
    expect(row).to_contain_text("이름 & 연락처 & 우편번호")
    row.get_by_role("button", name="묶기").click()
    expect(page.locator(".flash.success")).to_contain_text("장바구니번호를 855327234")
    page.goto("/fulfilment/waiting")
    expect(page.locator('#waiting-list tr[data-cart="855327234"]')).to_have_count(2)
    for box in page.locator("#waiting-list input[name=ids]").all():
        box.check()
    page.click("#receive")
    expect(page.locator(".flash.success")).to_contain_text("2건의 주문을 배송 1건으로 접수했습니다")
    page.goto("/fulfilment/bundles")
    shipment = page.locator("#shipment-list tbody tr").first
    expect(shipment).to_contain_text("A00")
    shipment.locator("a").first.click()
    expect(page.locator("#bundle-orders tbody tr")).to_have_count(2)
    expect(page.locator("#bundle-items")).to_contain_text("MASK-01")
    expect(page.locator("#bundle-events")).to_contain_text("배송접수")
    screenshot(page, "shipment-receipt")
