"""상품대량등록/수정: the template, a job with progress, the failure file, and idempotent re-uploads."""
import io
import os

from openpyxl import Workbook, load_workbook

from blueprints.products.services.bulk_sheet import COLUMNS, MODIFY_COLUMNS
from models import JobRun, Product, ProductHistory
from portal.extensions import db
from portal.queues import wait_inline_jobs

GOOD = {
    "상품명": "국산 배추김치 5kg", "상품상태": "판매가능", "카테고리": "식품 > 가공식품 > 김치 > 배추김치",
    "자체상품코드": "KIMCHI5", "제조사": "", "브랜드": "엄마손", "원산지구분": "가공품",
    "원재료": "배추:국내산:80|고춧가루:국내산:5", "품목고시품목": "가공식품",
    "품목고시내용": "배추김치|김치류|엄마손식품 전북 익산||5kg|배추 80%, 고춧가루 5%|상세정보 별도표기|해당없음|||",
    "대표가격": 30000, "과세구분": "과세", "옵션명1": "중량", "옵션값1": "3kg,5kg,10kg",
    "옵션추가금액": "-5000,0,15000", "옵션재고": "10", "추가상품그룹명1": "곁들임",
    "추가상품목록1": "깍두기 1kg:5000:20|총각김치 1kg:6000:3",
}


def sheet(rows, columns=COLUMNS) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    headers = [h for h, _, _ in columns]
    ws.append(headers)
    for row in rows:
        ws.append([row.get(h.rstrip("*"), "") for h in headers])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def upload(client, app, rows, url="/products/bulk-register", columns=COLUMNS):
    resp = client.post(url, data={"file": (sheet(rows, columns), "products.xlsx")},
                       content_type="multipart/form-data")
    assert resp.status_code == 202, resp.get_data(as_text=True)
    wait_inline_jobs(app)
    db.session.expire_all()
    return db.session.get(JobRun, resp.get_json()["job"])


def failure_rows(app, run):
    path = os.path.join(app.config["JOB_FILES_DIR"], str(run.tenant_id), run.result_file)
    return [list(r) for r in load_workbook(path).active.iter_rows(values_only=True)]


def test_template_lists_every_column_and_how_to_fill_it(client, auth, seller):
    auth.login()
    resp = client.get("/products/bulk-register/template")
    wb = load_workbook(io.BytesIO(resp.data))
    assert [c.value for c in wb["상품등록"][1]] == [h for h, _, _ in COLUMNS]
    guide = [r[0] for r in wb["작성요령"].iter_rows(values_only=True)]
    assert "옵션추가금액" in guide and "품목고시: 가공식품" in guide
    wb = load_workbook(io.BytesIO(client.get("/products/bulk-modify/template").data))
    assert wb.active.cell(1, 1).value == "상품코드"


def test_bulk_register_stores_good_rows_and_returns_failures(app, client, auth, seller):
    auth.login()
    bad_name = {**GOOD, "상품명": "김치!!", "자체상품코드": "BAD1"}
    bad_option = {**GOOD, "자체상품코드": "BAD2", "옵션추가금액": "5000,5000,5000"}
    run = upload(client, app, [GOOD, bad_name, bad_option])
    assert run.status == "done" and (run.total, run.ok_count, run.fail_count) == (3, 1, 2)
    product = Product.query.filter_by(own_code="KIMCHI5").one()
    assert product.maker == "가나다상회"  # blank 제조사 = the company name, as on the form
    assert product.category_path == "식품 > 가공식품 > 김치 > 배추김치"
    assert [(o.values, o.extra_price, o.stock) for o in product.options] == [
        ("3kg", -5000, 10), ("5kg", 0, 10), ("10kg", 15000, 10)]
    assert [(i.name, i.price, i.stock) for i in product.addon_groups[0].items] == [
        ("깍두기 1kg", 5000, 20), ("총각김치 1kg", 6000, 3)]
    assert product.notice["f7"] == {"value": "상세페이지 참조", "separate": True}
    assert ProductHistory.query.filter_by(product_id=product.id, action="대량등록").count() == 1
    rows = failure_rows(app, run)
    assert rows[0][-1] == "실패사유"
    assert rows[1][0] == "김치!!"
    assert rows[1][-1] == "상품명에는 특수문자 ( ) / + - ~ 만 사용할 수 있습니다. 사용할 수 없는 문자: !"
    assert rows[2][-1] == "추가금액이 0원인 옵션이 최소 1개 이상 있어야 합니다."
    lines = [ln.text for ln in run.lines]
    assert any(t.startswith("4행 실패: 추가금액이 0원인") for t in lines)


