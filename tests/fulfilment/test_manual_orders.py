"""수기주문: the Poomgo rules on the single form and on every uploaded row, mapping profiles, 강제취소."""
import io
import re
import time

import pytest
from openpyxl import Workbook, load_workbook

from models import AuditLog, ImportProfile, JobLine, JobRun, ManualOrder, ManualOrderLine
from portal.extensions import db
from portal.queues import wait_inline_jobs

from .conftest import add_product

GOOD = {"platform": "네이버", "order_no": "N-1001", "recipient_name": "김수취", "recipient_phone": "010-1234-5678",
        "zip_code": "07583", "address": "서울특별시 강서구 강서로56가길 31", "sku": ["SKU-A", "SKU-B"],
        "quantity": ["2", "1"]}


def test_a_valid_order_is_registered(signed_in, seller):
    resp = signed_in.post("/fulfilment/manual/new", data=GOOD)
    assert resp.status_code == 303
    order = db.session.query(ManualOrder).one()
    assert (order.country, order.platform, order.tenant_id) == ("KR", "네이버", seller.id)
    assert [(x.sku, x.quantity, x.product.name) for x in order.lines] == [("SKU-A", 2, "린넨 롱원피스"),
                                                                       ("SKU-B", 1, "오버핏 반팔티")]
    html = signed_in.get("/fulfilment/manual").get_data(as_text=True)
    assert "N-1001" in html and "김*취" in html and "김수취" not in html


@pytest.mark.parametrize("change, message", [
    ({"platform": ""}, "판매 플랫폼을 입력해 주세요."),
    ({"country": "JP"}, "일본 해외 배송 시 판매 상품 URL을 입력해 주세요."),
    ({"country": "japan"}, "도착국가는 영문 대문자 2자리 국가코드로 입력해 주세요. (예: JP)"),
    ({"order_no": ""}, "주문 번호를 입력해 주세요."),
    ({"recipient_name": "가" * 21}, "수취인명은 20자 이내로 입력이 가능해요."),
    ({"recipient_phone": "010-1234-5678-99"}, "전화번호는 15자 이내이고 숫자, (, ), +, - 만 입력이 가능해요."),
    ({"recipient_phone": "010.1234.5678"}, "전화번호는 15자 이내이고 숫자, (, ), +, - 만 입력이 가능해요."),
    ({"zip_code": ""}, "우편번호와 기본 주소를 입력해야 해요."),
    ({"sku": [""], "quantity": [""]}, "출고할 SKU를 추가하고 수량을 입력해 주세요."),
    ({"sku": ["SKU-A"], "quantity": ["1000001"]}, "수량은 1개부터 1,000,000개까지 입력할 수 있어요."),
    ({"order_amount": "만원"}, "주문 금액은 숫자로 입력해 주세요."),
    ({"total_paid": "3,000,000,000"}, "총 결제 금액은 2,147,483,647 이하로 입력해 주세요."),
])
def test_form_rules(signed_in, change, message):
    resp = signed_in.post("/fulfilment/manual/new", data={**GOOD, **change})
    assert resp.status_code == 400
    assert message in resp.get_data(as_text=True)
    assert db.session.query(ManualOrder).count() == 0


def test_japan_with_url_and_max_quantity_pass(signed_in):
    resp = signed_in.post("/fulfilment/manual/new", data={
        **GOOD, "country": "jp", "product_url": "https://item.rakuten.co.jp/shop/1", "recipient_phone": "+81(3)1234-5678",
        "sku": ["SKU-A"], "quantity": ["1,000,000"]})
    assert resp.status_code == 303
    order = db.session.query(ManualOrder).one()
    assert order.country == "JP" and order.lines[0].quantity == 1_000_000


def test_duplicate_order_number_is_refused(signed_in):
    signed_in.post("/fulfilment/manual/new", data=GOOD)
    resp = signed_in.post("/fulfilment/manual/new", data=GOOD)
    assert "이미 등록된 주문번호입니다: N-1001" in resp.get_data(as_text=True)


