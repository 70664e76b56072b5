"""조회기간 of the statistics pages: presets, 직접입력, the previous period of the same length, KST days."""
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.days import today_kst

PRESETS = {"today": _l("오늘"), "yesterday": _l("어제"), "7d": _l("7일"), "30d": _l("30일"),
           "this_month": _l("이번달"), "last_month": _l("지난달"), "custom": _l("직접입력")}
MAX_DAYS = 366


class PeriodError(ValueError):
    """A period the seller typed wrong, in the words the page shows."""


@dataclass(frozen=True)
class Period:
    preset: str
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        """The period of the same length just before; 지난달 compares with the month before it."""
        if self.preset in ("this_month", "last_month"):
            end = self.start - timedelta(days=1)
            start = end.replace(day=1)
            if self.preset == "this_month":  # month to date: the same number of days of last month
                end = min(start + timedelta(days=self.days - 1), end)
            return Period("custom", start, end)
        return Period("custom", self.start - timedelta(days=self.days), self.start - timedelta(days=1))


def _day(value: str, label: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PeriodError(_("%(label)s은(는) YYYY-MM-DD 형식으로 입력해 주세요.", label=label)) from None


def period_from(args, default: str = "30d", today: date | None = None) -> Period:
    """The period a page asks for; raises PeriodError for a 직접입력 typed wrong."""
    today = today or today_kst()
    preset = args.get("period") or default
    if preset not in PRESETS:
        preset = default
    if preset == "custom" or (args.get("from") and not args.get("period")):
        start, end = _day(args.get("from") or "", _("시작일")), _day(args.get("to") or "", _("종료일"))
        if end < start:
            raise PeriodError(_("시작일이 종료일보다 늦습니다. 기간을 확인해 주세요."))
        if (end - start).days + 1 > MAX_DAYS:
            raise PeriodError(_("조회 기간은 최대 %(MAX_DAYS)s일입니다.", MAX_DAYS=MAX_DAYS))
        return Period("custom", start, end)
    if preset == "today":
        return Period(preset, today, today)
    if preset == "yesterday":
        return Period(preset, today - timedelta(days=1), today - timedelta(days=1))
    if preset in ("7d", "30d"):
        n = int(preset[:-1])
        return Period(preset, today - timedelta(days=n - 1), today)
    first = today.replace(day=1)
    if preset == "this_month":
        return Period(preset, first, today)
    last_end = first - timedelta(days=1)
    return Period(preset, last_end.replace(day=1), last_end)
