"""In the browser: register items → 입고신청 → support confirms a partial receipt → 재고 → 밀크런 출고 → shipped."""
import pytest
from playwright.sync_api import expect

from models import InboundRequest, OutboundRequest, StockLedger, WarehouseItem
from portal.extensions import db

from ..conftest import PASSWORD
from ..warehouse.conftest import PDF, centre, jpeg
from .conftest import screenshot

pytestmark = pytest.mark.e2e


def _login(page, login_id):
    page.goto("/login")
    page.fill("#login_id", login_id)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit].primary")


def _item(page, index, fnsku, name_zh, tmp_path):
    row = page.locator(".wh-item").nth(index)
    row.locator("input[name$=-fnsku]").fill(fnsku)
    image = tmp_path / f"item{index}.jpg"
    image.write_bytes(jpeg()[0].getvalue())
    row.locator("input[type=file]").set_input_files(str(image))
    row.locator("input[name$=-seller_sku]").fill(f"SKU{index}")
    row.locator("input[name$=-name_zh]").fill(name_zh)
    row.locator("button.translate").click()  # the suggestion comes only when asked
    expect(row.locator("input[name$=-name_en]")).not_to_have_value("")
    row.locator("input[name$=-customs_value]").fill("8.90")
    row.locator("input[name$=-weight_kg]").fill("0.4")
    row.locator("input[name$=-width_cm]").fill("30")
    row.locator("input[name$=-depth_cm]").fill("20")
    row.locator("input[name$=-height_cm]").fill("5")


def test_items_inbound_partial_receipt_milkrun_and_shipping(page, browser, live_server, seller, support, tmp_path):
    seller.warehouse_enabled = True
    db.session.commit()
    centre_name = centre().name
    _login(page, "sellerAmaster")
    page.goto("/warehouse/items/new")
    _item(page, 0, "D111153656201011", "纯色圆领毛衣女", tmp_path)
    page.click("#add-item")
    _item(page, 1, "D118024465402037", "羽绒棉服女冬短款外套", tmp_path)
    assert page.input_value("input[name=items-1-name_ko]") == "다운 면패딩 여성 겨울 숏 외투"
    screenshot(page, "warehouse-1-register")
    page.click("#item-submit")
    page.wait_for_url("**/warehouse/items")

    page.check('input[aria-label="D111153656201011"]')
    page.click("#to-inbound")
    page.wait_for_url("**/warehouse/inbound/new**")
    page.fill("input[name=lines-0-quantity]", "10")
    page.fill("input[name=lines-0-box_no]", "BOX-1")
    for dim, value in (("width", "60"), ("depth", "40"), ("height", "40")):
        page.fill(f"input[name=lines-0-box_{dim}_cm]", value)
    page.click("button.open-lookup")  # 입고상품추가: the popup finds the second item
    page.fill("#lookup-search input[name=q]", "D118024465402037")
    page.select_option("#lookup-search select[name=field]", "fnsku")
    page.click("#lookup-search button[type=submit]")
    page.check('#lookup-rows input[aria-label="D118024465402037"]')
    page.click("#lookup-add")
    page.fill("input[name=lines-1-quantity]", "3")
    page.fill("input[name=lines-1-box_no]", "BOX-2")
    for dim, value in (("width", "50"), ("depth", "40"), ("height", "30")):
        page.fill(f"input[name=lines-1-box_{dim}_cm]", value)
    screenshot(page, "warehouse-2-inbound")
    page.click("#inbound-submit")
    page.wait_for_url("**/warehouse/inbound")
    with live_server.app.app_context():
        inbound = db.session.query(InboundRequest).one()
        inbound_no, line_id = inbound.no, inbound.lines[0].id
        assert [(ln.item.fnsku, ln.quantity, ln.box_no) for ln in inbound.lines] == [
            ("D111153656201011", 10, "BOX-1"), ("D118024465402037", 3, "BOX-2")]

    desk = browser.new_context(base_url=live_server.url, locale="ko-KR").new_page()
    _login(desk, "support01")
    desk.goto("/support-admin/warehouse_desk/")
    desk.click(f"text={inbound_no}")
    desk.fill(f"input[name=counted-{line_id}]", "6")
    screenshot(desk, "warehouse-3-support-receipt")
    desk.click("#receive-submit")
    desk.wait_for_selector("text=6개 입고를 확정했습니다")

    page.goto("/warehouse/stock")
    row = page.locator('tr[data-fnsku="D111153656201011"]')
    assert row.locator(".available").inner_text() == "6"
    page.goto("/warehouse/inbound")
    assert "부분입고" in page.locator(f'tr[data-no="{inbound_no}"] .status').first.inner_text()
    screenshot(page, "warehouse-4-stock")

    page.goto("/warehouse/stock")
    page.check('input[aria-label="D111153656201011"]')
    page.click("#stock-to-outbound")
    page.wait_for_url("**/warehouse/outbound/new**")
    assert page.locator(".available").first.inner_text() == "6"
    page.fill("input[name=lines-0-quantity]", "4")
    page.select_option("select[name=orders-0-transport]", "milkrun")
    pdf = tmp_path / "쿠팡부착서.pdf"
    pdf.write_bytes(PDF)
    page.set_input_files("input[name=orders-0-attachment]", str(pdf))
    page.select_option("select[name=orders-0-centre_id]", label=centre_name)
    for name, value in (("order_no", "RG-1"), ("po_no", "12873360"), ("recipient_name", "쿠팡 고양1"),
                        ("recipient_phone", "031-000-0000"), ("province", "경기도"), ("city", "고양시"),
                        ("zipcode", "10250"), ("address", "쿠팡 물류센터")):
        page.fill(f"input[name=orders-0-{name}]", value)
    screenshot(page, "warehouse-5-milkrun")
    page.click("#outbound-submit")
    page.wait_for_url("**/warehouse/outbound")
    with live_server.app.app_context():
        out = db.session.query(OutboundRequest).one()
        out_no, out_id = out.no, out.id

    desk.goto(f"/support-admin/warehouse_desk/outbound/{out_id}")
    assert desk.locator("#attachment-link").inner_text() == "쿠팡부착서.pdf"
    desk.click("#pick-form button")
    desk.fill("#ship-form input[name=tracking_no]", "")
    desk.click("#ship-form button")
    desk.wait_for_selector("text=출고를 완료했습니다")
    screenshot(desk, "warehouse-6-support-shipped")

    page.goto("/warehouse/outbound")
    assert "출고완료" in page.locator(f'tr[data-no="{out_no}"] .status').inner_text()
    page.goto("/warehouse/stock")
    assert page.locator('tr[data-fnsku="D111153656201011"] .available').inner_text() == "2"
    screenshot(page, "warehouse-7-agree")
    with live_server.app.app_context():
        item = db.session.query(WarehouseItem).filter_by(fnsku="D111153656201011").one()
        assert item.available == sum(r.change for r in db.session.query(StockLedger).filter_by(item_id=item.id)) == 2
