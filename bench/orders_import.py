"""Bench: 수기주문 엑셀 업로드 of 5,000 and 100,000 rows through the real job; seconds and peak memory,
with the bare python-calamine read of the same file beside them.

    .venv/bin/python bench/orders_import.py [--rows 5000 100000] [--database-url URL]
"""
import argparse
import os
import resource
import sys
import tempfile
import time
import tracemalloc

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

HEADERS = ["주문번호", "수취인명", "전화번호", "우편번호", "주소", "상세주소", "배송메세지", "SKU", "수량", "주문금액"]


def write_sheet(path: str, rows: int) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("주문서")
    ws.append(HEADERS)
    for i in range(rows):
        # Every 10th order has a second SKU row; every 500th row breaks a rule (quantity 0).
        order = i - (i % 10 == 1)
        ws.append([f"B{order:07d}", "김수취", "010-1234-5678", "07583", "서울특별시 강서구 강서로56가길 31",
                   f"{i % 100}호", "문 앞", f"SKU-{i % 300:03d}", 0 if i % 500 == 7 else 1 + i % 3, 19900])
    wb.save(path)


def bare_read(path: str) -> tuple[float, int, int]:
    from python_calamine import CalamineWorkbook

    tracemalloc.start()
    started = time.perf_counter()
    count = sum(1 for _ in CalamineWorkbook.from_path(path).get_sheet_by_index(0).iter_rows())
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return elapsed, count, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[5_000, 100_000])
    parser.add_argument("--database-url")
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="orders-import-bench-")

    from jobs.manual_orders import import_manual_orders
    from models import JobRun, ManualOrder, ManualOrderLine, Tenant
    from portal import create_app
    from portal.extensions import db
    from portal.queues import Progress

    url = args.database_url or f"sqlite:///{os.path.join(workdir, 'bench.sqlite')}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "JOB_FILES_DIR": workdir, "JOBS_MODE": "inline"})
    with app.app_context():
        db.create_all()
        for n, rows in enumerate(args.rows):
            tenant = Tenant(name=f"벤치상회{n}", ceo_name="대표", business_no=f"12481{n:05d}", email="b@example.com",
                            mobile="010-0000-0000", status="approved")
            db.session.add(tenant)
            db.session.commit()
            sheet = os.path.join(workdir, f"bench-{rows}.xlsx")
            started = time.perf_counter()
            write_sheet(sheet, rows)
            print(f"\n{rows:,} rows: sheet written in {time.perf_counter() - started:.1f}s "
                  f"({os.path.getsize(sheet) / 1e6:.1f} MB)")
            bare, count, bare_peak = bare_read(sheet)
            print(f"  bare calamine read: {bare:.2f}s for {count:,} rows, peak traced {bare_peak / 1e6:.1f} MB")
            run = JobRun(kind="수기주문 엑셀 업로드", func="jobs.manual_orders.import_manual_orders", queue="imports",
                         tenant_id=tenant.id, status="running")
            db.session.add(run)
            db.session.commit()
            copy = sheet + ".upload.xlsx"  # the job deletes its upload when done
            with open(sheet, "rb") as src, open(copy, "wb") as dst:
                dst.write(src.read())
            tracemalloc.start()
            started = time.perf_counter()
            import_manual_orders(Progress(run), tenant_id=tenant.id, path=copy, filename="주문서.xlsx",
                                 platform="벤치몰")
            elapsed = time.perf_counter() - started
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            orders = db.session.query(ManualOrder).filter_by(tenant_id=tenant.id).count()
            lines = db.session.query(ManualOrderLine).filter_by(tenant_id=tenant.id).count()
            print(f"  import job: {elapsed:.1f}s → {rows / elapsed:,.0f} rows/s; {orders:,} orders / {lines:,} "
                  f"SKU lines stored, {run.fail_count:,} rows failed; peak traced {peak / 1e6:.1f} MB")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"\nmemory: process peak RSS {rss:.0f} MB (tracemalloc itself slows the import)")
        db.session.remove()
        db.engine.dispose()


if __name__ == "__main__":
    main()
