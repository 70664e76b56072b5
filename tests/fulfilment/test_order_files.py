"""수기주문 upload of the order files sellers download from their channels: encodings, header rows, sheets,
built-in presets (sample files written from each export's documented column list), clean-ups."""
import csv
import io

import pytest
from openpyxl import Workbook, load_workbook

from blueprints.fulfilment.presets import PRESETS
from models import ImportProfile, JobRun, ManualOrder
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


# --- presets ------------------------------------------------------------------------------------------

SAMPLES = {  # one order of two lines and one of one line, in each export's own words
    "amazon_jp": [{"order-id": "249-6440986-2640636", "recipient-name": "山田 太郎", "ship-phone-number": "+81-90-1234-5678",
                   "ship-postal-code": "100-0001", "ship-state": "東京都", "ship-city": "千代田区",
                   "ship-address-1": "千代田1-1", "sku": "SKU-A", "quantity-purchased": "1", "currency": "JPY",
                   "ship-country": "JP", "purchase-date": "2022-03-21T07:33:26+09:00"},
                  {"order-id": "249-6440986-2640636", "sku": "sku-b", "quantity-purchased": "2",
                   "recipient-name": "山田 太郎", "ship-phone-number": "+81-90-1234-5678", "ship-postal-code": "100-0001",
                   "ship-state": "東京都", "ship-city": "千代田区", "ship-address-1": "千代田1-1", "ship-country": "JP"}],
    "rakuten": [{"受注番号": "349128-20221013-0001", "送付先名字": "田中", "送付先名前": "花子", "送付先電話番号1": "03",
                 "送付先電話番号2": "1234", "送付先電話番号3": "5678", "送付先郵便番号1": "060", "送付先郵便番号2": "0001",
                 "送付先住所：都道府県": "北海道", "送付先住所：都市区": "札幌市中央区", "送付先住所：町以降": "北1条西2丁目",
                 "商品管理番号": "SKU-A", "個数": "1"},
                {"受注番号": "349128-20221013-0001", "送付先名字": "田中", "送付先名前": "花子", "送付先電話番号1": "03",
                 "送付先電話番号2": "1234", "送付先電話番号3": "5678", "送付先郵便番号1": "060", "送付先郵便番号2": "0001",
                 "送付先住所：都道府県": "北海道", "送付先住所：都市区": "札幌市中央区", "送付先住所：町以降": "北1条西2丁目",
                 "商品番号": "SKU-B", "個数": "２"}],
    "buyma": [{"取引ID": "88001234", "氏名": "佐藤 次郎", "郵便番号": "530-0001", "住所": "大阪府大阪市北区梅田1-1",
               "電話番号": "０９０－１２３４－５６７８", "商品ID": "SKU-A", "受注数": "1"}],
    "qoo10": [{"주문번호": "780712194", "수취인명": "鈴木 一郎", "수취인핸드폰번호": "", "수취인전화번호": "080-1111-2222",
               "우편번호": "2310001", "주소": "神奈川県横浜市中区1-1", "판매자상품코드": "SKU-A", "수량": "1", "국가": "JP"}],
    "smartstore": [{"상품주문번호": "2026112300011", "주문번호": "2026112300001", "수취인명": "홍길동",
                    "수취인연락처1": "010-1111-2222", "기본배송지": "서울특별시 중구 세종대로 110", "상세배송지": "1층",
                    "우편번호": "04524", "판매자 상품코드": "SKU-A", "수량": "3"}],
    "coupang": [{"주문번호": "13000012345678", "수취인이름": "김쿠팡", "수취인전화번호": "0502-1234-5678",
                 "우편번호": "05510", "수취인 주소": "서울특별시 송파구 송파대로 570", "업체상품코드": "SKU-C", "구매수(수량)": "1"}],
    "11st": [{"주문번호": "202612010000001", "수취인": "이십일", "휴대폰번호": "010-3333-4444", "우편번호": "04637",
              "주소": "서울특별시 중구 한강대로 416", "판매자상품코드": "SKU-D", "수량": "2"}],
    "esm": [{"주문번호": "4000000001", "수령인명": "지마켓", "수령인 휴대폰": "010-5555-6666", "우편번호": "06164",
             "주소": "서울특별시 강남구 테헤란로 521", "판매자 관리코드": "TS-01", "수량": "1"}],
}
JAPAN = {"amazon_jp", "rakuten", "buyma", "qoo10"}


