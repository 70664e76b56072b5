"""답변기한 per channel, as data with the source each figure comes from."""
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _

from portal.i18n import N_

from models.base import utcnow


@dataclass(frozen=True)
class Deadline:
    hours: int
    source: str


# A figure without a published rule is marked so, and the page shows the source beside the colour.
DEADLINES = {
    "coupang": Deadline(24, N_("쿠팡 WING 판매자점수 '고객문의 24시간 내 답변율' (WING 도움말; 공개 API 문서에는 없음)")),
    "naver": Deadline(48, N_("스마트스토어센터 굿서비스 '문의 응답' 기준으로 알려진 2영업일을 48시간으로 봄 (공식 문서 미확인)")),
    "11st": Deadline(48, N_("11번가 셀러오피스 Q&A 안내로 알려진 48시간 (Open API 문서에는 없음, 공식 문서 미확인)")),
    "sandbox": Deadline(24, N_("샌드박스: 쿠팡과 같은 24시간으로 둡니다.")),
}
DEFAULT = Deadline(48, N_("공개된 기한이 없는 제휴몰: 포털 기본값 48시간"))


def deadline_of(channel: str) -> Deadline:
    return DEADLINES.get(channel, DEFAULT)


def elapsed(asked_at: datetime, now: datetime | None = None) -> timedelta:
    return (now or utcnow()) - asked_at


def elapsed_label(asked_at: datetime, now: datetime | None = None) -> str:
    """'3시간 20분', '2일 4시간': how long the buyer has waited."""
    minutes = max(0, int(elapsed(asked_at, now).total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return _("%(days)s일 %(hours)s시간", days=days, hours=hours)
    return _("%(hours)s시간 %(mins)s분", hours=hours, mins=mins) if hours else _("%(mins)s분", mins=mins)


def urgency(channel: str, asked_at: datetime, open_: bool, now: datetime | None = None) -> str:
    """'' while in time or answered, 'near' in the last quarter of the deadline, 'late' past it."""
    if not open_:
        return ""
    limit = timedelta(hours=deadline_of(channel).hours)
    waited = elapsed(asked_at, now)
    if waited >= limit:
        return "late"
    return "near" if waited >= limit * 0.75 else ""


def late_before(channel: str, now: datetime | None = None) -> datetime:
    """Questions asked before this moment are past the channel's deadline."""
    return (now or utcnow()) - timedelta(hours=deadline_of(channel).hours)
