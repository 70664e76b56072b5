"""Fixtures for 주문관리: the sandbox marketplace, seller A's sandbox accounts, and job helpers."""
import time
from datetime import timedelta

import pytest

from models import ChannelAccount, JobLine, JobRun
from models.base import utcnow
from portal.extensions import db
from portal.queues import wait_inline_jobs


@pytest.fixture
def market(app, fresh_sandbox):
    app.config["SANDBOX_URL"] = fresh_sandbox.url
    return fresh_sandbox


def add_account(tenant, code: str, alias: str | None = None, status: str = "active") -> ChannelAccount:
    from blueprints.account.channel_services import adapter_class, save_account
    from sandbox import DEMO_CREDENTIALS

    return save_account(tenant, adapter_class(code), {"alias": alias or f"테스트{code}", "endpoint": "sandbox",
                                                      "status": status, **DEMO_CREDENTIALS[code]})


@pytest.fixture
def shop(seller, market):
    """Seller A's 샌드박스몰 account, and the helpers to drive that shop on the sandbox."""
    return Shop(market, add_account(seller, "sandbox", "본점"))


class Shop:
    def __init__(self, market, account, code="sandbox"):
        self.market, self.account, self.code = market, account, code
        self.id = market.shop_id(code)

    def new_order(self, qty=1, hours_ago=0.5, lines=1, **info):
        product = self.market.ops("GET", f"/shops/{self.id}/products")["products"][0]
        body = {"hours_ago": hours_ago, **info, "lines": [{
            "product_no": product["product_no"], "item_no": product["items"][0]["item_no"],
            "product_name": product["name"], "qty": qty, "unit_price": product["price"]} for _ in range(lines)]}
        return self.market.ops("POST", f"/shops/{self.id}/orders", json=body)["order"]

    def act(self, line_no, action, **body):
        return self.market.ops("POST", f"/shops/{self.id}/lines/{line_no}/{action}", json=body)

    def line(self, line_no):
        return self.market.line(self.code, line_no)["line"]

    def posts(self, fragment):
        """Journal entries of writes whose path contains fragment (newest first)."""
        return [j for j in self.market.journal(1000) if j["method"] == "POST" and fragment in j["path"]]


def finish(app, resp, expect_status=202):
    """Wait for every job the response started; return (runs, lines of text)."""
    assert resp.status_code == expect_status, resp.get_data(as_text=True)
    wait_inline_jobs(app, timeout=60)
    ids = [j["id"] for j in resp.get_json()["jobs"]]
    runs = [db.session.get(JobRun, i) for i in ids]
    db.session.expire_all()
    deadline = time.time() + 30
    while not all(db.session.get(JobRun, i).finished for i in ids) and time.time() < deadline:
        time.sleep(0.1)
        db.session.expire_all()
    lines = [ln.text for ln in db.session.query(JobLine).filter(JobLine.run_id.in_(ids)).order_by(JobLine.id)]
    return [db.session.get(JobRun, i) for i in ids] if runs else [], lines


def collect(client, app, account_ids, items=("new",), path="/orders/collect", **extra):
    data = {"account_ids": [str(a) for a in account_ids], "items": list(items), **extra}
    return finish(app, client.post(path, data=data))


def ship_at(days=1):
    from datetime import datetime

    from portal.marketplaces import KST

    return (datetime.now(KST) + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def recent(hours=2):
    return utcnow() - timedelta(hours=hours)
