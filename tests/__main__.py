"""The README's test command: start what the suite needs, then run it on SQLite and PostgreSQL.

    python -m tests            both passes (SQLite with the browser test, then PostgreSQL)
    python -m tests --sqlite   the SQLite pass only
"""
import glob
import os
import shutil
import socket
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PG_URL = os.environ.get("PORTAL_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def wait_port(port: int, seconds: float = 20) -> bool:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if port_open(port):
            return True
        time.sleep(0.5)
    return False


def ensure_postgres() -> None:
    if port_open(5432):
        return
    versions = sorted(os.listdir("/etc/postgresql")) if os.path.isdir("/etc/postgresql") else []
    if versions and shutil.which("pg_ctlcluster"):
        print("PostgreSQL가 꺼져 있어 시작합니다.", flush=True)
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main",
                        "start"], check=False)
    if not wait_port(5432):
        sys.exit("PostgreSQL(127.0.0.1:5432)에 연결할 수 없습니다.")


def ensure_redis() -> None:
    if port_open(6379):
        return
    if shutil.which("redis-server"):
        print("Redis가 꺼져 있어 시작합니다.", flush=True)
        subprocess.run(["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1",
                        "--port", "6379", "--save", "", "--appendonly", "no"], check=False)
    if not wait_port(6379):
        sys.exit("Redis(127.0.0.1:6379)에 연결할 수 없습니다.")


def ensure_browser() -> None:
    """Debian's chromium and CJK fonts for the browser test (no browser download)."""
    have_fonts = bool(glob.glob("/usr/share/fonts/opentype/noto/NotoSansCJK*"))
    if shutil.which("chromium") and have_fonts:
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("chromium과 fonts-noto-cjk를 설치합니다.", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium", "fonts-noto-cjk"],
                       check=True, env=env)
    if not shutil.which("chromium"):
        sys.exit("브라우저 테스트에 Debian 패키지 chromium이 필요합니다: apt-get install chromium")


def pytest(label: str, args: list[str], env: dict) -> int:
    print(f"\n=== {label} ===", flush=True)
    code = subprocess.call([sys.executable, "-m", "pytest", *args], cwd=ROOT,
                           env={**os.environ, **env})
    if code == 5:
        print(f"{label}: 실행된 테스트가 없습니다.", flush=True)
    return code


def main(argv: list[str]) -> int:
    ensure_redis()
    ensure_browser()
    codes = [pytest("SQLite (with the browser test)", ["-q", "-p", "no:cacheprovider"],
                    {"PORTAL_TEST_DATABASE_URL": ""})]
    if "--sqlite" not in argv:
        ensure_postgres()
        codes.append(pytest("PostgreSQL", ["-q", "-p", "no:cacheprovider", "-m", "not e2e"],
                            {"PORTAL_TEST_DATABASE_URL": PG_URL}))
    failed = [c for c in codes if c != 0]
    print("\n모든 테스트 통과" if not failed else f"\n실패한 실행: {len(failed)}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
