"""In the browser: 주문서 가져오기 → 발주확인 → 송장개별등록 → 송장송신, watching the 연동상황 window."""
import pytest

from models import ChannelOrderLine
from portal.extensions import db

from ..conftest import PASSWORD
from ..orders.conftest import add_account
from .conftest import screenshot

pytestmark = pytest.mark.e2e


def _wait_job(page, said=()):
    try:
        page.wait_for_selector("#job-window[data-status=done]", timeout=30000)
    except Exception:
        screenshot(page, "orders-job-timeout")
        print(page.inner_text("#job-window"), said)
        raise


def test_seller_collects_confirms_and_ships_an_order(page, live_server, seller, fresh_sandbox):
    app = live_server.app
    app.config["SANDBOX_URL"] = fresh_sandbox.url
    with app.app_context():
        add_account(seller, "sandbox", "본점")
    said = []
    page.on("dialog", lambda dialog: (said.append(dialog.message), dialog.accept()))
    page.goto("/login")
    page.fill("#login_id", "sellerAmaster")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit].primary")

    page.goto("/orders/collect")
    page.check("input[name=account_ids]")
    page.click("#collect-form button[type=submit]")
    _wait_job(page)
    assert "신규주문 주문 수집을 성공하였습니다" in page.inner_text("[data-job-lines]")
    screenshot(page, "orders-collect")
    page.click("[data-job-close] >> nth=1")
    page.reload()
    assert page.inner_text("#collect-status td[data-item=new]") == "성공"

    page.goto("/orders/process?stage=NEW")
    assert "김*지" in page.inner_text("#order-list")  # recipients are masked
    first = page.locator("#order-list tbody tr").first
    order_no = first.get_attribute("data-order")
    first.locator("input[data-line]").check()
    page.click("button[data-open-dialog=confirm-dialog]")
    page.click("#confirm-form button[type=submit]")
    _wait_job(page, said)
    assert "발주확인 연동에 성공하였습니다" in page.inner_text("[data-job-lines]")
    screenshot(page, "orders-confirm")
    # The 발주확인 dialog closed when its job started: the window's log is on top and its ✕ answers.
    assert page.locator("#confirm-dialog").evaluate("d => d.open") is False
    page.click("[data-job-close] >> nth=1", timeout=3000)
    assert page.locator("#job-window").is_hidden()

    page.goto("/orders/invoices/entry")
    row = page.locator(f"#order-list tr[data-order='{order_no}']").first
    row.locator("select[data-courier]").select_option("CJGLS")
    row.locator("input[aria-label=송장번호]").fill("640012345678")
    page.click("#invoice-form button[type=submit]")
    assert "송장 1건을 저장했습니다." in page.inner_text(".flash")
    screenshot(page, "orders-invoice-entry")

    page.goto("/orders/invoices/send")
    page.locator(f"#order-list tr[data-order='{order_no}'] input[name=line_ids]").first.check()
    page.click("#send-form button[type=submit]")
    _wait_job(page)
    assert "송장송신 연동에 성공하였습니다" in page.inner_text("[data-job-lines]")
    screenshot(page, "orders-invoice-send")

    page.goto(f"/orders/process?field=order_no&q={order_no}")
    assert "송장전송완료" in page.inner_text("#order-list")
    screenshot(page, "orders-process-sent")
    with app.app_context():
        lines = db.session.query(ChannelOrderLine).filter_by(channel_order_id=order_no).all()
        assert {x.invoice_state for x in lines if x.tracking_number == "640012345678"} == {"sent"}
