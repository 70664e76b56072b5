"""Bench: 주문확인/처리, 주문상태별조회 and 판매완료내역 over 1,000,000 orders on PostgreSQL; first, deep and
filtered pages, 7 to 365 days, through the real views (login, filters, counts, template), median of 5 requests.

    createdb -h 127.0.0.1 -U postgres orders_bench
    .venv/bin/python bench/orders_lists.py [--orders 1000000] [--database-url URL] [--reuse] [--writes]

The orders are generated inside PostgreSQL (INSERT … SELECT generate_series): one seller, three accounts
(every 5th order on the second, a new third with 300 orders a year), orders spread over 365 days (about
2,700 a day), one line each plus a second line on every 5th order. Shipped lines carry a courier (CJ대한통운,
every 7th 한진택배, every 1009th 우체국택배) and a sent invoice; the last 3 days hold the working stages.
The 처리상태 counts come from the tally the triggers fill while the lines are inserted; --writes times
line writes with and without it. PostgreSQL only: SQLite is the embedded default for small shops and is
not benched at this size. The load average is printed before and after: other work on the machine
inflates the figures.
"""
import argparse
import os
import re
import statistics
import sys
import time
from datetime import timedelta

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/orders_bench"
PASSWORD = "bench-Passw0rd!"
from bench.pages import bench_app, time_page  # noqa: E402

ORDERS_SQL = """
INSERT INTO channel_order (tenant_id, account_id, channel, channel_order_id, ordered_at, buyer_name, buyer_phone,
    recipient_name, recipient_phone, zip_code, address, address_detail, delivery_message, total_amount,
    shipping_fee, created_at, updated_at)
SELECT :tenant, CASE WHEN g % 3331 = 0 THEN :third WHEN g % 5 = 0 THEN :second ELSE :account END, 'sandbox',
       'B' || lpad(g::text, 9, '0'),
       now() at time zone 'utc' - ((:n - g) * (365.0 * 86400 / :n)) * interval '1 second',
       '김구매', '010-1234-5678', (ARRAY['김','이','박','최','정','강','조','윤'])[1 + g % 8]
           || (ARRAY['민','서','지','하','도','유','수','예','시','주'])[1 + (g / 8) % 10]
           || (ARRAY['준','윤','우','은','아','진','호','연','원','현'])[1 + (g / 80) % 10],
       '010-1234-5678', '07583', '서울특별시 강서구 강서로56가길 31',
       (g % 100) || '호', '문 앞', 19900, 3000, now(), now()
FROM generate_series(1, :n) g
"""
# Old orders are done (a few exchanged); the last days hold the working stages (신규, 발주확인, 송장, 취소요청, …).
LINES_SQL = """
INSERT INTO channel_order_line (tenant_id, order_id, account_id, channel, channel_order_id, channel_line_id,
    ordered_at, product_name, option_name, quantity, unit_price, amount, status, raw_status, seller_code,
    channel_product_id, channel_item_id, ship_unit_id, delay_reason, cancel_reason, courier_code,
    tracking_number, invoice_state, created_at, updated_at)
SELECT o.tenant_id, o.id, o.account_id, o.channel, o.channel_order_id, o.channel_order_id || '-' || k,
       o.ordered_at, '상품 ' || (o.id % 500), '', 1, 19900, 19900, o.status, '', 'SC-' || (o.id % 500),
       '', '', '', '', '', CASE WHEN NOT o.shipped THEN '' WHEN o.id % 1009 = 0 THEN 'EPOST'
                               WHEN o.id % 7 = 0 THEN 'HANJIN' ELSE 'CJGLS' END,
       CASE WHEN o.shipped THEN lpad((o.id * 10 + k)::text, 12, '0') ELSE '' END,
       CASE WHEN o.shipped THEN 'sent' WHEN o.status = 'CONFIRMED' AND o.id % 4 = 0 THEN 'pending'
            WHEN o.status = 'CONFIRMED' AND o.id % 9 = 0 THEN 'failed' ELSE '' END, now(), now()
FROM (SELECT s.*, s.status NOT IN ('NEW', 'CONFIRMED', 'CANCEL_REQUESTED') AS shipped FROM (
        SELECT o.*, CASE WHEN o.ordered_at > now() at time zone 'utc' - interval '3 days' THEN
                (ARRAY['NEW','NEW','CONFIRMED','CONFIRMED','SHIPPING','CANCEL_REQUESTED'])[1 + o.id % 6]
            WHEN o.id % 997 = 0 THEN 'EXCHANGED' WHEN o.id % 50 = 0 THEN 'RETURNED'
            WHEN o.id % 3 = 0 THEN 'DELIVERED' ELSE 'PURCHASE_DECIDED' END AS status
        FROM channel_order o WHERE o.tenant_id = :tenant) s) o
CROSS JOIN LATERAL generate_series(1, CASE WHEN o.id % 5 = 0 THEN 2 ELSE 1 END) k
"""


