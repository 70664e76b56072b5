"""Bench: 주문확인/처리, 주문상태별조회 and 판매완료내역 over 1,000,000 orders on PostgreSQL; first, deep and
filtered pages through the real views (login, filters, counts, template), median of 5 requests each.

    createdb -h 127.0.0.1 -U postgres orders_bench
    .venv/bin/python bench/orders_lists.py [--orders 1000000] [--database-url URL] [--reuse]

The orders are generated inside PostgreSQL (INSERT … SELECT generate_series): one seller, one account,
orders spread over 365 days (about 2,700 a day), one line each plus a second line on every 5th order.
"""
import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/orders_bench"
PASSWORD = "bench-Passw0rd!"

ORDERS_SQL = """
INSERT INTO channel_order (tenant_id, account_id, channel, channel_order_id, ordered_at, buyer_name, buyer_phone,
    recipient_name, recipient_phone, zip_code, address, address_detail, delivery_message, total_amount,
    shipping_fee, created_at, updated_at)
SELECT :tenant, :account, 'sandbox', 'B' || lpad(g::text, 9, '0'),
       now() at time zone 'utc' - ((:n - g) * (365.0 * 86400 / :n)) * interval '1 second',
       '김구매', '010-1234-5678', '김수취', '010-1234-5678', '07583', '서울특별시 강서구 강서로56가길 31',
       (g % 100) || '호', '문 앞', 19900, 3000, now(), now()
FROM generate_series(1, :n) g
"""
# Old orders are done; the last days hold the working stages (신규, 발주확인, 송장, 취소요청, …).
LINES_SQL = """
INSERT INTO channel_order_line (tenant_id, order_id, account_id, channel, channel_order_id, channel_line_id,
    ordered_at, product_name, option_name, quantity, unit_price, amount, status, raw_status, seller_code,
    channel_product_id, channel_item_id, ship_unit_id, delay_reason, cancel_reason, courier_code,
    tracking_number, invoice_state, created_at, updated_at)
SELECT o.tenant_id, o.id, o.account_id, o.channel, o.channel_order_id, o.channel_order_id || '-' || k,
       o.ordered_at, '상품 ' || (o.id % 500), '', 1, 19900, 19900,
       CASE WHEN o.ordered_at > now() at time zone 'utc' - interval '3 days' THEN
                (ARRAY['NEW','NEW','CONFIRMED','CONFIRMED','SHIPPING','CANCEL_REQUESTED'])[1 + o.id % 6]
            WHEN o.id % 50 = 0 THEN 'RETURNED' WHEN o.id % 3 = 0 THEN 'DELIVERED' ELSE 'PURCHASE_DECIDED' END,
       '', 'SC-' || (o.id % 500), '', '', '', '', '', '', '', '', now(), now()
FROM channel_order o CROSS JOIN LATERAL generate_series(1, CASE WHEN o.id % 5 = 0 THEN 2 ELSE 1 END) k
WHERE o.tenant_id = :tenant
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
    db.session.add(account)
    db.session.commit()
    started = time.perf_counter()
    params = {"tenant": tenant.id, "account": account.id, "n": n}
    db.session.execute(text(ORDERS_SQL), params)
    db.session.execute(text(LINES_SQL), params)
    db.session.commit()
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE channel_order"))
        conn.execute(text("VACUUM ANALYZE channel_order_line"))
    print(f"generated {n:,} orders in {time.perf_counter() - started:.1f}s")


def timed(client, url: str, repeat: int = 5) -> tuple[float, int, str]:
    times, body = [], ""
    for _ in range(repeat):
        started = time.perf_counter()
        resp = client.get(url)
        times.append(time.perf_counter() - started)
        assert resp.status_code == 200, (url, resp.status_code)
        body = resp.get_data(as_text=True)
    return statistics.median(times) * 1000, body.count("<tr data-order"), body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--reuse", action="store_true", help="keep the generated orders of an earlier run")
    args = parser.parse_args()

    from sqlalchemy import func, select

    from models import ChannelOrderLine
    from portal import create_app
    from portal.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": args.database_url, "WTF_CSRF_ENABLED": False,
                      "RATELIMIT_ENABLED": False, "JOBS_MODE": "inline", "SECRET_KEY": "bench"})
    with app.app_context():
        if not args.reuse:
            build(app, args.orders)
        lines = db.session.scalar(select(func.count()).select_from(ChannelOrderLine))
        print(f"{lines:,} order lines")
        oldest_30 = db.session.scalar(select(func.min(ChannelOrderLine.id)).where(
            ChannelOrderLine.ordered_at > func.now() - func.make_interval(0, 0, 0, 29)))
        sample = db.session.scalar(select(ChannelOrderLine.channel_order_id).where(
            ChannelOrderLine.id == oldest_30 + 5000))
        db.session.remove()
    client = app.test_client()
    client.post("/login", data={"login_id": "benchmaster", "password": PASSWORD})
    cases = [
        ("주문확인/처리 first page (7 days)", "/orders/process"),
        ("주문확인/처리 stage 신규주문", "/orders/process?stage=NEW"),
        ("주문확인/처리 stage 취소요청", "/orders/process?stage=CANCEL_REQUESTED"),
        ("주문상태별조회 first page (30 days)", "/orders/status"),
        ("주문상태별조회 deep page (30 days, oldest ids)", f"/orders/status?after={oldest_30 + 60}"),
        ("주문상태별조회 order number search", f"/orders/status?field=order_no&q={sample}"),
        ("주문상태별조회 product search (contains)", "/orders/status?field=product&q=상품 42"),
        ("판매완료내역 first page (30 days)", "/orders/completed"),
        ("판매완료내역 deep page", f"/orders/completed?after={oldest_30 + 60}"),
        ("주문상태별조회 365 days, first page", "/orders/status?days=365"),
        ("주문상태별조회 365 days, deep page", "/orders/status?days=365&after=1000"),
    ]
    print(f"\n{'page':48} {'median ms':>10} {'rows':>6}")
    for label, url in cases:
        ms, rows, _ = timed(client, url)
        print(f"{label:48} {ms:10.1f} {rows:6}")


if __name__ == "__main__":
    main()