def test_forced_cancel_is_irreversible_and_says_so(signed_in):
    signed_in.post("/fulfilment/manual/new", data=GOOD)
    order = db.session.query(ManualOrder).one()
    page = signed_in.get("/fulfilment/manual").get_data(as_text=True)
    assert "강제 취소된 주문 건은 다시 정상 상태로 변경이 불가능합니다." in page
    resp = signed_in.post("/fulfilment/manual/cancel", data={"order_ids": [order.id]})
    html = signed_in.get(resp.headers["Location"]).get_data(as_text=True)
    assert "1건을 강제 취소했습니다. 강제 취소된 주문은 다시 정상 상태로 변경할 수 없습니다." in html
    resp = signed_in.post("/fulfilment/manual/cancel", data={"order_ids": [order.id]})
    assert "이미 강제 취소된 주문입니다: N-1001" in signed_in.get(resp.headers["Location"]).get_data(as_text=True)
    db.session.refresh(order)
    assert order.canceled_at is not None


def test_reveal_is_logged(signed_in):
    signed_in.post("/fulfilment/manual/new", data=GOOD)
    assert "김수취" in signed_in.get("/fulfilment/manual?reveal=1").get_data(as_text=True)
    assert db.session.query(AuditLog).filter_by(action="개인정보조회").count() == 1


HEADERS = ["주문번호", "수취인명", "전화번호", "우편번호", "주소", "SKU", "수량", "국가코드", "상품URL"]


def _xlsx(rows):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def _upload(client, app, data, name="주문서.xlsx", platform="수기주문서"):
    resp = client.post("/fulfilment/manual/upload", data={"platform": platform, "file": (data, name)},
                       content_type="multipart/form-data")
    assert resp.status_code == 202, resp.get_data(as_text=True)
    wait_inline_jobs(app, timeout=60)
    run_id = resp.get_json()["job"]
    deadline = time.time() + 20
    while not db.session.get(JobRun, run_id).finished and time.time() < deadline:
        time.sleep(0.1)
        db.session.expire_all()
    return db.session.get(JobRun, run_id), [x.text for x in db.session.query(JobLine).filter_by(run_id=run_id)]


ROWS = [HEADERS,
        ["E-1", "이영희", "010-2222-3333", "04524", "서울특별시 중구 세종대로 110", "SKU-A", 2, "", ""],
        ["E-1", "이영희", "010-2222-3333", "04524", "서울특별시 중구 세종대로 110", "SKU-B", 1, "", ""],
        ["E-2", "박철수", "010-4444-5555", "48058", "부산광역시 해운대구 센텀중앙로 79", "SKU-A", 0, "", ""],
        ["E-3", "田中", "+81-3-1234-5678", "100-0001", "東京都千代田区", "SKU-C", 1, "JP", ""],
        ["E-4", "최민수", "010-6666-7777", "06236", "서울특별시 강남구 테헤란로 152", "SKU-D", 5, "", ""]]


def test_upload_stores_good_orders_and_returns_failures_with_reasons(signed_in, app):
    run, lines = _upload(signed_in, app, _xlsx(ROWS))
    assert "수기주문 2건을 등록했습니다. 실패 2행." in lines
    orders = {o.order_no: o for o in db.session.query(ManualOrder)}
    assert set(orders) == {"E-1", "E-4"}
    assert [(x.sku, x.quantity) for x in orders["E-1"].lines] == [("SKU-A", 2), ("SKU-B", 1)]
    failed = list(load_workbook(io.BytesIO(signed_in.get(f"/jobs/{run.id}/file").data)).active.values)
    assert failed[0] == tuple(HEADERS + ["수정 제안", "실패사유"])
    assert failed[1][0] == "E-2" and failed[1][-1] == "수량은 1개부터 1,000,000개까지 입력할 수 있어요."
    assert failed[2][0] == "E-3" and failed[2][-1] == "일본 해외 배송 시 판매 상품 URL을 입력해 주세요."

    again, lines = _upload(signed_in, app, _xlsx(ROWS))
    assert "수기주문 0건을 등록했습니다. 실패 5행." in lines
    assert db.session.query(ManualOrder).count() == 2
    failed = list(load_workbook(io.BytesIO(signed_in.get(f"/jobs/{again.id}/file").data)).active.values)
    assert ("E-1", "이미 등록된 주문번호입니다: E-1") in [(r[0], r[-1]) for r in failed]


