"""접수번호: K + yymmdd (KST day) + a 7-digit sequence of that day, unique across sellers, never reused.

The sequence lives in one row per day (ReceiptSequence). Drawing n numbers is one statement,
INSERT … ON CONFLICT (day) DO UPDATE SET last = last + n RETURNING last, which on PostgreSQL locks
the day's row until the drawing transaction ends: a concurrent 배송접수 waits and then draws after it.
A transaction that rolls back gives its numbers back only if nobody drew after it; numbers that are
skipped are never handed out again (a deleted shipment keeps its number).
"""
from datetime import date, datetime, timedelta, timezone

from sqlalchemy.dialects import postgresql, sqlite

from models import ReceiptSequence
from portal.extensions import db

KST = timezone(timedelta(hours=9))
WIDTH = 7


def kst_day(now: datetime | None = None) -> date:
    return (now or datetime.now(timezone.utc)).astimezone(KST).date()


def draw(n: int, day: date | None = None) -> list[str]:
    """n fresh 접수번호 for `day` (today in KST), in the caller's transaction."""
    if n <= 0:
        return []
    day = day or kst_day()
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    table = ReceiptSequence.__table__
    stmt = dialect.insert(table).values(day=day, last=n)
    stmt = stmt.on_conflict_do_update(index_elements=[table.c.day], set_={"last": table.c.last + n})
    last = db.session.execute(stmt.returning(table.c.last)).scalar_one()
    if last >= 10 ** WIDTH:
        raise OverflowError("the receipt-number sequence of the day is exhausted")
    prefix = "K" + day.strftime("%y%m%d")
    return [f"{prefix}{seq:0{WIDTH}d}" for seq in range(last - n + 1, last + 1)]
