"""In the browser: a SmartStore order file uploaded (수기주문 엑셀 업로드) → its orders in 주문확인/처리 →
송장 entered in 송장개별등록 → the 송장 file downloaded in SmartStore's 발송처리 layout and read back."""
import pytest
from openpyxl import load_workbook

from ..conftest import PASSWORD
from ..fulfilment.conftest import catalog  # noqa: F401  (seller A's products)
from ..fulfilment.test_orders_flow_on import _smartstore_file
from .conftest import screenshot

pytestmark = pytest.mark.e2e


def test_an_uploaded_file_flows_to_its_channels_invoice_file(page, live_server, seller, catalog, tmp_path):  # noqa: F811
    sheet = tmp_path / "스마트스토어_발주발송관리.xlsx"
    sheet.write_bytes(_smartstore_file().getvalue())
    page.goto("/login")
    page.fill("#login_id", "sellerAmaster")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit].primary")

    page.goto("/fulfilment/manual/upload")
    page.fill("#upload-form input[name=platform]", "스마트스토어")
    page.set_input_files("#upload-form input[name=file]", str(sheet))
    page.click("#upload-form button[type=submit].primary")
    try:
        page.wait_for_selector("#job-window[data-status=done]", timeout=60000)
    except Exception:
        screenshot(page, "file-orders-upload-timeout")
        raise
    assert "주문 1건" in page.inner_text("[data-job-lines]")
    screenshot(page, "file-orders-upload")

    page.goto("/orders/process?field=order_no&q=2026120400001")
    listed = page.inner_text("#order-list")
    assert "무선 이어폰" in listed and "린넨 롱원피스" in listed and "파일 주문" in listed
    screenshot(page, "file-orders-process")

    page.goto("/orders/invoices/entry")
    rows = page.locator("#order-list tr[data-order='2026120400001']")
    assert rows.count() == 2
    for product, number in (("무선 이어폰", "640012345671"), ("린넨 롱원피스", "640012345672")):
        row = rows.filter(has_text=product)
        row.locator("select[data-courier]").select_option("CJGLS")
        row.locator("input[aria-label=송장번호]").fill(number)
    page.click("#invoice-form button[type=submit]")
    assert "송장 2건을 저장했습니다." in page.inner_text(".flash")

    page.goto("/fulfilment/manual/invoice-file")
    page.select_option("#invoice-file-form select[name=platform]", "스마트스토어")
    page.select_option("#invoice-file-form select[name=layout]", "smartstore")
    page.click("#invoice-file-form button[type=submit]:not(.primary)")
    assert "2026120400011" in page.inner_text("#invoice-file-rows")
    screenshot(page, "file-orders-invoice-file")
    with page.expect_download() as download:
        page.click("#download-invoice-file")
    path = tmp_path / "invoice.xlsx"
    download.value.save_as(path)
    rows = list(load_workbook(path).active.values)
    assert rows[0] == ("상품주문번호", "배송방법", "택배사", "송장번호")
    # 상품주문번호 …11 is the file's 무선 이어폰 line, …12 its 린넨 롱원피스 line
    assert sorted(rows[1:]) == [("2026120400011", "택배,등기,소포", "CJ대한통운", "640012345671"),
                                ("2026120400012", "택배,등기,소포", "CJ대한통운", "640012345672")]
