"""HTTP transport for marketplace adapters: per-account call budgets, retries, backoff, call log."""
from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Callable
from urllib.parse import urlsplit

from flask_babel import gettext as _
import requests

from portal.channel_errors import (
    AmbiguousError, AuthError, PermanentError, RateLimited, RetryableError,
)

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
# Headers in which channels return their own request id (Naver, Coupang, generic).
REQUEST_ID_HEADERS = ("GNCP-GW-Trace-ID", "X-Coupang-Transaction-Id", "X-Request-Id", "X-Trace-Id")


@dataclass(frozen=True)
class CallRecord:
    """One HTTP attempt, safe to store: no query string, no headers, no bodies."""

    account_key: str
    method: str
    path: str
    status: int | None
    duration_ms: int
    attempt: int
    request_id: str = ""
    error: str = ""


class TokenBucket:
    """rate tokens per second, at most `burst` saved up."""

    def __init__(self, rate: float, burst: float, clock: Callable[[], float]):
        self.rate, self.burst, self.clock = rate, burst, clock
        self.tokens = burst
        self.updated = clock()

    def take(self) -> float:
        """Take one token; return how many seconds the caller must wait first."""
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        self.tokens -= 1
        return 0.0 if self.tokens >= 0 else -self.tokens / self.rate


class CallBudget:
    """Token buckets keyed by channel account, shared by every adapter in this process."""

    def __init__(self, rate: float = 5.0, burst: float = 10.0,
                 clock: Callable[[], float] = time.monotonic):
        self.rate, self.burst, self.clock = rate, burst, clock
        self._buckets: dict[str, TokenBucket] = {}
        self._next_slot: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait_time(self, account_key: str) -> float:
        with self._lock:
            bucket = self._buckets.get(account_key)
            if bucket is None:
                bucket = self._buckets[account_key] = TokenBucket(self.rate, self.burst, self.clock)
            return bucket.take()

    def spacing_wait(self, key: str, interval: float, *, only_if_free: bool = False) -> float:
        """Calls of `key` at least `interval` seconds apart (a channel's "5초당 1회"): reserves the next slot
        and returns the seconds until it; with only_if_free the slot is taken only when it is free now,
        otherwise the wait is returned and nothing is reserved (the caller comes back later)."""
        with self._lock:
            now = self.clock()
            wait = max(0.0, self._next_slot.get(key, now) - now)
            if only_if_free and wait > 0:
                return wait
            self._next_slot[key] = now + wait + interval
            return wait


DEFAULT_BUDGET = CallBudget()


def retry_after_seconds(resp: requests.Response) -> float | None:
    value = resp.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            return None


