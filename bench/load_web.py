"""Bench: the portal under concurrent load: gunicorn on PostgreSQL, logged-in sellers browsing lists, filters,
statistics and the dashboard from an asyncio client; throughput and p50/p95/p99 per page.

    createdb -h 127.0.0.1 -U postgres load_bench
    .venv/bin/python bench/load_web.py [--orders 1000000] [--products 100000] [--sellers 8] [--sessions 24]
                                       [--workers N] [--duration 60] [--database-url URL] [--reuse]

The data: the orders of bench/orders_lists.py (the first seller: --orders over 365 days, three accounts)
plus the 수기주문 of bench/statistics_pages.py, --products products × 3 options written with COPY, and
--sellers - 1 more sellers with --orders / 50 orders each, so every query keeps to its tenant among
others. gunicorn runs `wsgi:app` with --workers sync workers (default: the README's recommendation,
2 × CPU cores); --sessions clients log in through the login form (CSRF token and all), each with a
login of its own, half on the big seller and half spread over the others, and each requests the next page of the mix as soon as the last answered
(a closed loop: the figures are the server's ceiling with that many browsers busy at once, no think
time). The first --warmup seconds are not counted. Target: ≥ 200 requests/s with p99 < 150 ms.

The client runs on the same machine and takes CPU from the server; the load average before and after is
printed, and a busy machine inflates every figure. PostgreSQL only.
"""
import argparse
import asyncio
import io
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import timedelta

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from bench.load_data import MAX_SESSIONS, PASSWORD, build  # noqa: E402
from bench.pages import load_average, percentile  # noqa: E402
from bench.procs import children, cpu_seconds, rss_mb  # noqa: E402

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/load_bench"
TARGET_RPS, TARGET_P99_MS = 200, 150


# ---------------------------------------------------------------- the page mix
def page_mix(today: str, year_ago: str) -> list[tuple[str, str, int]]:
    """(page, url, weight): what a seller's day looks like, lists first, statistics and dashboard beside."""
    year = f"from={year_ago}&to={today}"
    return [
        ("dashboard", "/dashboard", 10),
        ("주문확인/처리", "/orders/process", 14),
        ("주문확인/처리 신규주문", "/orders/process?stage=NEW", 8),
        ("주문확인/처리 365일 한진", "/orders/process?days=365&courier=HANJIN", 4),
        ("주문상태별조회", "/orders/status", 8),
        ("주문상태별조회 수령인 검색", "/orders/status?field=recipient&q=김민준", 4),
        ("주문상태별조회 365일 상품 검색", "/orders/status?days=365&field=product&q=상품 42", 3),
        ("판매완료내역", "/orders/completed", 5),
        ("상품조회", "/products/search", 10),
        ("상품조회 자전거 판매가능", "/products/search?field=name&q=자전거&status=on", 6),
        ("재고관리", "/products/stock", 6),
        ("통계 기간별 30일", "/statistics/period?period=30d", 6),
        ("통계 제휴몰별 30일", "/statistics/channel?period=30d", 4),
        ("통계 상품별 30일", "/statistics/product?period=30d", 4),
        ("통계 기간별 365일 월별", f"/statistics/period?unit=month&period=custom&{year}", 4),
        ("통계 지역별 365일", f"/statistics/region?period=custom&{year}", 4),
    ]


# ---------------------------------------------------------------- the load generator
async def login(client, login_id: str) -> None:
    page = await client.get("/login")
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.text) or \
        re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    resp = await client.post("/login", data={"login_id": login_id, "password": PASSWORD,
                                             "csrf_token": token.group(1) if token else ""})
    if resp.status_code not in (302, 303) or "/login" in resp.headers.get("location", "/login"):
        raise SystemExit(f"login of {login_id} failed: {resp.status_code}")


async def browse(base: str, login_id: str, mix, stop_at: float, count_from: float, seed: int,
                 times: dict, errors: dict) -> None:
    import httpx

    rng = random.Random(seed)
    pages, weights = [m[:2] for m in mix], [m[2] for m in mix]
    async with httpx.AsyncClient(base_url=base, timeout=30.0) as client:
        await login(client, login_id)
        while time.perf_counter() < stop_at:
            page, url = rng.choices(pages, weights)[0]
            started = time.perf_counter()
            try:
                resp = await client.get(url)
                status = resp.status_code
            except httpx.HTTPError as exc:
                status = type(exc).__name__
            elapsed = (time.perf_counter() - started) * 1000
            if started >= count_from:
                if status == 200:
                    times[page].append(elapsed)
                else:
                    errors[(page, status)] += 1


async def drive(base: str, logins: list[str], mix, duration: float, warmup: float):
    times, errors = defaultdict(list), defaultdict(int)
    start = time.perf_counter()
    count_from, stop_at = start + warmup, start + warmup + duration
    await asyncio.gather(*(browse(base, login_id, mix, stop_at, count_from, n, times, errors)
                           for n, login_id in enumerate(logins)))
    return times, errors, time.perf_counter() - count_from


