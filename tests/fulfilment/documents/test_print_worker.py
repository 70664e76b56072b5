"""A large label run on a real RQ worker: the web request only queues it; the worker writes the PDF."""
import pytest

from models import JobRun
from portal.extensions import db

from ...conftest import wait_for
from .pages import open_pdf, render, scan

pytestmark = pytest.mark.redis


def test_label_job_runs_on_the_worker_and_offers_the_pdf(app, client, auth, floor, rq_workers, monkeypatch):
    from blueprints.fulfilment import printing

    monkeypatch.setattr(printing, "LABEL_JOB_THRESHOLD", 2)  # the real threshold is 300 labels
    app.config.update(JOBS_MODE="rq")
    auth.login()
    response = client.post("/fulfilment/packing/print", data={
        "shipment_ids": [floor["first"].id, floor["second"].id], "action": "labels", "layout": "L6"})
    assert response.status_code == 303
    run_id = int(response.location.rstrip("/").split("/")[-1])
    rq_workers("exports")
    run = wait_for(lambda: (run := db.session.get(JobRun, run_id)) is not None
                   and run.finished and run, timeout=120, what="the label job to finish")
    assert run.status_label == "완료" and run.result_name == "라벨_L6.pdf"
    doc = open_pdf(client.get(f"/jobs/{run_id}/file").data)
    assert len(doc) == 4  # 2 + 2 labels: TEST-01 and TEST-02 print on labels of their own
    assert scan(render(doc, 0), (0, 0, 100, 80)) == ["K2211070200002"]