def test_a_saved_mapping_profile_reads_the_channels_own_sheet(signed_in, app, seller):
    mapping = {"col_order_no": "상품주문번호", "col_recipient_name": "수취인", "col_recipient_phone": "수취인연락처1",
               "col_zip_code": "우편번호", "col_address": "배송지", "col_sku": "판매자 상품코드", "col_quantity": "수량"}
    resp = signed_in.post("/fulfilment/manual/profiles", data={"platform": "스마트스토어", **mapping})
    assert "스마트스토어 주문서 매칭을 저장했습니다." in signed_in.get(resp.headers["Location"]).get_data(as_text=True)
    assert db.session.query(ImportProfile).filter_by(tenant_id=seller.id).count() == 1
    csv = ("상품주문번호,수취인,수취인연락처1,우편번호,배송지,판매자 상품코드,수량\n"
           "2026112300001,홍길동,010-1111-2222,04524,서울특별시 중구 세종대로 110,TS-01,3\n").encode()
    _run, lines = _upload(signed_in, app, io.BytesIO(csv), name="스마트스토어.csv", platform="스마트스토어")
    assert "수기주문 1건을 등록했습니다. 실패 0행." in lines
    order = db.session.query(ManualOrder).one()
    assert (order.platform, order.order_no, order.lines[0].sku, order.lines[0].quantity) == \
        ("스마트스토어", "2026112300001", "TS-01", 3)


def test_profile_needs_the_required_columns(signed_in):
    resp = signed_in.post("/fulfilment/manual/profiles", data={"platform": "쿠팡", "col_order_no": "주문번호"})
    html = signed_in.get(resp.headers["Location"]).get_data(as_text=True)
    assert "필수 항목의 열 이름을 입력해 주세요: 수취인명, 전화번호, 우편번호, 주소, SKU, 수량" in html


def test_a_sheet_without_the_mapped_columns_is_refused(signed_in, app):
    _run, lines = _upload(signed_in, app, _xlsx([["아무", "열"], ["1", "2"]]))
    assert any(t.startswith("주문서에 주문번호, 수취인명") and "주문서 매칭을 확인해 주세요." in t for t in lines)
    assert db.session.query(ManualOrder).count() == 0


def test_another_seller_cannot_open_a_manual_order(signed_in, auth, seller, other_seller):
    signed_in.post("/fulfilment/manual/new", data=GOOD)
    order = db.session.query(ManualOrder).one()
    other = signed_in.application.test_client()
    auth.login("sellerBmaster", client=other)
    assert other.get(f"/fulfilment/manual/{order.id}").status_code == 404
    other.post("/fulfilment/manual/cancel", data={"order_ids": [order.id]})
    db.session.refresh(order)
    assert order.canceled_at is None


# --- SKU mapping: 자체상품코드 or 상품코드, a 조합형 option after a colon -----------------------------

def test_skus_map_to_the_sellers_products_and_options(signed_in, catalog):
    earphone = catalog["OPT-1"]
    resp = signed_in.post("/fulfilment/manual/new", data={
        **GOOD, "sku": ["OPT-1 : 화이트 / M", catalog["SKU-A"].code, "SKU-A"], "quantity": ["1", "2", "3"]})
    assert resp.status_code == 303
    order = db.session.query(ManualOrder).one()
    white = next(o for o in earphone.options if o.values == "화이트/M")
    # The 상품코드 and the 자체상품코드 of one product are one SKU: the quantities add up.
    assert [(x.sku, x.quantity, x.product_id, x.option_id) for x in order.lines] == [
        ("OPT-1:화이트/M", 1, earphone.id, white.id), (catalog["SKU-A"].code, 5, catalog["SKU-A"].id, None)]
    html = signed_in.get(f"/fulfilment/manual/{order.id}").get_data(as_text=True)
    assert "무선 이어폰" in html and "화이트/M" in html


