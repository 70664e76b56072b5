"""수기주문 upload: the shared upload guard refuses bombs, renamed files, declarations and huge sheets
with a Korean message before any job starts, in a moment and without unpacking them."""
import io
import time
import zipfile

import pytest
from openpyxl import Workbook

from models import JobRun

HEADER = ["주문번호", "수취인명", "전화번호", "우편번호", "주소", "SKU", "수량", "국가코드", "상품URL"]


def _xlsx(rows=1) -> bytes:
    wb = Workbook()
    wb.active.append(HEADER)
    for i in range(rows):
        wb.active.append([f"G-{i}", "홍길동", "010-1111-2222", "04524", "서울 중구", "SKU-A", 1, "", ""])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _rezip(data: bytes, replace: dict) -> bytes:
    """The same xlsx with some parts replaced (name -> bytes), deflated."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.pop(info.filename, src.read(info.filename)))
        for name, body in replace.items():
            dst.writestr(name, body)
    return out.getvalue()


def _bomb() -> bytes:
    """A sheet part that inflates to 1 GB of padding from about 1 MB."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_xlsx()), "r") as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                part = zipfile.ZipInfo(info.filename)
                part.compress_type = zipfile.ZIP_DEFLATED
                with dst.open(part, "w", force_zip64=True) as fh:
                    fh.write(body.replace(b"</sheetData>", b""))
                    for _ in range(1024):
                        fh.write(b" " * (1024 * 1024))
                    fh.write(b"</sheetData></worksheet>")
            else:
                dst.writestr(info, body)
    return out.getvalue()


def _million_rows_csv() -> bytes:
    return (",".join(HEADER) + "\n" + "M,,,,,,1,,\n" * 1_000_000).encode()  # about 11 MB


CASES = {
    "zip bomb": ("bomb.xlsx", _bomb, "압축을 풀면 지나치게 커지는 파일"),
    "xml entity": ("entity.xlsx", lambda: _rezip(_xlsx(), {"xl/styles.xml": b'<?xml version="1.0"?><!DOCTYPE x '
                                                          b'[<!ENTITY a "aaaa">]><styleSheet/>'}), "XML 선언(DTD/ENTITY)"),
    "png renamed": ("photo.xlsx", lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 2000, "파일 이름만 바꾼 다른 형식"),
    "html renamed xls": ("orders.xls", lambda: b"<html><body><table><tr><td>1</td></tr></table></body></html>",
                         "파일 이름만 바꾼 다른 형식"),
    "html renamed csv": ("orders.csv", lambda: b"<!DOCTYPE html><html><body>x</body></html>",
                         "파일 이름만 바꾼 다른 형식"),
    "docx renamed": ("letter.xlsx", lambda: _rezip(_xlsx(), {"word/document.xml": b"<w/>"}).replace(
        b"xl/workbook.xml", b"xl/workbook.xmm"), "파일 이름만 바꾼 다른 형식"),
    "a million rows": ("big.csv", _million_rows_csv, "최대 100,000행입니다"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_file_is_refused_before_any_job_starts(client, auth, seller, case):
    name, make, message = CASES[case]
    data = make()
    auth.login()
    started = time.monotonic()
    resp = client.post("/fulfilment/manual/upload", data={"platform": "수기주문서", "file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data", headers={"Accept": "application/json"})
    assert time.monotonic() - started < 10  # measured well under 2 s; bounded here for a loaded machine
    assert resp.status_code == 400, resp.get_data(as_text=True)
    assert message in resp.get_json()["error"]
    assert JobRun.query.count() == 0


def test_a_50_mb_file_gets_a_korean_message_not_an_html_page(client, auth, seller):
    auth.login()
    resp = client.post("/fulfilment/manual/upload",
                       data={"platform": "수기주문서", "file": (io.BytesIO(b"0" * (50 * 1024 * 1024)), "big.csv")},
                       content_type="multipart/form-data", headers={"Accept": "application/json"})
    assert resp.status_code == 413
    assert resp.get_json()["error"] == ("파일이 너무 큽니다. 허용 크기를 확인해 주세요. 한 번에 20MB까지 올릴 수 있습니다. "
                                        "파일을 나누어 올려 주세요.")
    assert JobRun.query.count() == 0


def test_a_file_the_reader_cannot_open_ends_the_job_failed_in_korean(app, client, auth, seller):
    from portal.queues import wait_inline_jobs

    auth.login()
    # Passes the guard (a real OLE2 header) but is no workbook inside.
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096
    resp = client.post("/fulfilment/manual/upload", data={"platform": "수기주문서", "file": (io.BytesIO(data), "x.xls")},
                       content_type="multipart/form-data")
    assert resp.status_code == 202
    wait_inline_jobs(app, timeout=60)
    from models import JobLine
    from portal.extensions import db

    db.session.expire_all()
    run = db.session.get(JobRun, resp.get_json()["job"])
    texts = [x.text for x in db.session.query(JobLine).filter_by(run_id=run.id)]
    assert run.status == "failed", texts
    assert "엑셀 파일을 읽을 수 없습니다. 엑셀에서 열어 본 뒤 xlsx 또는 xls로 다시 저장해 올려 주세요." in texts
