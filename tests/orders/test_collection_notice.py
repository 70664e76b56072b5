"""The dashboard says when automatic order collection is off: no Redis, or no scheduler running."""
import pytest

from portal.scheduling import lock_key

from ..conftest import make_user

NOTICE = "주문서 자동 수집이 꺼져 있습니다"


def test_without_redis_the_dashboard_says_collection_is_off(app, client, auth, seller):
    app.config.update(JOBS_MODE="auto", REDIS_URL="redis://127.0.0.1:1/0")  # nothing answers there
    auth.login()
    html = client.get("/dashboard").get_data(as_text=True)
    assert NOTICE in html and "Redis에 연결할 수 없어" in html
    assert 'href="/orders/collect"' in html


@pytest.mark.redis
def test_with_redis_the_notice_follows_the_scheduler(app, client, auth, seller, redis_space):
    app.config.update(JOBS_MODE="auto")  # the test Redis, under this test's own prefix
    conn = redis_space.conn
    auth.login()
    html = client.get("/dashboard").get_data(as_text=True)
    assert NOTICE in html and "flask --app wsgi portal scheduler" in html
    conn.set(lock_key(app), "host:1", ex=30)  # a scheduler runs
    try:
        assert NOTICE not in client.get("/dashboard").get_data(as_text=True)
    finally:
        conn.delete(lock_key(app))


def test_staff_without_order_duty_is_not_told(app, client, auth, seller):
    app.config.update(JOBS_MODE="inline")
    make_user("sellerAgoods", seller, duties=["products"])
    auth.login("sellerAgoods")
    assert NOTICE not in client.get("/dashboard").get_data(as_text=True)