def _preset_file(preset):
    rows = [_row(preset.headers, v) for v in SAMPLES[preset.key]]
    if preset.key == "amazon_jp":  # a tab-delimited .txt in Shift_JIS
        return _csv([preset.headers] + rows, "cp932", "\t"), "amazon-orders.txt"
    if preset.key in ("rakuten", "buyma"):  # CSV in Shift_JIS
        return _csv([preset.headers] + rows, "cp932"), f"{preset.key}.csv"
    if preset.key == "coupang":
        return _csv([preset.headers] + rows, "utf-8", bom=b"\xef\xbb\xbf"), "DeliveryList.csv"
    title = [[f"{preset.title} 다운로드"]] * (preset.header_row - 1)  # SmartStore: headers on row 2
    return _xlsx(title + [list(preset.headers)] + rows), f"{preset.key}.xlsx"


@pytest.mark.parametrize("preset", PRESETS, ids=[p.key for p in PRESETS])
def test_each_preset_reads_its_export(signed_in, app, preset, catalog):
    data, name = _preset_file(preset)
    run, lines = _upload(signed_in, app, data, name=name, platform=preset.platform)
    assert f"{preset.title} 양식으로 파일을 읽습니다." in " ".join(lines), lines
    expected = SAMPLES[preset.key]
    order_no = next(v for k, v in expected[0].items() if preset.fields["order_no"].columns[0] == k)
    if preset.key in JAPAN:  # Japan orders need a product URL the file does not hold
        assert "일본 해외 배송 시 판매 상품 URL을 입력해 주세요." in " ".join(
            str(r[-1]) for r in load_workbook(io.BytesIO(signed_in.get(f"/jobs/{run.id}/file").data)).active.values)
        return
    assert run.status == "done" and "실패 0행" in " ".join(lines), lines
    order = _orders()[order_no]
    assert order.platform == preset.platform and order.country == "KR"
    assert order.lines[0].product_id is not None


def test_japanese_presets_join_names_phones_postcodes_and_addresses(signed_in, app, catalog):
    """Once the product URL comes from a fixed value, the Japanese exports store their orders whole."""
    rakuten = next(p for p in PRESETS if p.key == "rakuten")
    form = {"platform": "Rakuten"}
    for k, s in rakuten.profile().fields.items():
        form[f"col_{k}"], form[f"sep_{k}"] = s.text(), s.sep
    form["col_product_url"] = "=https://item.rakuten.co.jp/shop/"
    signed_in.post("/fulfilment/manual/profiles", data=form)
    data, name = _preset_file(rakuten)
    run, lines = _upload(signed_in, app, data, name=name, platform="Rakuten")
    assert "수기주문 1건을 등록했습니다. 실패 0행." in lines, lines
    order = _orders()["349128-20221013-0001"]
    assert (order.recipient_name, order.recipient_phone, order.zip_code, order.address, order.country) == \
        ("田中 花子", "03-1234-5678", "060-0001", "北海道札幌市中央区北1条西2丁目", "JP")
    assert [(x.sku, x.quantity) for x in order.lines] == [("SKU-A", 1), ("SKU-B", 2)]  # 商品番号 as fallback, "２"


# --- the Poomgo template and clean-ups -------------------------------------------------------------------

def test_poomgo_template_platform_and_brand_per_row_and_rows_apart(signed_in, app):
    rows = [POOMGO,
            _poomgo("P-1", **{"판매 플랫폼": "쿠팡", "브랜드": "린넨하우스"}),
            _poomgo("P-2"),
            _row(POOMGO, {"주문번호": "P-1", "수취인명": "홍길동", "전화번호": "010-1111-2222", "우편번호": "04524",
                          "주소": "서울특별시 중구 세종대로 110", "SKU": "SKU-B", "수량": 2, "판매 플랫폼": "쿠팡"})]
    _run, lines = _upload(signed_in, app, _xlsx(rows), platform="수기주문서")
    assert "수기주문 2건을 등록했습니다. 실패 0행." in lines, lines
    orders = _orders()
    assert (orders["P-1"].platform, orders["P-1"].brand) == ("쿠팡", "린넨하우스")
    assert orders["P-2"].platform == "수기주문서"
    assert [(x.sku, x.quantity) for x in orders["P-1"].lines] == [("SKU-A", 1), ("SKU-B", 2)]


