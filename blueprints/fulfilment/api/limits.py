"""KSE API rate limit: requests per API key and minute, counted in Redis under the installation's prefix.

The `limits` library (Flask-Limiter's engine) keeps a moving window per key, so every web process of an
installation shares one count; keys read `<QUEUE_PREFIX>kse-api:…` like every other key of the
installation. Without Redis (the embedded default) each process counts for itself.
"""
import time

from flask import current_app
from limits import parse
from limits.storage import MemoryStorage, RedisStorage
from limits.strategies import MovingWindowRateLimiter
from redis.exceptions import RedisError

DEFAULT_LIMIT = "120/minute"  # KSE_API_RATE_LIMIT overrides


def _limiter(app) -> MovingWindowRateLimiter:
    from portal.queues import redis_connection

    key = ("kse_api_limiter", app.config["QUEUE_PREFIX"], app.config.get("REDIS_URL"), app.config.get("JOBS_MODE"))
    cached = app.extensions.get("kse_api_limiter")
    if cached and cached[0] == key:
        return cached[1]
    try:
        conn = redis_connection(app)
    except RedisError:
        conn = None
    storage = (RedisStorage(app.config["REDIS_URL"], key_prefix=f"{app.config['QUEUE_PREFIX']}kse-api")
               if conn is not None else MemoryStorage())
    limiter = MovingWindowRateLimiter(storage)
    app.extensions["kse_api_limiter"] = (key, limiter)
    return limiter


def take(key_id: int) -> tuple[bool, int]:
    """Count one request of an API key: (allowed, seconds until the window frees a slot)."""
    app = current_app._get_current_object()
    item = parse(app.config.get("KSE_API_RATE_LIMIT", DEFAULT_LIMIT))
    limiter = _limiter(app)
    try:
        if limiter.hit(item, "key", str(key_id)):
            return True, 0
        reset = limiter.get_window_stats(item, "key", str(key_id)).reset_time
    except RedisError:
        return True, 0  # Redis went away: serve rather than refuse every caller
    return False, max(1, int(reset - time.time()) + 1)
