"""In the browser: 라벨/피킹리스트 shows every layout's preview; each layout printed for a checked
shipment, its first page kept as a picture (test-artifacts/) and its barcode scanned."""
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from blueprints.fulfilment.documents.layouts import LAYOUTS

from ..conftest import PASSWORD
from ..fulfilment.documents.conftest import add_shipment, add_sku
from ..fulfilment.documents.pages import keep, open_pdf, page_size_mm, render, scan
from .conftest import screenshot

pytestmark = pytest.mark.e2e


def test_every_layout_previewed_printed_and_scanned(page, live_server, seller):
    cream = add_sku(seller, "8809667983242", "에뛰드 AC 클린업 핑크 파우더 스팟 15ml 대용량 기획세트", location="A17-A1",
                    weight_kg=Decimal("0.1"))
    cushion = add_sku(seller, "8809685810315", "キルカバークッション ファンデーション リフィル 15g 限定")
    essence = add_sku(seller, "2093606889870", "韩国进口爱丽小屋粉刺净化粉末祛痘精华液十五毫升大容量礼盒装")
    shipment = add_shipment(seller, "K2211070200452", [([cream], 2, cream.code, "ハイドロセラ"),
                                                       ([cushion], 1, cushion.code, "クッション"),
                                                       ([essence], 12, essence.code, "精华液")])
    page.goto("/login")
    page.fill("#login_id", "sellerAmaster")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit].primary")
    page.goto("/fulfilment/labels")
    expect(page.locator("#shipment-list")).to_contain_text("K2211070200452")
    previews = page.locator(".layout-choice img")
    expect(previews).to_have_count(len(LAYOUTS))
    for index in range(len(LAYOUTS)):
        previews.nth(index).scroll_into_view_if_needed()
        expect(previews.nth(index)).to_have_js_property("complete", True, timeout=60000)  # drawn on first ask
        assert previews.nth(index).evaluate("img => img.naturalWidth") > 100
    screenshot(page, "labels-page-previews")
    token = page.locator("#print-form input[name=csrf_token]").input_value()
    for code, layout in LAYOUTS.items():
        response = page.request.post(f"{live_server.url}/fulfilment/packing/print", form={
            "csrf_token": token, "shipment_ids": str(shipment.id), "action": "labels", "layout": code})
        assert response.status == 200 and response.headers["content-type"] == "application/pdf"
        doc = open_pdf(response.body())
        width, height = page_size_mm(doc)
        assert abs(width - layout.sheet.page[0]) < 0.01 and abs(height - layout.sheet.page[1]) < 0.01
        image = render(doc, 0)
        keep(image, f"printed-{code}")
        if layout.barcode:
            labels = 1 if not layout.items else -(-3 // layout.items)  # three items
            on_first_page = labels if layout.sheet.per_page > 1 else 1
            assert scan(image, (0, 0, width, height)) == ["K2211070200452"] * on_first_page
