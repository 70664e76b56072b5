"""상품조회 엑셀다운로드: small results download at once, big ones run as a job with a file."""
import io
import os
import re

from openpyxl import load_workbook

from blueprints.products.services import search
from models import JobRun, Product, ProductOption
from portal.extensions import db
from portal.queues import wait_inline_jobs


def make_products(tenant, count: int) -> None:
    for i in range(count):
        product = Product(tenant_id=tenant.id, name=f"내보낼 상품{i}", code=f"E{i:04d}", stock=7)
        db.session.add(product)
        if i % 2:
            db.session.add_all([ProductOption(tenant_id=tenant.id, product=product, no=n,
                                              values=f"v{n}", stock=n) for n in (1, 2)])
    db.session.commit()


def test_small_result_downloads_at_once_with_option_counts_and_stock(client, auth, seller):
    auth.login()
    make_products(seller, 3)
    resp = client.get("/products/search?format=xlsx&sort=code&dir=asc")
    assert resp.mimetype.endswith("spreadsheetml.sheet")
    rows = list(load_workbook(io.BytesIO(resp.data)).active.iter_rows(values_only=True))
    assert [(r[0], r[9], r[10]) for r in rows[1:]] == [("E0000", 0, 7), ("E0001", 2, 3),
                                                       ("E0002", 0, 7)]
    assert JobRun.query.count() == 0


def test_big_result_becomes_a_job_the_progress_window_opens(app, client, auth, seller,
                                                            monkeypatch):
    monkeypatch.setattr(search, "EXPORT_JOB_ROWS", 2)
    auth.login()
    make_products(seller, 5)
    resp = client.get("/products/search?format=xlsx&q=내보낼&sort=code&dir=asc&after=1")
    assert resp.status_code == 302
    wait_inline_jobs(app)
    run = JobRun.query.one()
    assert run.kind == "상품조회 엑셀다운로드" and run.status == "done" and run.queue == "exports"
    assert (run.total, run.done_count, run.result_name) == (5, 5, "상품조회.xlsx")
    page = client.get(resp.headers["Location"]).get_data(as_text=True)
    assert "조회된 상품이 5개라 엑셀 파일을 작업으로 만듭니다." in page
    assert re.search(rf'data-job-autoopen="/jobs/{run.id}\.json"', page)
    path = os.path.join(app.config["JOB_FILES_DIR"], str(seller.id), run.result_file)
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["E0000", "E0001", "E0002", "E0003", "E0004"]


def test_another_sellers_job_id_opens_nothing(client, auth, seller, other_seller):
    run = JobRun(kind="상품조회 엑셀다운로드", func="x", queue="exports", tenant_id=other_seller.id)
    db.session.add(run)
    db.session.commit()
    auth.login()
    page = client.get(f"/products/search?export_job={run.id}").get_data(as_text=True)
    assert "data-job-autoopen" not in page
