"""An English seller's 상품관리: the 대량등록 template keeps its Korean headers and explains them in English,
an upload imports and reports in English, and the history and stock screens name fields in English."""
import io

import pytest
from openpyxl import load_workbook

from blueprints.products.services.bulk_sheet import COLUMNS, MODIFY_COLUMNS
from models import Product, ProductHistory
from portal.extensions import db
from tests.conftest import make_tenant, make_user

from .test_bulk import GOOD, failure_rows, upload


@pytest.fixture
def english_in(app, client, auth):
    tenant = make_tenant(name="Example Trading")
    user = make_user("englishseller", tenant, master=True)
    user.locale = "en"
    db.session.commit()
    auth.login("englishseller")
    return user


def test_the_template_keeps_korean_headers_and_explains_them_in_english(client, english_in):
    wb = load_workbook(io.BytesIO(client.get("/products/bulk-register/template").data))
    products, guide = wb.worksheets
    assert [c.value for c in products[1]] == [h for h, _, _ in COLUMNS]  # the importer's keys, as they were
    assert guide.title == "How to fill in"
    rows = {r[0]: r[1] for r in guide.iter_rows(values_only=True) if r[0]}
    assert rows["Column"] == "How to fill in"
    assert rows["옵션명2"] == "Option name 2: Combination option name 2"
    assert rows["상품상태*"] == "Product status: 판매가능 (or on) / 판매불가 (or off)"
    assert rows["추가상품목록5"].startswith("Add-on items 5: ")
    assert "Product notice: 가공식품" in rows


def test_an_english_seller_imports_the_korean_template_and_reads_the_job_in_english(app, client, english_in):
    run = upload(client, app, [GOOD, {"상품명": "no category", "대표가격": "abc"}])
    assert (run.ok_count, run.fail_count) == (1, 1)
    texts = [line.text for line in run.lines]
    assert "2/2 rows processed (succeeded 1, failed 1)" in texts
    assert any(t.startswith("Row 3 failed: ") for t in texts)
    header = failure_rows(app, run)[0]
    assert header[:len(COLUMNS)] == [h.rstrip("*") for h, _, _ in COLUMNS] and header[-1] == "Reason for failure"


def test_the_history_screen_names_kinds_and_fields_in_english(app, client, english_in):
    upload(client, app, [GOOD])
    product = Product.query.one()
    upload(client, app, [{"상품코드": product.code, "대표가격": 32000, "옵션재고": "1,2,3"}],
           "/products/bulk-modify", MODIFY_COLUMNS)
    entry = ProductHistory.query.filter_by(action="대량수정").one()  # stored as written, in Korean
    assert {"field": "옵션재고 5kg", "before": "10", "after": "2"} in entry.changes
    html = client.get(f"/products/{product.id}/history").get_data(as_text=True)
    assert "Bulk edit" in html and "Bulk registration" in html
    assert "<td>Base price</td>" in html and "<td>Option stock 5kg</td>" in html
    assert ">대량수정<" not in html and ">대량등록<" not in html and "<td>옵션재고" not in html


def test_the_stock_export_reads_english(app, client, english_in):
    upload(client, app, [GOOD])
    resp = client.get("/products/stock?format=xlsx")
    assert "stock.xlsx" in resp.headers["Content-Disposition"]
    ws = load_workbook(io.BytesIO(resp.data)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("Product code", "Own product code", "Product name", "Type", "Options/add-ons",
                       "Stock quantity", "Low stock")
    assert {r[3] for r in rows[1:]} == {"Option", "Add-on product"}
    assert any(str(r[4]).startswith("[Add-on] 곁들임/") for r in rows[1:])
