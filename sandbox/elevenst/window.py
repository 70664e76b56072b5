"""11번가 sandbox list-call date windows: yyyyMMddHHmm (or yyyyMMdd) path pairs, at most 7 days."""
from __future__ import annotations

from ..common import parse_time
from .xmlio import result

MAX_WINDOW = 7 * 86400


def query_window(start_s, end_s, pattern_len=12):
    start, end = parse_time(start_s), parse_time(end_s)
    if start is None or end is None or len(start_s) != pattern_len or len(end_s) != pattern_len:
        return None, result("-1", "조회 기간 형식이 올바르지 않습니다.")
    if pattern_len == 8:
        end += 86400
    if end - start > MAX_WINDOW + (86400 if pattern_len == 8 else 60):
        return None, result("-1", "조회 기간은 최대 7일입니다.")
    return (start, end), None
