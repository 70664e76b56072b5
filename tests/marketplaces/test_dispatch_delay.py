"""배송지연사유 sent with 발주확인: Naver's 발송 지연 처리 and the generic protocol record it; others say why not."""
from datetime import datetime, timedelta, timezone

import pytest
import requests

from portal.channel_http import CallBudget, ChannelHttp
from portal.marketplaces import KST, DispatchDelay, Outcome, build_adapter


def _adapter(sandbox, code, records):
    http = ChannelHttp(budget=CallBudget(rate=1000, burst=1000), sleep=lambda s: None,
                       on_call=records.append, jitter=lambda: 0.0)
    return build_adapter(code, sandbox.credentials(code), base_url=sandbox.base_url(code), http=http,
                         account_key=f"test-{code}")


def _new_line(sandbox, adapter, code):
    shop = sandbox.shop_id(code)
    order = sandbox.ops("POST", f"/shops/{shop}/orders", json={"hours_ago": 0.5, "lines": [{"qty": 1}]})["order"]
    now = datetime.now(timezone.utc)
    fetched = next(o for o in adapter.fetch_orders(now - timedelta(hours=2), now + timedelta(minutes=1))
                   if o.channel_order_id == order["order_no"])
    return order["lines"][0]["line_no"], fetched.lines[0]


@pytest.mark.parametrize("code", ["naver", "sandbox"])
def test_the_delay_reason_and_date_reach_the_channel(fresh_sandbox, code):
    records = []
    adapter = _adapter(fresh_sandbox, code, records)
    assert adapter.sends_dispatch_delay and adapter.dispatch_delay_gap_ko() == ""
    sandbox_line, line = _new_line(fresh_sandbox, adapter, code)
    due = (datetime.now(KST) + timedelta(days=5)).replace(second=0, microsecond=0)
    (outcome,) = adapter.confirm_orders([line], ship_at=due,
                                        delay=DispatchDelay("CUSTOM_BUILD", "각인 작업에 5일이 걸립니다"))
    assert outcome.outcome is Outcome.OK
    state = fresh_sandbox.line(code, sandbox_line)["line"]
    assert state["status"] == "CONFIRMED"
    assert (state["delay_reason"], state["delay_detail"]) == ("CUSTOM_BUILD", "각인 작업에 5일이 걸립니다")
    assert abs(state["ship_due"] - due.timestamp()) < 1
    if code == "naver":
        assert "발송지연 안내(주문제작)를 전송했습니다." in outcome.message
        assert [r.status for r in records if r.path.endswith(f"/{line.channel_line_id}/delay")] == [200]


@pytest.mark.parametrize("code", ["coupang"])
def test_channels_without_a_delay_api_confirm_and_say_so(fresh_sandbox, code):
    records = []
    adapter = _adapter(fresh_sandbox, code, records)
    assert not adapter.sends_dispatch_delay
    assert "배송지연사유는 전송하지 않고 포털에만 기록합니다" in adapter.dispatch_delay_gap_ko()
    sandbox_line, line = _new_line(fresh_sandbox, adapter, code)
    outcomes = adapter.confirm_orders([line], ship_at=datetime.now(KST) + timedelta(days=5),
                                      delay=DispatchDelay("PRODUCT_PREPARE"))
    assert [o.outcome for o in outcomes] == [Outcome.OK]
    state = fresh_sandbox.line(code, sandbox_line)["line"]
    assert state["status"] == "CONFIRMED" and state["delay_reason"] == ""


