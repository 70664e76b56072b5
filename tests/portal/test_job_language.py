"""A job speaks the language of whoever started it: its log lines are stored in that language."""
from models import AuditLog, User
from portal.extensions import db
from portal.queues import enqueue

from . import sample_jobs
from .test_jobs import _poll


def test_an_english_readers_job_logs_english_and_the_next_korean_job_logs_korean(app, client, auth,
                                                                                    seller):
    db.session.add(AuditLog(tenant_id=seller.id, action="권한변경", detail="업무[없음] → 업무[물류담당]"))
    master = User.query.filter_by(login_id="sellerAmaster").one()
    master.locale = "en"
    db.session.commit()
    auth.login()
    resp = client.post("/account/audit/export")
    data, lines = _poll(client, resp.get_json()["job_url"])
    assert data["status"] == "done"
    assert lines[0] == "[Start] Starting the Access audit log Excel download job."
    assert lines[-1].startswith("[End] Finished the Access audit log Excel download job.")
    assert not [line for line in lines if any("\uac00" <= ch <= "\ud7a3" for ch in line)]

    # A job nobody started (a schedule) on the same worker speaks the default language, Korean.
    run = enqueue(sample_jobs.count_to, kind="테스트 연동", tenant_id=seller.id, n=2)
    data, lines = _poll(client, f"/jobs/{run.id}.json")
    assert lines[0] == "[시작] 테스트 연동 작업을 시작합니다."
    assert lines[-1] == "[종료] 테스트 연동 작업을 종료합니다. 성공 2건, 실패 0건"
