"""`portal up` as a new user runs it: sandbox first so the demo listings are linked, `kill` stops all."""
import os
import signal
import socket
import subprocess
import sys
import time

import pytest
import requests

from .conftest import screenshot

pytestmark = pytest.mark.e2e
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(url: str) -> bool:
    try:
        requests.get(url, timeout=1)
        return True
    except requests.RequestException:
        return False


def children_of(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(x) for x in out.split()]


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False


@pytest.fixture
def portal_up(tmp_path):
    """A fresh instance folder, SQLite, the shared Redis under a queue prefix of its own."""
    port, sandbox_port = free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PORTAL_", "SANDBOX_"))}
    env.update(PORTAL_INSTANCE_PATH=str(tmp_path / "instance"), PORTAL_REDIS_URL="redis://127.0.0.1:6379/13",
               PORTAL_QUEUE_PREFIX=f"up-test-{os.getpid()}-", PYTHONUNBUFFERED="1")
    args = [sys.executable, "-m", "flask", "--app", "wsgi", "portal", "up",
            "--port", str(port), "--sandbox-port", str(sandbox_port)]
    log = open(tmp_path / "up.log", "w+")
    proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 180
    while not answers(url + "/login"):
        assert proc.poll() is None and time.time() < deadline, (tmp_path / "up.log").read_text()
        time.sleep(0.5)
    yield {"proc": proc, "url": url, "sandbox": f"http://127.0.0.1:{sandbox_port}", "args": args,
           "env": env, "log": tmp_path / "up.log"}
    if proc.poll() is None:  # the test stopped early: stop it as a user would, then for sure
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            for pid in children_of(proc.pid):
                os.kill(pid, signal.SIGKILL)
            proc.kill()


def test_first_start_links_the_demo_listings_and_kill_stops_everything(portal_up, browser):
    context = browser.new_context(base_url=portal_up["url"], locale="ko-KR", viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto("/login")
    page.fill("#login_id", "demoseller")
    page.fill("#password", "demo1234!")
    page.click("button[type=submit].primary")
    page.wait_for_url("**/dashboard")
    page.goto("/sales/search")
    screenshot(page, "portal-up-listings")
    text = page.inner_text("main")
    assert text.count("반영완료") >= 4, text  # the demo listings went live on first start
    page.goto("/products/waiting")
    waiting = page.inner_text("main")
    assert "제휴몰 카테고리가 지정되지 않았습니다" in waiting  # the one demo listing left without a category
    assert "상품명, 카테고리, 판매가는 필수" not in waiting
    context.close()

    # A second `portal up` on the same ports is refused before it starts anything.
    second = subprocess.run(portal_up["args"], cwd=ROOT, env=portal_up["env"], capture_output=True,
                            text=True, timeout=60)
    assert second.returncode == 1 and "포트를 이미 다른 프로그램이 쓰고 있습니다" in second.stderr

    proc = portal_up["proc"]
    children = children_of(proc.pid)
    assert len(children) == 4, portal_up["log"].read_text()  # sandbox, seller work and 자동수집 workers, scheduler
    proc.send_signal(signal.SIGTERM)  # a plain `kill`
    assert proc.wait(30) == 0
    deadline = time.time() + 15
    while any(alive(pid) for pid in children) and time.time() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in children if alive(pid)]
    assert not answers(portal_up["sandbox"] + "/_ops/api/clock")
    from redis import Redis

    from portal.scheduling import LOCK_NAME

    lock = portal_up["env"]["PORTAL_QUEUE_PREFIX"] + LOCK_NAME
    assert Redis.from_url(portal_up["env"]["PORTAL_REDIS_URL"]).get(lock) is None  # a restart may schedule
