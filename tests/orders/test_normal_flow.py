"""The normal flow over HTTP against the sandbox: 수집 → 발주확인 → 송장등록 → 송장전송 → 배송완료."""
from models import ChannelOrderLine, InvoiceOutbox, OrderEvent
from portal.extensions import db

from .conftest import collect, finish, ship_at


def _line(order_no):
    return db.session.query(ChannelOrderLine).filter_by(channel_order_id=order_no).one()


def test_collect_confirm_invoice_send_deliver(client, auth, app, shop):
    auth.login()
    created = shop.new_order(qty=2)
    runs, lines = collect(client, app, [shop.account.id])
    assert runs[0].status == "done"
    assert any("샌드박스몰(본점) 신규주문 주문 수집을 성공하였습니다." in t for t in lines)
    line = _line(created["order_no"])
    assert (line.status, line.quantity) == ("NEW", 2)

    resp = client.post("/orders/process/confirm", data={"line_ids": [line.id], "ship_at": ship_at(1)})
    runs, lines = finish(app, resp)
    assert f"{created['order_no']}[{line.channel_line_id}] 발주확인 연동에 성공하였습니다." in lines
    assert shop.line(line.channel_line_id)["status"] == "CONFIRMED"
    db.session.refresh(line)
    assert line.status == "CONFIRMED"

    resp = client.post("/orders/invoices/entry", data={
        "line_ids": [line.id], f"courier_{line.id}": "CJGLS", f"tracking_{line.id}": "6400-1234-5678"})
    assert resp.status_code == 303
    page = client.get(resp.headers["Location"]).get_data(as_text=True)
    assert "송장 1건을 저장했습니다. 송장송신관리에서 제휴몰로 전송해야 완료됩니다." in page
    outbox = db.session.query(InvoiceOutbox).filter_by(line_id=line.id).one()
    assert (outbox.state, outbox.tracking_number) == ("pending", "640012345678")

    send_page = client.get("/orders/invoices/send").get_data(as_text=True)
    assert created["order_no"] in send_page
    runs, lines = finish(app, client.post("/orders/invoices/send", data={"line_ids": [line.id]}))
    assert f"{created['order_no']}[{line.channel_line_id}] 송장송신 연동에 성공하였습니다." in lines
    remote = shop.line(line.channel_line_id)
    assert (remote["status"], remote["tracking"], remote["courier"]) == ("SHIPPING", "640012345678", "CJGLS")
    db.session.refresh(line)
    assert (line.status, line.invoice_state) == ("SHIPPING", "sent")

    shop.act(line.channel_line_id, "deliver")
    runs, lines = collect(client, app, [shop.account.id], items=("delivered",))
    assert any("배송완료 주문 수집을 성공하였습니다. (배송완료 1건)" in t for t in lines)
    db.session.refresh(line)
    assert line.status == "DELIVERED"
    completed = client.get("/orders/completed").get_data(as_text=True)
    assert created["order_no"] in completed and "배송완료" in completed

    kinds = [e.kind for e in db.session.query(OrderEvent).filter_by(line_id=line.id).order_by(OrderEvent.id)]
    assert kinds == ["주문수집", "발주확인", "송장저장", "송장전송", "상태변경"]
    history = client.get(f"/orders/lines/{line.id}/history").get_data(as_text=True)
    assert "발주확인 연동에 성공하였습니다." in history and "송장전송 성공: CJ대한통운 640012345678" in history
    invoice_history = client.get("/orders/invoices/history").get_data(as_text=True)
    assert "송장저장: CJ대한통운 640012345678" in invoice_history
