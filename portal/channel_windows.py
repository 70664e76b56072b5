"""Time windows and batching for marketplace reads: KST, split_windows, dedupe, chunks."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Iterable, Iterator

KST = timezone(timedelta(hours=9), "KST")


def split_windows(since: datetime, until: datetime, max_span: timedelta,
                  overlap: timedelta = timedelta(minutes=5)) -> list[tuple[datetime, datetime]]:
    """Cut [since, until) into windows of at most max_span, each starting `overlap` early.

    The overlap makes sure a row stamped right at a boundary is not missed; reads therefore
    return duplicates which callers remove with dedupe().
    """
    if until <= since:
        return []
    if overlap >= max_span:
        raise ValueError("overlap must be shorter than max_span")
    windows = []
    start = since
    while start < until:
        end = min(start + max_span, until)
        windows.append((start, end))
        if end >= until:
            break
        start = end - overlap
    return windows


def dedupe(rows: Iterable[Any], key: Callable[[Any], Any]) -> list[Any]:
    """Keep the first row per channel id, in order."""
    seen: set = set()
    out = []
    for row in rows:
        k = key(row)
        if k not in seen:
            seen.add(k)
            out.append(row)
    return out


def chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def to_kst(value: datetime) -> datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=KST)
    return value.astimezone(KST)