class ChannelHttp:
    """The one place adapters send HTTP through.

    - waits for the account's call budget before every attempt;
    - retries 429 (honouring Retry-After), 5xx and connection failures with exponential
      backoff, but only when repeating cannot do harm: a non-idempotent write that timed out
      or got a 5xx after being sent raises AmbiguousError instead of being resent;
    - never retries other 4xx: they come back to the adapter as they are (Naver throttles
      applications for hours after repeated 400s);
    - reports every attempt to on_call as a CallRecord without query, headers or body;
    - never lets a transport exception's own text out (it may quote a header, i.e. a key): every
      failure becomes a ChannelError with our message, raised without the original attached.
    """

    def __init__(self, session: requests.Session | None = None, *, budget: CallBudget | None = None,
                 max_retries: int = 3, backoff_base: float = 0.5, backoff_max: float = 30.0,
                 max_retry_after: float = 120.0, timeout: tuple[float, float] = (5.0, 30.0),
                 sleep: Callable[[float], None] = time.sleep,
                 on_call: Callable[[CallRecord], None] | None = None,
                 jitter: Callable[[], float] = random.random):
        self.session = session or requests.Session()
        self.budget = budget or DEFAULT_BUDGET
        self.max_retries = max_retries
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self.max_retry_after = max_retry_after
        self.timeout = timeout
        self.sleep = sleep
        self.on_call = on_call
        self.jitter = jitter

    def backoff(self, attempt: int) -> float:
        return min(self.backoff_max,
                   self.backoff_base * (2 ** (attempt - 1)) * (1 + self.jitter() * 0.1))

    def request(self, method: str, url: str, *, account_key: str = "",
                budget_keys: tuple[str, ...] = (), idempotent: bool | None = None,
                retry_hint: Callable[[requests.Response], float | None] | None = None,
                timeout: tuple[float, float] | float | None = None, **kwargs) -> requests.Response:
        """Send and return the final response (any status but exhausted 429/5xx).

        retry_hint lets a channel say "retry this 200/4xx answer after N seconds" (e.g. a
        business-level throttle code inside a 200 body); return None for "do not retry".
        budget_keys name further budgets the call counts against besides the account's (e.g. the
        application key of a channel that limits per application).
        """
        method = method.upper()
        if idempotent is None:
            idempotent = method in IDEMPOTENT_METHODS
        path = urlsplit(url).path
        attempt = 0
        while True:
            attempt += 1
            wait = max(self.budget.wait_time(key) for key in (account_key, *budget_keys))
            if wait > 0:
                self.sleep(wait)
            started = time.monotonic()
            try:
                resp = self.session.request(method, url, timeout=timeout or self.timeout, **kwargs)
            except requests.ConnectTimeout as exc:
                # Nothing reached the channel, so any request may be repeated.
                self._report(account_key, method, path, None, started, attempt,
                             error=type(exc).__name__)
                if attempt > self.max_retries:
                    raise RetryableError(_("제휴몰 서버에 연결하지 못했습니다. 잠시 후 다시 시도해 "
                                         "주세요."), "CONNECT_TIMEOUT") from None
                self.sleep(self.backoff(attempt))
                continue
            except (requests.ReadTimeout, requests.ConnectionError) as exc:
                self._report(account_key, method, path, None, started, attempt,
                             error=type(exc).__name__)
                sent = isinstance(exc, requests.ReadTimeout) or _maybe_sent(exc)
                if sent and not idempotent:
                    raise AmbiguousError(_("요청을 보냈지만 응답을 받지 못했습니다. 처리 여부를 "
                                         "확인한 뒤 다시 보내 주세요."), "NO_RESPONSE") from None
                if attempt > self.max_retries:
                    raise RetryableError(_("제휴몰 서버가 응답하지 않습니다. 잠시 후 다시 시도해 "
                                         "주세요."), "NO_RESPONSE") from None
                self.sleep(self.backoff(attempt))
                continue
            except requests.RequestException as exc:
                # The request could not even be built or sent (a header with a line break, a bad
                # URL): the library's text may quote a header, i.e. a key. Only its type is kept.
                self._report(account_key, method, path, None, started, attempt,
                             error=type(exc).__name__)
                raise PermanentError(_("제휴몰에 보낼 요청을 만들지 못했습니다. 제휴몰 계정정보의 인증키에 "
                                     "공백이나 줄바꿈이 없는지 확인해 주세요."), "INVALID_REQUEST") from None
            self._report(account_key, method, path, resp.status_code, started, attempt,
                         request_id=_request_id(resp))
            delay = self._retry_delay(resp, idempotent, retry_hint, attempt)
            if delay is None:
                return resp
            self.sleep(delay)

    def _retry_delay(self, resp, idempotent, retry_hint, attempt) -> float | None:
        status = resp.status_code
        if status == 429:
            after = retry_after_seconds(resp)
            if attempt > self.max_retries or (after is not None and after > self.max_retry_after):
                raise RateLimited(_("제휴몰 호출 한도를 초과했습니다. 잠시 후 다시 시도해 주세요."),
                                  "RATE_LIMITED", retry_after=after)
            return after if after is not None else self.backoff(attempt)
        if status >= 500:
            if not idempotent:
                return None  # the adapter turns this into AMBIGUOUS after reading its body
            if attempt > self.max_retries:
                return None
            after = retry_after_seconds(resp)
            if after is not None and after <= self.max_retry_after:
                return after
            return self.backoff(attempt)
        if retry_hint is not None and attempt <= self.max_retries:
            return retry_hint(resp)
        return None

    def _report(self, account_key, method, path, status, started, attempt, request_id="", error=""):
        if self.on_call is None:
            return
        self.on_call(CallRecord(account_key=account_key, method=method, path=path, status=status,
                                duration_ms=int((time.monotonic() - started) * 1000),
                                attempt=attempt, request_id=request_id, error=error))


def _request_id(resp: requests.Response) -> str:
    for name in REQUEST_ID_HEADERS:
        if resp.headers.get(name):
            return resp.headers[name]
    return ""


def _maybe_sent(exc: requests.ConnectionError) -> bool:
    """A dropped connection may happen after the body left; only 'refused' proves it did not."""
    text = str(exc).lower()
    return not ("refused" in text or "name or service not known" in text
                or "failed to resolve" in text)


def error_for(resp: requests.Response, message_ko: str, code: str = "", *, write: bool = False):
    """The adapter error class for a failed HTTP answer, carrying the channel's own text and code.

    5xx on a write means the channel may have applied it before failing (Coupang 504/521 after
    the state changed), so it becomes AmbiguousError; on a read it is simply retryable.
    """
    status = resp.status_code
    if status == 429:
        return RateLimited(message_ko, code, retry_after=retry_after_seconds(resp))
    if status in (401, 403):
        return AuthError(message_ko, code, http_status=status)
    if status >= 500:
        cls = AmbiguousError if write else RetryableError
        return cls(message_ko, code, http_status=status)
    return PermanentError(message_ko, code, http_status=status)
