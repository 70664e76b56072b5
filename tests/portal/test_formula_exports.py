"""Text that starts like a formula (= + - @ tab CR) stays text in every file the portal writes: list
downloads, job result files, failure files (a quoted text cell) and the support panel's CSV (a leading
quote)."""
import csv
import io
import time

import pytest
from openpyxl import Workbook, load_workbook

from models import AuditLog, ChannelAccount, JobLine, JobRun, Tenant, User
from portal.extensions import db
from portal.queues import wait_inline_jobs

from ..conftest import make_tenant, make_user

HOSTILE = ["=1+2", "+1+2", "-1+2", "@SUM(1)", "\t=1+2", "\r=1+2"]
FORMULA_START = tuple(h[0] for h in HOSTILE)  # what a spreadsheet may run: = + - @ tab CR


def _inert_cells(data: bytes) -> set[str]:
    """The hostile values found in a workbook, each asserted to be a quoted text cell.

    XML reads a written CR back as LF, so LF stands for CR here."""
    found = set()
    for ws in load_workbook(io.BytesIO(data)).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{cell.coordinate} holds a formula: {cell.value!r}"
                if isinstance(cell.value, str) and cell.value.replace("\n", "\r") in HOSTILE:
                    assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate
                    found.add(cell.value.replace("\n", "\r"))
    return found


def _finished(run_id, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        db.session.expire_all()
        run = db.session.get(JobRun, run_id)
        if run.finished:
            return run
        time.sleep(0.1)
    raise AssertionError("the job did not finish")


def test_a_list_download_keeps_formula_like_text_as_text(client, auth, seller):
    for i, name in enumerate(HOSTILE):
        make_user(f"formula{i:02d}", seller).name = name
    db.session.commit()
    auth.login()
    resp = client.get("/account/users?format=xlsx")
    assert resp.status_code == 200
    assert _inert_cells(resp.data) == set(HOSTILE)


def test_a_job_result_file_keeps_formula_like_text_as_text(app, client, auth, seller):
    for text in HOSTILE:
        db.session.add(AuditLog(tenant_id=seller.id, action="권한변경", detail=text))
    db.session.commit()
    auth.login()
    resp = client.post("/account/audit/export")
    wait_inline_jobs(app)
    run = _finished(resp.get_json()["job"] if "job" in resp.get_json() else
                    int(resp.get_json()["job_url"].split("/")[-1].split(".")[0]))
    assert run.status == "done"
    assert _inert_cells(client.get(f"/jobs/{run.id}/file").data) == set(HOSTILE)


def test_a_failure_file_keeps_formula_like_text_as_text(app, client, auth, seller):
    wb = Workbook()
    wb.active.append(["주문번호", "수취인명", "전화번호", "우편번호", "주소", "SKU", "수량", "국가코드", "상품URL"])
    for i, name in enumerate(HOSTILE):
        wb.active.append([f"F-{i}", name, "010-2222-3333", "04524", "서울특별시 중구 세종대로 110",
                          "NO-SUCH-SKU", 0, "", ""])
        wb.active.cell(row=i + 2, column=2).data_type = "s"  # a text cell, as a seller's sheet has
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    auth.login()
    resp = client.post("/fulfilment/manual/upload", data={"platform": "수기주문서", "file": (buf, "주문서.xlsx")},
                       content_type="multipart/form-data")
    assert resp.status_code == 202, resp.get_data(as_text=True)
    wait_inline_jobs(app, timeout=60)
    run = _finished(resp.get_json()["job"])
    assert run.result_file, [x.text for x in db.session.query(JobLine).filter_by(run_id=run.id)]
    # The upload reads a cell without its surrounding whitespace: tab and CR rows come back as "=1+2".
    assert _inert_cells(client.get(f"/jobs/{run.id}/file").data) == {h.strip() for h in HOSTILE}


@pytest.fixture
def hostile_rows(seller):
    """Seller-controlled text in every model the support panel exports."""
    for i, text in enumerate(HOSTILE):
        tenant = make_tenant(text, f"{1000000000 + i}")
        make_user(f"hostile{i:02d}", tenant, master=True).name = text
        db.session.add(AuditLog(tenant_id=tenant.id, action="권한변경", detail=text))
        db.session.add(JobRun(tenant_id=tenant.id, kind=text, func="jobs.x.y", status="done"))
        db.session.add(ChannelAccount(tenant_id=tenant.id, channel="naver", alias=text, settings_json="{}",
                                      secrets_json="{}", hints_json="{}"))
    db.session.commit()
    return Tenant.query.count(), User.query.count()


@pytest.mark.parametrize("view", ["tenants", "users", "audit", "jobruns", "channel_accounts"])
def test_support_panel_csv_keeps_formula_like_text_as_text(client, auth, support, hostile_rows, view):
    auth.login("support01")
    resp = client.get(f"/support-admin/{view}/export/csv/")
    assert resp.status_code == 200
    cells = [c for row in csv.reader(io.StringIO(resp.get_data(as_text=True))) for c in row]
    assert not [c for c in cells if c.startswith(FORMULA_START)]
    assert {c[1:] for c in cells if c[1:] in HOSTILE and c.startswith("'")} == set(HOSTILE)
