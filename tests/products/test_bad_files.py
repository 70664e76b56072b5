"""Bad 상품대량등록 files get a clear Korean answer, never a 500; files we hand out carry no formula."""
import io
import struct
import zipfile

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from blueprints.products.services import bulk_sheet, sheet_guard
from blueprints.products.services.bulk_sheet import COLUMNS
from models import JobRun, Product
from portal.extensions import db
from portal.queues import wait_inline_jobs

from .test_bulk import GOOD, failure_rows, sheet

HEADERS = [h for h, _, _ in COLUMNS]
CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxml'
                 b'formats.org/package/2006/content-types"><Default Extension="xml" ContentType='
                 b'"application/xml"/></Types>')
WORKBOOK = (b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            b'<sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>')
RELS = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')


def handmade(sheet_xml: bytes, extra: dict | None = None) -> io.BytesIO:
    """A minimal xlsx written part by part, so a test can put anything in the sheet."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("xl/workbook.xml", WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", RELS)
        zf.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    buf.seek(0)
    return buf


def rows_xml(count: int) -> bytes:
    head = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    row = b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>\xec\x83\x81\xed\x92\x88\xeb\xaa\x85</t></is></c></row>'
    return head + b"".join(row % (n, n) for n in range(1, count + 1)) + b"</sheetData></worksheet>"


def post(client, data: io.BytesIO, filename="products.xlsx"):
    return client.post("/products/bulk-register", data={"file": (data, filename)},
                       content_type="multipart/form-data")


def refused(resp) -> str:
    assert resp.status_code == 400, resp.get_data(as_text=True)[:500]
    return resp.get_json()["error"]


@pytest.fixture
def seller_in(client, auth, seller):
    auth.login()
    return client


def test_wrong_template(seller_in):
    wb = Workbook()
    wb.active.append(["이름", "가격"])
    wb.active.append(["자전거", 1000])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    assert refused(post(seller_in, buf)) == "상품명 컬럼이 없습니다. 상품대량등록 양식을 내려받아 사용해 주세요."


@pytest.mark.parametrize("content", [b"%PDF-1.4 not a sheet", b"PK\x03\x04broken",
                                     b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old xls"])
def test_not_an_xlsx(seller_in, content):
    assert refused(post(seller_in, io.BytesIO(content))) == sheet_guard.MSG_NOT_XLSX
    assert sheet_guard.MSG_NOT_XLSX.startswith("엑셀(xlsx) 파일이 아닙니다.")


def test_a_zip_that_is_no_workbook(seller_in):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "hello")
    buf.seek(0)
    assert refused(post(seller_in, buf)) == sheet_guard.MSG_NOT_XLSX


def test_empty_sheet(seller_in):
    assert refused(post(seller_in, sheet([]))) == (
        "엑셀 파일에 상품 행이 없습니다. 양식의 2행부터 한 행에 상품 하나씩 입력해 주세요.")


def test_over_the_row_limit_is_refused_before_the_sheet_is_parsed(seller_in, monkeypatch):
    def parse(*args, **kwargs):
        raise AssertionError("the sheet was parsed")

    monkeypatch.setattr(bulk_sheet, "load_workbook", parse)
    message = refused(post(seller_in, handmade(rows_xml(100_001))))
    assert message == "한 번에 올릴 수 있는 상품은 최대 20,000행입니다. 파일을 20,000행 이하로 나누어 올려 주세요."
    assert JobRun.query.count() == 0
    assert sheet_guard.MAX_ROWS == 20_000  # the limit the page and the template state


def test_zip_bomb_by_ratio(seller_in):
    bomb = handmade(b"<worksheet>" + b" " * (60 * 1024 * 1024) + b"</worksheet>")
    assert refused(post(seller_in, bomb)) == (
        "압축을 풀면 지나치게 커지는 파일이라 열지 않았습니다. 엑셀에서 새 파일로 저장해 올려 주세요.")


def test_zip_bomb_that_lies_about_its_size(seller_in):
    buf = handmade(rows_xml(3) + b" " * (4 * 1024 * 1024))
    data = bytearray(buf.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    struct.pack_into("<I", data, info.header_offset + 22, 500)  # local header: 500 bytes
    central = data.find(b"xl/worksheets/sheet1.xml", data.find(b"PK\x01\x02")) - 46
    assert data[central:central + 4] == b"PK\x01\x02"
    struct.pack_into("<I", data, central + 24, 500)  # central directory: 500 bytes
    assert refused(post(seller_in, io.BytesIO(bytes(data)))) == sheet_guard.MSG_BOMB


def test_xml_entity_bomb(seller_in):
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                         for i in range(1, 10))
              + b']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              b"<si><t>&lol9;</t></si></sst>")
    buf = handmade(rows_xml(2), {"xl/sharedStrings.xml": laughs})
    assert refused(post(seller_in, buf)) == (
        "엑셀 파일에 허용되지 않는 XML 선언(DTD/ENTITY)이 있어 열지 않았습니다.")


def upload_job(app, client, buf):
    resp = post(client, buf)
    assert resp.status_code == 202, resp.get_data(as_text=True)
    wait_inline_jobs(app)
    db.session.expire_all()
    return db.session.get(JobRun, resp.get_json()["job"])


def test_formula_cells_refuse_their_row_with_the_cell_named(app, seller_in):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    ws.append([GOOD.get(h.rstrip("*"), "") for h in HEADERS])
    ws.append([{**GOOD, "자체상품코드": "KIMCHI6", "대표가격": "=1000*30"}.get(h.rstrip("*"), "")
               for h in HEADERS])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    run = upload_job(app, seller_in, buf)
    assert (run.ok_count, run.fail_count) == (1, 1)
    price = get_column_letter(HEADERS.index("대표가격*") + 1)
    reason = f"수식이 들어 있는 셀({price}3)은 읽지 않습니다. 수식 대신 값을 입력해 주세요."
    assert failure_rows(app, run)[1][-1] == reason
    assert [p.own_code for p in Product.query] == ["KIMCHI5"]


def test_failure_file_keeps_formula_like_text_as_text(app, seller_in):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    risky = {**GOOD, "상품명": '=HYPERLINK("http://example.com","x")', "모델명": "@SUM(1)",
             "키워드": "-2+3"}
    ws.append([risky.get(h.rstrip("*"), "") for h in HEADERS])
    for cell in ws[2]:
        if isinstance(cell.value, str) and cell.value[:1] in "=@-":
            cell.data_type = "s"  # typed as text by the seller, not a formula
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    run = upload_job(app, seller_in, buf)
    assert run.fail_count == 1
    path = f"{app.config['JOB_FILES_DIR']}/{run.tenant_id}/{run.result_file}"
    row = next(iter(load_workbook(path).active.iter_rows(min_row=2, max_row=2)))
    cells = {HEADERS[i].rstrip("*"): row[i] for i in range(len(HEADERS))}
    for name in ("상품명", "모델명", "키워드"):
        assert cells[name].data_type == "s" and cells[name].value == risky[name]


def test_exported_cells_never_carry_live_formulas(client, seller_in, seller):
    db.session.add(Product(tenant_id=seller.id, name="+1 세트", code="C1",
                           model_name='=HYPERLINK("http://x.kr")', brand="@브랜드"))
    db.session.commit()
    for url in ("/products/search?format=xlsx", "/products/stock?format=xlsx"):
        ws = load_workbook(io.BytesIO(client.get(url).data)).active
        texts = [c for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
        assert texts and all(c.data_type == "s" for c in texts)
        assert "+1 세트" in [c.value for c in texts]
    ws = load_workbook(io.BytesIO(client.get("/products/search?format=xlsx").data)).active
    row = [c.value for c in ws[2]]
    assert row[5] == '=HYPERLINK("http://x.kr")' and row[6] == "@브랜드"
