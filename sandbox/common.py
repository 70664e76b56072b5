"""Request guard shared by the sandbox protocols: shop lookup, rate limits, faults, journal."""
from __future__ import annotations

import json
import threading
import time
from typing import Callable

from flask import Blueprint, current_app, g, request

KST_OFFSET = 9 * 3600
_bucket_lock = threading.Lock()


def store():
    return current_app.extensions["sandbox_store"]


def _take_token(shop) -> float | None:
    """Per-shop token bucket in real time; returns seconds to wait when the bucket is empty."""
    buckets = current_app.extensions.setdefault("sandbox_buckets", {})
    with _bucket_lock:
        now = time.monotonic()
        tokens, updated = buckets.get(shop["id"], (shop["burst"], now))
        tokens = min(shop["burst"], tokens + (now - updated) * shop["rate"])
        if tokens < 1:
            buckets[shop["id"]] = (tokens, now)
            return (1 - tokens) / shop["rate"]
        buckets[shop["id"]] = (tokens - 1, now)
        return None


def install_guard(bp: Blueprint, protocol: str, authenticate: Callable[[], object],
                  error: Callable[[int, str, str], object], open_paths: tuple[str, ...] = ()):
    """Wire auth, rate limiting, scripted faults and the journal around every call of a protocol.

    authenticate() returns the shop dict or a ready error response.
    error(status, code, message) renders the protocol's own error body.
    """

    @bp.before_request
    def _guard():
        g.shop = None
        g.fault = None
        fault = store().take_fault(request.method, request.path)
        if fault and fault["kind"] == "timeout":
            time.sleep(fault["delay"])   # the client gives up; the call is then handled as usual
        elif fault and fault["kind"] in ("error_500", "error_503"):
            status = int(fault["kind"][-3:])
            resp = error(status, "SERVER_ERROR", "일시적인 서버 오류입니다.")
            if status == 503 and fault["delay"]:
                resp.headers["Retry-After"] = str(int(fault["delay"]))
            return resp
        elif fault and fault["kind"] == "rate_limit":
            return _rate_limited(error, fault["delay"] or 1)
        g.fault = fault
        if request.path.endswith(open_paths) if open_paths else False:
            return None
        shop = authenticate()
        if not isinstance(shop, dict):
            return shop
        g.shop = shop
        wait = _take_token(shop)
        if wait is not None:
            return _rate_limited(error, max(1, round(wait + 0.5)))
        return None

    @bp.after_request
    def _finish(resp):
        fault = getattr(g, "fault", None)
        if fault and fault["kind"] == "apply_then_504" and resp.status_code < 300:
            # The write is already committed; the gateway then loses the answer
            # (Coupang 504, Naver timeout).
            resp = error(504, "GATEWAY_TIMEOUT",
                         "Request timed out. 요청 처리 시간이 초과되었습니다.")
        shop = getattr(g, "shop", None)
        store().log(shop["id"] if shop else None, request.method, request.path, resp.status_code,
                    _summary())
        return resp


def _rate_limited(error, seconds):
    resp = error(429, "RATE_LIMIT", "요청이 많아 잠시 후 다시 시도해 주세요.")
    resp.headers["Retry-After"] = str(int(seconds))
    return resp


SECRET_FIELDS = ("client_secret", "client_secret_sign", "secret_key", "openapikey", "api_key",
                 "refresh_token", "password", "pwd", "token")


def _summary() -> str:
    """What was sent, minus anything that would reveal a key."""
    if request.mimetype == "application/x-www-form-urlencoded":
        form = {k: ("***" if k in SECRET_FIELDS else v) for k, v in request.form.items()}
        return json.dumps(form, ensure_ascii=False)[:300]
    body = request.get_data(as_text=True) or ""
    if request.is_json:
        try:
            data = request.get_json(silent=True)
            if isinstance(data, dict):
                data = {k: ("***" if k in SECRET_FIELDS else v) for k, v in data.items()}
            body = json.dumps(data, ensure_ascii=False)
        except (TypeError, ValueError):
            pass
    return body[:300]


def fmt_kst(epoch: float, pattern: str) -> str:
    return time.strftime(pattern, time.gmtime(epoch + KST_OFFSET))


def iso_kst(epoch: float) -> str:
    # Round to the millisecond first: x.9996 must become (x+1).000, not x.000.
    seconds, ms = divmod(int(round(epoch * 1000)), 1000)
    return fmt_kst(seconds, "%Y-%m-%dT%H:%M:%S") + f".{ms:03d}+09:00"


def money(won: int) -> dict:
    """A money object of Coupang's v5 answers: {currencyCode, units, nanos}."""
    return {"currencyCode": "KRW", "units": int(won or 0), "nanos": 0}


def iso_kst_micro(epoch: float) -> str:
    """ISO-8601 with microseconds and offset, as Coupang v5 writes orderedAt."""
    stamp = iso_kst(epoch)
    return stamp[:23] + "000" + stamp[23:]


def parse_time(value: str) -> float | None:
    """Parse ISO-8601 with offset, yyyy-MM-dd(+09:00), yyyyMMddHHmm or yyyyMMdd (naive = KST)."""
    from datetime import datetime, timedelta, timezone

    if not value:
        return None
    value = value.strip().replace(" ", "+")
    kst = timezone(timedelta(hours=9))
    # Pick the pattern by shape: strptime would happily read 20261123 as 2026-01-01 02:03.
    patterns = {12: "%Y%m%d%H%M", 8: "%Y%m%d", 16: "%Y-%m-%dT%H:%M", 10: "%Y-%m-%d"}
    if len(value) == 16 and value[10] == "+":      # yyyy-MM-dd+09:00
        value = value[:10] + "T00:00:00" + value[10:]
    elif value.isdigit() or len(value) in (10, 16):
        try:
            return datetime.strptime(value,
                                     patterns.get(len(value), "")).replace(tzinfo=kst).timestamp()
        except ValueError:
            return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=kst)
    return parsed.timestamp()
