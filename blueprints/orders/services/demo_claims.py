"""Demo orders on the sandbox: through its operator API, new orders of the demo catalogue live on an
account, and a delivered order each with a 반품요청 and a 교환요청."""
import time

import requests
from flask import current_app

from models import Listing
from models.listing import LIVE

DEMO_BUYERS = {"return": "데모반품고객", "exchange": "데모교환고객"}
DEMO_BUYER = "데모주문고객"  # new orders of the demo catalogue


def _sandbox_shop(account, wait_seconds: float):
    """The sandbox shop of the account and the ops API base, or (None, base) when it never answers."""
    base = current_app.config["SANDBOX_URL"].rstrip("/") + "/_ops/api"
    deadline = time.time() + wait_seconds
    while True:  # the sandbox may still be starting
        try:
            shops = requests.get(f"{base}/shops", timeout=2).json()["shops"]
            break
        except (requests.RequestException, ValueError, KeyError):
            if time.time() > deadline:
                return None, base
            time.sleep(1)
    return next((s for s in shops if s["channel"] == account.channel), None), base


def _catalogue_lines(account, base: str, shop: dict) -> list[dict]:
    """One sandbox order line per demo product live on this account, each with its option."""
    live = {x.channel_product_id for x in Listing.query.filter_by(
        tenant_id=account.tenant_id, account_id=account.id, status=LIVE)}
    products = requests.get(f"{base}/shops/{shop['id']}/products", timeout=10).json()["products"]
    lines = []
    for product in (p for p in products if p["product_no"] in live):
        item = product["items"][-1]
        lines.append({"product_no": product["product_no"], "item_no": item["item_no"],
                      "product_name": product["name"], "option_name": item["option_name"],
                      "qty": 1 if item["stock"] < 10 else 2, "unit_price": item["price"]})
    return lines


def prepare_sandbox_sales(account, wait_seconds: float = 60) -> list[str]:
    """Through the sandbox's operator API: new orders of the demo products live on the account, so the
    first collection takes their stock; then a delivered order with a 반품요청 and one with a 교환요청."""
    shop, base = _sandbox_shop(account, wait_seconds)
    if shop is None:
        return []
    orders = requests.get(f"{base}/shops/{shop['id']}/orders", timeout=10).json()["orders"]
    catalogue = _catalogue_lines(account, base, shop)
    made = []
    if catalogue and not any(o["buyer_name"] == DEMO_BUYER for o in orders):
        for hours, lines in ((3, catalogue[::2]), (1, catalogue[1::2])):
            if lines:
                requests.post(f"{base}/shops/{shop['id']}/orders", timeout=10, json={
                    "hours_ago": hours, "buyer_name": DEMO_BUYER, "recipient_name": DEMO_BUYER, "lines": lines})
        made.append("신규주문")
    sold = catalogue[0] if catalogue else {"product_name": "데모 반팔 티셔츠", "unit_price": 19900}
    for action, buyer in DEMO_BUYERS.items():
        if any(o["buyer_name"] == buyer for o in orders):
            continue
        order = requests.post(f"{base}/shops/{shop['id']}/orders", timeout=10, json={
            "hours_ago": 30, "buyer_name": buyer, "recipient_name": buyer,
            "lines": [{**sold, "qty": 1, "status": "DELIVERED"}]}).json()["order"]
        line_no = order["lines"][0]["line_no"]
        requests.post(f"{base}/shops/{shop['id']}/lines/{line_no}/{action}", timeout=10,
                      json={"reason": "PRODUCT_UNSATISFIED" if action == "return" else "COLOR_AND_SIZE",
                            "detail": "사이즈가 맞지 않아요" if action == "exchange" else "색상이 사진과 달라요"})
        made.append({"return": "반품", "exchange": "교환"}[action])
    return made
