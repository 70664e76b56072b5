"""상담내역 가져오기: a job per account, idempotent, picks up edits and the channel's answers, says NotSupported."""
from models import Inquiry, InquirySync
from portal.extensions import db

from .conftest import add_account, finish


def collect(client, app, account_ids):
    return finish(app, client.post("/inquiries/collect", data={"account_ids": [str(a) for a in account_ids]}))


def test_collect_twice_never_duplicates_and_picks_up_edits(client, auth, app, qshop):
    asked = qshop.ask("사이즈가 어떻게 되나요?", writer="lee***")
    auth.login()
    [run], lines = collect(client, app, [qshop.account.id])
    assert run.status == "done", lines
    rows = db.session.query(Inquiry).filter_by(channel_inquiry_id=asked["inquiry_no"]).all()
    assert len(rows) == 1 and rows[0].state == "unanswered" and rows[0].writer == "lee***"
    before = db.session.query(Inquiry).count()

    qshop.edit(asked["inquiry_no"], question="사이즈가 어떻게 되나요? 95도 있나요?")
    [run], lines = collect(client, app, [qshop.account.id])
    assert run.status == "done"
    assert db.session.query(Inquiry).count() == before
    row = db.session.query(Inquiry).filter_by(channel_inquiry_id=asked["inquiry_no"]).one()
    assert row.question.endswith("95도 있나요?")
    assert any("변경된 문의 1건" in line for line in lines)

    qshop.edit(asked["inquiry_no"], answer="95 사이즈도 있습니다.")
    collect(client, app, [qshop.account.id])
    db.session.expire_all()
    row = db.session.query(Inquiry).filter_by(channel_inquiry_id=asked["inquiry_no"]).one()
    assert row.state == "sent" and row.channel_answer == "95 사이즈도 있습니다."


def test_collect_page_says_which_channel_has_no_inquiry_api(client, auth, app, seller, market):
    from portal.marketplaces import discover_adapters

    sandbox = add_account(seller, "sandbox", "본점")
    lacking = [code for code, cls in discover_adapters().items() if "fetch_inquiries" not in cls.capabilities()]
    auth.login()
    html = client.get("/inquiries/collect").get_data(as_text=True)
    assert f'value="{sandbox.id}"' in html
    if lacking:  # a channel without the API is listed with its reason and cannot be chosen
        other = add_account(seller, lacking[0], "없는API")
        html = client.get("/inquiries/collect").get_data(as_text=True)
        assert "제공하지 않습니다" in html
        resp = client.post("/inquiries/collect", data={"account_ids": [str(other.id)]})
        assert resp.status_code == 400 and "제공하지 않는" in resp.get_json()["error"]


def test_failed_channel_ends_as_failed_with_reason(client, auth, app, qshop):
    qshop.market.fault("error_500", "/inquiries", count=10)
    auth.login()
    [run], lines = collect(client, app, [qshop.account.id])
    assert run.status == "failed"
    assert any("상담내역 수집을 실패하였습니다" in line for line in lines)
    sync = db.session.query(InquirySync).filter_by(account_id=qshop.account.id).one()
    assert sync.ok is False and sync.locked_by is None


def test_lease_keeps_a_second_run_out(app, qshop):
    from blueprints.inquiries.services import collection as col

    assert col.acquire_lock(qshop.account.tenant_id, qshop.account.id, 9001)
    assert not col.acquire_lock(qshop.account.tenant_id, qshop.account.id, 9002)
    col.release_lock(qshop.account.id, 9001)
    assert col.acquire_lock(qshop.account.tenant_id, qshop.account.id, 9002)


def test_schedule_enqueues_one_job_per_account_with_the_api(app, qshop):
    from blueprints.inquiries.services.collection import SCHEDULE
    from models import JobRun

    assert SCHEDULE.every.total_seconds() == 15 * 60
    assert SCHEDULE.func(app) == 1
    from portal.queues import wait_inline_jobs

    wait_inline_jobs(app, timeout=60)
    run = db.session.query(JobRun).filter(JobRun.kind.like("상담내역 자동수집%")).one()
    assert run.status == "done"
    assert db.session.query(Inquiry).filter_by(account_id=qshop.account.id).count() >= 1