@pytest.mark.parametrize("sku, message", [
    ("NO-SUCH", "등록되지 않은 SKU입니다: NO-SUCH (상품정보관리의 자체상품코드 또는 상품코드를 입력해 주세요)"),
    ("OPT-1", "옵션이 있는 상품은 SKU 뒤에 옵션을 함께 입력해 주세요: OPT-1 (예: OPT-1:블랙/S)"),
    ("OPT-1:레드/L", "등록되지 않은 옵션입니다: OPT-1:레드/L (옵션은 상품정보의 옵션값을 / 로 이어서 입력해 주세요)"),
    ("SKU-A:블랙", "등록되지 않은 옵션입니다: SKU-A:블랙 (옵션은 상품정보의 옵션값을 / 로 이어서 입력해 주세요)"),
    ("OLD-1", "삭제된 상품의 SKU입니다: OLD-1"),
    ("sku-zz", "등록되지 않은 SKU입니다: sku-zz (상품정보관리의 자체상품코드 또는 상품코드를 입력해 주세요)"),
])
def test_a_sku_that_names_no_product_is_refused(signed_in, seller, sku, message):
    add_product(seller, "OLD-1", "단종 상품", deleted=True)
    resp = signed_in.post("/fulfilment/manual/new", data={**GOOD, "sku": ["SKU-B", sku], "quantity": ["1", "1"]})
    assert resp.status_code == 400
    assert message in resp.get_data(as_text=True)
    assert db.session.query(ManualOrder).count() == 0


def test_another_sellers_product_is_no_sku(signed_in, other_seller):
    theirs = add_product(other_seller, "B-ONLY", "다른 상점 상품")
    for sku in ("B-ONLY", theirs.code):
        resp = signed_in.post("/fulfilment/manual/new", data={**GOOD, "sku": [sku], "quantity": ["1"]})
        assert f"등록되지 않은 SKU입니다: {sku}" in resp.get_data(as_text=True)
    page = signed_in.get("/fulfilment/manual/skus?q=B-ONLY").get_data(as_text=True)
    assert "다른 상점 상품" not in page and "검색된 상품이 없습니다." in page


def test_the_sku_popup_lists_the_sellers_products_one_sku_per_option(signed_in, seller, catalog):
    add_product(seller, "OLD-1", "단종 상품", deleted=True)
    form = signed_in.get("/fulfilment/manual/new").get_data(as_text=True)
    assert "연결 SKU 추가" in form and "/fulfilment/static/manual.js" in form
    assert signed_in.get("/fulfilment/static/manual.js").status_code == 200
    page = signed_in.get("/fulfilment/manual/skus").get_data(as_text=True)
    for sku in ("SKU-A", "SKU-D", "TS-01", "OPT-1:블랙/S", "OPT-1:화이트/M"):
        assert f'value="{sku}"' in page
    assert 'value="OPT-1"' not in page and "단종 상품" not in page
    found = signed_in.get("/fulfilment/manual/skus?q=이어폰").get_data(as_text=True)
    assert 'value="OPT-1:블랙/S"' in found and 'value="SKU-A"' not in found
    by_code = signed_in.get(f"/fulfilment/manual/skus?q={catalog['SKU-C'].code}").get_data(as_text=True)
    assert 'value="SKU-C"' in by_code and "러닝화" in by_code


