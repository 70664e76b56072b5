"""Demo 문의관리: waiting for the sandbox marketplace that `portal up` starts beside the portal."""
import time

import requests
from flask import current_app


def wait_for_sandbox(wait_seconds: float = 60) -> None:
    """`portal up` starts the sandbox right after loading demo data."""
    url = current_app.config.get("SANDBOX_URL", "").rstrip("/") + "/_ops/api/shops"
    deadline = time.time() + wait_seconds
    while time.time() < deadline:
        try:
            requests.get(url, timeout=2).raise_for_status()
            return
        except requests.RequestException:
            time.sleep(1)
