"""Bench: 주문서 가져오기 from every real channel at once, N accounts each, against the sandbox.

    .venv/bin/python bench/collection_channels.py [--accounts 3] [--orders 40] [--rate 5]
                                                  [--database-url URL]

The sandbox runs in this process on a scratch SQLite file with one shop per account, each speaking
its channel's protocol (스마트스토어, 쿠팡, 11번가, ESM for G마켓 and 옥션, Qoo10 QAPI, 라쿠텐 RMS,
Amazon SP-API: seven protocols, eight adapters). Every account's collection is the real job
(adapter, ChannelHttp, the insert-or-ignore store) and all of them start together, one thread each,
as the scheduler's workers would run them. Orders lie in the last 20 hours, so every channel needs
one search window.

Rate limits: a sandbox shop answers --rate calls a second (burst twice that) and the portal's budget
per account is the same, which is what the portal runs with for channels that publish no number
(쿠팡, 11번가, 스마트스토어 "유동적", Qoo10, 라쿠텐). The documented ones apply on top: ESM's
"주문조회는 5초당 1회" (the client spaces one seller's list calls 5 s apart) and Amazon getOrders'
0.0167/s, burst 20 (a run stays inside the burst). Printed per channel: accounts, lines stored, the
slowest account's time, calls, calls a second and 429 answers; then the total.
"""
import argparse
import functools
import logging
import os
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from datetime import timedelta

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import requests  # noqa: E402

CHANNELS = ("naver", "coupang", "11st", "gmarket", "auction", "qoo10jp", "rakuten", "amazonjp")
# The published limits the printout names (PROTOCOL.md of each adapter).
DOCUMENTED = {"gmarket": "주문조회 1 call / 5 s per seller", "auction": "주문조회 1 call / 5 s per seller",
              "amazonjp": "getOrders 0.0167/s, burst 20"}
LINES_PER_ORDER = 2
# The field each sandbox protocol finds its shop by: a second account of a channel differs in it.
IDENTITY = {"naver": "client_id", "coupang": "access_key", "11st": "openapikey",
            "gmarket": "master_id", "auction": "master_id", "qoo10jp": "api_key",
            "rakuten": "service_secret", "amazonjp": "lwa_client_id"}


def numbered(value: str, n: int) -> str:
    """The same key with its tail replaced by n (same length: some keys have a fixed length)."""
    tail = str(n)
    return value if n == 0 else value[:-len(tail)] + tail


def account_keys(code: str, n: int) -> tuple[str, dict, dict]:
    """(sandbox protocol, sandbox shop keys, portal credentials) of a channel's n-th account."""
    from sandbox.seed import DEMO_CREDENTIALS

    creds = dict(DEMO_CREDENTIALS[code])
    creds[IDENTITY[code]] = numbered(creds[IDENTITY[code]], n)
    if code == "qoo10jp":
        creds["login_id"] = numbered(creds["login_id"], n)
        return "qoo10", {"key": creds["api_key"], "user_id": creds["login_id"],
                         "pwd": creds["password"]}, creds
    return ("esm" if code in ("gmarket", "auction") else code), dict(creds), creds


