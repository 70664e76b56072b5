"""Dashboard notices of 기본정보관리: marketplace keys that expire within 14 days."""
from datetime import date

from flask import url_for

from portal.plugins import Widget


def expiring_keys_widget(user):
    from .channel_services import EXPIRY_WARNING_DAYS, adapter_class, expiring_accounts

    if not user.is_master:
        return None
    accounts = expiring_accounts(user.tenant)
    if not accounts:
        return None
    today = date.today()
    lines = []
    for account in accounts:
        cls = adapter_class(account.channel)
        name = f"{cls.display_name if cls else account.channel} [{account.alias}]"
        days = (account.key_expires_on - today).days
        when = f"{days}일 후 만료" if days > 0 else ("오늘 만료" if days == 0 else f"{-days}일 전에 만료됨")
        lines.append(f"{name} 인증키 {account.key_expires_on.isoformat()} {when}")
    return Widget(title=f"제휴몰 인증키 만료 알림 ({EXPIRY_WARNING_DAYS}일 이내)", lines=lines,
                  level="warning", link=url_for("account.channels"))
