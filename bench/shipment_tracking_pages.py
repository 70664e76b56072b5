"""Bench: 배송현황 over 500,000 shipments on PostgreSQL; the page (aging tiles, list, template) through the real
view for the default period, a year, deep pages, status and aging filters and searches, median of 7 requests
(wall time, and this process's CPU time: what the page costs besides the database's work).

    createdb -h 127.0.0.1 -U postgres tracking_bench
    .venv/bin/python bench/shipment_tracking_pages.py [--shipments 500000] [--database-url URL] [--reuse]

The shipments are generated inside PostgreSQL (INSERT … SELECT generate_series), spread over 365 days, one
order each: those of the last 20 days wait in every state (접수 … 배송중, 보류, 미입고, 배송미완료), older ones are
delivered except every 200th, which is stuck (미입고, 배송미완료, 배송불가) and ages. A second seller with a tenth
as many shares the tables, so every query has to keep to its tenant. The load average is printed before and
after (the machine may be shared).
"""
import argparse
import os
import re
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/tracking_bench"
PASSWORD = "bench-Passw0rd!"
BUDGET_MS = 150
from bench.pages import bench_app, time_page  # noqa: E402

SHIPMENTS_SQL = """
INSERT INTO shipment (tenant_id, receipt_no, status, status_at, ship_type, channel, cart_no, country, recipient_name,
    recipient_kana, recipient_name_en, recipient_phone, recipient_mobile, zip_code, address, address_detail,
    address_en, message, total_amount, currency, memo, domestic_carrier, domestic_tracking_no, intl_carrier,
    intl_tracking_no, hold_reason, created_at, updated_at, received_at)
SELECT :tenant, 'K' || to_char(t.created, 'YYMMDD') || lpad((:offset + g)::text, 7, '0'), t.status,
       t.created + interval '6 hours', 'KSE', (ARRAY['qoo10jp','rakuten','amazonjp'])[1 + g % 3], 'C' || (:offset + g),
       'JP', '山田 花子' || (g % 1000), 'ヤマダ ハナコ', 'YAMADA HANAKO', '090-1234-5678', '', '160-0022',
       '東京都新宿区新宿' || (g % 50) || '-1-1', '', '', '', 2500, 'JPY', '', '', '',
       CASE WHEN t.status IN ('A00','A02','A10') THEN '' ELSE 'SAGAWA' END,
       CASE WHEN t.status IN ('A00','A02','A10') THEN '' ELSE '3578' || lpad((:offset + g)::text, 8, '0') END,
       CASE WHEN t.status = 'A02' THEN '주소 확인 필요' ELSE '' END, t.created, t.created,
       CASE WHEN t.status IN ('A00','A02','A10') THEN NULL ELSE t.created + interval '1 day' END
FROM generate_series(1, :n) g
JOIN LATERAL (SELECT now() at time zone 'utc' - ((:n - g) * (365.0 * 86400 / :n)) * interval '1 second' AS created)
     c ON true
JOIN LATERAL (SELECT c.created, CASE
        WHEN c.created > now() at time zone 'utc' - interval '20 days' THEN
             (ARRAY['A00','A10','A02','A99','B00','B11','B99','C11','C90','D00','D11','E00','E01','D99'])[1 + g % 14]
        WHEN g % 200 = 0 THEN (ARRAY['A10','E00','E01'])[1 + (g / 200) % 3]
        ELSE 'D99' END AS status) t ON true
"""
ORDERS_SQL = """
INSERT INTO fulfilment_order (tenant_id, shipment_id, source, channel, order_no, cart_no, country, recipient_name,
    recipient_kana, recipient_name_en, recipient_phone, recipient_mobile, zip_code, address, address_detail,
    address_en, message, buyer_name, product_name, option_name, option_code, seller_code, item_code, product_url,
    quantity, amount, currency, sku_code, match_state, held, hold_reason, delete_reason, memo, created_at, updated_at)
SELECT s.tenant_id, s.id, 'manual', s.channel, 'O' || s.id, s.cart_no, 'JP', s.recipient_name, '', '', '', '', '',
       '', '', '', '', '', '상품 ' || (s.id % 500), '', 'SKU-' || (s.id % 500), '', '', '', 1, 2500, 'JPY',
       'SKU-' || (s.id % 500), 'ok', false, '', '', '', s.created_at, s.created_at
FROM shipment s WHERE s.tenant_id = :tenant
"""


