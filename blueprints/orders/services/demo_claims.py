"""Demo claims: the sandbox's operator API makes a return and an exchange for a demo account."""
import time

import requests
from flask import current_app

DEMO_BUYERS = {"return": "데모반품고객", "exchange": "데모교환고객"}


def prepare_sandbox_claims(account, wait_seconds: float = 60) -> list[str]:
    """Through the sandbox's operator API: a delivered order with a 반품요청 and one with a 교환요청."""
    base = current_app.config["SANDBOX_URL"].rstrip("/") + "/_ops/api"
    deadline = time.time() + wait_seconds
    while True:  # `portal up` starts the sandbox right after loading demo data
        try:
            shops = requests.get(f"{base}/shops", timeout=2).json()["shops"]
            break
        except (requests.RequestException, ValueError, KeyError):
            if time.time() > deadline:
                return []
            time.sleep(1)
    shop = next((s for s in shops if s["channel"] == account.channel), None)
    if shop is None:
        return []
    orders = requests.get(f"{base}/shops/{shop['id']}/orders", timeout=10).json()["orders"]
    made = []
    for action, buyer in DEMO_BUYERS.items():
        if any(o["buyer_name"] == buyer for o in orders):
            continue
        order = requests.post(f"{base}/shops/{shop['id']}/orders", timeout=10, json={
            "hours_ago": 30, "buyer_name": buyer, "recipient_name": buyer,
            "lines": [{"product_name": "데모 반팔 티셔츠", "qty": 1, "unit_price": 19900, "status": "DELIVERED"}]}
        ).json()["order"]
        line_no = order["lines"][0]["line_no"]
        requests.post(f"{base}/shops/{shop['id']}/lines/{line_no}/{action}", timeout=10,
                      json={"reason": "PRODUCT_UNSATISFIED" if action == "return" else "WRONG_SIZE",
                            "detail": "사이즈가 맞지 않아요" if action == "exchange" else "색상이 사진과 달라요"})
        made.append(action)
    return made
