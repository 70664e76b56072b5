"""Bench: the soak. Sellers × accounts collected on a cycle, orders trickling in at the sandbox, stock syncing, RQ
workers SIGKILLed at random and restarted; at the end 0 orders lost or duplicated, no job stuck, memory flat.

    createdb -h 127.0.0.1 -U postgres soak_bench
    .venv/bin/python bench/soak.py [--duration 1800] [--sellers 100] [--accounts 5] [--cycle 900] [--workers 2]
                                   [--orders-per-second 1] [--kill-every 60] [--stock-every 10]
                                   [--database-url URL] [--redis-url URL] [--port 21820]

The defaults are 1/100 of a support center (100 sellers × 5 accounts collected every 15 minutes) for 30
minutes. --cycle shortens the 15 minutes: this process plays the scheduler (`flask portal scheduler`'s loop:
fire_due() and fail_abandoned_runs() every 20 s) on a clock that runs 900/--cycle times faster, so every
schedule (자동수집, 문의, 재고 재확인, the daily 공지) fires that much more often.

The sandbox marketplace runs in this process with a generic shop per account, allowing the portal's budget
(5 calls/s, burst 10); a thread adds --orders-per-second orders to random shops. The first account of up
to ten sellers sells one product linked through the real 연동 job; every --stock-every seconds one of
them changes stock and a 재고연동 job is enqueued, as a stock change does. Every --kill-every seconds on
average a random worker is SIGKILLed and a new one started.

At the end the trickle and the kills stop, the locks of killed runs are left to run out, one last tick
fires every schedule and the queue drains; then: every order line at the sandbox is in the portal exactly
once (per account), no job run is 대기/진행중, RQ's started registry is empty, every linked product's channel
stock equals its sellable quantity, and the workers' resident memory over time (first and last fifth).
Redis: a key prefix of this run on its own db number (default db 14), deleted at the end, never a flush.
The load average is printed at the start and the end.
"""
import argparse
import os
import random
import signal
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.collection_cycle import BURST, RATE, start_sandbox  # noqa: E402
from bench.pages import load_average  # noqa: E402
from bench.procs import (  # noqa: E402
    delete_keys, portal_env, rss_mb, scratch_settings, start_worker, stop, wait_until,
)
from bench.soak_checks import memory_report, verify  # noqa: E402

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/soak_bench"
DEFAULT_REDIS = "redis://127.0.0.1:6379/14"
REAL_CYCLE = 900.0                      # the 15-minute 자동수집
TICK = 20.0                             # the scheduler's own tick
STOCK_SELLERS = 10


