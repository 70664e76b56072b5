"""Bench: the six 통계관리 pages and the dashboard over 1,000,000 orders and 365 days on PostgreSQL, through the
real views (login, filters, figures, chart data, template): median and p99 of 50 requests per page.

    createdb -h 127.0.0.1 -U postgres statistics_bench
    .venv/bin/python bench/statistics_pages.py [--orders 1000000] [--requests 50] [--database-url URL] [--reuse]

The collected orders are those of bench/orders_lists.py (one seller, three accounts, 365 days, one or two
lines each, returns and exchanges among the old ones); a tenth as many 수기주문 are added over the same year.
The target is 150 ms per statistics page and 100 ms for the dashboard. PostgreSQL only. The load average
is printed before and after: other work on the machine inflates the figures; the web process's own CPU time
per request (median) is printed beside them, which waiting for a core does not inflate (the database's
share is not in it).

Freshly generated, the rollup tables have never been vacuumed or analyzed (the monthly rows, updated by every
day's refresh, hold many dead versions): the planner, reading them as empty, joined the whole year of daily
rows by hash (480 ms where 35 ms do). A database in service has autovacuum do both; the bench does it once
after generating, as autovacuum would.
"""
import argparse
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench.pages import bench_app, percentile, time_page  # noqa: E402

from orders_lists import PASSWORD, build  # noqa: E402  (the same generated orders)

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/statistics_bench"
MANUAL_SQL = """
INSERT INTO manual_order (tenant_id, brand, platform, country, product_url, order_no, recipient_name, recipient_phone,
    zip_code, address, address_detail, message, total_paid, source, created_at, updated_at)
SELECT :tenant, '', (ARRAY['카카오톡 주문','인스타그램'])[1 + g % 2], 'KR', '', 'M' || g, '김수기', '010-0000-0000',
       '07583', (ARRAY['서울특별시 강서구 강서로 1','경기도 성남시 분당구 판교역로 3','부산광역시 해운대구 센텀로 2'])[1 + g % 3],
       '', '', 25000, 'excel', now() at time zone 'utc' - ((:n - g) * (365.0 * 86400 / :n)) * interval '1 second', now()
FROM generate_series(1, :n) g
"""
MANUAL_LINES_SQL = """
INSERT INTO manual_order_line (tenant_id, order_id, sku, quantity)
SELECT tenant_id, id, 'SKU' || (id % 300), 1 + id % 3 FROM manual_order WHERE tenant_id = :tenant
"""
PAGES = ["/statistics/period", "/statistics/channel", "/statistics/category", "/statistics/product",
         "/statistics/region", "/statistics/usage"]


def add_manual(db, n: int) -> None:
    from sqlalchemy import text

    from models import Tenant

    tenant = db.session.query(Tenant).first()
    db.session.execute(text(MANUAL_SQL), {"tenant": tenant.id, "n": n})
    db.session.execute(text(MANUAL_LINES_SQL), {"tenant": tenant.id})
    db.session.commit()


def timed(client, url: str, repeat: int) -> tuple[float, float, float]:
    """Median and p99 of the wall time and the median CPU time of this (the web) process, in ms."""
    cpu = []
    times, _ = time_page(client, url, repeat, cpu)
    return statistics.median(times), percentile(times, 99), statistics.median(cpu)


def vacuum_analyze(db) -> None:
    """What autovacuum does to the freshly written tables before the pages are read."""
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM (ANALYZE)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--reuse", action="store_true", help="keep the generated orders of an earlier run")
    args = parser.parse_args()

    from portal.extensions import db

    app = bench_app(args.database_url)
    with app.app_context():
        if not args.reuse:
            build(app, args.orders)
            add_manual(db, args.orders // 10)
        db.session.remove()
        vacuum_analyze(db)
    client = app.test_client()
    client.post("/login", data={"login_id": "benchmaster", "password": PASSWORD})
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    print(f"{'page':42} {'median ms':>10} {'p99 ms':>10} {'target':>8} {'CPU ms':>8}")
    cases = [(f"{p} 30일", f"{p}?period=30d", 150) for p in PAGES]
    cases += [(f"{p} 365일", f"{p}?period=custom&from=" + _year_ago() + "&to=" + _today(), 150) for p in PAGES]
    cases += [("/statistics/period 365일 월별", "/statistics/period?unit=month&period=custom&from=" + _year_ago()
               + "&to=" + _today(), 150), ("/dashboard", "/dashboard", 100)]
    for label, url, target in cases:
        median, p99, cpu = timed(client, url, args.requests)
        print(f"{label:42} {median:10.1f} {p99:10.1f} {target:8d} {cpu:8.1f}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


def _today() -> str:
    from blueprints.statistics.periods import today_kst

    return today_kst().isoformat()


def _year_ago() -> str:
    from datetime import timedelta

    from blueprints.statistics.periods import today_kst

    return (today_kst() - timedelta(days=364)).isoformat()


if __name__ == "__main__":
    main()