def build(app, n: int):
    from sqlalchemy import text

    from models import ChannelAccount, Tenant, User
    from portal.extensions import db

    with db.engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    db.create_all()
    tenant = Tenant(name="벤치상회", ceo_name="대표", business_no="1248100998", email="b@example.com",
                    mobile="010-0000-0000", status="approved")
    db.session.add(tenant)
    db.session.commit()
    user = User(login_id="benchmaster", name="벤치", tenant=tenant, is_master=True, access_approved=True,
                email="m@example.com", mobile="010-0000-0000")
    user.set_password(PASSWORD)
    db.session.add(user)
    account = ChannelAccount(tenant_id=tenant.id, channel="sandbox", alias="본점", status="active")
    second = ChannelAccount(tenant_id=tenant.id, channel="sandbox", alias="2호점", status="active")
    third = ChannelAccount(tenant_id=tenant.id, channel="sandbox", alias="3호점", status="active")
    db.session.add_all([account, second, third])
    db.session.commit()
    started = time.perf_counter()
    params = {"tenant": tenant.id, "account": account.id, "second": second.id, "third": third.id, "n": n}
    db.session.execute(text(ORDERS_SQL), params)
    db.session.execute(text(LINES_SQL), params)
    db.session.commit()
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE channel_order"))
        conn.execute(text("VACUUM ANALYZE channel_order_line"))
        conn.execute(text("VACUUM ANALYZE order_line_tally"))
    print(f"generated {n:,} orders in {time.perf_counter() - started:.1f}s")


def timed(client, url: str, repeat: int = 5) -> tuple[float, int, str]:
    times, body = time_page(client, url, repeat)
    return statistics.median(times), body.count("<tr data-order"), body


# Write cost, each in a transaction rolled back: the same statements bare, with the trigram indexes, and
# with the tally triggers too (as installed).
TRIGRAM_INDEXES = ("ix_order_line_product_trgm", "ix_order_line_seller_code_trgm")
COPY_LINES = """
        INSERT INTO channel_order_line (tenant_id, order_id, account_id, channel, channel_order_id, channel_line_id,
            ordered_at, product_name, option_name, quantity, unit_price, amount, status, raw_status, seller_code,
            channel_product_id, channel_item_id, ship_unit_id, delay_reason, cancel_reason, courier_code,
            tracking_number, invoice_state, created_at, updated_at)
        SELECT tenant_id, order_id, account_id, channel, channel_order_id, channel_line_id || '-w', ordered_at,
            product_name, option_name, quantity, unit_price, amount, 'NEW', raw_status, seller_code,
            channel_product_id, channel_item_id, ship_unit_id, delay_reason, cancel_reason, '', '', '', now(), now()
        FROM channel_order_line """
WRITES = [
    ("1,000 one-line status updates", "UPDATE channel_order_line SET status = 'CONFIRMED' WHERE id = :id", 1000),
    ("one UPDATE of 100,000 lines",
     "UPDATE channel_order_line SET status = 'CONFIRMED' WHERE id >= :id AND id < :id + 100000", 1),
    ("one INSERT of 5,000 lines", COPY_LINES + "WHERE id >= :id AND id < :id + 5000", 1),
    ("1,000 one-line INSERTs", COPY_LINES + "WHERE id = :id", 1000),
]