def test_cell_clean_ups(signed_in, app):
    rows = [POOMGO,
            _poomgo("'0012", 전화번호="+82 10-1234-5678", 우편번호=4524.0, 상세주소="-", 수량="１"),
            _poomgo(12345.0, 전화번호="０３－１２３４－５６７８", 국가코드="日本", 상품URL="https://item.rakuten.co.jp/s/1",
                    우편번호="1000001"),
            _poomgo("W-3", 국가코드="대한민국", 배송메세지="'문 앞", 우편번호="'04524")]
    _run, lines = _upload(signed_in, app, _xlsx(rows))
    assert "수기주문 3건을 등록했습니다. 실패 0행." in lines, lines
    orders = _orders()
    first = orders["0012"]
    assert (first.recipient_phone, first.zip_code, first.address_detail, first.lines[0].quantity) == \
        ("010-1234-5678", "04524", "", 1)
    jp = orders["12345"]
    assert (jp.country, jp.recipient_phone, jp.zip_code) == ("JP", "03-1234-5678", "1000001")
    assert (orders["W-3"].country, orders["W-3"].message, orders["W-3"].zip_code) == ("KR", "문 앞", "04524")


def test_a_profile_joins_columns_and_falls_back(signed_in, app, seller):
    form = {"platform": "자사몰", "col_order_no": "주문ID", "col_recipient_name": "성 + 이름", "sep_recipient_name": "",
            "col_recipient_phone": "휴대폰1 + 휴대폰2 + 휴대폰3 | 집전화", "sep_recipient_phone": "-",
            "col_zip_code": "우편", "col_address": "주소1 + 주소2", "col_sku": "코드", "col_quantity": "개수",
            "col_country": "=KR"}
    signed_in.post("/fulfilment/manual/profiles", data=form)
    saved = db.session.query(ImportProfile).filter_by(tenant_id=seller.id, platform="자사몰").one()
    assert "휴대폰1" in saved.mapping_json
    page = signed_in.get("/fulfilment/manual/upload?platform=자사몰").get_data(as_text=True)
    assert "휴대폰1 + 휴대폰2 + 휴대폰3 | 집전화" in page
    head = ["주문ID", "성", "이름", "휴대폰1", "휴대폰2", "휴대폰3", "집전화", "우편", "주소1", "주소2", "코드", "개수"]
    rows = [head, ["M-1", "홍", "길동", "010", "1234", "5678", "", "04524", "서울특별시 중구", "세종대로 110", "SKU-A", 1],
            ["M-2", "김", "영희", "", "", "", "02-123-4567", "04524", "서울특별시 중구", "세종대로 110", "SKU-A", 1]]
    _run, lines = _upload(signed_in, app, _csv(rows), name="자사몰.csv", platform="자사몰")
    assert "수기주문 2건을 등록했습니다. 실패 0행." in lines, lines
    orders = _orders()
    assert (orders["M-1"].recipient_name, orders["M-1"].recipient_phone, orders["M-1"].address) == \
        ("홍길동", "010-1234-5678", "서울특별시 중구 세종대로 110")
    assert orders["M-2"].recipient_phone == "02-123-4567"


def test_the_upload_page_offers_the_presets(signed_in):
    html = signed_in.get("/fulfilment/manual/upload?preset=rakuten").get_data(as_text=True)
    for preset in PRESETS:
        assert preset.title in html
    assert "送付先名字 + 送付先名前" in html


def test_a_failed_run_is_never_done(signed_in, app):
    run, _lines = _upload(signed_in, app, _xlsx([["아무", "열"], ["1", "2"]]))
    assert db.session.get(JobRun, run.id).status == "failed"


@pytest.mark.parametrize("preload_max", [3000, 0])
def test_a_sku_in_another_case_names_the_registered_product(signed_in, app, monkeypatch, preload_max):
    """Channels upper- or lower-case the seller's codes; the line keeps the registered spelling. Both with the
    catalogue read whole and looked up code by code."""
    import blueprints.fulfilment.skus

    monkeypatch.setattr(blueprints.fulfilment.skus, "PRELOAD_MAX", preload_max)
    rows = [POOMGO, _poomgo("U-1", SKU="sku-a"), _poomgo("U-2", SKU="opt-1:블랙/S"), _poomgo("U-3", SKU="nope-9")]
    run, lines = _upload(signed_in, app, _xlsx(rows))
    assert "수기주문 2건을 등록했습니다. 실패 1행." in lines, lines
    orders = _orders()
    assert orders["U-1"].lines[0].sku == "SKU-A" and orders["U-1"].lines[0].product_id is not None
    assert orders["U-2"].lines[0].sku == "OPT-1:블랙/S" and orders["U-2"].lines[0].option_id is not None


