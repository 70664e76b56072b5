"""What a 수기주문 upload keeps and reports: a failed run, SKUs in any case, every reason of a row, names,
prices and decimal amounts, the 주문 서식 도우미 and Japan item pages."""
import io

import pytest
from openpyxl import load_workbook

from blueprints.fulfilment.presets import PRESETS
from models import JobRun
from portal.extensions import db

from .test_manual_orders import _upload
from .test_order_files import POOMGO, _csv, _orders, _poomgo, _row, _xlsx
from .test_order_presets import SAMPLES


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


def test_the_failure_file_names_the_line_that_fails_an_order(signed_in, app):
    """Every row of a failed order is in the file; the reason names the row within the order (and its SKU),
    and only the row at fault gets the suggested fix."""
    rows = [POOMGO, _poomgo("L-1", SKU="SKU-A"), _poomgo("L-1", SKU="SKU-B", 수량=0),
            _poomgo("L-2", SKU="SKU-A"), _poomgo("L-2", SKU="SKU-AA"), _poomgo("L-3")]
    run, lines = _upload(signed_in, app, _xlsx(rows))
    assert "수기주문 1건을 등록했습니다. 실패 4행." in lines, lines
    failed = list(load_workbook(io.BytesIO(signed_in.get(f"/jobs/{run.id}/file").data)).active.values)
    by_order = {}
    for row in failed[1:]:
        by_order.setdefault(row[2], []).append((row[9], row[-2], row[-1]))
    quantity = "이 주문의 2번째 행(SKU SKU-B): 수량은 1개부터 1,000,000개까지 입력할 수 있어요."
    assert by_order["L-1"] == [("SKU-A", None, quantity), ("SKU-B", None, quantity)]
    unknown = "이 주문의 2번째 행: 등록되지 않은 SKU입니다: SKU-AA (상품정보관리의 자체상품코드 또는 상품코드를 입력해 주세요)"
    assert by_order["L-2"] == [("SKU-A", None, unknown),
                               ("SKU-AA", "SKU: SKU-AA → SKU-A (등록된 비슷한 상품코드)", unknown)]
    page = signed_in.get(f"/fulfilment/manual/uploads/{run.id}/helper").get_data(as_text=True)
    assert page.count("SKU: SKU-AA → SKU-A") == 1
