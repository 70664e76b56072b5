"""Ids of 문의관리 rows for the URL-map sweep: an inquiry, a 상용구 and a 긴급알리미 of seller A."""
from models import AnswerTemplate, ChannelAccount, ChannelNotice, Inquiry
from models.base import utcnow
from portal.extensions import db


def owned_args(tenant) -> dict:
    account = ChannelAccount(tenant_id=tenant.id, channel="sandbox", alias="문의스윕", settings_json="{}",
                             secrets_json="{}", hints_json="{}")
    db.session.add(account)
    db.session.flush()
    inquiry = Inquiry(tenant_id=tenant.id, account_id=account.id, channel="sandbox", channel_inquiry_id="Q-1",
                      title="스윕 문의", question="스윕 문의", asked_at=utcnow())
    template = AnswerTemplate(tenant_id=tenant.id, title="스윕", body="{구매자명}님 감사합니다.")
    alert = ChannelNotice(tenant_id=tenant.id, account_id=account.id, channel="sandbox", kind="urgent",
                          channel_notice_id="N-1", title="긴급", posted_at=utcnow())
    db.session.add_all([inquiry, template, alert])
    db.session.commit()
    return {"inquiry_id": inquiry.id, "phrase_id": template.id, "alert_id": alert.id}
