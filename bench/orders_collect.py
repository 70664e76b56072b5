"""Bench: 주문서 가져오기 of N order lines from the sandbox over HTTP, against the channel's rate limit.

    .venv/bin/python bench/orders_collect.py [--lines 20000] [--rate 5] [--database-url URL] [--profile]
                                             [--channel sandbox|gmarket|auction|qoo10jp|rakuten|amazonjp|...]

The sandbox runs in this process on a scratch SQLite file; the portal collects through the real job
(adapter, ChannelHttp, insert-or-ignore store). The sandbox shop allows --rate calls a second (burst
twice that) and the portal's call budget is set to the same, as it would be for a real channel, so
the collection never draws a 429. Printed per run: lines/s, calls made, the rate limit's ceiling
(calls/s × lines a page) and where the time went: waiting for the rate limit, in HTTP (the sandbox
answering) and in our code (everything else: mapping, storing, the job). A last run on a second
account with no rate limit shows what our code and the sandbox manage alone.

--channel picks the protocol the sandbox shop speaks (default: the generic one). G마켓/옥션 speak the
ESM Trading API, whose order list allows one call per 5 seconds and 100 rows (lines) a page; Qoo10's
GetShippingInfo_v2 answers a window's lines in one call per status. Their ceiling line is the generic
protocol's and does not apply to them. rakuten = RMS searchOrder/getOrder, amazonjp = SP-API getOrders
plus one getOrderItems per order, through Amazon's SDK.
"""
import argparse
import cProfile
import functools
import io
import logging
import os
import pstats
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import timedelta

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import requests  # noqa: E402

# Orders one call brings, per protocol: the generic page; RMS getOrder's 100 numbers (searchOrder
# pages of 1,000 add one call in ten); Amazon needs getOrderItems for every order.
ORDERS_PER_CALL = {"rakuten": 100, "amazonjp": 1}
ORDERS_PER_PAGE = 100          # the generic protocol's page size
LINES_PER_ORDER = 2


class Meter:
    """HTTP calls and their time, and the time slept for the rate limit, since the last reset."""

    def __init__(self):
        self.reset()

    def reset(self):
        self.calls, self.http, self.waits, self.statuses = 0, 0.0, 0.0, Counter()

    def sleep(self, seconds):
        self.waits += seconds
        time.sleep(seconds)

    def wrap(self, send):
        @functools.wraps(send)
        def timed(session, method, url, **kwargs):
            started = time.perf_counter()
            try:
                resp = send(session, method, url, **kwargs)
            finally:
                self.http += time.perf_counter() - started
                self.calls += 1
            self.statuses[resp.status_code] += 1
            return resp
        return timed


