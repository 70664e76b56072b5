"""송장: courier formats, the outbox never sends a tracking number twice, cancel requests, 강제완료, bulk upload."""
import io

import pytest
from openpyxl import Workbook, load_workbook

from models import ChannelOrderLine, InvoiceOutbox, JobRun
from portal.extensions import db

from .conftest import collect, finish, ship_at


@pytest.fixture
def confirmed(client, auth, app, shop):
    """Two new orders, collected and confirmed."""
    auth.login()
    orders = [shop.new_order(), shop.new_order()]
    collect(client, app, [shop.account.id])
    lines = [db.session.query(ChannelOrderLine).filter_by(channel_order_id=o["order_no"]).one() for o in orders]
    finish(app, client.post("/orders/process/confirm", data={"line_ids": [x.id for x in lines],
                                                             "ship_at": ship_at(1)}))
    return lines


def _save(client, line, courier, number):
    return client.post("/orders/invoices/entry", data={"line_ids": [line.id], f"courier_{line.id}": courier,
                                                       f"tracking_{line.id}": number})


def _flash(client, resp):
    return client.get(resp.headers["Location"]).get_data(as_text=True)


@pytest.mark.parametrize("courier, number, message", [
    ("", "640012345678", "택배사를 선택해 주세요."),
    ("CJGLS", "", "송장번호를 입력해 주세요."),
    ("CJGLS", "12345", "CJ대한통운 송장번호는 숫자 10~12자리입니다. 입력한 번호: 12345"),
    ("EPOST", "64001234567", "우체국택배 송장번호는 숫자 13자리입니다. 입력한 번호: 64001234567"),
    ("KGB", "1234567890A", "로젠택배 송장번호는 숫자 11자리입니다. 입력한 번호: 1234567890A"),
])
def test_tracking_number_format_per_courier(client, confirmed, courier, number, message):
    line = confirmed[0]
    html = _flash(client, _save(client, line, courier, number))
    assert f"{line.channel_order_id}: {message}" in html
    assert db.session.query(InvoiceOutbox).count() == 0


def test_only_confirmed_orders_take_an_invoice(client, auth, app, shop):
    auth.login()
    created = shop.new_order()
    collect(client, app, [shop.account.id])
    line = db.session.query(ChannelOrderLine).filter_by(channel_order_id=created["order_no"]).one()
    html = _flash(client, _save(client, line, "CJGLS", "640012345678"))
    assert "발주확인된 주문만 송장을 등록할 수 있습니다." in html


def test_a_lost_answer_is_read_back_and_never_sent_twice(client, app, confirmed, shop, market):
    line = confirmed[0]
    _save(client, line, "HANJIN", "512345678901")
    market.fault("apply_then_504", "/orders/invoices")
    _, lines = finish(app, client.post("/orders/invoices/send", data={"line_ids": [line.id]}))
    assert any("송장송신 연동에 실패하였습니다" in t for t in lines)
    db.session.expire_all()
    outbox = db.session.query(InvoiceOutbox).filter_by(line_id=line.id).one()
    assert outbox.state == "ambiguous"
    assert "처리 여부 확인 필요" in client.get("/orders/invoices/send").get_data(as_text=True)

    _, lines = finish(app, client.post("/orders/invoices/send", data={"line_ids": [line.id]}))
    assert any("전송 결과를 모르는 송장 1건은 제휴몰에서 먼저 확인합니다." in t for t in lines)
    assert any("송장송신 연동에 성공하였습니다. (반영 확인, 재전송 안 함)" in t for t in lines)
    db.session.expire_all()
    assert db.session.query(InvoiceOutbox).filter_by(line_id=line.id).one().state == "sent"
    assert len([j for j in shop.posts("/orders/invoices") if "512345678901" in j["summary"]]) == 1


def test_a_worker_dying_after_the_send_does_not_send_again(client, app, confirmed, shop, monkeypatch):
    import jobs.orders_invoices as job

    for line in confirmed:
        _save(client, line, "CJGLS", f"6400{line.id:08d}")
    real = job._settle

    def die_after_http(progress, rows, outcomes):
        raise RuntimeError("워커가 중단되었습니다")

    monkeypatch.setattr(job, "_settle", die_after_http)
    runs, _ = finish(app, client.post("/orders/invoices/send", data={"scope": "all"}))
    assert runs[0].status == "failed"
    db.session.expire_all()
    assert {r.state for r in db.session.query(InvoiceOutbox)} == {"sending"}
    assert {shop.line(x.channel_line_id)["status"] for x in confirmed} == {"SHIPPING"}  # the channel has them

    monkeypatch.setattr(job, "_settle", real)
    runs, _lines = finish(app, client.post("/orders/invoices/send", data={"scope": "all"}))
    assert runs[0].status == "done" and runs[0].ok_count == 2
    db.session.expire_all()
    assert {r.state for r in db.session.query(InvoiceOutbox)} == {"sent"}
    for line in confirmed:
        assert len([j for j in shop.posts("/orders/invoices") if f"6400{line.id:08d}" in j["summary"]]) == 1