def build(n: int):
    from sqlalchemy import text

    from models import Tenant, User
    from portal.extensions import db

    with db.engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    from flask_migrate import upgrade

    upgrade(revision="heads")
    started, offset = time.perf_counter(), 0
    for number, (name, count) in enumerate((("벤치상회", n), ("옆가게", max(1, n // 10))), start=1):
        tenant = Tenant(name=name, ceo_name="대표", business_no=f"12481009{number}8", email="b@example.com",
                        mobile="010-0000-0000", status="approved")
        db.session.add(tenant)
        db.session.commit()
        user = User(login_id=f"bench{number}", name="벤치", tenant=tenant, is_master=True, access_approved=True,
                    email=f"m{number}@example.com", mobile="010-0000-0000")
        user.set_password(PASSWORD)
        db.session.add(user)
        db.session.commit()
        db.session.execute(text(SHIPMENTS_SQL), {"tenant": tenant.id, "n": count, "offset": offset})
        db.session.execute(text(ORDERS_SQL), {"tenant": tenant.id})
        db.session.commit()
        offset += count
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE shipment"))
        conn.execute(text("VACUUM ANALYZE fulfilment_order"))
    print(f"generated {n:,} + {max(1, n // 10):,} shipments in {time.perf_counter() - started:.1f}s")


def timed(client, url: str, repeat: int = 7) -> tuple[float, float, int, str]:
    """Median wall time and median CPU time of this process (everything but the database's own work)."""
    cpu = []
    times, body = time_page(client, url, repeat, cpu)
    total = re.search(r'id="list-total">([\d,]+\+?)<', body)
    return (statistics.median(times), statistics.median(cpu), body.count("<tr data-receipt"),
            total.group(1) if total else "-")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shipments", type=int, default=500_000, help="shipments of the benched seller")
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--reuse", action="store_true", help="keep the generated shipments of an earlier run")
    args = parser.parse_args()

    app = bench_app(args.database_url)
    with app.app_context():
        if not args.reuse:
            build(args.shipments)
        from datetime import date, timedelta

        from sqlalchemy import func

        from models import Shipment, Tenant
        from portal.extensions import db

        tenant = db.session.query(Tenant).filter_by(name="벤치상회").one()
        deep_id = db.session.query(func.min(Shipment.id)).filter_by(tenant_id=tenant.id).scalar() + args.shipments // 2
        sample = db.session.query(Shipment).filter_by(tenant_id=tenant.id, id=deep_id).one()
        receipt, tracking = sample.receipt_no, sample.intl_tracking_no or "357800000001"
        db.session.remove()
    client = app.test_client()
    client.post("/login", data={"login_id": "bench1", "password": PASSWORD})
    year = f"from={(date.today() - timedelta(days=364)).isoformat()}&to={date.today().isoformat()}"
    page = "/fulfilment/tracking"
    cases = [
        ("first page (default: last 30 days)", page),
        ("first page, 365 days", f"{page}?{year}"),
        ("deep page (keyset), 365 days", f"{page}?{year}&after={deep_id}"),
        ("미입고 A10, 365 days", f"{page}?{year}&status=A10"),
        ("미입고 A10 15+ days, 365 days", f"{page}?{year}&status=A10&aging=15"),
        ("미배송완료 전체, 365 days", f"{page}?{year}&status=open"),
        ("배송완료 D99, 365 days", f"{page}?{year}&status=D99"),
        ("search 접수번호, 365 days", f"{page}?{year}&field=receipt_no&q={receipt}"),
        ("search 주문번호, 365 days", f"{page}?{year}&field=order_no&q=O{deep_id}"),
        ("search 송장번호, 365 days", f"{page}?{year}&field=tracking&q={tracking}"),
    ]
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    print(f"{'page (median of 7)':40} {'ms':>8} {'cpu ms':>7} {'rows':>5} {'total':>8}  within {BUDGET_MS} ms")
    for label, url in cases:
        ms, cpu, rows, total = timed(client, url)
        print(f"{label:40} {ms:8.1f} {cpu:7.1f} {rows:5} {total:>8}  {'yes' if ms < BUDGET_MS else 'NO'}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