@pytest.mark.parametrize("preload_max", [3000, 1], ids=["catalogue read whole", "catalogue looked up"])
def test_upload_fails_rows_whose_sku_is_not_registered(signed_in, app, catalog, monkeypatch, preload_max):
    """A small catalogue is read whole while the sheet is parsed, a big one looked up by the sheet's SKUs:
    the same answers either way."""
    import blueprints.fulfilment.skus

    monkeypatch.setattr(blueprints.fulfilment.skus, "PRELOAD_MAX", preload_max)
    rows = [HEADERS,
            ["U-1", "이영희", "010-2222-3333", "04524", "서울특별시 중구 세종대로 110", "SKU-A", 1, "", ""],
            ["U-1", "이영희", "010-2222-3333", "04524", "서울특별시 중구 세종대로 110", "NOPE-9", 1, "", ""],
            ["U-2", "박철수", "010-4444-5555", "48058", "부산광역시 해운대구 센텀중앙로 79", "OPT-1:블랙/S", 2, "", ""],
            ["U-3", "최민수", "010-6666-7777", "06236", "서울특별시 강남구 테헤란로 152", "OPT-1", 1, "", ""],
            ["U-4", "김민지", "010-8888-9999", "06236", "서울특별시 강남구 테헤란로 152",
             float(catalog["SKU-D"].code), 1, "", ""]]
    run, lines = _upload(signed_in, app, _xlsx(rows))
    assert "수기주문 2건을 등록했습니다. 실패 3행." in lines
    orders = {o.order_no: o for o in db.session.query(ManualOrder)}
    assert set(orders) == {"U-2", "U-4"}
    assert [(x.sku, x.option.values) for x in orders["U-2"].lines] == [("OPT-1:블랙/S", "블랙/S")]
    assert orders["U-4"].lines[0].product_id == catalog["SKU-D"].id  # a 상품코드 Excel shows as a number
    failed = list(load_workbook(io.BytesIO(signed_in.get(f"/jobs/{run.id}/file").data)).active.values)
    assert [(r[0], r[5], r[-1]) for r in failed[1:]] == [
        ("U-1", "SKU-A", "이 주문의 2번째 행: 등록되지 않은 SKU입니다: NOPE-9 (상품정보관리의 자체상품코드 또는 상품코드를 입력해 주세요)"),
        ("U-1", "NOPE-9", "이 주문의 2번째 행: 등록되지 않은 SKU입니다: NOPE-9 (상품정보관리의 자체상품코드 또는 상품코드를 입력해 주세요)"),
        ("U-3", "OPT-1", "옵션이 있는 상품은 SKU 뒤에 옵션을 함께 입력해 주세요: OPT-1 (예: OPT-1:블랙/S)")]


def test_upload_page_documents_the_sku_rule(signed_in):
    html = signed_in.get("/fulfilment/manual/upload").get_data(as_text=True)
    assert "SKU 열에는 상품정보관리에 등록한 상품의 자체상품코드 또는 상품코드를 적어 주세요" in html
    assert "예) DEMO02:블랙/M" in html


def _mixed_upload(signed_in, app, chunked: bool):
    """A sheet with every case a chunk or part boundary could split or hide: an order of three rows, unknown
    SKUs, a number registered before the upload (L-07) and one repeated further down (L-01): within a
    chunk its rows are brought together, a chunk later it fails."""
    signed_in.post("/fulfilment/manual/new", data={**GOOD, "platform": "수기주문서", "order_no": "L-07"})
    rows = [HEADERS] + [[f"L-{i:02d}", "이영희", "010-2222-3333", "04524", "서울특별시 중구 세종대로 110",
                         "SKU-A" if i % 5 else "NOPE-1", 1 + i % 3, "", ""] for i in range(1, 25)]
    rows.insert(4, rows[3][:6] + [2, "", ""])  # L-03 has a second line right below it
    rows.insert(5, rows[3][:5] + ["SKU-B", 1, "", ""])  # and a third
    rows.append(rows[1])  # L-01 again at the end, not below its first row
    run, lines = _upload(signed_in, app, _xlsx(rows))
    assert f"수기주문 19건을 등록했습니다. 실패 {6 if chunked else 5}행." in lines
    assert db.session.query(ManualOrder).filter_by(platform="수기주문서").count() == 20
    three = db.session.query(ManualOrder).filter_by(order_no="L-03").one()
    assert [(x.sku, x.quantity) for x in three.lines] == [("SKU-A", 3), ("SKU-B", 1)]
    assert db.session.query(ManualOrderLine).join(ManualOrderLine.order).filter(
        ManualOrder.platform == "수기주문서").count() == 2 + 18 + 2  # L-07 from the form, the sheet's 19 orders
    one = db.session.query(ManualOrder).filter_by(order_no="L-01").one()
    assert [(x.sku, x.quantity) for x in one.lines] == [("SKU-A", 2 if chunked else 4)]
    failed = list(load_workbook(io.BytesIO(signed_in.get(f"/jobs/{run.id}/file").data)).active.values)
    unknown = "등록되지 않은 SKU입니다: NOPE-1 (상품정보관리의 자체상품코드 또는 상품코드를 입력해 주세요)"
    assert [(r[0], r[-1]) for r in failed[1:]] == [
        ("L-05", unknown), ("L-07", "이미 등록된 주문번호입니다: L-07"), ("L-10", unknown), ("L-15", unknown),
        ("L-20", unknown)] + ([("L-01", "파일 안에서 주문번호가 중복되었습니다: L-01 (같은 주문의 행이 2행 넘게 떨어져 "
                                "있으면 붙여 적어 주세요)")] if chunked else [])
    return [t for t in lines if t.endswith("건 저장")]