def test_naver_delay_is_refused_before_confirmation_and_validates_its_body(fresh_sandbox):
    records = []
    adapter = _adapter(fresh_sandbox, "naver", records)
    _, line = _new_line(fresh_sandbox, adapter, "naver")
    token = adapter.client.token()
    url = f"{fresh_sandbox.base_url('naver')}/v1/pay-order/seller/product-orders/{line.channel_line_id}/delay"
    headers = {"Authorization": f"Bearer {token}"}
    due = (datetime.now(KST) + timedelta(days=5)).isoformat(timespec="milliseconds")
    bad = requests.post(url, headers=headers, timeout=10,
                        json={"dispatchDueDate": due, "delayedDispatchReason": "TOO_BUSY"})
    assert bad.status_code == 400
    assert bad.json()["invalidInputs"][0]["name"] == "delayedDispatchReason"
    early = requests.post(url, headers=headers, timeout=10,
                          json={"dispatchDueDate": due, "delayedDispatchReason": "ETC"}).json()
    assert early["data"]["successProductOrderIds"] == []
    assert early["data"]["failProductOrderInfos"][0]["message"] == \
        "발주 확인된 상품 주문만 발송 지연 처리할 수 있습니다."


def test_generic_confirm_rejects_an_unknown_reason_without_confirming(fresh_sandbox):
    records = []
    adapter = _adapter(fresh_sandbox, "sandbox", records)
    sandbox_line, line = _new_line(fresh_sandbox, adapter, "sandbox")
    resp = requests.post(f"{fresh_sandbox.base_url('sandbox')}/sandbox/v1/orders/confirm", timeout=10,
                         headers={"X-Sandbox-Key": fresh_sandbox.credentials("sandbox")["api_key"]},
                         json={"line_ids": [line.channel_line_id], "delay_reason": "TOO_BUSY",
                               "ship_at": (datetime.now(KST) + timedelta(days=5)).isoformat()})
    assert resp.status_code == 400 and resp.json()["error"]["code"] == "INVALID_DELAY_REASON"
    assert fresh_sandbox.line("sandbox", sandbox_line)["line"]["status"] == "NEW"


def test_a_delay_reason_outside_the_vocabulary_is_a_programming_error():
    with pytest.raises(ValueError):
        DispatchDelay("TOO_BUSY")
    assert DispatchDelay("ETC", "택배 파업").text_ko == "기타 - 택배 파업"


def test_11st_sends_the_documented_delivery_delay_guide_after_confirming(fresh_sandbox):
    records = []
    adapter = _adapter(fresh_sandbox, "11st", records)
    assert adapter.sends_dispatch_delay and adapter.dispatch_delay_gap_ko() == ""
    sandbox_line, line = _new_line(fresh_sandbox, adapter, "11st")
    due = datetime.now(KST) + timedelta(days=5)
    (outcome,) = adapter.confirm_orders([line], ship_at=due,
                                        delay=DispatchDelay("CUSTOM_BUILD", "각인 작업"))
    assert outcome.outcome is Outcome.OK
    assert "발송지연 안내(주문제작)를 전송했습니다." in outcome.message
    state = fresh_sandbox.line("11st", sandbox_line)["line"]
    assert state["status"] == "CONFIRMED" and state["delay_reason"] == "CUSTOM_BUILD"
    assert "각인 작업" in state["delay_detail"] and due.strftime("%Y-%m-%d") in state["delay_detail"]
    assert [r.path.rsplit("/", 1)[1] for r in records if r.method == "POST"] == ["deliveryDelayGuide"]


def test_11st_delay_beyond_30_days_is_refused_but_the_confirmation_stands(fresh_sandbox):
    adapter = _adapter(fresh_sandbox, "11st", [])
    sandbox_line, line = _new_line(fresh_sandbox, adapter, "11st")
    (outcome,) = adapter.confirm_orders([line], ship_at=datetime.now(KST) + timedelta(days=40),
                                        delay=DispatchDelay("PRODUCT_PREPARE"))
    assert outcome.outcome is Outcome.OK
    assert "발송지연 안내를 전송하지 못했습니다: 예약발송일은 최대 D+30일까지 가능합니다." in outcome.message
    assert fresh_sandbox.line("11st", sandbox_line)["line"]["status"] == "CONFIRMED"
