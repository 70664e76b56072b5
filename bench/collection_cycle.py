"""Bench: one automatic collection cycle over 100 channel accounts on the sandbox with 1, 2 and 4 RQ workers: the
time for the full cycle, and proof at the sandbox that every account's calls kept to its channel's limit.

    createdb -h 127.0.0.1 -U postgres cycle_bench
    .venv/bin/python bench/collection_cycle.py [--accounts 100] [--esm 20] [--workers 1,2,4] [--orders 20]
                                               [--database-url URL] [--redis-url URL] [--port 21810]

The sandbox marketplace runs in this process (threaded, on --port) with one shop per account: --esm of them
G마켓 shops speaking the ESM Trading API (documented: 주문조회 "5초당 1회", one seller's order lists 5 s
apart), the rest generic sandbox shops. Channels that publish no number get the portal's own conservative
budget (CHANNEL_CALL_RATE 5 calls/s, burst 10, per account), and every sandbox shop enforces that same
token bucket (a 429 is the sandbox refusing a call over it). Each shop holds --orders orders of the last
day. Five accounts belong to each seller.

Per worker count: N `flask portal worker` processes start, the scheduler's own fire_due() enqueues what a
15-minute tick enqueues (자동수집 of orders and claims, 문의 수집, the daily 공지 수집 and the stock
reconciliation: the daily one makes this the heaviest tick of a day), and the cycle ends when every job
run is 완료 or 실패. Then the sandbox's journal of that cycle is checked per account: the most calls in any
one second, a replay of the calls through the channel's token bucket (a call it would refuse is a breach),
the ESM order lists' spacing, and the 429s. The collected orders and sync marks are emptied between cycles,
so each one starts from the same place. Workers' CPU seconds give the cost of one account's collection.

PostgreSQL is the record (a database given by URL is emptied first); Redis keeps queues, locks and budgets
under a key prefix of this run on its own db number (--redis-url, default db 14), deleted at the end —
never a flush. The load average is printed with each cycle: other work on the machine stretches cycles.
"""
import argparse
import logging
import os
import sys
import tempfile
import threading
import time
from collections import defaultdict
from itertools import pairwise

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bench.pages import load_average  # noqa: E402
from bench.procs import (  # noqa: E402
    cpu_seconds, delete_keys, portal_env, scratch_settings, start_worker, stop, wait_until,
)

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/cycle_bench"
DEFAULT_REDIS = "redis://127.0.0.1:6379/14"
RATE, BURST = 5.0, 10.0                 # the portal's CHANNEL_CALL_RATE / CHANNEL_CALL_BURST defaults
ESM_ORDER_LIST = "/shipping/v1/Order/RequestOrders"
ESM_SPACING = 5.0                       # "주문조회는 5초당 1회 호출 가능"
ESM_JITTER = 0.05                       # stamps are taken as answers leave, not as calls arrive
ACCOUNTS_PER_SELLER = 5
TARGET_SECONDS = 300


