"""A job is opened by whoever started it, the master, and staff whose duties cover the page that
started it; any other staff of the company gets 404 for its page, its feed and its file."""
import io

import pytest
from openpyxl import Workbook

from models import JobRun
from portal.extensions import db
from portal.queues import wait_inline_jobs

from ..conftest import PASSWORD, make_user


def _client(app, login_id):
    client = app.test_client()
    assert client.post("/login", data={"login_id": login_id, "password": PASSWORD}).status_code == 302
    return client


@pytest.fixture
def people(app, seller):
    for login_id, duties in (("packer01", ["logistics"]), ("packer02", ["logistics"]),
                             ("merch001", ["products"]), ("nodutyx1", [])):
        make_user(login_id, seller, duties=duties)
    return {name: _client(app, name) for name in ("sellerAmaster", "packer01", "packer02", "merch001",
                                                   "nodutyx1")}


def _manual_upload_failure_file(app, client) -> JobRun:
    """수기주문 upload by a logistics staff: the failure file holds names, phones, addresses."""
    wb = Workbook()
    wb.active.append(["주문번호", "수취인명", "전화번호", "우편번호", "주소", "SKU", "수량", "국가코드", "상품URL"])
    wb.active.append(["V-1", "홍길동", "010-2222-3333", "04524", "서울특별시 중구 세종대로 110", "SKU-X", 0, "", ""])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    resp = client.post("/fulfilment/manual/upload", data={"platform": "수기주문서", "file": (buf, "주문서.xlsx")},
                       content_type="multipart/form-data")
    assert resp.status_code == 202
    wait_inline_jobs(app, timeout=60)
    db.session.expire_all()
    run = db.session.get(JobRun, resp.get_json()["job"])
    assert run.result_file
    return run


def _opens(client, run) -> list[int]:
    return [client.get(url).status_code for url in (f"/jobs/{run.id}", f"/jobs/{run.id}.json",
                                                    f"/jobs/{run.id}/file")]


def test_a_failure_file_with_personal_data_opens_only_for_its_duty(app, people):
    run = _manual_upload_failure_file(app, people["packer01"])
    assert run.duty == ",logistics,"
    for who in ("packer01", "packer02", "sellerAmaster"):
        assert _opens(people[who], run) == [200, 200, 200], who
    for who in ("merch001", "nodutyx1"):
        assert _opens(people[who], run) == [404, 404, 404], who
        assert "수기주문 엑셀 업로드" not in people[who].get("/jobs/").get_data(as_text=True)
    assert "수기주문 엑셀 업로드" in people["packer02"].get("/jobs/").get_data(as_text=True)


def test_a_master_only_job_opens_for_no_staff(app, people, seller):
    resp = people["sellerAmaster"].post("/account/audit/export")
    assert resp.status_code == 202
    wait_inline_jobs(app, timeout=60)
    db.session.expire_all()
    run = db.session.query(JobRun).order_by(JobRun.id.desc()).first()
    assert run.duty == ",master,"
    assert _opens(people["sellerAmaster"], run) == [200, 200, 200]
    for who in ("packer01", "merch001", "nodutyx1"):
        assert _opens(people[who], run) == [404, 404, 404], who


def test_a_scheduled_run_opens_for_the_master_only(app, people, seller):
    from portal.queues import enqueue

    from . import sample_jobs

    run = enqueue(sample_jobs.say, kind="예약 작업", tenant_id=None, word="x")  # no page started it
    run.tenant_id = seller.id
    db.session.commit()
    wait_inline_jobs(app)
    assert run.duty is None
    assert people["sellerAmaster"].get(f"/jobs/{run.id}.json").status_code == 200
    assert people["packer01"].get(f"/jobs/{run.id}.json").status_code == 404
