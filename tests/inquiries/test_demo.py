"""Demo data: 문의관리 is alive on first run (questions, one past its deadline, a 긴급알리미); 부가서비스 has a
notice and an answered 1:1 question."""
from models import ChannelNotice, Inquiry, SupportNotice, SupportQuestion
from portal.extensions import db
from portal.queues import wait_inline_jobs

from .conftest import add_account


def test_demo_data_fills_inquiries_notices_and_the_support_desk(app, client, auth, seller, market, support):
    add_account(seller, "sandbox", "데모")
    for _ in range(2):  # running the demo twice adds nothing
        for name in ("inquiries", "addons"):
            app.extensions["menus"][name].demo_data(seller)
        wait_inline_jobs(app, timeout=60)
    assert db.session.query(Inquiry).count() == 3
    assert db.session.query(ChannelNotice).filter_by(kind="urgent").count() == 1
    assert db.session.query(ChannelNotice).filter_by(kind="notice").count() == 1
    assert db.session.query(SupportNotice).count() == 1
    assert db.session.query(SupportQuestion).filter_by(state="answered").count() == 1
    auth.login()
    html = client.get("/inquiries/answer").get_data(as_text=True)
    assert 'class="late"' in html                          # the 30-hour-old question is past the deadline
    import re

    dashboard = client.get("/dashboard").get_data(as_text=True)
    tiles = dict(re.findall(r'data-tile="([^"]+)">\s*<span>[^<]*</span><strong data-count>([\d,]+)<', dashboard))
    assert tiles["미답변 문의"] == "3" and tiles["답변기한 초과 문의"] == "1"
    assert "[긴급] 상품 판매중지 예정 안내" in dashboard and "셀러 포털 문의관리 오픈 안내" in dashboard