# ---------------------------------------------------------------- the sandbox
def start_sandbox(workdir: str, port: int):
    from werkzeug.serving import make_server

    import sandbox

    market = sandbox.create_app({"SANDBOX_DATABASE": os.path.join(workdir, "sandbox.sqlite")})
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = make_server("127.0.0.1", port, market, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return market, server


def account_keys(n: int, esm: bool) -> tuple[str, str, dict, dict]:
    """(channel code, protocol, the shop's keys, the portal account's credentials) of account n."""
    if esm:
        creds = {"master_id": f"bench-esm-master-{n}", "secret_key": f"bench-esm-secret-key-{n:04d}-000000000000",
                 "seller_id": f"bench-gmarket-{n}"}
        return "gmarket", "esm", creds, creds
    key = f"bench-sandbox-key-{n}"
    return "sandbox", "generic", {"key": key}, {"api_key": key}


def seed_shops(store, accounts: int, esm: int, orders: int) -> list[dict]:
    """One shop per account with `orders` orders of the last day; [{shop, channel, creds, esm}]."""
    shops, now = [], store.now()
    with store.tx():
        for n in range(accounts):
            channel, protocol, keys, creds = account_keys(n, n < esm)
            shop = store.add_shop(protocol, channel, f"벤치 상점 {n}", keys, rate=RATE, burst=BURST)
            for i in range(orders):
                store.add_order(shop, [{"product_name": f"벤치 상품 {i % 50}", "qty": 1, "unit_price": 10000}],
                                created_at=now - 600 - i * (80_000 / max(1, orders)))
            shops.append({"shop": shop, "channel": channel, "creds": creds, "esm": n < esm})
    return shops


# ---------------------------------------------------------------- the portal
def build(app, shops: list[dict]) -> None:
    from sqlalchemy import text

    from blueprints.account.channel_services import adapter_class, save_account
    from models import Tenant
    from portal.extensions import db

    with db.engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    db.create_all()
    tenant = None
    for n, shop in enumerate(shops):
        if n % ACCOUNTS_PER_SELLER == 0:
            seller = n // ACCOUNTS_PER_SELLER + 1
            tenant = Tenant(name=f"수집상회{seller}", ceo_name="대표", business_no=f"1248{seller:05d}8",
                            email=f"c{seller}@example.com", mobile="010-0000-0000", status="approved")
            db.session.add(tenant)
            db.session.commit()
        account = save_account(tenant, adapter_class(shop["channel"]),
                               {"alias": f"계정{n}", "endpoint": "sandbox", **shop["creds"]})
        shop["account"] = account.id
    db.session.commit()


def reset_cycle(store, market) -> None:
    """Empty what a cycle collected and the sandbox's journal and buckets: the next cycle starts alike."""
    from sqlalchemy import text

    from portal.extensions import db

    db.session.execute(text("TRUNCATE channel_order, channel_sync, job_run RESTART IDENTITY CASCADE"))
    for table in ("inquiry",):
        db.session.execute(text(f"TRUNCATE {table} RESTART IDENTITY CASCADE"))
    db.session.commit()
    store.run("delete from journal")
    market.extensions["sandbox_buckets"].clear()


def run_cycle(app, env: dict, workers: int, timeout: float) -> dict:
    from sqlalchemy import func

    from models import JobLine, JobRun
    from portal.extensions import db
    from portal.queues import redis_connection
    from portal.scheduling import fire_due

    procs = [start_worker(env) for _ in range(workers)]
    try:
        conn = redis_connection(app)
        time.sleep(2.0)                     # let the workers load the app before the clock starts
        cpu_before = cpu_seconds(p.pid for p in procs)
        started, wall = time.time(), time.perf_counter()
        fired = fire_due(app, conn, now=started)

        def finished():
            db.session.remove()
            return not db.session.query(JobRun).filter(JobRun.status.in_(("queued", "running"))).count()

        done = wait_until(finished, timeout)
        elapsed = time.perf_counter() - wall
        cpu = cpu_seconds(p.pid for p in procs) - cpu_before
        kinds = db.session.query(JobRun.status, func.count()).group_by(JobRun.status).all()
        per_func = {}
        for name, status, begun, ended in db.session.query(JobRun.func, JobRun.status, JobRun.started_at,
                                                            JobRun.finished_at):
            entry = per_func.setdefault(name.rsplit(".", 1)[-1], [0, 0.0, 0])
            entry[0] += 1
            entry[1] += (ended - begun).total_seconds() if begun and ended else 0.0
            entry[2] += status == "failed"
        esm = worker_hold(conn, app, [run_id for run_id, in db.session.query(JobRun.id).filter(
            JobRun.func.like("%.auto_collect"), JobRun.kind.like("%G마켓%"))])
        dead = [p.returncode for p in procs if p.poll() is not None]
        reasons = [line.text for line in db.session.query(JobLine).join(JobRun, JobRun.id == JobLine.run_id)
                   .filter(JobRun.status == "failed", JobLine.level.in_(("error", "fail")))
                   .order_by(JobLine.id)]
    finally:
        for p in procs:
            stop(p)
    return {"fired": fired, "elapsed": elapsed, "complete": done, "cpu": cpu, "statuses": dict(kinds),
            "started": started, "dead": dead, "per_func": per_func, "esm": esm,
            "reasons": reasons}


def worker_hold(conn, app, run_ids: list[int]) -> dict:
    """For ESM 자동수집 runs: the seconds a worker really executed them (the sum over their RQ jobs, the first
    and each continuation, of RQ's started→ended), the parts, and the seconds from first start to last end."""
    from rq.job import Job

    from portal.queues import job_id

    held, parts, spans = [], [], []
    for run_id in run_ids:
        ids = [job_id(run_id, app)] + [f"{job_id(run_id, app)}-{n}" for n in range(1, 40)]
        jobs = [j for j in Job.fetch_many(ids, connection=conn) if j is not None and j.started_at and j.ended_at]
        if jobs:
            held.append(sum((j.ended_at - j.started_at).total_seconds() for j in jobs))
            parts.append(len(jobs))
            spans.append((max(j.ended_at for j in jobs) - min(j.started_at for j in jobs)).total_seconds())
    mean = (lambda xs: sum(xs) / len(xs) if xs else 0.0)
    return {"runs": len(held), "held": mean(held), "most_held": max(held, default=0.0), "parts": mean(parts),
            "span": mean(spans)}


# ---------------------------------------------------------------- the check at the sandbox
def check_limits(store, shops: list[dict], since: float) -> dict:
    """Per account: the most calls in one second, token-bucket breaches, ESM order-list spacing, 429s."""
    calls, esm_lists, refused = defaultdict(list), defaultdict(list), defaultdict(int)
    for row in store.q("select at, shop_id, path, status from journal where at >= ? and shop_id is not null "
                       "order by at", (since - 1,)):
        calls[row["shop_id"]].append(row["at"])
        if row["path"].endswith(ESM_ORDER_LIST):
            esm_lists[row["shop_id"]].append(row["at"])
        if row["status"] == 429:
            refused[row["shop_id"]] += 1
    worst_second, breaches, spacing = 0, 0, None
    for shop in shops:
        times = calls.get(shop["shop"], [])
        worst_second = max(worst_second, most_in_window(times, 1.0))
        breaches += bucket_breaches(times, RATE, BURST)
        if shop["esm"]:
            lists = esm_lists.get(shop["shop"], [])
            gaps = [b - a for a, b in pairwise(lists)]
            if gaps:
                spacing = min(gaps) if spacing is None else min(spacing, min(gaps))
    return {"calls": sum(len(t) for t in calls.values()), "worst_second": worst_second, "breaches": breaches,
            "esm_spacing": spacing, "refused": sum(refused.values()),
            "accounts_called": sum(1 for s in shops if calls.get(s["shop"]))}


def most_in_window(times: list[float], window: float) -> int:
    best, first = 0, 0
    for last, at in enumerate(times):
        while at - times[first] >= window:
            first += 1
        best = max(best, last - first + 1)
    return best


def bucket_breaches(times: list[float], rate: float, burst: float, slack: float = 0.5) -> int:
    """Calls a token bucket of `rate`/`burst` would have refused (slack: half a token for clock jitter
    between the worker's budget check and the sandbox's journal stamp)."""
    tokens, last, breaches = burst, None, 0
    for at in times:
        if last is not None:
            tokens = min(burst, tokens + (at - last) * rate)
        last = at
        if tokens < 1 - slack:
            breaches += 1
        else:
            tokens -= 1
    return breaches


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=100)
    parser.add_argument("--esm", type=int, default=20, help="how many of them are G마켓 (ESM) accounts")
    parser.add_argument("--orders", type=int, default=20, help="orders of the last day in each shop")
    parser.add_argument("--workers", default="1,2,4", help="worker counts to time, comma-separated")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds a cycle may take")
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--redis-url", default=DEFAULT_REDIS)
    parser.add_argument("--port", type=int, default=21810)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="collection-cycle-")
    market, server = start_sandbox(workdir, args.port)
    store = market.extensions["sandbox_store"]
    settings = scratch_settings("cycle", workdir, args.port, args.database_url, args.redis_url, RATE, BURST)
    prefix = settings["queue_prefix"]
    os.environ.update(portal_env(**settings))

    from portal import create_app
    from portal.extensions import db
    from portal.queues import redis_connection

    app = create_app()
    started = time.perf_counter()
    shops = seed_shops(store, args.accounts, args.esm, args.orders)
    with app.app_context():
        build(app, shops)
    print(f"{args.accounts} accounts ({args.esm} G마켓/ESM, the rest generic) of "
          f"{-(-args.accounts // ACCOUNTS_PER_SELLER)} sellers, {args.orders} orders each, set up in "
          f"{time.perf_counter() - started:.1f}s; budget {RATE:g} calls/s burst {BURST:g} per account")
    print("per cycle: the workers, seconds for the whole cycle, job runs and those 실패, sandbox calls, the "
          "most calls one account made in a second, token-bucket breaches, the smallest gap between one ESM "
          "seller's order lists, 429s, workers' CPU seconds per account; below each, jobs × mean seconds")
    print(f"{'workers':>7} {'cycle s':>8} {'jobs':>5} {'failed':>6} {'calls':>6} {'max/acct/s':>10} "
          f"{'breaches':>8} {'ESM gap s':>9} {'429s':>5} {'CPU s/acct':>10}  load average")
    try:
        for count in [int(x) for x in args.workers.split(",") if x.strip()]:
            cycle_prefix = f"{prefix}{count}w-"
            env = portal_env(**{**settings, "queue_prefix": cycle_prefix})
            app.config["QUEUE_PREFIX"] = cycle_prefix
            with app.app_context():
                reset_cycle(store, market)
                result = run_cycle(app, env, count, args.timeout)
                db.session.remove()
            check = check_limits(store, shops, result["started"])
            jobs = sum(result["statuses"].values())
            failed = result["statuses"].get("failed", 0)
            gap = f"{check['esm_spacing']:.2f}" if check["esm_spacing"] is not None else "-"
            print(f"{count:7} {result['elapsed']:8.1f}{'' if result['complete'] else '+'} {jobs:5} {failed:6} "
                  f"{check['calls']:6} {check['worst_second']:10} {check['breaches']:8} {gap:>9} "
                  f"{check['refused']:5} {result['cpu'] / max(1, args.accounts):10.3f}  {load_average()}",
                  flush=True)
            if not result["complete"]:
                print(f"    cycle not finished within {args.timeout:.0f}s: {result['statuses']}")
            print("    " + "; ".join(f"{name} {n} × {secs / n:.2f}s" + (f" ({bad} 실패)" if bad else "")
                                    for name, (n, secs, bad) in sorted(result["per_func"].items())))
            esm = result["esm"]
            if esm["runs"]:
                print(f"    ESM 자동수집: {esm['runs']} runs of {esm['parts']:.1f} parts, a worker held each "
                      f"{esm['held']:.2f}s (most {esm['most_held']:.2f}s) of its {esm['span']:.1f}s")
            for reason in result["reasons"][:5]:
                print(f"    실패: {reason[:160]}")
            if result["dead"]:
                print(f"    workers ended early with codes {result['dead']}")
    finally:
        with app.app_context():
            conn = redis_connection(app)
            removed = delete_keys(conn, prefix)
        server.shutdown()
    print(f"fired per cycle: {', '.join(result['fired'])}; {check['accounts_called']} of {args.accounts} accounts "
          f"called; {removed} Redis keys of this run deleted")
    print(f"limits: at most {BURST + RATE:g} calls in any second per account (burst + rate), no token-bucket "
          f"breach, no 429; ESM order lists {ESM_SPACING:g}s apart (journal stamps are taken as each answer "
          f"leaves, so a gap of {ESM_SPACING - ESM_JITTER:g}s still keeps to it); target cycle ≤ {TARGET_SECONDS}s")


if __name__ == "__main__":
    main()