def test_reuploading_the_same_file_changes_nothing(app, client, auth, seller):
    auth.login()
    no_code = {**GOOD, "자체상품코드": "", "상품명": "열무김치 2kg"}
    upload(client, app, [GOOD, no_code])
    before = (Product.query.count(), ProductHistory.query.count())
    run = upload(client, app, [GOOD, no_code])
    assert (run.ok_count, run.fail_count) == (2, 0)
    assert (Product.query.count(), ProductHistory.query.count()) == before == (2, 2)


def test_bulk_modify_by_code_or_own_code_records_history(app, client, auth, seller):
    auth.login()
    upload(client, app, [GOOD])
    product = Product.query.one()
    rows = [{"상품코드": product.code, "대표가격": 32000, "옵션재고": "1,2,3"},
            {"자체상품코드": "NOPE", "상품명": "없는 상품"},
            {"상품명": "코드 없음"}]
    run = upload(client, app, rows, "/products/bulk-modify", MODIFY_COLUMNS)
    assert (run.ok_count, run.fail_count) == (1, 2)
    db.session.refresh(product)
    assert product.rep_price == 32000 and [o.stock for o in product.options] == [1, 2, 3]
    entry = ProductHistory.query.filter_by(action="대량수정").one()
    assert {"field": "대표가격", "before": "30,000원", "after": "32,000원"} in entry.changes
    reasons = [r[-1] for r in failure_rows(app, run)[1:]]
    assert reasons == ["상품코드/자체상품코드에 해당하는 상품이 없습니다.", "상품코드 또는 자체상품코드를 입력해 주세요."]
    # The same modification again changes nothing and records nothing.
    upload(client, app, rows[:1], "/products/bulk-modify", MODIFY_COLUMNS)
    assert ProductHistory.query.filter_by(action="대량수정").count() == 1
    # Bulk modify applies the form's rules too: an option change on a product on sale is refused.
    product.listing_count = 1
    db.session.commit()
    run = upload(client, app, [{"자체상품코드": "KIMCHI5", "옵션값1": "3kg,5kg"}],
                 "/products/bulk-modify", MODIFY_COLUMNS)
    assert failure_rows(app, run)[1][-1] == "판매중인 상품은 옵션을 수정할 수 없습니다. 판매종료 후 수정해 주세요."


def test_upload_must_be_an_excel_file(client, auth, seller):
    auth.login()
    resp = client.post("/products/bulk-register", data={"file": (io.BytesIO(b"a,b"), "p.csv")},
                       content_type="multipart/form-data")
    assert resp.status_code == 400
    assert resp.get_json()["error"] == ("엑셀 파일(xlsx)만 업로드할 수 있습니다. "
                                        "xls 파일은 엑셀에서 xlsx로 저장해 올려 주세요.")


def test_bulk_rows_belong_to_the_uploader_only(app, client, auth, seller, other_seller):
    auth.login()
    upload(client, app, [GOOD])
    auth.logout()
    auth.login("sellerBmaster")
    run = upload(client, app, [{"자체상품코드": "KIMCHI5", "대표가격": 1}], "/products/bulk-modify",
                 MODIFY_COLUMNS)
    assert failure_rows(app, run)[1][-1] == "상품코드/자체상품코드에 해당하는 상품이 없습니다."
    assert Product.query.one().rep_price == 30000
