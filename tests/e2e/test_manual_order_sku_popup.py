"""In the browser: 연결 SKU 추가 opens the 상품 조회 popup; the checked SKUs land in the form and the order saves."""
import pytest

from models import ManualOrder
from portal.extensions import db

from ..conftest import PASSWORD
from ..fulfilment.conftest import catalog  # noqa: F401  (seller A's products)

pytestmark = pytest.mark.e2e


def test_seller_adds_skus_from_the_popup_and_registers_the_order(page, live_server, seller, catalog):  # noqa: F811
    page.goto("/login")
    page.fill("#login_id", "sellerAmaster")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit].primary")
    page.goto("/fulfilment/manual/new")
    for name, value in (("platform", "카카오톡 주문"), ("order_no", "KT-1"), ("recipient_name", "이영희"),
                        ("recipient_phone", "010-2222-3333"), ("zip_code", "04524"),
                        ("address", "서울특별시 중구 세종대로 110")):
        page.fill(f"input[name={name}]", value)
    page.fill("#sku-lines input[name=quantity] >> nth=0", "")  # the first line starts empty
    with page.expect_popup() as opened:
        page.click("#sku-popup")
    popup = opened.value
    popup.fill("input[name=q]", "이어폰")
    popup.click("#sku-search button[type=submit]")
    popup.check('input[value="OPT-1:화이트/M"]')
    with popup.expect_event("close"):
        popup.click("#sku-add")
    assert page.input_value("#sku-lines input[name=sku] >> nth=0") == "OPT-1:화이트/M"
    assert page.input_value("#sku-lines input[name=quantity] >> nth=0") == "1"
    page.click("#manual-form button[type=submit].primary")
    page.wait_for_url("**/fulfilment/manual")
    with live_server.app.app_context():
        order = db.session.query(ManualOrder).filter_by(order_no="KT-1").one()
        assert [(x.sku, x.quantity, x.option.values) for x in order.lines] == [("OPT-1:화이트/M", 1, "화이트/M")]