def test_the_failure_file_lists_every_reason_of_a_row(signed_in, app):
    rows = [POOMGO, _row(POOMGO, {"주문번호": "R-1", "수취인명": "가" * 21, "전화번호": "010.1234.5678", "우편번호": "",
                                  "주소": "", "SKU": "SKU-A", "수량": 0})]
    run, _lines = _upload(signed_in, app, _xlsx(rows))
    failed = list(load_workbook(io.BytesIO(signed_in.get(f"/jobs/{run.id}/file").data)).active.values)
    assert failed[1][-1] == " / ".join([
        "수취인명은 20자 이내로 입력이 가능해요.", "전화번호는 15자 이내이고 숫자, (, ), +, - 만 입력이 가능해요.",
        "우편번호와 기본 주소를 입력해야 해요.", "수량은 1개부터 1,000,000개까지 입력할 수 있어요."])


def test_lines_keep_names_prices_and_amounts_and_the_total_is_their_sum(signed_in, app):
    coupang = next(p for p in PRESETS if p.key == "coupang")
    base = {"주문번호": "13000099", "수취인이름": "김쿠팡", "수취인전화번호": "010-1234-5678", "우편번호": "05510",
            "수취인 주소": "서울특별시 송파구 송파대로 570", "주문일": "2026-12-01 09:17:58", "구매자": "김구매"}
    rows = [coupang.headers,
            _row(coupang.headers, {**base, "업체상품코드": "SKU-A", "구매수(수량)": "2", "등록상품명": "린넨 롱원피스",
                                   "등록옵션명": "아이보리 FREE", "옵션판매가(판매단가)": "19,900", "결제액": "37,800"}),
            _row(coupang.headers, {**base, "업체상품코드": "SKU-B", "구매수(수량)": "1", "등록상품명": "오버핏 반팔티",
                                   "옵션판매가(판매단가)": "12,900"})]
    _run, lines = _upload(signed_in, app, _csv(rows, "cp949"), name="DeliveryList.csv", platform="쿠팡")
    assert "수기주문 1건을 등록했습니다. 실패 0행." in lines, lines
    order = _orders()["13000099"]
    assert (order.currency, order.buyer_name, order.order_date.isoformat()) == ("KRW", "김구매", "2026-12-01T09:17:58")
    assert [(x.product_name, x.option_name, x.unit_price, x.line_amount) for x in order.lines] == [
        ("린넨 롱원피스", "아이보리 FREE", 19900, 37800), ("오버핏 반팔티", "", 12900, 12900)]
    assert order.total_paid == 37800 + 12900  # no total in the file: the sum of the lines


def test_amounts_keep_their_decimals_and_currency(signed_in, app):
    form = {"platform": "Shopify", "col_order_no": "Name", "col_recipient_name": "Shipping Name",
            "col_recipient_phone": "Shipping Phone", "col_zip_code": "Shipping Zip", "col_address": "Shipping Street",
            "col_sku": "Lineitem sku", "col_quantity": "Lineitem quantity", "col_total_paid": "Total",
            "col_unit_price": "Lineitem price", "col_currency": "Currency", "col_country": "=KR"}
    signed_in.post("/fulfilment/manual/profiles", data=form)
    head = ["Name", "Shipping Name", "Shipping Phone", "Shipping Zip", "Shipping Street", "Lineitem sku",
            "Lineitem quantity", "Lineitem price", "Total", "Currency"]
    rows = [head, ["#1001", "Kim", "010-1234-5678", "04524", "Sejong-daero 110", "SKU-A", 3, 19.99, 64.97, "usd"]]
    _run, lines = _upload(signed_in, app, _xlsx(rows), platform="Shopify")
    assert "수기주문 1건을 등록했습니다. 실패 0행." in lines, lines
    order = _orders()["#1001"]
    assert (order.currency, str(order.total_paid)) == ("USD", "64.97")
    assert (str(order.lines[0].unit_price), str(order.lines[0].line_amount)) == ("19.99", "59.97")
    page = signed_in.get(f"/fulfilment/manual/{order.id}").get_data(as_text=True)
    assert "64.97 USD" in page and "19.99 USD" in page


