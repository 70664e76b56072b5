"""List endpoints page in SQL and keep each protocol's paging contract: every row once, in order."""
import time

import requests

from sandbox import DEMO_CREDENTIALS


def _orders(sandbox, code, count, hours_ago=1.0):
    shop = sandbox.shop_id(code)
    store = sandbox.app.extensions["sandbox_store"]
    now = store.now()
    with store.tx():
        return [store.add_order(shop, [{"qty": 1}, {"qty": 2}], created_at=now - hours_ago * 3600 + i)
                for i in range(count)]


def test_generic_pages_count_and_cover_the_window_once(fresh_sandbox):
    made = {o["order_no"] for o in _orders(fresh_sandbox, "sandbox", 250)}
    url = f"{fresh_sandbox.base_url('sandbox')}/sandbox/v1/orders"
    headers = {"X-Sandbox-Key": DEMO_CREDENTIALS["sandbox"]["api_key"]}
    window = {"from": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(time.time() - 7200)),
              "to": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(time.time() + 60))}
    seen, page = [], 1
    while True:
        body = requests.get(url, headers=headers, params={**window, "page": page}, timeout=10).json()
        seen += [o["order_id"] for o in body["orders"]]
        assert len(body["orders"]) <= 100
        assert all(len(o["lines"]) == 2 for o in body["orders"] if o["order_id"] in made)
        if not body["page"]["has_next"]:
            break
        page += 1
    total = body["page"]["total"]          # ours and the demo seed's orders in the window
    assert total >= 250 and page == -(-total // 100)
    assert len(seen) == len(set(seen)) == total and made <= set(seen)


def test_coupang_next_token_continues_after_the_last_sheet(fresh_sandbox):
    from portal.channel_http import CallBudget, ChannelHttp
    from portal.marketplaces import build_adapter

    made = {o["order_no"] for o in _orders(fresh_sandbox, "coupang", 120)}
    records = []
    http = ChannelHttp(budget=CallBudget(rate=1000, burst=1000), on_call=records.append)
    adapter = build_adapter("coupang", DEMO_CREDENTIALS["coupang"], base_url=fresh_sandbox.base_url("coupang"),
                            http=http)
    sheets = adapter._sheets(*_window(hours=3))
    ids = [str(s["orderId"]) for s in sheets]
    assert made <= set(ids) and len(ids) == len(set(ids))
    accept_calls = [r for r in records if r.path.endswith("/ordersheets")]
    assert len(accept_calls) >= 3          # 120 new sheets at 50 a page, plus the other statuses


def test_naver_more_sequence_pages_past_300_lines(fresh_sandbox):
    from portal.channel_http import CallBudget, ChannelHttp
    from portal.marketplaces import build_adapter

    orders = _orders(fresh_sandbox, "naver", 200)          # 400 lines changed within the hour
    made = {x["line_no"] for o in orders for x in o["lines"]}
    http = ChannelHttp(budget=CallBudget(rate=1000, burst=1000))
    adapter = build_adapter("naver", DEMO_CREDENTIALS["naver"], base_url=fresh_sandbox.base_url("naver"), http=http)
    ids = adapter._changed_ids(*_window(hours=3))
    assert made <= set(ids) and len(ids) == len(set(ids))


def _window(hours):
    from datetime import datetime, timedelta, timezone

    now = datetime.now(timezone.utc)
    return now - timedelta(hours=hours), now + timedelta(minutes=1)
