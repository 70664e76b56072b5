"""List helpers shared by the 창고관리 lists: the 기간 filter (신청일/입고일/출고일) and paging."""
from datetime import date, datetime, time, timedelta

from flask import abort

PER_PAGE_CHOICES = (20, 50, 100)


def _day(text) -> date | None:
    try:
        return date.fromisoformat(str(text or "").strip())
    except ValueError:
        return None


def _utc(day: date) -> datetime:
    """Midnight KST of `day` as the naive UTC the tables store."""
    return datetime.combine(day, time()) - timedelta(hours=9)


def period_filter(query, args, columns: dict):
    """?period=<column key>&start=YYYY-MM-DD&end=YYYY-MM-DD, days in KST, both ends included."""
    column = columns.get(args.get("period")) or next(iter(columns.values()))
    start, end = _day(args.get("start")), _day(args.get("end"))
    if start:
        query = query.filter(column >= _utc(start))
    if end:
        query = query.filter(column < _utc(end + timedelta(days=1)))
    return query


def per_page(args, default: int = 50) -> int:
    value = args.get("per_page", type=int) if hasattr(args, "getlist") else None
    return value if value in PER_PAGE_CHOICES else default


def paginate(query, args, default: int = 50):
    page = args.get("page", 1, type=int)
    if page < 1:
        abort(404)
    return query.paginate(page=page, per_page=per_page(args, default), error_out=False)
