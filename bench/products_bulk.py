"""Bench: 상품대량등록 of N products × 3 options through the real import job; prints rows/s and memory.

    .venv/bin/python bench/products_bulk.py [--rows 10000] [--database-url URL]

Without --database-url a scratch SQLite file in a temporary folder is used.
"""
import argparse
import os
import resource
import sys
import tempfile
import time
import tracemalloc

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from openpyxl import Workbook

from blueprints.products.services.bulk_sheet import COLUMNS

NOTICE = "|".join(["상세정보 별도표기"] * 11)


def write_sheet(path: str, rows: int) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("상품등록")
    headers = [h.rstrip("*") for h, _, _ in COLUMNS]
    ws.append([h for h, _, _ in COLUMNS])
    for i in range(rows):
        row = {"상품명": f"벤치 자전거 {i:05d}", "상품상태": "판매가능", "카테고리": "090104",
               "자체상품코드": f"B{i:07d}", "원산지구분": "원산지표시대상아님", "품목고시품목": "스포츠용품",
               "품목고시내용": NOTICE, "대표가격": 10000 + i, "과세구분": "과세", "옵션명1": "색상",
               "옵션값1": "빨강,파랑,검정", "옵션추가금액": "0,1000,2000", "옵션재고": "5"}
        ws.append([row.get(h, "") for h in headers])
    wb.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--database-url")
    parser.add_argument("--trace-memory", action="store_true",
                        help="also measure peak Python allocations (tracemalloc; slows the run)")
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="products-bench-")
    url = args.database_url or f"sqlite:///{os.path.join(workdir, 'bench.sqlite')}"

    from jobs.products_bulk import import_products
    from models import JobRun, Product, ProductOption, Tenant
    from portal import create_app
    from portal.extensions import db
    from portal.queues import Progress

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "JOB_FILES_DIR": workdir,
                      "JOBS_MODE": "inline"})
    with app.app_context():
        db.create_all()
        tenant = Tenant(name="벤치상회", ceo_name="대표", business_no="1248100998",
                        email="bench@example.com", mobile="010-0000-0000", status="approved")
        db.session.add(tenant)
        db.session.commit()
        sheet = os.path.join(workdir, "bench.xlsx")
        started = time.perf_counter()
        write_sheet(sheet, args.rows)
        print(f"sheet: {args.rows:,} rows written in {time.perf_counter() - started:.1f}s "
              f"({os.path.getsize(sheet) / 1e6:.1f} MB)")
        run = JobRun(kind="상품대량등록", func="jobs.products_bulk.import_products",
                     queue="imports", tenant_id=tenant.id, status="running")
        db.session.add(run)
        db.session.commit()
        if args.trace_memory:
            tracemalloc.start()
        started = time.perf_counter()
        import_products(Progress(run), tenant_id=tenant.id, path=sheet)
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] if args.trace_memory else 0
        tracemalloc.stop()
        products = db.session.query(Product).count()
        options = db.session.query(ProductOption).count()
        print(f"import: {run.ok_count:,} ok, {run.fail_count:,} failed in {elapsed:.1f}s "
              f"→ {args.rows / elapsed:,.0f} rows/s")
        print(f"stored: {products:,} products, {options:,} option rows")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        traced = f"peak traced Python memory {peak / 1e6:.1f} MB; " if args.trace_memory else ""
        print(f"memory: {traced}process peak RSS {rss:.0f} MB")
        db.session.remove()
        db.engine.dispose()


if __name__ == "__main__":
    main()