def bench_shop(store, code: str, rate: float):
    """A sandbox shop speaking `code`'s protocol with its demo keys; (shop id, portal credentials)."""
    from sandbox.seed import DEMO_CREDENTIALS, generic_key

    creds = dict(DEMO_CREDENTIALS[code])
    if code in ("gmarket", "auction"):
        protocol, keys = "esm", creds
    elif code == "qoo10jp":
        protocol, keys = "qoo10", {"key": creds["api_key"], "user_id": creds["login_id"],
                                   "pwd": creds["password"]}
    elif code in ("naver", "coupang", "11st", "rakuten", "amazonjp"):
        protocol, keys = code, creds
    else:
        protocol, keys = "generic", {"key": generic_key(code)}
    return store.add_shop(protocol, code, "벤치 상점", keys, rate=rate, burst=2 * rate), creds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=20_000)
    parser.add_argument("--rate", type=float, default=5.0, help="sandbox calls per second")
    parser.add_argument("--database-url")
    parser.add_argument("--channel", default="sandbox",
                        help="channel code whose protocol the sandbox shop speaks")
    parser.add_argument("--profile", action="store_true",
                        help="profile the run without a rate limit; print our top functions")
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="orders-collect-bench-")

    from werkzeug.serving import make_server

    import sandbox

    market = sandbox.create_app({"SANDBOX_DATABASE": os.path.join(workdir, "sandbox.sqlite")})
    store = market.extensions["sandbox_store"]
    shop_id, creds = bench_shop(store, args.channel, args.rate)
    started = time.perf_counter()
    orders = args.lines // LINES_PER_ORDER
    now = store.now()
    with store.tx():          # one transaction for the whole seed
        for i in range(orders):
            store.add_order(shop_id, [{"product_name": f"벤치 상품 {i % 50}", "qty": 1,
                                       "unit_price": 10000},
                                      {"product_name": "벤치 사은품", "qty": 1, "unit_price": 0}],
                            created_at=now - (i % 1440) * 3600 - 300)
    print(f"sandbox ({args.channel}): {orders:,} orders / {orders * LINES_PER_ORDER:,} lines over 60 days, "
          f"created in {time.perf_counter() - started:.1f}s")
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = make_server("127.0.0.1", 0, market, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    import jobs.orders_common
    from blueprints.account.channel_services import adapter_class, save_account
    from jobs.orders import collect_orders
    from bench.seller import bench_seller
    from models import ChannelOrderLine, JobRun
    from models.base import utcnow
    from portal import channel_http, create_app
    from portal.extensions import db
    from portal.queues import Progress

    meter = Meter()
    requests.Session.request = meter.wrap(requests.Session.request)
    # ESM spaces one seller's order-list calls 5 s apart (its documented limit): that wait is the
    # channel's, so it counts as waiting for the rate limit, not as our code.
    from marketplaces.esm import client as esm_client

    pace = esm_client.EsmClient.pace_order_list

    def paced(self):
        began = time.perf_counter()
        pace(self)
        meter.waits += time.perf_counter() - began

    esm_client.EsmClient.pace_order_list = paced
    jobs.orders_common.ChannelHttp = functools.partial(channel_http.ChannelHttp, sleep=meter.sleep)
    budget = channel_http.DEFAULT_BUDGET
    budget.rate, budget.burst = args.rate, 2 * args.rate      # what the portal would be set to
    per_call = ORDERS_PER_CALL.get(args.channel, ORDERS_PER_PAGE) * LINES_PER_ORDER
    ceiling = args.rate * per_call
    print(f"rate limit: {args.rate:g} calls/s (burst {2 * args.rate:g}) × "
          f"{per_call} lines a call = ceiling {ceiling:,.0f} lines/s")

    url = args.database_url or f"sqlite:///{os.path.join(workdir, 'portal.sqlite')}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "JOB_FILES_DIR": workdir, "JOBS_MODE": "inline",
                      "SANDBOX_URL": f"http://127.0.0.1:{server.server_port}"})
    with app.app_context():
        db.create_all()
        tenant = bench_seller(db)
        limited, free = (save_account(tenant, adapter_class(args.channel),
                                      {"alias": alias, "endpoint": "sandbox", **creds})
                         for alias in ("벤치", "벤치-무제한"))
        since, until = (utcnow() - timedelta(days=61)).isoformat(), (utcnow() + timedelta(minutes=5)).isoformat()

        def collect(label, account, profiler=None):
            run = JobRun(kind="주문서 수집", func="jobs.orders.collect_orders", queue="channel",
                         tenant_id=tenant.id, status="running")
            db.session.add(run)
            db.session.commit()
            meter.reset()
            started = time.perf_counter()
            if profiler:
                profiler.enable()
            collect_orders(Progress(run), tenant_id=tenant.id, account_id=account.id, since=since, until=until,
                           items=["new"])
            if profiler:
                profiler.disable()
            elapsed = time.perf_counter() - started
            stored = db.session.query(ChannelOrderLine).filter_by(account_id=account.id).count()
            ours = elapsed - meter.waits - meter.http
            limited_429 = meter.statuses.get(429, 0)
            print(f"{label}: {stored:,} lines stored, {elapsed:.1f}s → {args.lines / elapsed:,.0f} lines/s; "
                  f"{meter.calls} calls ({limited_429} answered 429)")
            print(f"    time: {meter.waits:.1f}s waiting for the rate limit ({meter.waits / elapsed:.0%}), "
                  f"{meter.http:.1f}s in HTTP ({meter.http / elapsed:.0%}), "
                  f"{ours:.1f}s our code ({ours / elapsed:.0%})")
            return elapsed

        first = collect("first collection", limited)
        floor = max(0.0, meter.calls - budget.burst) / args.rate
        print(f"    at the rate limit {meter.calls} calls cannot take less than {floor:.1f}s "
              f"(calls beyond the burst ÷ rate): the run took {first / floor if floor else 0:.2f}× that, "
              f"{args.lines / first / ceiling:.0%} of the ceiling")
        collect("re-collection", limited)

        # No limit on either side: our code and the sandbox alone.
        store.run("update shops set rate=?, burst=? where id=?", (1e6, 1e6, shop_id))
        market.extensions["sandbox_buckets"].pop(shop_id, None)
        budget.rate = budget.burst = 1e6
        profiler = cProfile.Profile() if args.profile else None
        alone = collect("first collection, no rate limit", free, profiler)
        print(f"    our code and the sandbox alone: {args.lines / alone:,.0f} lines/s = "
              f"{args.lines / alone / ceiling:.1f}× the rate limit's ceiling")
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(
                r"(jobs|blueprints|portal|marketplaces|models)/", 15)
            print(out.getvalue())
        db.session.remove()
        db.engine.dispose()
    server.shutdown()


if __name__ == "__main__":
    main()
