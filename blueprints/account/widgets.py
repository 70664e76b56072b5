"""Dashboard notices and tiles of 기본정보관리: marketplace keys that expire within 14 days, failed jobs."""
from datetime import date, timedelta

from flask import url_for
from flask_babel import gettext as _

from models import JobRun
from models.base import utcnow
from portal.plugins import Widget, once_per_request
from portal.tenancy import tenant_query

FAILED_JOB_DAYS = 7


def expiring_keys_widget(user):
    from .channel_services import EXPIRY_WARNING_DAYS, adapter_class

    if not user.is_master:
        return None
    accounts = _expiring(user)
    if not accounts:
        return None
    today = date.today()
    lines = []
    for account in accounts:
        cls = adapter_class(account.channel)
        name = f"{cls.display_name if cls else account.channel} [{account.alias}]"
        days = (account.key_expires_on - today).days
        when = (_("%(days)s일 후 만료", days=days) if days > 0 else
                (_("오늘 만료") if days == 0 else _("%(days)s일 전에 만료됨", days=-days)))
        lines.append(_("%(name)s 인증키 %(date)s %(when)s", name=name, date=account.key_expires_on.isoformat(), when=when))
    return Widget(title=_("제휴몰 인증키 만료 알림 (%(days)s일 이내)", days=EXPIRY_WARNING_DAYS), lines=lines,
                  level="warning", link=url_for("account.channels"))


def account_tiles(user):
    """제휴몰 키 만료 임박 (the master registers keys) and 실패한 작업 of the last week (staff: their own)."""
    tiles = []
    if user.is_master:
        count = len(_expiring(user))
        tiles.append(Widget(_("제휴몰 키 만료 임박"), count=count, level="warning" if count else "info",
                            link=url_for("account.channels")))
    failed = tenant_query(JobRun, user.tenant).filter(JobRun.status == "failed",
                                                      JobRun.created_at >= utcnow() - timedelta(days=FAILED_JOB_DAYS))
    if not user.is_master:
        failed = failed.filter(JobRun.started_by_id == user.id)
    count = failed.count()
    tiles.append(Widget(_("실패한 작업"), count=count, level="warning" if count else "info",
                        lines=[_("최근 %(days)d일", days=FAILED_JOB_DAYS)], link=url_for("jobs.history", status="failed")))
    return tiles


def _expiring(user) -> list:
    """The accounts whose keys expire soon, read once for the dashboard's notice and its tile."""
    from .channel_services import expiring_accounts

    return once_per_request(("expiring_accounts", user.tenant_id), lambda: expiring_accounts(user.tenant))
