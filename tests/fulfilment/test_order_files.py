"""수기주문 upload of the order files sellers download from their channels: encodings, header rows, sheets,
built-in presets (sample files written from each export's documented column list), clean-ups."""
import csv
import io

import pytest
from openpyxl import Workbook

from models import ManualOrder
from portal.extensions import db

from .test_manual_orders import _upload

POOMGO = ["판매 플랫폼", "브랜드", "주문번호", "수취인명", "전화번호", "우편번호", "주소", "상세주소", "배송메세지", "SKU",
          "수량", "주문금액", "결제금액", "총결제금액", "상품URL", "국가코드"]


def _csv(rows, encoding="utf-8", sep=",", bom=b"") -> io.BytesIO:
    text = io.StringIO()
    csv.writer(text, delimiter=sep).writerows(rows)
    return io.BytesIO(bom + text.getvalue().encode(encoding))


def _xlsx(rows, sheets=None) -> io.BytesIO:
    wb = Workbook()
    wb.active.title = "주문"
    for row in rows:
        wb.active.append(row)
    for title, more in (sheets or {}).items():
        ws = wb.create_sheet(title)
        for row in more:
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def _row(headers, values: dict) -> list:
    return [values.get(h, "") for h in headers]


def _orders():
    return {o.order_no: o for o in db.session.query(ManualOrder)}


# --- encodings ----------------------------------------------------------------------------------------

def _poomgo(no, name="홍길동", address="서울특별시 중구 세종대로 110", **more):
    return _row(POOMGO, {"주문번호": no, "수취인명": name, "전화번호": "010-1111-2222", "우편번호": "04524",
                         "주소": address, "SKU": "SKU-A", "수량": 1, **more})


@pytest.mark.parametrize("encoding, bom", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp949", b""),
                                           ("utf-16-le", b"\xff\xfe")])
def test_each_encoding_is_read(signed_in, app, encoding, bom):
    run, lines = _upload(signed_in, app, _csv([POOMGO, _poomgo("C-1", "김철수", "서울특별시 강남구 테헤란로 152")],
                                              encoding, bom=bom), name="orders.csv")
    assert "수기주문 1건을 등록했습니다. 실패 0행." in lines, lines
    order = _orders()["C-1"]
    assert (order.recipient_name, order.address) == ("김철수", "서울특별시 강남구 테헤란로 152")


def test_a_bom_file_whose_4096th_byte_falls_inside_a_character(signed_in, app):
    for pad in range(3):
        rows = [POOMGO] + [_poomgo(f"B-{i}", "김철수", "서울 " + "가" * (i % 7) + "a" * pad) for i in range(80)]
        data = _csv(rows, bom=b"\xef\xbb\xbf").getvalue()
        try:
            data[3:4096].decode("utf-8")
        except UnicodeDecodeError:
            break  # the first 4 KB end inside a character
    else:
        pytest.fail("no padding puts a character across byte 4096")
    _run, lines = _upload(signed_in, app, io.BytesIO(data), name="orders.csv")
    assert "수기주문 80건을 등록했습니다. 실패 0행." in lines


ASCII = ["order", "name", "phone", "zip", "address", "sku", "qty", "country", "url"]


def _ascii_profile(client, platform, **settings):
    client.post("/fulfilment/manual/profiles", data={"platform": platform, **settings, **{
        f"col_{k}": h for k, h in zip(("order_no", "recipient_name", "recipient_phone", "zip_code", "address", "sku",
                                        "quantity", "country", "product_url"), ASCII)}})


def _ascii_row(no, name, address, country="", url=""):
    return [no, name, "010-1111-2222", "04524", address, "SKU-A", 1, country, url]


def test_a_file_utf8_for_its_first_4kb_but_cp949_later_is_read_as_cp949(signed_in, app):
    """Strict UTF-8 over the whole file, not over its start."""
    _ascii_profile(signed_in, "자사몰")
    rows = [ASCII] + [_ascii_row(f"A-{i}", "Kim", "Seoul Jung-gu Sejong-daero 110") for i in range(60)]
    rows.append(_ascii_row("A-60", "김영희", "부산광역시 해운대구 센텀중앙로 79"))
    data = _csv(rows, "cp949").getvalue()
    assert data[:4096].isascii()
    _run, lines = _upload(signed_in, app, io.BytesIO(data), name="orders.csv", platform="자사몰")
    assert "수기주문 61건을 등록했습니다. 실패 0행." in lines
    assert _orders()["A-60"].recipient_name == "김영희"


def test_a_shift_jis_file_is_read_as_cp932(signed_in, app):
    _ascii_profile(signed_in, "楽天")
    url = "https://item.rakuten.co.jp/shop/1"
    data = _csv([ASCII, _ascii_row("J-1", "田中太郎", "東京都千代田区千代田1-1", "JP", url)], "cp932")
    _run, lines = _upload(signed_in, app, data, name="orders.csv", platform="楽天")
    assert "수기주문 1건을 등록했습니다. 실패 0행." in lines, lines
    assert _orders()["J-1"].address == "東京都千代田区千代田1-1"