class Meter:
    """Calls, their time and answers per channel: each collection thread names its channel."""

    def __init__(self):
        self.local, self.lock = threading.local(), threading.Lock()
        self.calls, self.statuses = Counter(), defaultdict(Counter)

    def wrap(self, send):
        @functools.wraps(send)
        def counted(session, method, url, **kwargs):
            resp = send(session, method, url, **kwargs)
            code = getattr(self.local, "channel", "?")
            with self.lock:
                self.calls[code] += 1
                self.statuses[code][resp.status_code] += 1
            return resp
        return counted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=3, help="accounts per channel")
    parser.add_argument("--orders", type=int, default=40, help="orders per account")
    parser.add_argument("--rate", type=float, default=5.0, help="calls a second per account")
    parser.add_argument("--database-url")
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="collection-channels-bench-")

    from werkzeug.serving import make_server

    import sandbox

    market = sandbox.create_app({"SANDBOX_DATABASE": os.path.join(workdir, "sandbox.sqlite")})
    store = market.extensions["sandbox_store"]
    now = store.now()
    accounts = []            # (channel, n, portal credentials)
    with store.tx():
        for code in CHANNELS:
            for n in range(args.accounts):
                protocol, keys, creds = account_keys(code, n)
                shop = store.add_shop(protocol, code, f"벤치 {code} {n}", keys, rate=args.rate,
                                      burst=2 * args.rate)
                for i in range(args.orders):
                    store.add_order(shop, [
                        {"product_name": f"벤치 상품 {i % 20}", "qty": 1, "unit_price": 10000},
                        {"product_name": "벤치 사은품", "qty": 1, "unit_price": 0}],
                        created_at=now - 600 - (i * 72000 / max(args.orders, 1)))
                accounts.append((code, n, creds))
    lines = len(accounts) * args.orders * LINES_PER_ORDER
    print(f"sandbox: {len(CHANNELS)} channels × {args.accounts} accounts × {args.orders} orders = "
          f"{lines:,} lines over the last 20 hours")
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = make_server("127.0.0.1", 0, market, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()

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
    budget = channel_http.DEFAULT_BUDGET
    budget.rate, budget.burst = args.rate, 2 * args.rate

    url = args.database_url or f"sqlite:///{os.path.join(workdir, 'portal.sqlite')}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "JOB_FILES_DIR": workdir,
                      "JOBS_MODE": "inline",
                      "SANDBOX_URL": f"http://127.0.0.1:{server.server_port}"})
    with app.app_context():
        db.create_all()
        tenant = bench_seller(db)
        saved = [(code, save_account(tenant, adapter_class(code), {
            "alias": f"벤치 {code} {n}", "endpoint": "sandbox", **creds}).id)
            for code, n, creds in accounts]
        tenant_id = tenant.id
    since = (utcnow() - timedelta(days=1)).isoformat()
    until = (utcnow() + timedelta(minutes=5)).isoformat()
    took, failed = defaultdict(float), []

    def collect(code, account_id):
        meter.local.channel = code
        with app.app_context():
            run = JobRun(kind="주문서 수집", func="jobs.orders.collect_orders", queue="channel",
                         tenant_id=tenant_id, status="running")
            db.session.add(run)
            db.session.commit()
            began = time.perf_counter()
            try:
                collect_orders(Progress(run), tenant_id=tenant_id, account_id=account_id,
                               since=since, until=until, items=["new"])
            except Exception as exc:  # noqa: BLE001  (the bench reports it and goes on)
                failed.append((code, [f"{type(exc).__name__}: {exc}"[:300]]))
                db.session.rollback()
            elapsed = time.perf_counter() - began
            db.session.refresh(run)
            bad = [ln.text for ln in run.lines if ln.level in ("fail", "error")]
            if bad:
                failed.append((code, bad[:2]))
            took[code] = max(took[code], elapsed)
            db.session.remove()

    threads = [threading.Thread(target=collect, args=pair) for pair in saved]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    total = time.perf_counter() - started

    with app.app_context():
        stored = Counter()
        ids = defaultdict(list)
        for code, account_id in saved:
            ids[code].append(account_id)
        for code, account_ids in ids.items():
            stored[code] = db.session.query(ChannelOrderLine).filter(
                ChannelOrderLine.account_id.in_(account_ids)).count()
    expected = args.accounts * args.orders * LINES_PER_ORDER
    print(f"{'channel':<10} {'accounts':>8} {'lines':>8} {'slowest':>8} {'calls':>6} "
          f"{'calls/s':>8} {'429':>4}  documented limit")
    for code in CHANNELS:
        slow = took[code] or 1e-9
        calls = meter.calls[code]
        per_second = calls / slow / args.accounts
        print(f"{code:<10} {args.accounts:>8} {stored[code]:>8,} {took[code]:>7.1f}s {calls:>6} "
              f"{per_second:>8.2f} {meter.statuses[code].get(429, 0):>4}  "
              f"{DOCUMENTED.get(code, f'none published; portal {args.rate:g}/s per account')}"
              + ("" if stored[code] == expected else f"  (expected {expected:,})"))
    print(f"total: {sum(stored.values()):,} of {lines:,} lines, {len(saved)} accounts in "
          f"{total:.1f}s → {sum(stored.values()) / total:,.0f} lines/s, "
          f"{sum(meter.calls.values())} calls ({sum(meter.calls.values()) / total:.1f}/s); "
          f"load average {os.getloadavg()[0]:.2f}")
    print("    calls/s is per account: the channel's calls ÷ its slowest account's time ÷ accounts")
    for code, bad in failed:
        print(f"    {code}: {' / '.join(bad)}")
    server.shutdown()


if __name__ == "__main__":
    main()
