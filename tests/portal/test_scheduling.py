"""Schedules fire once per period even with two schedulers, and a broken one spares the rest."""
from datetime import timedelta

import pytest

from portal import scheduling
from portal.scheduling import Schedule, all_schedules, fire_due


@pytest.fixture
def conn(redis_space):
    return redis_space.conn


@pytest.fixture
def name(redis_space):
    """Schedule ids of this test's own: their Redis locks carry its key prefix (deleted afterwards)."""
    return lambda what: f"{redis_space.prefix}{what}"


def test_menus_contribute_their_schedules(app):
    ids = {s.id for s in all_schedules(app)}
    assert "sales-stock-reconcile" in ids
    assert any("collect" in i for i in ids)  # 주문관리's automatic collection


@pytest.mark.redis
def test_each_period_fires_once_across_schedulers(app, conn, name, monkeypatch):
    calls = []
    only = [Schedule(name("collect"), timedelta(minutes=15), lambda a: calls.append(1))]
    monkeypatch.setattr(scheduling, "all_schedules", lambda app: only)
    assert fire_due(app, conn, now=1000.0) == [name("collect")]
    assert fire_due(app, conn, now=1000.0 + 60) == []  # a second scheduler, same period
    assert fire_due(app, conn, now=1000.0 + 900) == [name("collect")]  # next period
    assert len(calls) == 2


@pytest.mark.redis
def test_a_failing_schedule_does_not_stop_the_others(app, conn, name, monkeypatch):
    def broken(app):
        raise RuntimeError("boom")

    calls = []
    only = [Schedule(name("broken"), timedelta(minutes=5), broken),
            Schedule(name("ok"), timedelta(minutes=5), lambda a: calls.append(1))]
    monkeypatch.setattr(scheduling, "all_schedules", lambda app: only)
    assert fire_due(app, conn, now=5000.0) == [name("ok")]
    assert calls == [1]


@pytest.mark.redis
def test_a_second_scheduler_is_refused_while_one_runs(app, conn):
    app.config.update(JOBS_MODE="auto")  # redis_space points the app at the test Redis and its prefix
    key = scheduling.lock_key(app)
    assert key.startswith(app.config["QUEUE_PREFIX"])
    running = scheduling.claim_scheduler(conn, ttl=60)  # the first scheduler, as another process
    conn.set(key, "otherhost:4242", ex=60)
    with pytest.raises(scheduling.SchedulerRunning):
        scheduling.claim_scheduler(conn, ttl=60)
    result = app.test_cli_runner().invoke(args=["portal", "scheduler", "--once"])
    assert result.exit_code == 1
    assert "스케줄러가 이미 실행 중입니다 (otherhost:4242)" in result.output
    scheduling.release_scheduler(conn, running)  # not ours any more: left alone
    assert conn.get(key) == b"otherhost:4242"

    conn.delete(key)  # the first one stopped
    result = app.test_cli_runner().invoke(args=["portal", "scheduler", "--once"])
    assert result.exit_code == 0, result.output
    assert conn.get(key) is None  # released on the way out
