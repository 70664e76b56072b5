"""Channel call budgets: shared in Redis by worker processes; per account and per application."""
import os
import subprocess
import sys
import textwrap
import uuid

import pytest
from redis import Redis

from portal.channel_budget import RedisCallBudget, shared_budget
from portal.channel_http import DEFAULT_BUDGET, CallBudget, ChannelHttp

RATE, BURST, CALLS = 20.0, 4.0, 20
WORKER = textwrap.dedent("""
    import sys, time
    from redis import Redis
    from portal.channel_budget import RedisCallBudget
    url, prefix, rate, burst, calls = sys.argv[1:6]
    budget = RedisCallBudget(Redis.from_url(url), prefix, float(rate), float(burst))
    for _ in range(int(calls)):
        time.sleep(budget.wait_time("coupang:7"))
        print(time.time(), flush=True)
""")


@pytest.fixture
def redis_prefix():
    url = os.environ.get("PORTAL_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    conn = Redis.from_url(url)
    prefix = f"test-budget-{uuid.uuid4().hex[:8]}-"
    yield url, conn, prefix
    for key in conn.scan_iter(f"{prefix}*"):     # only this test's keys; never a whole database
        conn.delete(key)


@pytest.mark.redis
def test_two_worker_processes_stay_within_one_budget(redis_prefix):
    url, conn, prefix = redis_prefix
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    workers = [subprocess.Popen([sys.executable, "-c", WORKER, url, prefix, str(RATE), str(BURST),
                                 str(CALLS)], cwd=root, stdout=subprocess.PIPE, text=True)
               for _ in range(2)]
    sent = sorted(float(t) for w in workers for t in w.communicate(timeout=60)[0].split())
    assert all(w.returncode == 0 for w in workers) and len(sent) == 2 * CALLS
    # Together they keep to one bucket: in any stretch of time no more calls than the burst
    # plus what the rate refills (one spare call for clock rounding).
    for i, start in enumerate(sent):
        for j in range(i, len(sent)):
            assert j - i + 1 <= BURST + RATE * (sent[j] - start) + 1
    # Two separate budgets would have finished in about half the time.
    assert sent[-1] - sent[0] >= 0.9 * (2 * CALLS - BURST) / RATE
    keys = [k.decode() for k in conn.scan_iter(f"{prefix}*")]
    assert keys and all("coupang:7" not in k for k in keys)


@pytest.mark.redis
def test_jobs_get_the_shared_budget_with_the_installation_prefix(app, redis_prefix):
    url, conn, prefix = redis_prefix
    app.config.update(JOBS_MODE="auto", REDIS_URL=url, QUEUE_PREFIX=prefix,
                      CHANNEL_CALL_RATE=2.0, CHANNEL_CALL_BURST=1.0)
    budget = shared_budget(app)
    assert isinstance(budget, RedisCallBudget)
    assert budget.wait_time("naver:1") == 0
    assert budget.wait_time("naver:1") == pytest.approx(0.5, abs=0.05)
    assert [k.decode().startswith(prefix) for k in conn.scan_iter(f"{prefix}*")] == [True]
    app.config.update(JOBS_MODE="inline")
    assert shared_budget(app) is DEFAULT_BUDGET


def test_a_call_waits_for_the_application_budget_as_well_as_the_accounts():
    now = [0.0]
    budget = CallBudget(rate=1.0, burst=1.0, clock=lambda: now[0])
    sleeps = []

    class Sent:
        status_code, headers = 200, {}

    http = ChannelHttp(budget=budget, sleep=sleeps.append)
    http.session.request = lambda *a, **k: Sent()
    # Two seller accounts on one application: the second account's first call still waits,
    # because the application's bucket is empty.
    http.request("GET", "http://x/a", account_key="naver:1", budget_keys=("naver-app:A",))
    http.request("GET", "http://x/a", account_key="naver:2", budget_keys=("naver-app:A",))
    assert sleeps == [1.0]