def test_a_long_sheet_is_stored_chunk_by_chunk_with_the_same_outcome(signed_in, app, monkeypatch):
    """Chunks after the first are stored by the writer thread while the next is read: same orders, same
    failure file in the sheet's order, duplicates found across chunks and against the database."""
    import jobs.manual_orders

    monkeypatch.setattr(jobs.manual_orders, "CHUNK", 2)  # chunks of 2, then 8 rows
    monkeypatch.setattr(jobs.manual_orders, "LATER", 4)
    progress = _mixed_upload(signed_in, app, chunked=True)
    assert len(progress) == 4 and progress[-1] == "27행 처리, 주문 19건 저장"  # one line per chunk
    counts = [[int(n.replace(",", "")) for n in re.findall(r"[\d,]+(?=행|건)", t)] for t in progress]
    assert counts == sorted(counts)  # writers commit in any order; the counts only grow


def test_a_one_chunk_sheet_is_stored_part_by_part_with_the_same_outcome(signed_in, app, monkeypatch):
    """A sheet of one chunk goes to the database a part at a time while the next part is checked (one
    COPY left open on PostgreSQL): an order's rows are never split, and a number found registered only
    when the orders are stored still fails alone."""
    import jobs.manual_orders

    monkeypatch.setattr(jobs.manual_orders, "PART", 3)  # parts of about 3 rows
    assert _mixed_upload(signed_in, app, chunked=False) == ["27행 처리, 주문 19건 저장"]


def test_an_error_while_parts_are_being_stored_stores_nothing(signed_in, app, monkeypatch):
    """The job fails with the error; the parts already sent are not kept, and the next upload runs on the
    same database connection as if nothing happened."""
    import jobs.manual_orders

    monkeypatch.setattr(jobs.manual_orders, "PART", 3)
    real_check = jobs.manual_orders._Upload._check
    calls = []

    def check_then_break(self, *args):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("디스크 오류")
        return real_check(self, *args)

    monkeypatch.setattr(jobs.manual_orders._Upload, "_check", check_then_break)
    sheet = [HEADERS] + [[f"X-{i:02d}", "이영희", "010-2222-3333", "04524", "서울특별시 중구 세종대로 110",
                          "SKU-A", 1, "", ""] for i in range(12)]
    run, _ = _upload(signed_in, app, _xlsx(sheet))
    assert run.status == "failed" and len(calls) == 3
    assert db.session.query(ManualOrder).filter(ManualOrder.order_no.like("X-%")).count() == 0
    monkeypatch.setattr(jobs.manual_orders._Upload, "_check", real_check)
    run, lines = _upload(signed_in, app, _xlsx(sheet))
    assert "수기주문 12건을 등록했습니다. 실패 0행." in lines
