"""Ids of 기본정보관리 rows for the URL-map sweep."""
from models import ChannelAccount
from portal.extensions import db


def owned_args(tenant) -> dict:
    account = ChannelAccount(tenant_id=tenant.id, channel="naver", alias="스윕", settings_json="{}",
                             secrets_json="{}", hints_json="{}")
    db.session.add(account)
    db.session.commit()
    return {"account_id": account.id}


PUBLIC_ARGS = {"channel_code": "naver"}
