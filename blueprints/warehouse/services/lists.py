"""List helpers shared by the 창고관리 lists: the 기간 filter (신청일/입고일/출고일) and paging."""
from datetime import date, datetime, time, timedelta

from flask import abort
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import func

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


class IdsFirst(Pagination):
    """OFFSET walks the narrow index for the page's ids, then reads only those rows: a deep page
    of 200,000 items skips index entries, not table rows. A page in the second half is read from
    the other end (the query orders by id), so the last page skips nothing at all."""

    def _query_items(self) -> list:
        query, id_col = self._query_args["query"], self._query_args["id_col"]
        known = self._query_args.get("total")
        self._total = known() if known is not None else self._count(query, id_col)
        offset = self._query_offset
        ids_query = query.with_entities(id_col)
        if offset > self._total // 2:
            from_end = max(0, self._total - offset - self.per_page)
            size = min(self.per_page, self._total - offset)
            ids = [i for (i,) in ids_query.order_by(None).order_by(id_col.asc()).limit(max(size, 0))
                   .offset(from_end)][::-1]
        else:
            ids = [i for (i,) in ids_query.limit(self.per_page).offset(offset)]
        rows = {row.id: row for row in query.order_by(None).filter(id_col.in_(ids))} if ids else {}
        return [rows[i] for i in ids if i in rows]

    @staticmethod
    def _count(query, id_col) -> int:
        return query.order_by(None).with_entities(func.count(id_col)).scalar()

    def _query_count(self) -> int:
        return self._total


def paginate(query, args, default: int = 50, id_col=None, total=None):
    """A page of the list; `total`, when given, tells the count without counting (unfiltered lists)."""
    page = args.get("page", 1, type=int)
    if page < 1:
        abort(404)
    if id_col is not None:
        return IdsFirst(page=page, per_page=per_page(args, default), error_out=False, query=query, id_col=id_col,
                        total=total)
    return query.paginate(page=page, per_page=per_page(args, default), error_out=False)