# ---------------------------------------------------------------- the server
def start_gunicorn(url: str, port: int, workers: int, workdir: str) -> subprocess.Popen:
    env = dict(os.environ, PORTAL_DATABASE_URL=url, PORTAL_SECRET_KEY="load-bench-secret",
               PORTAL_INSTANCE_PATH=workdir, PORTAL_RATELIMIT_ENABLED="false",
               PORTAL_JOBS_MODE="inline", PORTAL_REDIS_URL="redis://127.0.0.1:6379/13",
               PORTAL_QUEUE_PREFIX="bench-load-web-")
    cmd = [os.path.join(os.path.dirname(sys.executable), "gunicorn"), "-w", str(workers), "-b",
           f"127.0.0.1:{port}", "--chdir", ROOT, "--log-level", "warning", "wsgi:app"]
    proc = subprocess.Popen(cmd, env=env, start_new_session=True)
    import httpx

    for _ in range(200):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/login", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            raise SystemExit("gunicorn did not start")
        time.sleep(0.2)
    raise SystemExit("gunicorn did not answer")


def database_cpu(url: str) -> float:
    """CPU seconds of the PostgreSQL backends serving this database now (the web workers' pooled
    connections, opened at their first request, so about the run's share). Same machine only."""
    import psycopg

    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn) as conn:
        pids = [r[0] for r in conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                                           "AND pid <> pg_backend_pid()")]
    return cpu_seconds(pids)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=1_000_000, help="orders of the big seller")
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--sellers", type=int, default=8)
    parser.add_argument("--sessions", type=int, default=24, help="logged-in browsers requesting at once")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1),
                        help="gunicorn workers (default: the README's 2 × CPU cores)")
    parser.add_argument("--duration", type=float, default=60.0, help="counted seconds")
    parser.add_argument("--warmup", type=float, default=5.0)
    parser.add_argument("--port", type=int, default=21800)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--reuse", action="store_true", help="keep the data of an earlier run")
    args = parser.parse_args()

    if not args.reuse:
        build(args.database_url, args.orders, args.products, args.sellers)
    from blueprints.statistics.periods import today_kst

    today = today_kst()
    mix = page_mix(today.isoformat(), (today - timedelta(days=364)).isoformat())
    # Half the browsers work for the big seller, the rest are spread over the others.
    if args.sessions > MAX_SESSIONS:
        raise SystemExit(f"--sessions: at most {MAX_SESSIONS}")
    logins = [f"s{1 if n % 2 == 0 or args.sellers == 1 else 2 + (n // 2) % (args.sellers - 1)}u{n}"
              for n in range(args.sessions)]
    workdir = tempfile.mkdtemp(prefix="load-web-")
    server = start_gunicorn(args.database_url, args.port, args.workers, workdir)
    try:
        print(f"gunicorn: {args.workers} workers; {args.sessions} sessions over {args.sellers} sellers; "
              f"{args.duration:.0f} s counted after {args.warmup:.0f} s warm-up")
        print(f"load average before: {load_average()}")
        pids = [server.pid, *children(server.pid)]
        rss_before = rss_mb(pids)
        cpu_before, client_before = cpu_seconds(pids), time.process_time()
        times, errors, elapsed = asyncio.run(drive(f"http://127.0.0.1:{args.port}", logins, mix,
                                                   args.duration, args.warmup))
        cpu = cpu_seconds(pids) - cpu_before
        client_cpu = time.process_time() - client_before
        pg_cpu = database_cpu(args.database_url)
        load_after = load_average()
        rss_after = rss_mb(pids)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    report(times, errors, elapsed, mix)
    served = sum(len(v) for v in times.values()) + sum(errors.values())
    # CPU over the warm-up too: divided by every request answered then (estimated at the counted rate).
    answered = served * (args.duration + args.warmup) / args.duration
    print(f"gunicorn CPU: {cpu:.1f} s for ~{answered:,.0f} requests = {cpu / answered * 1000:.1f} ms per request; "
          f"the client took {client_cpu:.1f} s of CPU")
    print(f"PostgreSQL CPU (the workers' connections, since they opened): {pg_cpu:.1f} s = "
          f"{pg_cpu / answered * 1000:.1f} ms per request")
    print(f"gunicorn RSS (arbiter + workers): {rss_before:.0f} MB after start, {rss_after:.0f} MB at the end")
    print(f"load average after: {load_after}")


def report(times: dict, errors: dict, elapsed: float, mix) -> None:
    out = io.StringIO()
    total = sum(len(v) for v in times.values())
    print(f"\n{'page':32} {'requests':>9} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}", file=out)
    for page, _url, _weight in mix:
        t = sorted(times.get(page, []))
        if not t:
            print(f"{page:32} {0:9}", file=out)
            continue
        print(f"{page:32} {len(t):9} {len(t) / elapsed:7.1f} {percentile(t, 50):8.1f} {percentile(t, 95):8.1f} "
              f"{percentile(t, 99):8.1f}", file=out)
    every = sorted(x for v in times.values() for x in v)
    rps = total / elapsed
    p99 = percentile(every, 99) if every else float("nan")
    print(f"{'all pages':32} {total:9} {rps:7.1f} {percentile(every, 50):8.1f} {percentile(every, 95):8.1f} "
          f"{p99:8.1f}", file=out)
    for (page, status), n in sorted(errors.items(), key=str):
        print(f"errors: {page} → {status} × {n}", file=out)
    print(f"target ≥ {TARGET_RPS} req/s with p99 < {TARGET_P99_MS} ms: "
          f"{'met' if rps >= TARGET_RPS and p99 < TARGET_P99_MS and not errors else 'NOT met'}", file=out)
    print(out.getvalue(), end="")


if __name__ == "__main__":
    main()