def test_a_cancel_request_collected_after_the_invoice_is_flagged_and_excluded(client, app, confirmed, shop):
    wanted, canceled = confirmed
    for line in confirmed:
        _save(client, line, "CJGLS", f"6400{line.id:08d}")
    shop.act(canceled.channel_line_id, "cancel", reason="INTENT_CHANGED")
    collect(client, app, [shop.account.id], items=("cancel_requested",), path="/orders/claims/collect")
    html = client.get("/orders/invoices/send").get_data(as_text=True)
    assert "취소요청 1건" in html and html.count("data-flag") == 1

    _, lines = finish(app, client.post("/orders/invoices/send", data={"scope": "all"}))
    assert "취소요청된 주문 1건은 송장을 전송하지 않았습니다. 클레임을 확인해 주세요." in lines
    assert shop.line(wanted.channel_line_id)["status"] == "SHIPPING"
    assert shop.line(canceled.channel_line_id)["tracking"] == ""
    resp = client.post("/orders/invoices/send", data={"line_ids": [canceled.id]})
    assert resp.get_json()["error"].startswith("취소요청된 주문 1건은 송장을 전송하지 않았습니다.")
    _, lines = finish(app, client.post("/orders/invoices/send", data={"line_ids": [canceled.id],
                                                                      "include_cancel": "1"}))
    assert any("송장송신 연동에 실패하였습니다: 발송처리할 수 없는 주문 상태입니다." in t for t in lines)


def test_force_complete_sends_nothing(client, app, confirmed, shop):
    line = confirmed[0]
    _save(client, line, "CJGLS", "640012345678")
    html = _flash(client, client.post("/orders/invoices/force", data={"line_ids": [line.id]}))
    assert "1건을 강제완료처리했습니다. 제휴몰에는 송장을 송신하지 않았습니다." in html
    db.session.refresh(line)
    assert line.invoice_state == "forced"
    assert shop.line(line.channel_line_id)["status"] == "CONFIRMED"
    assert shop.posts("/orders/invoices") == []
    assert "이미 송장이 전송(완료)된 주문은 송장을 수정할 수 없습니다." in _flash(
        client, _save(client, line, "CJGLS", "640012345679"))
    assert "강제완료" in client.get("/orders/completed").get_data(as_text=True)


def _xlsx(rows):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def test_bulk_upload_saves_good_rows_and_returns_a_failure_file(client, app, confirmed):
    template = load_workbook(io.BytesIO(client.get("/orders/invoices/bulk/template").data)).active
    rows = list(template.values)
    assert rows[0] == ("주문번호", "택배사", "송장번호")
    assert {r[0] for r in rows[1:]} == {x.channel_order_id for x in confirmed}
    upload = _xlsx([["주문번호", "택배사", "송장번호"],
                    [confirmed[0].channel_order_id, "CJ대한통운", 640012345678],
                    [confirmed[1].channel_order_id, "우체국택배", "123"],
                    ["9999999999", "CJGLS", "640012345678"]])
    resp = client.post("/orders/invoices/bulk", data={"file": (upload, "송장.xlsx")},
                       content_type="multipart/form-data")
    runs, lines = finish(app, resp)
    assert "송장 1건을 저장했습니다. 실패 2건." in lines
    db.session.expire_all()
    assert db.session.query(InvoiceOutbox).one().tracking_number == "640012345678"
    failed = list(load_workbook(io.BytesIO(client.get(f"/jobs/{runs[0].id}/file").data)).active.values)
    assert failed[0] == ("주문번호", "택배사", "송장번호", "실패사유")
    assert failed[1][3] == "우체국택배 송장번호는 숫자 13자리입니다. 입력한 번호: 123"
    assert failed[2][3] == "주문번호를 찾을 수 없습니다."


def test_bulk_upload_refuses_other_files(client, confirmed):
    resp = client.post("/orders/invoices/bulk", data={"file": (io.BytesIO(b"x"), "송장.pdf")},
                       content_type="multipart/form-data")
    assert resp.get_json()["error"] == "엑셀(xlsx, xls) 또는 CSV/TSV 파일만 업로드할 수 있습니다."
    assert db.session.query(JobRun).filter_by(kind="송장대량등록").count() == 0