def seed(store, sellers: int, accounts: int) -> list[dict]:
    shops = []
    with store.tx():
        for n in range(sellers * accounts):
            key = f"soak-sandbox-key-{n}"
            shop = store.add_shop("generic", "sandbox", f"소크 상점 {n}", {"key": key}, rate=RATE, burst=BURST)
            if n % accounts == 0 and n // accounts < STOCK_SELLERS:
                store.add_category(shop, "1010", "여성의류", leaf=True)
            shops.append({"shop": shop, "creds": {"api_key": key}, "seller": n // accounts})
    return shops


def build(app, shops: list[dict], accounts: int) -> list[int]:
    """Sellers, accounts and, for the first STOCK_SELLERS sellers, one product linked by the 연동 job."""
    from sqlalchemy import text

    from blueprints.account.channel_services import adapter_class, save_account
    from blueprints.products.services.catalog import assign_code
    from jobs.listings import link_listings
    from models import ChannelCategory, JobRun, Listing, Product, Tenant
    from portal.extensions import db
    from portal.queues import Progress

    with db.engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    db.create_all()
    tenant, products = None, []
    for n, shop in enumerate(shops):
        if n % accounts == 0:
            seller = n // accounts + 1
            tenant = Tenant(name=f"소크상회{seller}", ceo_name="대표", business_no=f"1249{seller:05d}8",
                            email=f"s{seller}@example.com", mobile="010-0000-0000", status="approved")
            db.session.add(tenant)
            db.session.commit()
        account = save_account(tenant, adapter_class("sandbox"),
                               {"alias": f"계정{n}", "endpoint": "sandbox", **shop["creds"]})
        shop["account"], shop["tenant"] = account.id, tenant.id
        if n % accounts == 0 and shop["seller"] < STOCK_SELLERS:
            db.session.add(ChannelCategory(tenant_id=tenant.id, account_id=account.id, category_id="1010",
                                           name="여성의류", path="패션의류 > 여성의류", is_leaf=True))
            product = Product(tenant_id=tenant.id, name=f"소크 원피스 {n}", rep_price=10000, stock=50)
            db.session.add(product)
            db.session.flush()
            assign_code(product)
            listing = Listing(tenant_id=tenant.id, product_id=product.id, account_id=account.id, channel="sandbox",
                              sale_price=15000, market_price=20000, category_id="1010",
                              category_path="패션의류 > 여성의류")
            db.session.add(listing)
            db.session.commit()
            run = JobRun(kind="상품연동처리", func="jobs.listings.link_listings", tenant_id=tenant.id, status="running")
            db.session.add(run)
            db.session.commit()
            link_listings(Progress(run), tenant_id=tenant.id, listing_ids=[listing.id])
            run.status = "done"
            db.session.commit()
            products.append(product.id)
    db.session.commit()
    return products


class Soak:
    def __init__(self, args, app, env, store, shops, products):
        self.args, self.app, self.env, self.store, self.shops, self.products = args, app, env, store, shops, products
        self.workers: list = []
        self.stop_event = threading.Event()
        self.kills, self.orders, self.stock_changes, self.ticks = 0, 0, 0, 0
        self.last_kill = 0.0
        self.rss: list[tuple[float, dict]] = []
        self.lock = threading.Lock()

    # ---- threads
    def trickle(self) -> None:
        rng = random.Random(1)
        every = 1.0 / self.args.orders_per_second
        while not self.stop_event.wait(rng.expovariate(1.0 / every)):
            shop = rng.choice(self.shops)
            self.store.add_order(shop["shop"], [{"product_name": f"소크 상품 {rng.randrange(50)}", "qty": 1,
                                                 "unit_price": 10000}])
            self.orders += 1

    def killer(self) -> None:
        rng = random.Random(2)
        while not self.stop_event.wait(rng.expovariate(1.0 / self.args.kill_every)):
            with self.lock:
                victim = rng.randrange(len(self.workers))
                stop(self.workers[victim], signal.SIGKILL)
                self.workers[victim] = start_worker(self.env)
                self.kills += 1
                self.last_kill = time.monotonic()

    def stock(self) -> None:
        from blueprints.sales.services.stock import bump_versions
        from jobs.stock_sync import start_sync
        from models import Product
        from portal.extensions import db

        rng = random.Random(3)
        while self.products and not self.stop_event.wait(self.args.stock_every):
            with self.app.app_context():
                product = db.session.get(Product, rng.choice(self.products))
                product.stock = rng.randrange(0, 100)
                db.session.commit()
                ids = bump_versions(product.tenant_id, product.id)
                if ids:
                    start_sync(product.tenant_id, product_id=product.id, listing_ids=ids)
                self.stock_changes += 1
                db.session.remove()

    def sample_memory(self) -> None:
        while not self.stop_event.wait(10.0):
            self.take_sample()

    def take_sample(self) -> None:
        with self.lock:
            pids = [w.pid for w in self.workers if w.poll() is None]
        self.rss.append((time.monotonic(), {pid: rss_mb([pid]) for pid in pids}))

    # ---- the scheduler on a fast clock
    def tick(self, virtual: float) -> None:
        from portal.queues import redis_connection
        from portal.workers import fail_abandoned_runs
        from portal.scheduling import fire_due

        conn = redis_connection(self.app)
        fire_due(self.app, conn, now=virtual)
        with self.app.app_context():
            fail_abandoned_runs(self.app, conn)
        self.ticks += 1

    def run(self) -> None:
        args = self.args
        self.workers = [start_worker(self.env) for _ in range(args.workers)]
        threads = [threading.Thread(target=t, daemon=True)
                   for t in (self.trickle, self.killer, self.stock, self.sample_memory)]
        started = time.monotonic()
        speed = REAL_CYCLE / args.cycle
        epoch = time.time()
        for t in threads:
            t.start()
        while (elapsed := time.monotonic() - started) < args.duration:
            self.tick(epoch + elapsed * speed)
            time.sleep(min(TICK, max(0.0, args.duration - (time.monotonic() - started))))
        self.stop_event.set()
        for t in threads:
            t.join(timeout=30)
        # Wind down: killed runs are marked 실패 once their worker's heartbeat runs out, their collection locks
        # then or at the end of the lease; one last tick then fires every schedule, and the queue drains.
        self.drain(600)
        lease_end = self.last_kill + 130 if self.kills else 0
        while time.monotonic() < lease_end:
            self.tick(epoch + (time.monotonic() - started) * speed)
            time.sleep(TICK)
        self.tick(epoch + (time.monotonic() - started) * speed + 10 * 86400)
        self.drained = self.drain(900)
        self.take_sample()
        self.wall = time.monotonic() - started

    def drain(self, timeout: float) -> bool:
        from models import JobRun
        from portal.extensions import db

        def idle():
            with self.app.app_context():
                from portal.queues import redis_connection
                from portal.workers import fail_abandoned_runs

                fail_abandoned_runs(self.app, redis_connection(self.app))
                waiting = db.session.query(JobRun).filter(JobRun.status.in_(("queued", "running"))).count()
                db.session.remove()
                return waiting == 0
        return wait_until(idle, timeout, every=2.0)

    def close(self) -> None:
        for w in self.workers:
            stop(w)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=1800.0, help="seconds of trickle and kills")
    parser.add_argument("--sellers", type=int, default=100)
    parser.add_argument("--accounts", type=int, default=5, help="channel accounts per seller")
    parser.add_argument("--cycle", type=float, default=REAL_CYCLE, help="seconds per 15-minute collection cycle")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--orders-per-second", type=float, default=1.0)
    parser.add_argument("--kill-every", type=float, default=60.0, help="mean seconds between SIGKILLs")
    parser.add_argument("--stock-every", type=float, default=10.0)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--redis-url", default=DEFAULT_REDIS)
    parser.add_argument("--port", type=int, default=21820)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="soak-")
    market, server = start_sandbox(workdir, args.port)
    store = market.extensions["sandbox_store"]
    settings = scratch_settings("soak", workdir, args.port, args.database_url, args.redis_url, RATE, BURST)
    prefix = settings["queue_prefix"]
    env = portal_env(**settings)
    os.environ.update(env)

    from portal import create_app
    from portal.extensions import db
    from portal.queues import redis_connection

    app = create_app()
    began = time.perf_counter()
    shops = seed(store, args.sellers, args.accounts)
    with app.app_context():
        products = build(app, shops, args.accounts)
    print(f"{args.sellers} sellers × {args.accounts} accounts, {len(products)} linked products, set up in "
          f"{time.perf_counter() - began:.1f}s; {args.duration:.0f}s soak, a 15-minute cycle every {args.cycle:g}s, "
          f"{args.workers} workers, a SIGKILL every ~{args.kill_every:g}s, {args.orders_per_second:g} orders/s")
    print(f"load average at the start: {load_average()}", flush=True)
    soak = Soak(args, app, env, store, shops, products)
    try:
        soak.run()
        with app.app_context():
            report = verify(soak)
            db.session.remove()
    finally:
        soak.close()
        with app.app_context():
            removed = delete_keys(redis_connection(app), prefix)
        server.shutdown()
    print(f"ran {soak.wall:.0f}s: {soak.ticks} scheduler ticks, {soak.orders:,} orders trickled in, {soak.kills} workers "
          f"SIGKILLed and restarted; queue drained: {'yes' if soak.drained else 'NO'}")
    for line in report:
        print(line)
    print(memory_report(soak.rss))
    print(f"load average at the end: {load_average()}; {removed} Redis keys of this run deleted")


if __name__ == "__main__":
    main()
