"""In the browser: order upload → 대기목록 → two carts merged → 배송접수 → a gift event previewed and applied →
support confirms 입고, numbers and ships the box → 배송현황 and 배송조회 show the states → the tracking number
comes back in the channel's upload file."""
import io

import pytest
from openpyxl import Workbook, load_workbook
from playwright.sync_api import expect

from models import GiftEvent, GiftEventGift, Shipment
from portal.extensions import db

from ..conftest import PASSWORD
from ..fulfilment.conftest import add_product
from ..fulfilment.shipments import make_sku
from .conftest import screenshot

pytestmark = pytest.mark.e2e
URL = "https://www.qoo10.jp/g/747022710"


def _login(page, login_id):
    page.goto("/login")
    page.fill("#login_id", login_id)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit].primary")


def _orders(path):
    wb = Workbook()
    ws = wb.active
    ws.append(["주문번호", "수취인명", "전화번호", "우편번호", "주소", "SKU", "수량", "국가코드", "상품URL"])
    ws.append(["784772292", "山田花子", "090-1234-5678", "160-0022", "東京都新宿区新宿1-1-1", "SKU-A", 2, "JP", URL])
    ws.append(["784772293", "山田花子", "090-1234-5678", "160-0022", "東京都新宿区新宿1-1-1", "SKU-B", 1, "JP", URL])
    wb.save(path)


def test_upload_merge_receive_gift_ship_track_and_notify(page, browser, live_server, seller, support, tmp_path):
    app = live_server.app
    with app.app_context():
        for code, name in (("SKU-A", "히알루론 에센스"), ("SKU-B", "수분 크림")):
            add_product(seller, code, name)
            make_sku(seller, code, name)
        gift = make_sku(seller, "gift-maskpak-1ea", "증정용 마스크팩", gift=True)
        db.session.add(GiftEvent(tenant_id=seller.id, name="메가와리 마스크팩 증정", basis="cart", channels=["qoo10jp"],
                                 gifts=[GiftEventGift(tenant_id=seller.id, sku_id=gift.id, quantity=1)],
                                 active=False))  # applied by hand below
        db.session.commit()
    page.on("dialog", lambda dialog: dialog.accept())
    _login(page, "sellerAmaster")

    page.goto("/fulfilment/manual/upload")
    page.fill("#upload-form input[name=platform]", "qoo10jp")
    _orders(tmp_path / "qoo10.xlsx")
    page.set_input_files("#upload-form input[name=file]", str(tmp_path / "qoo10.xlsx"))
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("#job-window[data-status=done]", timeout=30000)

    page.goto("/fulfilment/waiting")
    rows = page.locator("#waiting-list tr[data-order]")
    expect(rows).to_have_count(2)
    rows.locator("input[name=ids]").nth(0).check()
    rows.locator("input[name=ids]").nth(1).check()
    page.fill("#waiting-form input[name=cart_no]", "CART-YAMADA")
    page.click("#set-cart")
    expect(page.locator('#waiting-list tr[data-cart="CART-YAMADA"]')).to_have_count(2)
    screenshot(page, "shipments-1-waiting-merged")
    page.locator("#waiting-list input[name=ids]").nth(0).check()
    page.locator("#waiting-list input[name=ids]").nth(1).check()
    page.click("#receive")
    expect(page.locator("#waiting-list tr[data-order]")).to_have_count(0)
    with app.app_context():
        shipment = db.session.query(Shipment).one()  # one cart, one box
        receipt_no, shipment_id = shipment.receipt_no, shipment.id
        db.session.query(GiftEvent).update({"active": True})
        db.session.commit()

    page.goto("/fulfilment/gifts")
    page.click("button[data-event]")
    expect(page.locator("#preview-count")).to_have_text("1")
    expect(page.locator(f'#preview-list tr[data-receipt="{receipt_no}"]')).to_be_visible()
    screenshot(page, "shipments-2-event-preview")
    page.click("#event-apply button[type=submit]")
    page.goto("/fulfilment/gifts")
    page.click("button[data-event]")
    expect(page.locator("#preview-count")).to_have_text("0")  # applying again would add nothing

    desk = browser.new_context(base_url=live_server.url, locale="ko-KR").new_page()
    _login(desk, "support01")
    desk.goto(f"/support-admin/forwarder_desk/?q={receipt_no}")
    desk.fill("#receive-form input[name=weight]", "0.85")
    desk.click("#receive-form button[type=submit]")
    expect(desk.locator("#desk-status")).to_contain_text("A99")
    desk.fill("#tracking-form input[name=carrier]", "SAGAWA")
    desk.fill("#tracking-form input[name=number]", "357887707763")
    desk.click("#tracking-form button[type=submit]")
    desk.select_option("#status-form select[name=code]", "B00")
    desk.fill("#status-form input[name=message]", "타송 화물 출하")
    desk.click("#status-form button[type=submit]")
    expect(desk.locator("#desk-status")).to_contain_text("B00")
    screenshot(desk, "shipments-3-forwarder-desk")
    desk.context.close()

    page.goto("/fulfilment/tracking?status=B00")
    expect(page.locator(f'#shipment-list tr[data-receipt="{receipt_no}"] td.status')).to_contain_text("출고완료")
    page.goto(f"/fulfilment/tracking/{shipment_id}")
    expect(page.locator("#current-status")).to_have_attribute("data-status", "B00")
    expect(page.locator("#intl-tracking")).to_contain_text("357887707763")
    expect(page.locator('#shipment-history tr[data-code="A99"]')).to_contain_text("입고 확인 (0.85kg)")
    expect(page.locator('#shipment-history tr[data-code="B00"]')).to_contain_text("타송 화물 출하")
    expect(page.locator('#shipment-items tr[data-channel="gift"]')).to_contain_text("gift-maskpak-1ea")
    screenshot(page, "shipments-4-tracking")

    page.goto("/fulfilment/notify")
    with page.expect_download() as download:
        page.click('#notify-files tr[data-channel="qoo10jp"] a')
    rows = list(load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).active.values)
    assert rows[0] == ("주문번호", "택배사", "송장번호", "주문국가")
    assert sorted(rows[1:]) == [("784772292", "SAGAWA", "357887707763", "JP"),
                                ("784772293", "SAGAWA", "357887707763", "JP")]
