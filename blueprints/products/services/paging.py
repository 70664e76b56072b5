"""Keyset (seek) paging for long product lists: a stable sort key plus an id tiebreak, no OFFSET."""
from dataclasses import dataclass

from sqlalchemy import tuple_

PER_PAGE = 50


@dataclass
class Page:
    """One page of a list; `after`/`before` are the ids the 다음/이전 links carry."""

    items: list
    total: int
    page_no: int
    per_page: int
    has_prev: bool
    has_next: bool

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    def cursor_id(self, row) -> int:
        return row.id if hasattr(row, "id") else row[0]

    @property
    def after(self) -> int | None:
        return self.cursor_id(self.items[-1]) if self.items and self.has_next else None

    @property
    def before(self) -> int | None:
        return self.cursor_id(self.items[0]) if self.items and self.has_prev else None


def cursor_from(args) -> tuple[str, int] | None:
    """?after=<id>, ?before=<id> or ?last=1 from the query string; anything else is page 1."""
    for name in ("after", "before"):
        value = str(args.get(name) or "")
        if value.isdigit():
            return name, int(value)
    return ("last", 0) if args.get("last") == "1" else None


def last_size(total: int, per_page: int = PER_PAGE) -> int:
    """마지막 shows what the forward walk would end on, so 이전 from there meets its pages."""
    return total - (max(1, -(-total // per_page)) - 1) * per_page or per_page


def seek(query, key, id_col, descending: bool, cursor, anchor, per_page: int = PER_PAGE,
         total: int | None = None):
    """Rows of `query` ordered by (key, id) in one direction; `anchor(id)` is the key of a row.

    A cursor row that is gone (or another seller's: `anchor` is tenant-scoped) means page 1.
    Returns (rows, has_prev, has_next).
    """
    kind, row_id = cursor or ("first", 0)
    if kind == "last" and total is not None:
        per_page = last_size(total, per_page)
    if kind in ("after", "before"):
        value = anchor(row_id)
        if value is None:
            kind = "first"
    backwards = kind in ("before", "last")
    reads_desc = descending != backwards
    if kind in ("after", "before"):
        pair, mark = tuple_(key, id_col), tuple_(value, row_id)
        query = query.filter(pair < mark if reads_desc else pair > mark)
    order = (key.desc(), id_col.desc()) if reads_desc else (key.asc(), id_col.asc())
    rows = query.order_by(*order).limit(per_page + 1).all()
    more = len(rows) > per_page
    rows = rows[:per_page]
    if backwards:
        rows.reverse()
    has_prev = {"first": False, "after": True, "before": more, "last": more}[kind]
    has_next = {"first": more, "after": more, "before": True, "last": False}[kind]
    return rows, has_prev, has_next


def page_number(args, cursor, total: int, per_page: int = PER_PAGE) -> int:
    """The number shown beside the links; it travels in the URL and never drives the query."""
    pages = max(1, -(-total // per_page))
    if cursor is None:
        return 1
    if cursor[0] == "last":
        return pages
    shown = args.get("page", type=int) if hasattr(args, "getlist") else None
    return min(max(1, shown or 1), pages)