def test_the_order_form_helper_applies_suggested_fixes_and_imports_the_fixed_rows(signed_in, app, seller):
    rows = [POOMGO, _poomgo("F-1", 전화번호="010.1234.5678"), _poomgo("F-2", SKU="SKU-AA"),
            _poomgo("F-3", SKU="RKT-99999-XL"), _poomgo("F-4", 수량=0), _poomgo("F-5")]
    run, lines = _upload(signed_in, app, _xlsx(rows), platform="라쿠텐")
    assert "수기주문 1건을 등록했습니다. 실패 4행." in lines
    failed = list(load_workbook(io.BytesIO(signed_in.get(f"/jobs/{run.id}/file").data)).active.values)
    assert failed[0][-2:] == ("수정 제안", "실패사유")
    assert failed[1][-2] == "전화번호: 010.1234.5678 → 010-1234-5678 (전화번호 구분 기호는 - 로)"
    assert failed[2][-2] == "SKU: SKU-AA → SKU-A (등록된 비슷한 상품코드)"
    assert failed[3][-2] is None and failed[4][-2] is None  # nothing clear to suggest

    page = signed_in.get(f"/fulfilment/manual/uploads/{run.id}/helper").get_data(as_text=True)
    assert "SKU: SKU-AA → SKU-A" in page and "RKT-99999-XL" in page
    # The seller picks the product for the channel's code: remembered, in any case.
    resp = signed_in.post("/fulfilment/manual/skumap", data={"run_id": run.id, "channel": "라쿠텐",
                                                             "code": "RKT-99999-XL", "sku": "SKU-C"})
    assert "RKT-99999-XL → SKU-C 연결을 저장했습니다." in signed_in.get(resp.headers["Location"]).get_data(as_text=True)
    # Accept the phone fix and leave the SKU suggestion out, then import the fixed rows.
    resp = signed_in.post(f"/fulfilment/manual/uploads/{run.id}/helper", data={"fix": ["0:4"]})
    assert resp.status_code == 202
    from portal.queues import wait_inline_jobs

    wait_inline_jobs(app, timeout=60)
    again = db.session.get(JobRun, resp.get_json()["job"])
    db.session.refresh(again)
    assert (again.ok_count, again.fail_count) == (2, 2)  # F-1 with its phone fixed, F-3 through the mapping
    orders = _orders()
    assert orders["F-1"].recipient_phone == "010-1234-5678" and orders["F-1"].platform == "라쿠텐"
    assert orders["F-3"].lines[0].product.own_code == "SKU-C"
    assert "F-2" not in orders  # its fix was not accepted
    other = _upload(signed_in, app, _xlsx([POOMGO, _poomgo("F-9", SKU="rkt-99999-xl")]), platform="라쿠텐")[1]
    assert "수기주문 1건을 등록했습니다. 실패 0행." in other
    assert signed_in.get("/fulfilment/manual/uploads/999999/helper").status_code == 404


def test_a_japan_order_takes_the_item_page_its_channel_code_is_linked_with(signed_in, app):
    resp = signed_in.post("/fulfilment/manual/skumap", data={
        "channel": "Rakuten", "code": "shop-1000001", "sku": "SKU-A",
        "product_url": "https://item.rakuten.co.jp/shop/1000001/"})
    assert resp.status_code == 303
    rakuten = next(p for p in PRESETS if p.key == "rakuten")
    values = {**SAMPLES["rakuten"][0], "受注番号": "349128-20221013-0002", "商品管理番号": "SHOP-1000001"}
    data = _csv([rakuten.headers, _row(rakuten.headers, values)], "cp932")
    _run, lines = _upload(signed_in, app, data, name="rakuten.csv", platform="Rakuten")
    assert "수기주문 1건을 등록했습니다. 실패 0행." in lines, lines
    order = _orders()["349128-20221013-0002"]
    assert (order.product_url, order.lines[0].product.own_code) == ("https://item.rakuten.co.jp/shop/1000001/", "SKU-A")
