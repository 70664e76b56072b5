"""Process helpers of the load, cycle and soak benches: the portal's env, worker processes, CPU and memory, Redis keys."""
import os
import signal
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TICKS = os.sysconf("SC_CLK_TCK")


def portal_env(**settings) -> dict:
    """This process' environment with PORTAL_<KEY> set for every setting: the bench and its workers agree."""
    env = dict(os.environ)
    env.update({f"PORTAL_{key.upper()}": str(value) for key, value in settings.items()})
    return env


def scratch_settings(name: str, workdir: str, port: int, database_url: str, redis_url: str,
                     rate: float, burst: float) -> dict:
    """The settings a bench and its RQ workers share: its own queue prefix, a fresh key, the sandbox on `port`
    and the channels' call budget."""
    from cryptography.fernet import Fernet

    return {"database_url": database_url, "redis_url": redis_url, "jobs_mode": "rq",
            "queue_prefix": f"bench-{name}-{os.getpid()}-", "sandbox_url": f"http://127.0.0.1:{port}",
            "encryption_keys": Fernet.generate_key().decode(), "secret_key": f"{name}-bench",
            "instance_path": workdir, "job_files_dir": os.path.join(workdir, "job-files"),
            "channel_call_rate": rate, "channel_call_burst": burst}


def start_worker(env: dict, queues=("channel", "default", "collect")) -> subprocess.Popen:
    """One `flask portal worker` process (RQ SimpleWorker) in a session of its own."""
    flask = os.path.join(os.path.dirname(sys.executable), "flask")
    return subprocess.Popen([flask, "--app", "wsgi", "portal", "worker", *queues], cwd=ROOT, env=env,
                            start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def stop(proc: subprocess.Popen, sig=signal.SIGTERM, timeout: float = 30) -> None:
    """Signal a process we started (its session) and reap it; SIGKILL if it does not end in time."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            pass
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def cpu_seconds(pids) -> float:
    """User + system CPU seconds used so far by these processes."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError):
            pass
    return total / TICKS


def rss_mb(pids) -> float:
    """Resident memory of these processes together, in MB."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/status") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
        except (OSError, StopIteration):
            pass
    return total / 1024


def delete_keys(conn, prefix: str) -> int:
    """Delete the keys this run wrote (each carries its prefix; RQ's own keys carry the queue and job
    names, which carry it too). Never a flush: the Redis is shared."""
    removed = 0
    for key in conn.scan_iter(match=f"*{prefix}*", count=1000):
        removed += conn.delete(key)
    return removed


def wait_until(predicate, timeout: float, every: float = 0.5) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(every)
    return False
