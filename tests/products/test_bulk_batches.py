"""상품대량등록 at speed: repeated blocks get the form's verdict row by row, batches keep sheet order."""
from blueprints.products.services import rules
from blueprints.products.services.bulk_sheet import column_keys, draft_from_row, row_dict
from blueprints.products.services.bulk_writer import BatchStore
from models import JobLine, Product, ProductHistory, ProductOption
from portal.extensions import db

from .conftest import product_form
from .test_bulk import GOOD, failure_rows, upload

NOTICE_N = "배추김치|N|엄마손식품 전북 익산||5kg|배추 80%, 고춧가루 5%|상세정보 별도표기|해당없음|||"


def form_verdict(row: dict, seller) -> str:
    """What the form's rules say about the row, judged alone without any shortcut."""
    headers = list(row)
    values = [str(v) for v in row.values()]
    draft = draft_from_row(row_dict(column_keys(headers), values), seller.name)
    return " / ".join(rules.check(draft, seller, taken=lambda code, pid: False).messages())


def test_repeated_option_and_notice_blocks_get_each_rows_own_verdict(app, client, auth, seller):
    auth.login()
    rows = [
        {**GOOD, "자체상품코드": "A1", "대표가격": 30000},  # extras up to 15,000 fit
        {**GOOD, "자체상품코드": "A2", "대표가격": 20000},  # 대표가격 is no 판매가: 15,000 is not judged
        {**GOOD, "자체상품코드": "A3", "대표가격": 30000},
        {**GOOD, "자체상품코드": "A4", "대표가격": "만원"},  # no price: no range, add-ons unjudged
        {**GOOD, "자체상품코드": "A5", "대표가격": 20000, "옵션추가금액": "-5000,0,5000"},
        {**GOOD, "자체상품코드": "A6", "품목고시내용": NOTICE_N},
        {**GOOD, "자체상품코드": "A7", "품목고시내용": NOTICE_N, "대표가격": 20000},
        {**GOOD, "자체상품코드": "A8", "옵션값1": "3kg,3kg,10kg"},
    ]
    run = upload(client, app, rows)
    reasons = {r[3]: r[-1] for r in failure_rows(app, run)[1:]}
    for row in rows:
        assert reasons.get(row["자체상품코드"], "") == form_verdict(row, seller), row["자체상품코드"]
    assert "A2" not in reasons
    assert "품목고시 '식품의 유형'에 'N', '아니오'는 입력할 수 없습니다." in reasons["A6"]
    assert sorted(p.own_code for p in Product.query) == ["A1", "A2", "A3", "A5"]
    assert (run.ok_count, run.fail_count) == (4, 4)


def test_batches_keep_sheet_order_and_store_whole_products(app, client, auth, seller, monkeypatch):
    monkeypatch.setattr(BatchStore, "sizes", {"postgresql": 1, "sqlite": 1})
    auth.login()
    rows = [{**GOOD, "자체상품코드": f"K{n}", "상품명": name} for n, name in
            enumerate(["김치 1", "김치!! 2", "김치 3", "김치?? 4", "김치 5"], 1)]
    run = upload(client, app, rows)
    assert (run.total, run.ok_count, run.fail_count) == (5, 3, 2)
    assert [r[0] for r in failure_rows(app, run)[1:]] == ["김치!! 2", "김치?? 4"]
    progress = [ln.text for ln in JobLine.query.filter_by(run_id=run.id, level="info")
                if "행 처리" in ln.text]
    assert len(progress) == 5 and progress[-1] == "5/5행 처리 (성공 3, 실패 2)"
    products = Product.query.order_by(Product.id).all()
    assert [p.own_code for p in products] == ["K1", "K3", "K5"]
    for product in products:
        assert product.code.endswith(f"{product.id:07d}") and len(product.code) == 15
        assert [o.values for o in product.options] == ["3kg", "5kg", "10kg"]
        assert [i.name for i in product.addon_groups[0].items] == ["깍두기 1kg", "총각김치 1kg"]
        assert product.notice["f1"] == {"value": "배추김치", "separate": False}
    assert ProductHistory.query.filter_by(action="대량등록").count() == 3
    assert ProductOption.query.count() == 9
    # The same file again stores nothing; the form then saves with the next free id and code.
    again = upload(client, app, rows)
    assert (again.ok_count, again.fail_count) == (3, 2)
    resp = client.post("/products/register", data=product_form(own_code="FORM1"),
                       content_type="multipart/form-data")
    assert resp.status_code == 302, resp.get_data(as_text=True)[:2000]
    db.session.expire_all()
    form_product = Product.query.filter_by(own_code="FORM1").one()
    assert form_product.id > products[-1].id
    assert form_product.code == products[-1].code[:8] + f"{form_product.id:07d}"
    assert Product.query.count() == 4


def test_a_batch_another_upload_stored_first_is_returned_whole(app, client, auth, seller,
                                                               monkeypatch):
    """Two uploads at once: the batch that collides keeps nothing and comes back to upload again."""
    from sqlalchemy.exc import IntegrityError

    from blueprints.products.services import bulk_store

    monkeypatch.setattr(BatchStore, "sizes", {"postgresql": 2, "sqlite": 2})
    real_store, collided = bulk_store.store, []

    def colliding(tenant_id, by, rows, *taken):
        if not collided and any(v["own_code"] == "C1" for _, v in rows):
            collided.append(True)
            raise IntegrityError("insert", None, Exception("uq_product_import_key"))
        return real_store(tenant_id, by, rows, *taken)

    monkeypatch.setattr(bulk_store, "store", colliding)
    auth.login()
    rows = [{**GOOD, "자체상품코드": f"C{n}"} for n in range(1, 5)]
    run = upload(client, app, rows)
    assert (run.total, run.ok_count, run.fail_count) == (4, 2, 2)
    reasons = {r[3]: r[-1] for r in failure_rows(app, run)[1:]}
    assert reasons == {"C1": "동시에 진행된 다른 작업과 충돌했습니다. 실패 파일을 다시 업로드해 주세요.",
                       "C2": "동시에 진행된 다른 작업과 충돌했습니다. 실패 파일을 다시 업로드해 주세요."}
    assert sorted(p.own_code for p in Product.query) == ["C3", "C4"]
    # The failure file uploaded again stores the two rows the collision held back.
    again = upload(client, app, rows[:2])
    assert (again.ok_count, again.fail_count) == (2, 0)
    assert Product.query.count() == 4


def test_a_storing_error_fails_the_job_instead_of_hanging(app, client, auth, seller, monkeypatch):
    from blueprints.products.services import bulk_store

    def broken(tenant_id, by, rows, *taken):
        raise RuntimeError("disk full")

    monkeypatch.setattr(BatchStore, "sizes", {"postgresql": 1, "sqlite": 1})
    monkeypatch.setattr(bulk_store, "store", broken)
    auth.login()
    run = upload(client, app, [{**GOOD, "자체상품코드": f"E{n}"} for n in range(1, 6)])
    assert run.status == "failed"
    assert any(ln.text.startswith("[오류] 작업 중 예기치 않은 오류가 발생해 작업을 마치지 못했습니다.")
               for ln in run.lines)
    assert not any("disk full" in ln.text for ln in run.lines)  # the error itself stays in the server log
    assert Product.query.count() == 0
