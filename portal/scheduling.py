"""Periodic work: Schedule definitions with stable ids, and the `flask portal scheduler` loop."""
import logging
import os
import socket
import time
from dataclasses import dataclass
from datetime import timedelta

from flask_babel import gettext
from redis.exceptions import RedisError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Schedule:
    """Run `func(app)` every `every`; `func` only decides what to enqueue (one job per account).

    The id is stable: it names the Redis lock that keeps two schedulers from firing the
    same schedule twice, so renaming it is a deployment change.
    """

    id: str
    every: timedelta
    func: object
    description: str = ""


def all_schedules(app) -> list[Schedule]:
    return [s for plugin in app.extensions["menus"].values() for s in plugin.schedules]


def fire_due(app, conn, now: float | None = None) -> list[str]:
    """Fire every schedule whose period has passed; a Redis key per period makes it once-only."""
    from portal.queues import redis_key

    now = time.time() if now is None else now
    fired = []
    for schedule in all_schedules(app):
        period = int(schedule.every.total_seconds())
        slot = int(now // period)
        key = redis_key(f"schedule:{schedule.id}:{slot}", app)
        if conn.set(key, "1", nx=True, ex=period * 2):
            with app.app_context():
                try:
                    schedule.func(app)
                except Exception:  # one broken schedule must not stop the others
                    log.exception("schedule %s failed", schedule.id)
                    continue
            fired.append(schedule.id)
    return fired


LOCK_NAME = "scheduler:running"


def lock_key(app=None) -> str:
    """The one-scheduler lock of this installation (its QUEUE_PREFIX in front, like every key)."""
    from portal.queues import redis_key

    return redis_key(LOCK_NAME, app)


class SchedulerRunning(RuntimeError):
    """Another scheduler holds the lock on this Redis: a second one would only add noise."""


def claim_scheduler(conn, ttl: int, app=None) -> str:
    """Take the one-scheduler lock for `ttl` seconds; raise SchedulerRunning when another holds it."""
    token, key = f"{socket.gethostname()}:{os.getpid()}", lock_key(app)
    if conn.set(key, token, nx=True, ex=ttl) or conn.get(key) == token.encode():
        conn.expire(key, ttl)
        return token
    holder = (conn.get(key) or b"").decode()
    raise SchedulerRunning(gettext("스케줄러가 이미 실행 중입니다 (%(holder)s). 스케줄러는 하나만 실행해 주세요.",
                                   holder=holder))


def release_scheduler(conn, token: str, app=None) -> None:
    key = lock_key(app)
    if conn.get(key) == token.encode():
        conn.delete(key)


def run_scheduler(app, tick: float = 20.0, once: bool = False) -> None:
    from portal.queues import redis_connection

    conn = redis_connection(app)
    if conn is None:
        raise RuntimeError(gettext("스케줄러에는 Redis가 필요합니다: %(url)s", url=app.config["REDIS_URL"]))
    ttl = int(tick * 3) + 1  # a scheduler killed without cleanup frees the lock within three ticks
    token = claim_scheduler(conn, ttl, app)
    try:
        _loop(app, conn, tick, once, ttl)
    finally:
        release_scheduler(conn, token, app)


def _loop(app, conn, tick: float, once: bool, ttl: int) -> None:
    from portal.rq_worker import fail_abandoned_runs

    for schedule in all_schedules(app):
        log.info("schedule %s every %s: %s", schedule.id, schedule.every, schedule.description)
    while True:
        try:
            claim_scheduler(conn, ttl, app)  # keeps the lock alive; raises if another took it meanwhile
            fired = fire_due(app, conn)
        except RedisError:
            log.exception("Redis error in the scheduler; retrying")
            fired = []
        if fired:
            log.info("fired %s", ", ".join(fired))
        with app.app_context():
            if abandoned := fail_abandoned_runs(app, conn):
                log.warning("marked %s abandoned job runs as failed", abandoned)
        if once:
            return
        time.sleep(tick)
