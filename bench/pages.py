"""The page benches' shared parts: the portal app they time, the page timer, percentiles, the load average."""
import os
import time


def bench_app(database_url: str):
    """The portal on the bench's database, no CSRF or rate limit, jobs in-process."""
    from portal import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": database_url, "WTF_CSRF_ENABLED": False,
                       "RATELIMIT_ENABLED": False, "JOBS_MODE": "inline", "SECRET_KEY": "bench"})


def percentile(ordered: list[float], pct: float) -> float:
    """The nearest-rank percentile of an already sorted list."""
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def time_page(client, url: str, repeat: int = 5, cpu: list | None = None) -> tuple[list[float], str]:
    """GET `url` through a test client `repeat` times: (sorted times in ms, the last body); any answer but 200 stops.
    Given a list, `cpu` receives each request's CPU time of this (the web) process in ms, the database's excluded."""
    times, body = [], ""
    for _ in range(repeat):
        started, used = time.perf_counter(), time.process_time()
        resp = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - used) * 1000)
        assert resp.status_code == 200, (url, resp.status_code)
        body = resp.get_data(as_text=True)
    return sorted(times), body


def load_average() -> str:
    """The 1, 5 and 15 minute load averages: a shared machine's other work inflates every figure."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())
