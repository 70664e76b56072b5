"""Pooled PostgreSQL connections: one the server has ended is replaced at checkout, without a round trip.

A connection resting in the pool has nothing to read: the server speaks only when asked, except to say it
is ending the connection (a restart, pg_terminate_backend, an idle timeout), and a closed socket reads as
the end of the stream. So instead of a `SELECT 1` before every request (pool_pre_ping), checkout looks at
the socket without waiting: anything readable means the connection is over, and the pool opens another
(SQLAlchemy's documented way: a checkout listener raising DisconnectionError). A peer that vanished
without a word is not seen this way (nor promptly by a ping); pool_recycle bounds a connection's age.
"""
import select

from sqlalchemy import event, exc

RECYCLE_SECONDS = 1800  # under common firewall and load-balancer idle timeouts


def engine_options(options: dict) -> dict:
    """The options of a PostgreSQL engine: connections retired after RECYCLE_SECONDS unless set otherwise."""
    return {"pool_recycle": RECYCLE_SECONDS, **options}


def init_engine(engine, options: dict) -> None:
    """Check psycopg connections at checkout, unless pool_pre_ping was asked for (it pings instead)."""
    if engine.dialect.driver == "psycopg" and not options.get("pool_pre_ping"):
        event.listen(engine, "checkout", _checkout)


def ended(dbapi_connection) -> bool:
    """The server has ended this idle connection (or the socket is gone)."""
    if dbapi_connection.closed or dbapi_connection.broken:
        return True
    try:
        poller = select.poll()
        poller.register(dbapi_connection.fileno(), select.POLLIN | select.POLLPRI)
        return bool(poller.poll(0))
    except (OSError, ValueError):
        return True


def _checkout(dbapi_connection, connection_record, connection_proxy) -> None:
    if ended(dbapi_connection):
        raise exc.DisconnectionError("the server ended this pooled connection")
