"""pytest fixture: the sandbox marketplace served over HTTP on 127.0.0.1, with helpers for /_ops."""
from __future__ import annotations

import threading
from dataclasses import dataclass

import pytest
import requests
from werkzeug.serving import make_server

from sandbox import DEMO_CREDENTIALS, base_path, create_app


@dataclass
class SandboxServer:
    url: str
    app: object

    def ops(self, method: str, path: str, **kwargs):
        resp = requests.request(method, f"{self.url}/_ops/api{path}", timeout=10, **kwargs)
        resp.raise_for_status()
        return resp.json()

    def reset(self):
        """Wipe every shop and re-create the demo shops (and their orders) from scratch."""
        return self.ops("POST", "/reset", json={"seed": True})

    def shop_id(self, channel: str) -> int:
        return next(s["id"] for s in self.ops("GET", "/shops")["shops"] if s["channel"] == channel)

    def base_url(self, code: str) -> str:
        return self.url + base_path(code)

    def credentials(self, code: str) -> dict:
        return dict(DEMO_CREDENTIALS[code])

    def fault(self, kind: str, path_contains: str, count: int = 1, delay: float = 0,
              method: str = ""):
        return self.ops("POST", "/faults",
                        json={"kind": kind, "path_contains": path_contains, "count": count,
                                                 "delay": delay, "method": method})

    def line(self, code: str, line_no: str) -> dict:
        return self.ops("GET", f"/shops/{self.shop_id(code)}/lines/{line_no}")

    def orders(self, code: str) -> list[dict]:
        return self.ops("GET", f"/shops/{self.shop_id(code)}/orders")["orders"]

    def journal(self, limit: int = 200) -> list[dict]:
        return self.ops("GET", f"/journal?limit={limit}")["journal"]


@pytest.fixture(scope="session")
def sandbox_server(tmp_path_factory):
    db = tmp_path_factory.mktemp("sandbox") / "sandbox.sqlite"
    app = create_app({"SANDBOX_DATABASE": str(db), "TESTING": True})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    sandbox = SandboxServer(url=f"http://127.0.0.1:{server.server_port}", app=app)
    sandbox.reset()
    yield sandbox
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture()
def fresh_sandbox(sandbox_server):
    """The sandbox reset to the demo state, for tests that change or count orders."""
    sandbox_server.reset()
    return sandbox_server