def test_a_file_no_encoding_reads_fails_the_job_with_the_encodings_tried(signed_in, app):
    data = ",".join(POOMGO).encode() + b"\r\nX-1,\x80\xff\xfe\x80\r\n"
    run, lines = _upload(signed_in, app, io.BytesIO(data), name="orders.csv")
    assert run.status == "failed"
    assert any("UTF-8, CP949(EUC-KR), CP932(Shift_JIS)(으)로 읽어 보았으나" in t for t in lines), lines
    assert not any("Error" in t or "codec" in t for t in lines)


def test_a_shift_jis_file_that_also_reads_as_cp949_is_read_as_cp932(signed_in, app):
    _ascii_profile(signed_in, "楽天")
    data = _csv([ASCII, _ascii_row("J-2", "田中太郎", "東京都千代田区千代田1-1", "JP", "https://a.jp/1")], "cp932")
    assert data.getvalue().decode("cp949")  # strictly valid CP949, but meaningless
    _run, lines = _upload(signed_in, app, data, name="orders.csv", platform="楽天")
    assert _orders()["J-2"].recipient_name == "田中太郎"


def test_the_profile_fixes_the_encoding(signed_in, app):
    _ascii_profile(signed_in, "고정", encoding="cp949")
    korean = _csv([ASCII, _ascii_row("K-1", "김영희", "부산광역시 해운대구")], "cp949")
    _run, lines = _upload(signed_in, app, korean, name="orders.csv", platform="고정")
    assert _orders()["K-1"].recipient_name == "김영희"
    _ascii_profile(signed_in, "고정", encoding="cp932")
    page = signed_in.get("/fulfilment/manual/upload?platform=고정").get_data(as_text=True)
    assert '<option value="cp932" selected>' in page
    utf8 = _csv([ASCII, _ascii_row("K-2", "김영희", "부산광역시 해운대구")], "utf-8")
    run, lines = _upload(signed_in, app, utf8, name="orders.csv", platform="고정")
    assert run.status == "failed" and any("CP932(Shift_JIS)(으)로 읽어 보았으나" in t for t in lines), lines


# --- header row and sheet -------------------------------------------------------------------------------

def test_headers_below_a_title_row_are_found(signed_in, app):
    rows = [["2026-12-01 주문 목록"], [], POOMGO, _poomgo("H-1")]
    _run, lines = _upload(signed_in, app, _xlsx(rows))
    assert "수기주문 1건을 등록했습니다. 실패 0행." in lines
    assert any("(3행이 머리글)" in t for t in lines)


def test_no_header_row_in_the_first_ten_rows_fails_the_job(signed_in, app):
    rows = [["안내"]] * 10 + [POOMGO, _poomgo("H-2")]
    run, lines = _upload(signed_in, app, _xlsx(rows))
    assert run.status == "failed" and db.session.query(ManualOrder).count() == 0
    assert any(t.startswith("주문서에 주문번호, 수취인명") and "처음 10행에서 머리글 행을 찾지 못했습니다" in t
               for t in lines)


def test_the_profile_chooses_the_sheet_and_the_header_row(signed_in, app):
    form = {"platform": "시트선택", "sheet": "발주", "header_row": "2",
            **{f"col_{k}": h for k, h in (("order_no", "주문번호"), ("recipient_name", "수취인명"),
                                          ("recipient_phone", "전화번호"), ("zip_code", "우편번호"), ("address", "주소"),
                                          ("sku", "SKU"), ("quantity", "수량"))}}
    signed_in.post("/fulfilment/manual/profiles", data=form)
    data = _xlsx([["표지"]], sheets={"발주": [["주문번호", "수취인명"], POOMGO, _poomgo("S-1")]})
    _run, lines = _upload(signed_in, app, data, platform="시트선택")
    assert "수기주문 1건을 등록했습니다. 실패 0행." in lines, lines
    signed_in.post("/fulfilment/manual/profiles", data={**form, "sheet": "없는시트"})
    run, lines = _upload(signed_in, app, _xlsx([POOMGO]), platform="시트선택")
    assert run.status == "failed" and any("엑셀 파일에 '없는시트' 시트가 없습니다." in t for t in lines)


def test_the_file_picker_accepts_every_kind(signed_in):
    html = signed_in.get("/fulfilment/manual/upload").get_data(as_text=True)
    assert 'accept=".xlsx,.xls,.xlsm,.csv,.tsv,.txt"' in html


def test_an_excel_97_xls_file_is_read(signed_in, app):
    """An .xls (BIFF8) with a title row above the headers, numbers as numbers, Korean and Japanese text."""
    from .xls_file import xls

    rows = [["주문 목록"], POOMGO, _poomgo("X-1", "김엑셀", 수량=2), _poomgo(70012345, "山田 太郎", 우편번호=4524)]
    run, lines = _upload(signed_in, app, io.BytesIO(xls(rows, "주문")), name="orders.xls")
    assert "수기주문 2건을 등록했습니다. 실패 0행." in lines, lines
    assert any("(2행이 머리글)" in t for t in lines)
    orders = _orders()
    assert (orders["X-1"].recipient_name, orders["X-1"].lines[0].quantity) == ("김엑셀", 2)
    assert (orders["70012345"].recipient_name, orders["70012345"].zip_code) == ("山田 太郎", "04524")
