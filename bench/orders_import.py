"""Bench: 수기주문 엑셀 업로드 of 5,000 and 100,000 rows through the real job (parse, check, map SKUs to the
seller's 300 products, store, failure file); seconds and peak memory, with the bare python-calamine read of
the same file beside them, against the targets, and the importing process's own CPU time (on a loaded
machine the wall time also waits for cores; the CPU time does not), and on a local PostgreSQL the CPU time
its server processes for the bench database spent meanwhile (the storing side of the import).

    .venv/bin/python bench/orders_import.py [--rows 5000 100000] [--database-url URL] [--repeat N]
                                            [--cp932-csv 100000]

--cp932-csv also imports a Rakuten RMS 通常購入データ CSV in Shift_JIS (CP932) of that many rows through the
built-in preset (encoding found over the whole file, names, phones, postcodes and addresses joined from
several columns), with the seller's 주문서 매칭 adding the product URL Japanese orders need.

The database is created with create_all: give PostgreSQL an empty database (createdb ...).

Each import runs in a fresh child process, into a fresh seller, as a worker runs it: not the process's
first job (a small upload first warms the connection and the server's caches, as in a long-lived worker).
It is timed between two bare reads of the same file in the same process (bench.pairing); a size's verdict
is the median ratio of --repeat (3) such runs. The timed import runs without tracemalloc (which would
slow it); its peak is the child's peak RSS, counted from just before the import.

The import's time includes the 통계관리 rollups of the stored orders (in the same transactions); the orders they
count are printed beside the orders stored. On SQLite they were once refreshed row by row (each row
recomputing its whole day): 1,000 rows took 66 s and 2,000 did not finish in 10 minutes; refreshed once per
commit, 5,000 rows took 2.2-2.7 s of CPU (3.5 s elapsed), 1.3 s of it in the 주문관리 mirror's join (the
batch's id list scanned once per order of the seller) and 0.4 s in the stock sync's query per product.
With the mirror joined from the ids, the listings of all the moved products found by one query and the
upload adding its orders' sums to the rollups itself (models.stat_counted): 0.4-0.5 s of CPU, 0.7 s
elapsed. On PostgreSQL the 100,000-row CP932 CSV took 5.5 s of the importer's CPU and 19 s of the server's
(its day recomputed at each of its dozen commits over all the orders so far), 23 s elapsed; now 3.9 s and
7.6 s (most of the server's in the order tables' indexes, trigram ones included), 9.7 s elapsed; 5,000
rows 1.1-1.2 s before, 0.7 s now. Each pair measured back to back at load average 7-15 on 2 cores.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from bench.pairing import Run, bracketed, median_ratio  # noqa: E402

HEADERS = ["주문번호", "수취인명", "전화번호", "우편번호", "주소", "상세주소", "배송메세지", "SKU", "수량", "주문금액"]
TARGETS = {5_000: (1, None), 100_000: (10, 300)}  # rows: (seconds, peak MB) besides ≤ 3× the bare read
PRODUCTS = 300  # the seller's catalogue: SKU-000 ... SKU-299, every third one with 4 조합형 options
OPTIONS = ("블랙/S", "블랙/M", "화이트/S", "화이트/M")


def sku_of(i: int) -> str:
    k = i % PRODUCTS
    if i % 1000 == 13:
        return "SKU-999"  # not registered: the row fails
    return f"SKU-{k:03d}:{OPTIONS[i % 4]}" if k % 3 == 0 else f"SKU-{k:03d}"


def write_sheet(path: str, rows: int) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("주문서")
    ws.append(HEADERS)
    for i in range(rows):
        # Every 10th order has a second SKU row; every 500th row breaks a rule (quantity 0), every 1000th
        # names an unregistered SKU.
        order = i - (i % 10 == 1)
        ws.append([f"B{order:07d}", "김수취", "010-1234-5678", "07583", "서울특별시 강서구 강서로56가길 31",
                   f"{i % 100}호", "문 앞", sku_of(i), 0 if i % 500 == 7 else 1 + i % 3, 19900])
    wb.save(path)


def write_csv(path: str, rows: int) -> None:
    """A Rakuten RMS 通常購入データ export in Shift_JIS: the preset's columns, one SKU per row."""
    import csv

    from blueprints.fulfilment.presets import RAKUTEN

    values = {"送付先名字": "田中", "送付先名前": "花子", "送付先電話番号1": "03", "送付先電話番号2": "1234",
              "送付先電話番号3": "5678", "送付先郵便番号1": "060", "送付先郵便番号2": "0001",
              "送付先住所：都道府県": "北海道", "送付先住所：都市区": "札幌市中央区", "送付先住所：町以降": "北1条西2丁目",
              "単価": "1980", "商品名": "リネンワンピース"}
    with open(path, "w", encoding="cp932", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(RAKUTEN.headers)
        for i in range(rows):
            order = i - (i % 10 == 1)
            k = i % PRODUCTS + (i % PRODUCTS % 3 == 0)  # products without options (their values are Korean)
            sku = "SKU-999" if i % 1000 == 13 else f"SKU-{k % PRODUCTS:03d}"
            row = {**values, "受注番号": f"349128-20261201-{order:07d}", "商品管理番号": sku,
                   "個数": 0 if i % 500 == 7 else 1 + i % 3}
            out.writerow([row.get(h, "") for h in RAKUTEN.headers])


def rakuten_profile(tenant) -> None:
    """The seller's copy of the Rakuten preset, with the product URL every Japanese order needs."""
    from blueprints.fulfilment.mapping import Source
    from blueprints.fulfilment.presets import RAKUTEN
    from models import ImportProfile
    from portal.extensions import db

    profile = RAKUTEN.profile()
    profile.fields["product_url"] = Source(value="https://item.rakuten.co.jp/bench/")
    db.session.add(ImportProfile(tenant_id=tenant.id, platform="벤치몰", mapping_json=profile.dump()))
    db.session.commit()


def add_catalogue(tenant) -> None:
    """The SKUs of the sheet as registered products of the bench seller (before the clock starts)."""
    from models import Product, ProductOption
    from portal.extensions import db

    for k in range(PRODUCTS):
        product = Product(tenant_id=tenant.id, own_code=f"SKU-{k:03d}", name=f"벤치 상품 {k}",
                          option_names=["색상", "사이즈"] if k % 3 == 0 else [])
        if k % 3 == 0:
            product.options = [ProductOption(tenant_id=tenant.id, no=n + 1, values=v, stock=100)
                               for n, v in enumerate(OPTIONS)]
        db.session.add(product)
        db.session.flush()
        product.code = f"B{tenant.id:05d}{product.id:09d}"[:20]
    db.session.commit()


def server_cpu(url: str) -> float | None:
    """CPU seconds so far of the local PostgreSQL server processes serving the bench database (None when
    the database is not a PostgreSQL on this machine)."""
    from sqlalchemy.engine import make_url

    address = make_url(url)
    if not address.drivername.startswith("postgresql") or address.host not in ("127.0.0.1", "localhost", None):
        return None
    tick, total = os.sysconf("SC_CLK_TCK"), 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                words = fh.read().decode(errors="replace").split()
            if len(words) < 4 or words[0] != "postgres:" or address.database not in words:
                continue
            with open(f"/proc/{pid}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except OSError:
            continue
    return total / tick


def child(url: str, workdir: str, rows: int, sheet: str) -> None:
    """One import in this process; prints one JSON line."""
    from sqlalchemy import func, select

    from jobs.manual_orders import import_manual_orders
    from models import JobRun, ManualOrder, ManualOrderLine, StatDaily, Tenant
    from portal import create_app
    from portal.extensions import db
    from portal.queues import Progress

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "JOB_FILES_DIR": workdir, "JOBS_MODE": "inline"})
    with app.app_context():
        def upload(name: str, path: str, digit: int):
            """A fresh seller with the catalogue, and its upload's run, the file copied (the job deletes it)."""
            tenant = Tenant(name=f"벤치상회{name}-{os.getpid()}", ceo_name="대표", email="b@example.com",
                            business_no=f"{os.getpid() % 10**9:09d}{digit}", mobile="010-0000-0000",
                            status="approved")
            db.session.add(tenant)
            db.session.commit()
            add_catalogue(tenant)
            if path.endswith(".csv"):
                rakuten_profile(tenant)
            run = JobRun(kind="수기주문 엑셀 업로드", func="jobs.manual_orders.import_manual_orders", queue="imports",
                         tenant_id=tenant.id, status="running")
            db.session.add(run)
            db.session.commit()
            ext = os.path.splitext(path)[1]
            shutil.copyfile(path, copy := f"{path}.{os.getpid()}{ext}")
            return tenant, run, copy

        # The worker is long-lived (SimpleWorker, pooled connections): like the bare read, which is timed
        # warm, the timed import is not the process's first (a small one first warms the connection and
        # the server's caches for these tables).
        small = os.path.join(workdir, f"warm-{os.getpid()}.xlsx")
        write_sheet(small, 20)
        warm_tenant, warm_run, warm_copy = upload("warm", small, 0)
        import_manual_orders(Progress(warm_run), tenant_id=warm_tenant.id, path=warm_copy, filename="주문서.xlsx",
                             platform="벤치몰")
        os.remove(small)
        tenant, run, copy = upload(str(rows), sheet, 1)
        server_before = server_cpu(url)
        timed = bracketed(sheet, lambda: import_manual_orders(
            Progress(run), tenant_id=tenant.id, path=copy, filename="주문서" + os.path.splitext(sheet)[1],
            platform="벤치몰"))
        server = server_cpu(url)
        server = None if server is None else server - server_before
        orders = db.session.scalar(select(func.count()).select_from(ManualOrder).where(
            ManualOrder.tenant_id == tenant.id))
        lines = db.session.scalar(select(func.count()).select_from(ManualOrderLine).join(ManualOrderLine.order).where(
            ManualOrder.tenant_id == tenant.id))
        mapped = db.session.scalar(select(func.count()).select_from(ManualOrderLine).join(ManualOrderLine.order).where(
            ManualOrder.tenant_id == tenant.id, ManualOrderLine.product_id.isnot(None)))
        counted = db.session.scalar(select(func.coalesce(func.sum(StatDaily.orders), 0)).where(
            StatDaily.tenant_id == tenant.id, StatDaily.kind == "sale"))
        print(json.dumps(timed._asdict() | {"server_cpu": server, "orders": orders, "lines": lines, "mapped": mapped,
                                            "failed": run.fail_count, "counted": int(counted)}))
        db.session.remove()
        db.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[5_000, 100_000])
    parser.add_argument("--database-url")
    parser.add_argument("--repeat", type=int, default=3,
                        help="imports per size (each in its own process, into a fresh seller); the median counts")
    parser.add_argument("--cp932-csv", type=int, metavar="ROWS",
                        help="also import a Rakuten CSV in Shift_JIS of this many rows (once)")
    parser.add_argument("--child", nargs=3, metavar=("WORKDIR", "ROWS", "SHEET"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.database_url, args.child[0], int(args.child[1]), args.child[2])
        return
    workdir = tempfile.mkdtemp(prefix="orders-import-bench-")
    url = args.database_url or f"sqlite:///{os.path.join(workdir, 'bench.sqlite')}"

    from portal import create_app
    from portal.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "JOB_FILES_DIR": workdir, "JOBS_MODE": "inline"})
    with app.app_context():
        db.create_all()
        db.engine.dispose()
    print(f"database: {url.split('://')[0]}")
    sizes = [(rows, ".xlsx", args.repeat) for rows in args.rows]
    if args.cp932_csv:
        sizes.append((args.cp932_csv, ".csv", 1))
    for rows, ext, repeat in sizes:
        sheet = os.path.join(workdir, f"bench-{rows}{ext}")
        started = time.perf_counter()
        (write_csv if ext == ".csv" else write_sheet)(sheet, rows)
        kind = "Rakuten CSV in CP932" if ext == ".csv" else "sheet"
        print(f"\n{rows:,} rows: {kind} written in {time.perf_counter() - started:.1f}s "
              f"({os.path.getsize(sheet) / 1e6:.1f} MB)")
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        results = [json.loads(subprocess.run(
            [sys.executable, __file__, "--database-url", url, "--child", workdir, str(rows), sheet],
            check=True, capture_output=True, text=True, cwd=ROOT).stdout.strip().splitlines()[-1])
            for _ in range(repeat)]
        runs = [Run(*(r[field] for field in Run._fields)) for r in results]
        print(f"  load average (1, 5, 15 min) before the runs: {load}; after: "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        for n, (run, r) in enumerate(zip(runs, results), 1):
            server = "" if r["server_cpu"] is None else f", of the database server {r['server_cpu']:.2f}s"
            print(f"  run {n}: import {run.elapsed:.2f}s, bare read around it {run.bare:.3f}s "
                  f"= {run.elapsed / run.bare:.1f}×; CPU of the importing process {run.cpu:.2f}s{server}")
        r = results[0]  # every run stores the same sheet
        ratio = median_ratio(runs)
        elapsed = statistics.median(run.elapsed for run in runs)
        top = max(runs, key=lambda run: run.peak_mb)
        print(f"  median: import {elapsed:.2f}s = {ratio:.1f}× the bare read, {rows / elapsed:,.0f} rows/s; "
              f"{r['orders']:,} orders / {r['lines']:,} SKU lines stored (mapped to products: {r['mapped']:,}), "
              f"{r['failed']:,} rows failed; orders in the 통계관리 rollups: {r['counted']:,}")
        print(f"  peak RSS of the importing process: {top.peak_mb:.0f} MB "
              f"({top.peak_mb - top.base_mb:+.0f} MB over the {top.base_mb:.0f} MB before the import)")
        seconds, megabytes = TARGETS.get(rows, (None, None))
        checks = [("≤ 3× bare read", ratio <= 3)]
        if seconds:
            checks.append((f"stored and visible < {seconds:g} s", elapsed < seconds))
        if megabytes:
            checks.append((f"peak RSS < {megabytes} MB", top.peak_mb < megabytes))
        print("  targets: " + "; ".join(f"{label} {'met' if ok else 'NOT MET'}" for label, ok in checks))


if __name__ == "__main__":
    main()
