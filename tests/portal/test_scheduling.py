"""Schedules fire once per period even with two schedulers, and a broken one spares the rest."""
from datetime import timedelta

import pytest
from redis import Redis

from portal.scheduling import Schedule, fire_due


@pytest.fixture
def conn():
    conn = Redis.from_url("redis://127.0.0.1:6379/13")
    conn.flushdb()
    yield conn
    conn.flushdb()


def test_each_period_fires_once_across_schedulers(app, conn):
    calls = []
    plugin = app.extensions["menus"]["orders"]
    plugin.schedules = [Schedule("test.collect", timedelta(minutes=15), lambda a: calls.append(1))]
    try:
        assert fire_due(app, conn, now=1000.0) == ["test.collect"]
        assert fire_due(app, conn, now=1000.0 + 60) == []  # a second scheduler, same period
        assert fire_due(app, conn, now=1000.0 + 900) == ["test.collect"]  # next period
    finally:
        plugin.schedules = []
    assert len(calls) == 2


def test_a_failing_schedule_does_not_stop_the_others(app, conn):
    def broken(app):
        raise RuntimeError("boom")

    calls = []
    plugin = app.extensions["menus"]["orders"]
    plugin.schedules = [Schedule("test.broken", timedelta(minutes=5), broken),
                        Schedule("test.ok", timedelta(minutes=5), lambda a: calls.append(1))]
    try:
        assert fire_due(app, conn, now=5000.0) == ["test.ok"]
    finally:
        plugin.schedules = []
    assert calls == [1]
