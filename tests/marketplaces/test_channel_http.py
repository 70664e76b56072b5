"""ChannelHttp: budgets, retries and backoff, ambiguous writes, and a call log without secrets."""
import pytest
import requests

from portal.channel_http import CallBudget, ChannelHttp
from portal.marketplaces import AmbiguousError, RateLimited


class ScriptedSession:
    """A requests.Session stand-in that plays back answers (or raises) in order and counts calls."""

    def __init__(self, *steps):
        self.steps = list(steps)
        self.calls = []

    def request(self, method, url, **kwargs):
        self.calls.append((method, url, kwargs))
        step = self.steps.pop(0)
        if isinstance(step, Exception):
            raise step
        status, headers = step if isinstance(step, tuple) else (step, {})
        resp = requests.Response()
        resp.status_code, resp.headers["Content-Type"] = status, "application/json"
        resp.headers.update(headers)
        resp._content = b"{}"
        return resp


def make(session, sleeps, records=None, **kwargs):
    return ChannelHttp(session, budget=CallBudget(rate=1000, burst=1000), sleep=sleeps.append,
                       on_call=records.append if records is not None else None, jitter=lambda: 0.0,
                       **kwargs)


def test_429_is_retried_after_the_retry_after_seconds():
    sleeps, session = [], ScriptedSession((429, {"Retry-After": "7"}), 200)
    resp = make(session, sleeps).request("GET", "https://x.test/orders")
    assert resp.status_code == 200 and len(session.calls) == 2 and sleeps == [7.0]


def test_5xx_on_a_read_backs_off_exponentially_then_gives_the_last_answer():
    sleeps, session = [], ScriptedSession(500, 502, 503, 500)
    resp = make(session, sleeps, max_retries=3).request("GET", "https://x.test/orders")
    assert resp.status_code == 500 and len(session.calls) == 4 and sleeps == [0.5, 1.0, 2.0]


def test_a_400_is_never_retried():
    sleeps, session = [], ScriptedSession(400, 200)
    assert make(session, sleeps).request("POST", "https://x.test/confirm").status_code == 400
    assert len(session.calls) == 1 and sleeps == []


def test_a_5xx_on_a_write_is_not_resent():
    sleeps, session = [], ScriptedSession(504, 200)
    assert make(session, sleeps).request("POST", "https://x.test/dispatch").status_code == 504
    assert len(session.calls) == 1


def test_a_timeout_after_sending_a_write_is_ambiguous_and_not_resent():
    sleeps, session = [], ScriptedSession(requests.ReadTimeout("read timed out"), 200)
    with pytest.raises(AmbiguousError):
        make(session, sleeps).request("POST", "https://x.test/dispatch")
    assert len(session.calls) == 1


def test_a_timeout_on_a_read_is_retried():
    sleeps, session = [], ScriptedSession(requests.ReadTimeout("read timed out"), 200)
    assert make(session, sleeps).request("GET", "https://x.test/orders").status_code == 200
    assert len(session.calls) == 2


def test_a_refused_connection_is_retried_even_for_writes():
    sleeps = []
    session = ScriptedSession(requests.ConnectionError("Connection refused"), 200)
    assert make(session, sleeps).request("POST", "https://x.test/dispatch").status_code == 200


def test_endless_429_ends_in_rate_limited_with_the_hint():
    sleeps, session = [], ScriptedSession(*[(429, {"Retry-After": "1"})] * 5)
    with pytest.raises(RateLimited) as err:
        make(session, sleeps, max_retries=2).request("GET", "https://x.test/orders")
    assert err.value.retry_after == 1.0 and len(session.calls) == 3


def test_a_retry_after_longer_than_the_limit_is_handed_to_the_caller():
    sleeps, session = [], ScriptedSession((429, {"Retry-After": "3600"}))
    with pytest.raises(RateLimited) as err:
        make(session, sleeps).request("GET", "https://x.test/orders")
    assert err.value.retry_after == 3600 and sleeps == []


def test_call_records_carry_path_status_and_request_id_but_no_query_or_headers():
    sleeps, records = [], []
    session = ScriptedSession((200, {"GNCP-GW-Trace-ID": "trace-1"}))
    make(session, sleeps, records).request("GET", "https://x.test/v1/orders?token=SECRET",
                                           headers={"Authorization": "Bearer SECRET"},
                                           account_key="acct")
    (record,) = records
    assert (record.method, record.path, record.status, record.request_id) == ("GET", "/v1/orders",
                                                                              200, "trace-1")
    assert "SECRET" not in repr(record)


def test_the_call_budget_makes_a_busy_account_wait_but_not_another():
    clock = [0.0]
    budget = CallBudget(rate=2, burst=2, clock=lambda: clock[0])
    assert budget.wait_time("a") == 0 and budget.wait_time("a") == 0
    assert budget.wait_time("a") == pytest.approx(0.5)
    assert budget.wait_time("b") == 0
    clock[0] += 10
    assert budget.wait_time("a") == 0
