"""Bench: CPU and SQL statements per page of bench/load_web.py's mix, one page at a time through a test client.

    .venv/bin/python bench/load_web.py ...                  # builds the data once (or bench/load_data.py's build)
    .venv/bin/python bench/page_cpu.py [--requests 40] [--database-url URL] [--login s1u0] [--profile N]

For every page of the mix: the median CPU time of this (the web) process per request, the CPU time of the
PostgreSQL backend that served it (same machine only, read from /proc), the wall time and the SQL statements a
request sends. CPU time hardly stretches when other work shares the machine, so the figures hold on a busy
machine where wall times do not. With --profile N the whole mix runs once more under cProfile and the N
functions with the most time of their own (and the N with the most time below them) are printed.
"""
import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from datetime import timedelta

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from bench.load_data import PASSWORD  # noqa: E402
from bench.load_web import DEFAULT_URL, page_mix  # noqa: E402
from bench.pages import bench_app, load_average  # noqa: E402
from bench.procs import cpu_seconds  # noqa: E402


def backend_pids(db) -> list[int]:
    """The PostgreSQL backends of this process' pooled connections (one while the client is single-threaded)."""
    from sqlalchemy import text

    with db.engine.connect() as conn:
        return [r[0] for r in conn.execute(text(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = ''"))]


def measure(client, url: str, repeat: int, statements: list, pids: list[int]) -> dict:
    """Median web CPU, wall time and SQL statement count of `repeat` GETs of one page; the database's CPU is the
    mean (/proc counts it in 10 ms ticks)."""
    web, pg, wall, counts = [], [], [], []
    client.get(url)  # warm: templates compiled, caches filled
    for _ in range(repeat):
        statements.clear()
        started, used, pg_used = time.perf_counter(), time.process_time(), cpu_seconds(pids)
        resp = client.get(url)
        wall.append((time.perf_counter() - started) * 1000)
        web.append((time.process_time() - used) * 1000)
        pg.append((cpu_seconds(pids) - pg_used) * 1000)
        counts.append(len(statements))
        assert resp.status_code == 200, (url, resp.status_code)
    return {"web": statistics.median(web), "pg": statistics.mean(pg), "wall": statistics.median(wall),
            "sql": statistics.median(counts)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=40, help="requests per page")
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--login", default="s1u0", help="a login of bench/load_data.py (s1u… = the big seller)")
    parser.add_argument("--locale", default="ko", choices=("ko", "en"))
    parser.add_argument("--profile", type=int, default=0, help="print the N costliest functions over the mix")
    args = parser.parse_args()

    from sqlalchemy import event

    from blueprints.statistics.periods import today_kst
    from portal.extensions import db

    app = bench_app(args.database_url)
    today = today_kst()
    mix = page_mix(today.isoformat(), (today - timedelta(days=364)).isoformat())
    statements: list[str] = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    client = app.test_client()
    resp = client.post("/login", data={"login_id": args.login, "password": PASSWORD})
    assert resp.status_code in (302, 303), resp.status_code
    if args.locale != "ko":
        client.post(f"/language/{args.locale}")
    with app.app_context():
        pids = backend_pids(db)
    print(f"load average before: {load_average()}; PostgreSQL backends measured: {len(pids)}")
    print(f"{'page':32} {'web CPU ms':>10} {'PG CPU ms':>10} {'wall ms':>8} {'SQL':>4}")
    rows, weights = [], []
    for page, url, weight in mix:
        row = measure(client, url, args.requests, statements, pids)
        rows.append(row)
        weights.append(weight)
        print(f"{page:32} {row['web']:10.1f} {row['pg']:10.1f} {row['wall']:8.1f} {row['sql']:4.0f}")
    total = sum(weights)

    def mean(key):
        return sum(r[key] * w for r, w in zip(rows, weights)) / total

    print(f"{'the mix (weighted)':32} {mean('web'):10.1f} {mean('pg'):10.1f} {mean('wall'):8.1f} {mean('sql'):4.1f}")
    print(f"load average after: {load_average()}")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _page, url, weight in mix:
            for _ in range(weight):
                client.get(url)
        profiler.disable()
        for order in ("tottime", "cumulative"):
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(args.profile)
            print(out.getvalue())


if __name__ == "__main__":
    main()
