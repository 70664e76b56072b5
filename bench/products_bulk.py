"""Bench: 상품대량등록 of N products × 3 options through the real import job, against a bare read.

    .venv/bin/python bench/products_bulk.py [--rows 10000] [--database-url URL] [--repeat N]

Prints, for each of --repeat (3) imports into a fresh seller, the import's rows/s and seconds, the bare
read of the same file by python-calamine (the fastest reader here) just before and after it
(bench.pairing), their ratio, and the median ratio (target: 5× or less) and the peak memory of the
imports (target: under 300 MB). As in a long-lived worker, a small import runs first. Without
--database-url a scratch SQLite file is used; a PostgreSQL database given by URL is emptied first
(use a database made for the bench).

Where the time goes is printed too: the CPU this process spent, and for a PostgreSQL server
on this machine the CPU its processes spent on the import (indexes, foreign keys, WAL), which
the import can overlap with its own work but not avoid; and what the database maintains for
every row written: the indexes and the foreign keys it checks row by row.
"""
import argparse
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from openpyxl import Workbook

from bench.pairing import bracketed, median_ratio
from blueprints.products.services.bulk_sheet import COLUMNS

NOTICE = "|".join(["상세정보 별도표기"] * 11)
TARGET_RATIO, TARGET_MB = 5, 300


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


def server_cpu(db) -> dict[int, float] | None:
    """CPU seconds so far of each server process of this database, if the server is local."""
    if db.engine.dialect.name != "postgresql":
        return None
    from sqlalchemy import text

    with db.engine.connect() as conn:
        pids = conn.execute(text("SELECT pid FROM pg_stat_activity "
                                 "WHERE datname = current_database()")).scalars().all()
    used = {}
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            return None  # the server runs elsewhere
        used[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return used


def per_row_upkeep(tables) -> str:
    """'product 13 indexes/2 FKs, ...': what each stored row costs the database besides itself
    (the bench's schema is the models'; unique constraints are indexes too)."""
    from sqlalchemy import UniqueConstraint

    parts = []
    for table in tables:
        unique = sum(isinstance(c, UniqueConstraint) for c in table.constraints)
        indexes = 1 + len(table.indexes) + unique
        parts.append(f"{table.name} {indexes} indexes/{len(table.foreign_keys)} FKs")
    return ", ".join(parts)


def fresh_schema(db, url: str) -> None:
    if url.startswith("postgresql"):
        from sqlalchemy import text

        with db.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    db.create_all()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--database-url")
    parser.add_argument("--repeat", type=int, default=3, help="imports, each into a fresh seller; the median counts")
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="products-bench-")
    url = args.database_url or f"sqlite:///{os.path.join(workdir, 'bench.sqlite')}"

    from jobs.products_bulk import import_products
    from models import JobRun, Product, ProductHistory, ProductOption, Tenant
    from portal import create_app
    from portal.extensions import db
    from portal.queues import Progress

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "JOB_FILES_DIR": workdir,
                      "JOBS_MODE": "inline"})
    with app.app_context():
        fresh_schema(db, url)

        def upload(n: int, path: str):
            """A fresh seller, its upload's run and a copy of the sheet (the job deletes its upload)."""
            tenant = Tenant(name=f"벤치상회{n}", ceo_name="대표", business_no=f"124810{n:04d}",
                            email="bench@example.com", mobile="010-0000-0000", status="approved")
            db.session.add(tenant)
            db.session.commit()
            run = JobRun(kind="상품대량등록", func="jobs.products_bulk.import_products",
                         queue="imports", tenant_id=tenant.id, status="running")
            db.session.add(run)
            db.session.commit()
            shutil.copyfile(path, copy := f"{path}.{n}.xlsx")
            return tenant, run, copy

        sheet, small = os.path.join(workdir, "bench.xlsx"), os.path.join(workdir, "warm.xlsx")
        started = time.perf_counter()
        write_sheet(sheet, args.rows)
        write_sheet(small, 20)
        print(f"database: {db.engine.dialect.name}")
        print(f"sheet: {args.rows:,} rows × 3 options written in {time.perf_counter() - started:.1f}s "
              f"({os.path.getsize(sheet) / 1e6:.1f} MB)")
        # As in a long-lived worker, the timed imports are not the process's first job.
        tenant, run, copy = upload(0, small)
        import_products(Progress(run), tenant_id=tenant.id, path=copy)
        runs = []
        for n in range(1, args.repeat + 1):
            tenant, run, copy = upload(n, sheet)
            server_before = server_cpu(db)
            timed = bracketed(sheet, lambda: import_products(Progress(run), tenant_id=tenant.id, path=copy))
            server_after = server_cpu(db)
            runs.append(timed)
            line = (f"run {n}: {run.ok_count:,} ok, {run.fail_count:,} failed in {timed.elapsed:.2f}s "
                    f"({args.rows / timed.elapsed:,.0f} rows/s), bare read around it {timed.bare:.2f}s "
                    f"= {timed.elapsed / timed.bare:.1f}×; CPU: this process {timed.cpu:.2f}s")
            if server_before is not None and server_after is not None:
                server = sum(t - server_before.get(pid, 0) for pid, t in server_after.items())
                line += f", database server {server:.2f}s"
            print(line)
        stored = [db.session.query(model).filter_by(tenant_id=tenant.id).count()
                  for model in (Product, ProductOption, ProductHistory)]
        print("stored per run: {:,} products, {:,} option rows, {:,} history rows".format(*stored))
        print("kept per row: " + per_row_upkeep((Product.__table__, ProductOption.__table__,
                                                 ProductHistory.__table__)))
        ratio = median_ratio(runs)
        print(f"median ratio to the bare read: {ratio:.1f}× (target ≤ {TARGET_RATIO}×: "
              f"{'met' if ratio <= TARGET_RATIO else 'NOT met'}); load average {os.getloadavg()[0]:.1f} "
              f"on {os.cpu_count()} CPUs")
        peak = max(timed.peak_mb for timed in runs)
        print(f"memory: process RSS {runs[0].base_mb:.0f} MB before an import, peak {peak:.0f} MB "
              f"(target < {TARGET_MB} MB: {'met' if peak < TARGET_MB else 'NOT met'})")
        db.session.remove()
        db.engine.dispose()


if __name__ == "__main__":
    main()
