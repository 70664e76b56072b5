"""Channel call budgets kept in Redis, so every worker process of an installation shares them.

A budget is a token bucket per key: the channel account (each seller account has its own
allowance) and, where a channel counts per application (스마트스토어: per API and per
authenticated application), the application key as well. Keys carry the installation's
QUEUE_PREFIX so installations sharing one Redis keep apart. The refill uses Redis' own clock,
so processes on different machines agree. Without Redis the process-local budget is used.
"""
from __future__ import annotations

import hashlib

from redis import Redis
from redis.exceptions import RedisError

from portal.channel_http import DEFAULT_BUDGET, CallBudget

# Take one token; tokens may go below zero (the caller has reserved a slot and waits for it),
# exactly like the in-process TokenBucket. Returns the seconds to wait, as a string.
TAKE = """
local rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local v = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(v[1]) or burst
local ts = tonumber(v[2]) or now
tokens = math.min(burst, tokens + (now - ts) * rate) - 1
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('EXPIRE', KEYS[1], math.ceil((burst - tokens) / rate) + 60)
if tokens >= 0 then return '0' end
return tostring(-tokens / rate)
"""

# Calls of one key `interval` seconds apart: the next free slot is kept as a Redis-clock timestamp.
# ARGV: interval, "free" (take the slot only if it is free now) or "reserve". Returns the wait, as a string.
SPACE = """
local interval = tonumber(ARGV[1])
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local wait = math.max(0, (tonumber(redis.call('GET', KEYS[1])) or now) - now)
if ARGV[2] == 'free' and wait > 0 then return tostring(wait) end
redis.call('SET', KEYS[1], tostring(now + wait + interval), 'EX', math.ceil(wait + interval) + 60)
return tostring(wait)
"""


def budget_key(prefix: str, key: str) -> str:
    """The Redis key of one budget; credentials in a key are hashed, never stored as they are."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:24]
    return f"{prefix}channel-budget:{digest}"


class RedisCallBudget:
    """CallBudget's interface (wait_time) over Redis; falls back to `local` if Redis fails."""

    def __init__(self, conn: Redis, prefix: str, rate: float = 5.0, burst: float = 10.0,
                 local: CallBudget | None = None):
        self.conn, self.prefix, self.rate, self.burst = conn, prefix, rate, burst
        self.local = local or DEFAULT_BUDGET
        self._take = conn.register_script(TAKE)
        self._space = conn.register_script(SPACE)

    def wait_time(self, account_key: str) -> float:
        try:
            return float(self._take(keys=[budget_key(self.prefix, account_key)],
                                    args=[self.rate, self.burst]))
        except RedisError:
            # Redis went away mid-job: keep the process' own pace rather than fail the call.
            return self.local.wait_time(account_key)

    def spacing_wait(self, key: str, interval: float, *, only_if_free: bool = False) -> float:
        """CallBudget.spacing_wait shared by every worker: a continuation on another worker, or another job
        of the same account, sees the slot the last call took."""
        try:
            return float(self._space(keys=[budget_key(self.prefix, f"spacing:{key}")],
                                     args=[interval, "free" if only_if_free else "reserve"]))
        except RedisError:
            return self.local.spacing_wait(key, interval, only_if_free=only_if_free)


def shared_budget(app=None):
    """The installation's budget: in Redis when it answers, else this process' own."""
    from flask import current_app

    from portal.queues import redis_connection

    app = app or current_app
    try:
        conn = redis_connection(app)
    except RedisError:
        conn = None
    if conn is None:
        return DEFAULT_BUDGET
    return RedisCallBudget(conn, app.config["QUEUE_PREFIX"],
                           rate=float(app.config.get("CHANNEL_CALL_RATE", 5.0)),
                           burst=float(app.config.get("CHANNEL_CALL_BURST", 10.0)))
