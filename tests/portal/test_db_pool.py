"""Pooled database connections the server ended are replaced before a page uses them."""
import time

import pytest
from sqlalchemy import create_engine, text

from portal.extensions import db


def _end_pooled_connections(url: str) -> int:
    """What a database restart or an idle timeout does: the server ends every idle connection of the portal."""
    killer = create_engine(url, poolclass=None)
    with killer.connect() as conn:
        ended = conn.execute(text(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND state = 'idle'")).scalar()
        for _ in range(50):  # until the server has closed them
            if not conn.execute(text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                     "AND pid <> pg_backend_pid() AND state = 'idle'")).scalar():
                break
            time.sleep(0.05)
    killer.dispose()
    return ended


def test_pages_answer_after_the_server_ended_the_pooled_connections(client, auth, seller, database_url):
    if not database_url.startswith("postgresql"):
        pytest.skip("only a database server can end a connection")
    auth.login()
    assert client.get("/dashboard").status_code == 200
    db.session.remove()  # the test's own session gives its connection back to the pool
    assert _end_pooled_connections(database_url) >= 1
    for url in ("/dashboard", "/orders/process"):
        resp = client.get(url)
        assert resp.status_code == 200, url
        assert "일시적인 오류" not in resp.get_data(as_text=True)
