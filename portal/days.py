"""KST calendar days: the seller picks days in Korea's time, the database stores naive UTC; the period presets."""
from datetime import UTC, date, datetime, time, timedelta

from portal.channel_windows import KST

PRESETS = (1, 3, 7, 15, 30)  # 기간 buttons of the lists: the last N days, today included


def today_kst() -> date:
    """Today in Korea, whatever the server's own time zone (a UTC server is still on yesterday until 09:00 KST)."""
    return datetime.now(KST).date()


def utc_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """KST calendar days [start, end] as naive-UTC [since, until)."""
    since = datetime.combine(start, time.min, KST).astimezone(UTC).replace(tzinfo=None)
    until = datetime.combine(end + timedelta(days=1), time.min, KST).astimezone(UTC)
    return since, until.replace(tzinfo=None)