def write_costs(db) -> None:
    from sqlalchemy import text

    first = db.session.scalar(text("SELECT min(id) FROM channel_order_line"))
    db.session.remove()
    print(f"\n{'write (rolled back), best of 2':40} {'bare ms':>10} {'+trigram':>10} {'+tally':>10}")
    for label, sql, times in WRITES:
        best: dict[str, float] = {}
        # Both orders, so caches even out; each run writes lines of its own, not the dead versions of the last.
        for run, variant in enumerate(("bare", "trigram", "tally", "tally", "trigram", "bare")):
            base = first + run * 100_000
            with db.engine.connect() as conn:
                trans = conn.begin()
                if variant != "tally":
                    conn.execute(text("ALTER TABLE channel_order_line DISABLE TRIGGER USER"))
                if variant == "bare":
                    for name in TRIGRAM_INDEXES:
                        conn.execute(text(f"DROP INDEX {name}"))
                started = time.perf_counter()
                for i in range(times):
                    conn.execute(text(sql), {"id": base + i * 97})
                elapsed = (time.perf_counter() - started) * 1000
                best[variant] = min(best.get(variant, elapsed), elapsed)
                trans.rollback()
        print(f"{label:40} {best['bare']:10.1f} {best['trigram']:10.1f} {best['tally']:10.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--reuse", action="store_true", help="keep the generated orders of an earlier run")
    parser.add_argument("--writes", action="store_true", help="also time line writes with and without the tally")
    args = parser.parse_args()

    from sqlalchemy import func, select

    from blueprints.orders.services import today_kst, utc_bounds
    from models import ChannelAccount, ChannelOrderLine
    from portal.extensions import db

    app = bench_app(args.database_url)
    with app.app_context():
        if not args.reuse:
            build(app, args.orders)
        lines = db.session.scalar(select(func.count()).select_from(ChannelOrderLine))
        print(f"{lines:,} order lines")
        today = today_kst()

        def oldest(days: int) -> int:  # the first line of a period: its deep pages start just above it
            since = utc_bounds(today - timedelta(days=days - 1), today)[0]
            return db.session.scalar(select(func.min(ChannelOrderLine.id)).where(ChannelOrderLine.ordered_at >= since))

        oldest_30, oldest_365 = oldest(30), oldest(365)
        sample = db.session.scalar(select(ChannelOrderLine.channel_order_id).where(
            ChannelOrderLine.id == oldest_30 + 5000))
        second, third = (db.session.scalar(select(ChannelAccount.id).where(ChannelAccount.alias == alias))
                         for alias in ("2호점", "3호점"))
        db.session.remove()
    client = app.test_client()
    client.post("/login", data={"login_id": "benchmaster", "password": PASSWORD})
    year = f"from={today - timedelta(days=364)}&to={today}"
    cases = [
        ("주문확인/처리 first page (7 days)", "/orders/process"),
        ("주문확인/처리 stage 신규주문", "/orders/process?stage=NEW"),
        ("주문확인/처리 stage 취소요청", "/orders/process?stage=CANCEL_REQUESTED"),
        ("주문확인/처리 365 days, first page", "/orders/process?days=365"),
        ("주문확인/처리 365 days, deep page", f"/orders/process?days=365&after={oldest_365 + 60}"),
        ("주문확인/처리 365 days, stage 송장등록", "/orders/process?days=365&stage=INVOICED"),
        ("주문확인/처리 365 days, stage 교환완료 (rare)", "/orders/process?days=365&stage=EXCHANGED"),
        ("주문확인/처리 365 days, 교환완료 deep page", f"/orders/process?days=365&stage=EXCHANGED&after={oldest_365 + 200000}"),
        ("주문확인/처리 365 days, courier 한진택배", "/orders/process?days=365&courier=HANJIN"),
        ("주문확인/처리 365 days, courier without lines", "/orders/process?days=365&courier=KGB"),
        ("주문확인/처리 365 days, stage 송장전송완료", "/orders/process?days=365&stage=SENT"),
        ("주문확인/처리 365 days, stage 전송실패", "/orders/process?days=365&stage=SEND_FAILED"),
        ("주문확인/처리 365 days, account 2호점, deep", f"/orders/process?days=365&account={second}&after={oldest_365 + 6000}"),
        ("주문확인/처리 365 days, account 3호점 (sparse)", f"/orders/process?days=365&account={third}"),
        ("주문확인/처리 365 days, account 3호점, deep", f"/orders/process?days=365&account={third}&after={oldest_365 + 60000}"),
        ("주문확인/처리 365 days, courier 우체국 (sparse)", "/orders/process?days=365&courier=EPOST"),
        ("주문확인/처리 from/to 365 days, 한진 deep", f"/orders/process?{year}&courier=HANJIN&after={oldest_365 + 600}"),
        ("주문상태별조회 first page (30 days)", "/orders/status"),
        ("주문상태별조회 deep page (30 days, oldest ids)", f"/orders/status?after={oldest_30 + 60}"),
        ("주문상태별조회 order number search", f"/orders/status?field=order_no&q={sample}"),
        ("주문상태별조회 product search (contains)", "/orders/status?field=product&q=상품 42"),
        ("주문상태별조회 365 days, first page", "/orders/status?days=365"),
        ("주문상태별조회 365 days, deep page", f"/orders/status?days=365&after={oldest_365 + 60}"),
        ("주문상태별조회 365 days, stage 반품완료 deep", f"/orders/status?days=365&stage=RETURNED&after={oldest_365 + 3000}"),
        ("주문상태별조회 365 days, order number search", f"/orders/status?days=365&field=order_no&q={sample}"),
        ("주문상태별조회 365 days, product search (contains)", "/orders/status?days=365&field=product&q=상품 42"),
        ("주문상태별조회 365 days, product search, deep",
         f"/orders/status?days=365&field=product&q=상품 427&after={oldest_365 + 60000}"),
        ("주문상태별조회 365 days, seller code search", "/orders/status?days=365&field=seller_code&q=SC-42"),
        ("주문상태별조회 365 days, recipient search", "/orders/status?days=365&field=recipient&q=김민준"),
        ("판매완료내역 first page (30 days)", "/orders/completed"),
        ("판매완료내역 deep page", f"/orders/completed?after={oldest_30 + 60}"),
        ("판매완료내역 365 days, first page", "/orders/completed?days=365"),
        ("판매완료내역 365 days, deep page", f"/orders/completed?days=365&after={oldest_365 + 60}"),
    ]
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"\n{'page':52} {'median ms':>10} {'rows':>6} {'total':>10}")
    for label, url in cases:
        ms, rows, body = timed(client, url)
        total = re.search(r'data-count="total">(\d+)<', body) or re.search(r"전체 <strong>(\d+)</strong>", body)
        print(f"{label:52} {ms:10.1f} {rows:6} {int(total.group(1)) if total else -1:10,}")
    if args.writes:
        with app.app_context():
            write_costs(db)
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

if __name__ == "__main__":
    main()
