"""수기주문 upload through the built-in presets (sample files written from each export's documented column
list), the Poomgo template, cell clean-ups and profiles that join columns."""
import io

import pytest
from openpyxl import load_workbook

from blueprints.fulfilment.presets import PRESETS
from models import ImportProfile
from portal.extensions import db

from .test_manual_orders import _upload
from .test_order_files import POOMGO, _csv, _orders, _poomgo, _row, _xlsx

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


def test_excel_dates_are_read_as_dates(signed_in, app, catalog):
    """11번가's 결제일시 as a date cell, as the serial number a sheet saved without formats holds, and as text."""
    from datetime import date, datetime

    st11 = next(p for p in PRESETS if p.key == "11st")
    base = {"수취인": "이십일", "휴대폰번호": "010-3333-4444", "우편번호": "04637", "주소": "서울특별시 중구 한강대로 416",
            "판매자상품코드": "SKU-D", "수량": "1"}
    serial = (date(2026, 12, 2) - date(1899, 12, 30)).days + 0.75  # 2026-12-02 18:00
    rows = [list(st11.headers),
            _row(st11.headers, {**base, "주문번호": "D-1", "결제일시": datetime(2026, 12, 1, 9, 30)}),
            _row(st11.headers, {**base, "주문번호": "D-2", "결제일시": serial}),
            _row(st11.headers, {**base, "주문번호": "D-3", "결제일시": "2026.12.03 07:05:00"})]
    _run, lines = _upload(signed_in, app, _xlsx(rows), name="11st.xlsx", platform="11번가")
    assert "수기주문 3건을 등록했습니다. 실패 0행." in lines, lines
    orders = _orders()
    assert [orders[no].order_date for no in ("D-1", "D-2", "D-3")] == [
        datetime(2026, 12, 1, 9, 30), datetime(2026, 12, 2, 18, 0), datetime(2026, 12, 3, 7, 5)]


def test_japanese_exports_store_whole_once_the_item_page_is_known(signed_in, app, seller, catalog):
    """Amazon JP (tab-delimited CP932, +81 phone, state + city + line 1 joined) and BUYMA (CP932 CSV, full-width
    phone): the item page comes from the SKU mapping table, not the file."""
    from blueprints.fulfilment.skus import teach

    for preset in PRESETS:
        if preset.key in ("amazon_jp", "buyma"):
            teach(seller, preset.platform, "SKU-A", "SKU-A", product_url=f"https://example.jp/{preset.key}/a")
            teach(seller, preset.platform, "SKU-B", "SKU-B", product_url=f"https://example.jp/{preset.key}/b")
            data, name = _preset_file(preset)
            _run, lines = _upload(signed_in, app, data, name=name, platform=preset.platform)
            assert "수기주문 1건을 등록했습니다. 실패 0행." in lines, (preset.key, lines)
    orders = _orders()
    amazon, buyma = orders["249-6440986-2640636"], orders["88001234"]
    assert (amazon.recipient_phone, amazon.address, amazon.country, amazon.currency, amazon.product_url) == \
        ("090-1234-5678", "東京都千代田区千代田1-1", "JP", "JPY", "https://example.jp/amazon_jp/a")
    assert [(x.sku, x.quantity) for x in amazon.lines] == [("SKU-A", 1), ("SKU-B", 2)]  # "sku-b" as registered
    # BUYMA's file names no country or currency: the preset's fixed values
    assert (buyma.recipient_phone, buyma.zip_code, buyma.country, buyma.currency) == \
        ("090-1234-5678", "530-0001", "JP", "JPY")
