"""Demo 문의관리: a 상용구 and, per sandbox account, a first collection of questions and notices."""
import time

import requests
from flask import current_app

from models import AnswerTemplate, ChannelAccount
from portal.extensions import db
from portal.queues import enqueue
from portal.tenancy import tenant_query

DEMO_TEMPLATE = ("배송 안내", "안녕하세요 {구매자명}님, 문의하신 {상품명}은(는) 오늘 출고 예정입니다. 감사합니다.")


def load_demo_inquiries(tenant) -> None:
    """Idempotent: the template once; the collection job adds nothing the second time."""
    from jobs.inquiries import demo_collect

    if not tenant_query(AnswerTemplate, tenant).filter_by(title=DEMO_TEMPLATE[0]).count():
        db.session.add(AnswerTemplate(tenant_id=tenant.id, title=DEMO_TEMPLATE[0], body=DEMO_TEMPLATE[1]))
        db.session.commit()
    accounts = tenant_query(ChannelAccount, tenant).filter(ChannelAccount.endpoint == "sandbox",
                                                           ChannelAccount.status == "active").all()
    for account in accounts:
        enqueue(demo_collect, kind="데모 상담내역 준비", queue="channel", tenant_id=tenant.id, account_id=account.id)


def wait_for_sandbox(wait_seconds: float = 60) -> None:
    """`portal up` starts the sandbox right after loading demo data."""
    url = current_app.config.get("SANDBOX_URL", "").rstrip("/") + "/_ops/api/shops"
    deadline = time.time() + wait_seconds
    while time.time() < deadline:
        try:
            requests.get(url, timeout=2).raise_for_status()
            return
        except requests.RequestException:
            time.sleep(1)
