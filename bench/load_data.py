"""bench/load_web.py's data: the orders of bench/orders_lists.py and 수기주문 of bench/statistics_pages.py for a big
seller, more sellers with orders of their own, products × 3 options through COPY, and a login per browser."""
import json
import time
from datetime import datetime, timedelta

from bench.orders_lists import PASSWORD
from bench.pages import bench_app


def copy_products(db, tenant_id: int, count: int, first_id: int) -> None:
    """`count` products × 3 options for a tenant through COPY, every NOT NULL column given its default."""
    from models import Product, ProductOption

    base = datetime(2025, 1, 1)
    names = ["자전거", "원피스", "러닝화", "에센스", "김치", "홍삼", "이어폰", "가습기", "체어", "냄비"]

    def rows():
        for i in range(first_id, first_id + count):
            yield {"id": i, "tenant_id": tenant_id, "code": f"2025{tenant_id:04d}{i:08d}",
                   "own_code": f"K{i % 10_000_000:07d}", "name": f"{names[i % 10]} {i}",
                   "status": "on" if i % 7 else "off", "category_path": "스포츠/레저 > 자전거",
                   "brand": f"브랜드{i % 50}", "rep_price": 1000 + (i * 37) % 90000,
                   "created_at": base + timedelta(minutes=i), "updated_at": base + timedelta(minutes=i),
                   "option_names": ["색상"], "stock": 0}

    def options():
        for i in range(first_id, first_id + count):
            for n in (1, 2, 3):
                yield {"tenant_id": tenant_id, "product_id": i, "no": n, "values": f"색상{n}",
                       "stock": (i + n) % 20}

    raw = db.session.connection().connection.driver_connection
    for table, source in ((Product.__table__, rows()), (ProductOption.__table__, options())):
        _copy(raw, table, source)
    db.session.commit()


def _copy(raw, table, source) -> None:
    """COPY rows (dicts) into a table; columns a row leaves out get the model's default."""
    first = next(source)
    columns = [c for c in table.columns if c.name in first or (not c.nullable and c.default is not None)]
    defaults = {}
    for c in columns:
        if c.name not in first:
            arg = c.default.arg
            defaults[c.name] = arg(None) if callable(arg) else arg
    names = [c.name for c in columns]
    quoted = ", ".join(f'"{n}"' for n in names)
    with raw.cursor() as cur, cur.copy(f"COPY {table.name} ({quoted}) FROM STDIN") as copy:
        for row in _chain(first, source):
            values = []
            for name in names:
                value = row[name] if name in row else defaults[name]
                values.append(json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value)
            copy.write_row(values)
    raw.commit()


def _chain(first, rest):
    yield first
    yield from rest


def add_sellers(db, count: int, orders_each: int) -> None:
    """More sellers beside the big one, each with three accounts and orders of its own."""
    from sqlalchemy import text

    from bench.orders_lists import LINES_SQL, ORDERS_SQL
    from models import ChannelAccount, Tenant

    for number in range(2, count + 1):
        tenant = Tenant(name=f"벤치상회{number}", ceo_name="대표", business_no=f"1248{number:05d}8",
                        email=f"b{number}@example.com", mobile="010-0000-0000", status="approved")
        db.session.add(tenant)
        db.session.commit()
        accounts = [ChannelAccount(tenant_id=tenant.id, channel="sandbox", alias=alias, status="active")
                    for alias in ("본점", "2호점", "3호점")]
        db.session.add_all(accounts)
        db.session.commit()
        params = {"tenant": tenant.id, "account": accounts[0].id, "second": accounts[1].id,
                  "third": accounts[2].id, "n": orders_each}
        db.session.execute(text(ORDERS_SQL), params)
        db.session.execute(text(LINES_SQL), params)
        db.session.commit()


MAX_SESSIONS = 64


def add_logins(db, sellers: int) -> None:
    """MAX_SESSIONS master logins per seller (s<seller>u<n>): a new login ends a user's older session, so
    every browser needs a login of its own. One password hash serves them all (hashing is the slow part)."""
    from models import Tenant, User

    probe = User()
    probe.set_password(PASSWORD)
    for seller in range(1, sellers + 1):
        tenant = db.session.query(Tenant).filter_by(name="벤치상회" if seller == 1 else f"벤치상회{seller}").one()
        db.session.add_all([User(login_id=f"s{seller}u{n}", name="벤치", tenant_id=tenant.id, is_master=True,
                                 access_approved=True, email=f"s{seller}u{n}@example.com",
                                 mobile="010-0000-0000", password_hash=probe.password_hash)
                            for n in range(MAX_SESSIONS)])
    db.session.commit()


def build(url: str, orders: int, products: int, sellers: int) -> None:
    from sqlalchemy import text

    from bench.orders_lists import build as build_orders
    from bench.statistics_pages import add_manual
    from models import Tenant
    from portal.extensions import db

    app = bench_app(url)
    with app.app_context():
        started = time.perf_counter()
        build_orders(app, orders)
        add_manual(db, orders // 10)
        add_sellers(db, sellers, max(1, orders // 50))
        add_logins(db, sellers)
        print(f"orders of {sellers} sellers in {time.perf_counter() - started:.1f}s")
        started = time.perf_counter()
        tenant = db.session.query(Tenant).filter_by(name="벤치상회").one()
        copy_products(db, tenant.id, products, 1)
        db.session.execute(text("SELECT setval(pg_get_serial_sequence('product', 'id'), :n)"), {"n": products})
        db.session.commit()
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
        print(f"{products:,} products × 3 options copied and the database vacuumed in "
              f"{time.perf_counter() - started:.1f}s")
        db.session.remove()
        db.engine.dispose()
