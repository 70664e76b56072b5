"""수기주문 template (example row and 작성안내) and a failure file with every reason and numbers as numbers."""
import io

from openpyxl import load_workbook

from models import ManualOrder
from portal.extensions import db

from .test_manual_orders import _upload, _xlsx

HEADERS = ["주문번호", "수취인명", "전화번호", "우편번호", "주소", "SKU", "수량", "주문금액"]


def test_template_has_an_example_row_and_a_guide(signed_in):
    resp = signed_in.get("/fulfilment/manual?format=xlsx")
    assert resp.status_code == 200
    wb = load_workbook(io.BytesIO(resp.data))
    sheet = wb.worksheets[0]
    header, example = list(sheet.values)[:2]
    assert header[0] == "주문번호" and "SKU" in header
    row = dict(zip(header, example))
    assert row["주문번호"].startswith("예시") and row["수량"] == 2 and isinstance(row["주문금액"], int)
    guide = [r for r in wb["작성안내"].values if r and r[0]]
    assert guide[0] == ("항목", "필수", "작성 방법", "예시")
    explained = {r[0]: r for r in guide[1:]}
    assert explained["SKU"][1] == "필수" and "자체상품코드" in explained["SKU"][2]
    assert explained["국가코드"][1] == "선택"
    assert any("작성 예시" in r[0] for r in guide)


def test_the_template_uploaded_as_is_registers_nothing(signed_in, app):
    data = io.BytesIO(signed_in.get("/fulfilment/manual?format=xlsx").data)
    _run, lines = _upload(signed_in, app, data)
    assert "수기주문 0건을 등록했습니다. 실패 1행." in lines
    assert db.session.query(ManualOrder).count() == 0


def test_failure_file_gives_every_reason_of_a_row_and_keeps_numbers(signed_in, app):
    rows = [HEADERS,
            ["F-1", "", "전화없음", "07583", "서울특별시 강서구", "SKU-A", 0, 19900],
            ["F-2", "김정상", "010-1111-2222", "07583", "서울특별시 강서구", "SKU-A", 3, -5]]
    run, _lines = _upload(signed_in, app, _xlsx(rows))
    failed = list(load_workbook(io.BytesIO(signed_in.get(f"/jobs/{run.id}/file").data)).active.values)
    first = dict(zip(failed[0], failed[1]))
    assert first["실패사유"] == ("수취인명을 입력해 주세요. / 전화번호는 15자 이내이고 숫자, (, ), +, - 만 입력이 가능해요. / "
                             "수량은 1개부터 1,000,000개까지 입력할 수 있어요.")
    assert first["수량"] == 0 and first["주문금액"] == 19900  # numbers, not "0" and "19900"
    second = dict(zip(failed[0], failed[2]))
    assert second["실패사유"] == "주문 금액은 0 이상으로 입력해 주세요." and second["수량"] == 3
