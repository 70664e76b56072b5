"""One pusher per listing at a time, across threads (embedded mode) and processes (PostgreSQL)."""
import threading
from contextlib import contextmanager

from sqlalchemy import text

from portal.extensions import db

LOCK_SPACE = 5005  # first key of the advisory lock pair; the listing id is the second
_guard = threading.Lock()
_locks: dict[int, threading.Lock] = {}


@contextmanager
def listing_lock(listing_id: int):
    """Serialise link, re-send and stock pushes of one listing.

    PostgreSQL: a session advisory lock on its own connection, so the job's commits (every
    progress line commits) do not release it. Elsewhere (SQLite, one process): a thread lock.
    """
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect() as conn:
            conn.execute(text("select pg_advisory_lock(:a, :b)"), {"a": LOCK_SPACE, "b": listing_id})
            try:
                yield
            finally:
                conn.execute(text("select pg_advisory_unlock(:a, :b)"), {"a": LOCK_SPACE, "b": listing_id})
                conn.commit()
        return
    with _guard:
        lock = _locks.setdefault(listing_id, threading.Lock())
    with lock:
        yield
