"""Bench: 상품조회 and 재고관리 pages over 100,000 products (3 options each), through real requests.

    .venv/bin/python bench/products_search.py [--products 100000] [--database-url URL]

Times the first page, a deep page (the cursor at row 90,000), filtered pages, 재고관리 and
상품복원 (every 50th product is deleted), each the median of 5 full requests (query, count and
template); beside it the time spent in SQL in the same requests, so the rest is Python and the
template. Target: every page under 150 ms. For comparison it also times the OFFSET 90,000 query
the keyset replaces. A PostgreSQL database given by URL is emptied first (use a database made
for the bench) and vacuumed after the load, as autovacuum would do after a bulk insert, so
counts can read the indexes alone.
"""
import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.products_bulk import fresh_schema

TARGET_MS = 150
BATCH = 5000


def fill(db, tenant_id: int, count: int) -> None:
    from sqlalchemy import insert

    from models import Product, ProductOption

    base = datetime(2025, 1, 1)
    names = ["자전거", "원피스", "러닝화", "에센스", "김치", "홍삼", "이어폰", "가습기", "체어", "냄비"]
    for start in range(0, count, BATCH):
        rows = [{"id": i, "tenant_id": tenant_id, "code": f"20250101{i:07d}",
                 "own_code": f"K{i:07d}" if i % 3 else None, "name": f"{names[i % 10]} {i}",
                 "status": "on" if i % 7 else "off", "category_path": "스포츠/레저 > 자전거",
                 "brand": f"브랜드{i % 50}", "rep_price": 1000 + (i * 37) % 90000,
                 "created_at": base + timedelta(minutes=i), "updated_at": base + timedelta(minutes=i),
                 "notice": {}, "raw_materials": [], "certifications": [], "extra_images": [],
                 "option_names": ["색상"], "deleted_at": base if i % 50 == 0 else None}
                for i in range(start + 1, min(count, start + BATCH) + 1)]
        db.session.execute(insert(Product), rows)
        db.session.execute(insert(ProductOption), [
            {"tenant_id": tenant_id, "product_id": r["id"], "no": n, "values": f"색상{n}",
             "stock": (r["id"] + n) % 20} for r in rows for n in (1, 2, 3)])
        db.session.commit()


class SqlClock:
    """Milliseconds spent in the driver, summed over the statements of one request."""

    def __init__(self, engine):
        from sqlalchemy import event

        self.ms = 0.0
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, conn, *_):
        conn.info["bench_started"] = time.perf_counter()

    def _after(self, conn, *_):
        self.ms += (time.perf_counter() - conn.info.pop("bench_started")) * 1000


def timed(client, clock: SqlClock, url: str, runs: int = 5) -> tuple[float, float]:
    """(median request ms, SQL ms of that same request)."""
    times = []
    for _ in range(runs):
        clock.ms = 0.0
        started = time.perf_counter()
        resp = client.get(url)
        times.append(((time.perf_counter() - started) * 1000, clock.ms))
        assert resp.status_code == 200, (url, resp.status_code)
    return sorted(times)[len(times) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="products-search-")
    url = args.database_url or f"sqlite:///{os.path.join(workdir, 'search.sqlite')}"

    from sqlalchemy import text

    from bench.seller import bench_seller
    from models import Product
    from portal import create_app
    from portal.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "JOB_FILES_DIR": workdir, "TESTING": True,
                      "JOBS_MODE": "inline", "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    with app.app_context():
        fresh_schema(db, url)
        tenant = bench_seller(db, login_id="bench")
        started = time.perf_counter()
        fill(db, tenant.id, args.products)
        if db.engine.dialect.name == "postgresql":
            db.session.commit()
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("VACUUM ANALYZE"))
        else:
            db.session.execute(text("ANALYZE"))
        print(f"database: {db.engine.dialect.name}; {args.products:,} products × 3 options "
              f"stored in {time.perf_counter() - started:.1f}s")
        deep = (args.products - 90_000 if args.products > 90_000 else args.products // 10) + 1
        # The row a seller reaches after 1,800 clicks on 다음: id order is 상품코드 order here.
        deep_by_code = args.products - 90_000 + 1 if args.products > 90_000 else deep
        by_price = (db.session.query(Product.id).filter(Product.tenant_id == tenant.id,
                                                        Product.deleted_at.is_(None))
                    .order_by(Product.rep_price.asc(), Product.id.asc())
                    .offset(min(90_000, args.products - 1)).limit(1).scalar())
        client = app.test_client()
        client.post("/login", data={"login_id": "bench", "password": "Passw0rd!"})
        pages = {
            "상품조회 first page": "/products/search",
            "상품조회 deep page (row 90,000, 상품코드)": f"/products/search?after={deep_by_code}&page=1801",
            "상품조회 deep page (row 90,000, 대표가격 asc)":
                f"/products/search?sort=price&dir=asc&after={by_price}&page=1801",
            "상품조회 last page": "/products/search?last=1",
            "상품조회 filtered (상품명 '자전거', 판매가능)": "/products/search?field=name&q=자전거&status=on",
            "상품조회 filtered deep (자전거, after row 50,000)":
                f"/products/search?field=name&q=자전거&after={args.products // 2}&page=100",
            "재고관리 first page": "/products/stock",
            "재고관리 deep page (product 10,001)": f"/products/stock?after={deep}.3&page=5400",
            "재고관리 재고부족 only": "/products/stock?low=1",
            "재고관리 재고부족 deep (product 10,001)": f"/products/stock?low=1&after={deep}.3&page=500",
            "재고관리 last page": "/products/stock?last=1",
            "재고관리 filtered (검색어 '자전거')": "/products/stock?q=자전거",
            "상품복원 first page": "/products/restore",
        }
        client.post("/products/stock/settings", data={"threshold": "1", "enabled": "y"})
        clock = SqlClock(db.engine)
        worst = 0.0
        for label, page_url in pages.items():
            ms, sql_ms = timed(client, clock, page_url)
            worst = max(worst, ms)
            print(f"{label:<48} {ms:7.1f} ms  (SQL {sql_ms:6.1f} ms)")
        print(f"slowest page {worst:.1f} ms (target < {TARGET_MS} ms: "
              f"{'met' if worst < TARGET_MS else 'NOT met'})")
        offset_sql = text("SELECT id FROM product WHERE tenant_id = :t AND deleted_at IS NULL "
                          "ORDER BY code DESC, id DESC LIMIT 50 OFFSET 90000")
        seek_sql = text("SELECT id FROM product WHERE tenant_id = :t AND deleted_at IS NULL "
                        "AND (code, id) < (:c, :i) ORDER BY code DESC, id DESC LIMIT 50")
        code = db.session.get(Product, deep_by_code).code
        for label, sql, params in (("OFFSET 90,000 query", offset_sql, {"t": tenant.id}),
                                   ("keyset seek query", seek_sql,
                                    {"t": tenant.id, "c": code, "i": deep_by_code})):
            times = []
            for _ in range(5):
                started = time.perf_counter()
                db.session.execute(sql, params).all()
                times.append((time.perf_counter() - started) * 1000)
            print(f"{label:<48} {statistics.median(times):7.2f} ms")
        db.session.remove()
        db.engine.dispose()


if __name__ == "__main__":
    main()
