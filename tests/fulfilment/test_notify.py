"""마켓별 일괄 배송 통지: the 국제 송장번호 of API-collected orders reaches the channel through the invoice outbox
exactly once; file-imported orders come back as the channel's tracking-upload file."""
import io
import re

from openpyxl import load_workbook

from blueprints.fulfilment.tracking.status import assign_tracking
from models import FulfilmentOrder, InvoiceOutbox, Shipment
from portal.extensions import db
from portal.web import kst

from ..orders.conftest import Shop, add_account, collect, finish, market, ship_at  # noqa: F401  (fixtures)
from .shipments import make_shipment


def confirmed_qoo10_line(client, auth, app, seller, market):
    """A Qoo10 order collected over the API and 발주확인'd: (shop, the placed order, its line)."""
    from models import ChannelOrderLine

    shop = Shop(market, add_account(seller, "qoo10jp", "큐텐"), code="qoo10jp")
    auth.login()
    placed = shop.new_order()
    collect(client, app, [shop.account.id])
    line = db.session.query(ChannelOrderLine).filter_by(channel_order_id=placed["order_no"]).one()
    finish(app, client.post("/orders/process/confirm", data={"line_ids": [line.id], "ship_at": ship_at(1)}))
    return shop, placed, line


def test_tracking_numbers_reach_the_channel_once(client, auth, app, seller, market):  # noqa: F811
    shop, placed, line = confirmed_qoo10_line(client, auth, app, seller, market)
    shipment = make_shipment(seller, [{"source": "channel", "channel_line_id": line.id, "order_no": placed["order_no"]}],
                             status="B00", tracking="357887707763", carrier="SAGAWA")

    page = client.get(f"/fulfilment/tracking/{shipment.id}").get_data(as_text=True)
    assert re.search(r'id="channel-notified">미통지<', page)  # numbered, not yet told to the channel
    runs, lines = finish(app, client.post("/fulfilment/notify/send", data={"shipment_ids": [shipment.id]}))
    assert any("송장송신 연동에 성공하였습니다" in t for t in lines), lines
    assert any("배송 통지를 마친 배송건: 1건" in t for t in lines), lines
    db.session.expire_all()
    outbox = db.session.query(InvoiceOutbox).filter_by(line_id=line.id).one()
    assert (outbox.state, outbox.tracking_number, outbox.courier_code) == ("sent", "357887707763", "CH1")
    notified = db.session.get(Shipment, shipment.id).channel_notified_at
    assert notified is not None and notified >= outbox.sent_at
    page = client.get(f"/fulfilment/tracking/{shipment.id}").get_data(as_text=True)
    assert f'id="channel-notified">{kst(notified)}<' in page
    listing = client.get("/fulfilment/tracking").get_data(as_text=True)
    assert f'<td class="notified">{kst(notified)}</td>' in listing

    again = client.post("/fulfilment/notify/send", data={"shipment_ids": [shipment.id]})
    assert again.status_code == 400 and again.get_json()["done"] == 1
    assert len([j for j in shop.posts("SetSendingInfo") if "357887707763" in j["summary"]]) == 1


def test_file_orders_download_in_the_channels_layout(client, auth, seller):
    make_shipment(seller, [{"order_no": "784772292"}], tracking="357887707763", carrier="SAGAWA")
    make_shipment(seller, [{"order_no": "NOT-YET"}])  # no number yet: not in the file
    auth.login()
    page = client.get("/fulfilment/notify").get_data(as_text=True)
    assert 'data-channel="qoo10jp"' in page
    rows = list(load_workbook(io.BytesIO(client.get("/fulfilment/notify/download/qoo10jp").data)).active.iter_rows(
        values_only=True))
    assert rows == [("주문번호", "택배사", "송장번호", "주문국가"), ("784772292", "SAGAWA", "357887707763", "JP")]
    assert db.session.query(FulfilmentOrder).count() == 2
    db.session.expire_all()
    assert [s.channel_notified_at is not None for s in db.session.query(Shipment).order_by(Shipment.id)] == [True, False]


def test_the_channel_failing_leaves_the_shipment_not_notified(client, auth, app, seller, market):  # noqa: F811
    shop = Shop(market, add_account(seller, "qoo10jp", "큐텐"), code="qoo10jp")
    auth.login()
    placed = shop.new_order()
    collect(client, app, [shop.account.id])
    from models import ChannelOrderLine

    line = db.session.query(ChannelOrderLine).filter_by(channel_order_id=placed["order_no"]).one()
    # not 발주확인: the outbox refuses the number, nothing reaches the channel
    order = {"source": "channel", "channel_line_id": line.id, "order_no": placed["order_no"]}
    shipment = make_shipment(seller, [order], status="B00", tracking="357887707763", carrier="SAGAWA")
    client.post("/fulfilment/notify/send", data={"shipment_ids": [shipment.id]})
    db.session.expire_all()
    assert db.session.get(Shipment, shipment.id).channel_notified_at is None


def test_a_new_tracking_number_must_be_notified_again(client, auth, seller):
    shipment = make_shipment(seller, [{"order_no": "784772292"}], tracking="357887707763", carrier="SAGAWA")
    auth.login()
    client.get("/fulfilment/notify/download/qoo10jp")
    db.session.expire_all()
    shipment = db.session.get(Shipment, shipment.id)
    assert shipment.channel_notified_at is not None
    assign_tracking(shipment, "YAMATO", "440011223344", by="support")
    db.session.commit()
    assert shipment.channel_notified_at is None


def _file_rows(client, channel, **args):
    resp = client.get(f"/fulfilment/notify/download/{channel}", query_string=args)
    return list(load_workbook(io.BytesIO(resp.data)).active.iter_rows(values_only=True))[1:]


def test_one_receipt_number_with_api_and_file_orders_is_told_each_way_once(client, auth, app, seller,
                                                                          market):  # noqa: F811
    """One 접수번호 holds an API-collected Qoo10 order, a file-imported Qoo10 order and a file-imported Rakuten
    order: the API line goes through the outbox, each file order into its own channel's file, each once; the
    shipment is notified only when all three are."""
    shop, placed, line = confirmed_qoo10_line(client, auth, app, seller, market)
    shipment = make_shipment(seller, [
        {"source": "channel", "channel_line_id": line.id, "order_no": placed["order_no"]},
        {"order_no": "FILE-Q-1"}, {"order_no": "FILE-R-1", "channel": "rakuten"}],
        status="B00", tracking="357887707763", carrier="SAGAWA")

    page = client.get("/fulfilment/notify").get_data(as_text=True)
    assert re.search(r'data-channel="qoo10jp"><td>qoo10jp</td><td class="pending">1<', page)
    assert re.search(r'data-channel="rakuten"><td>rakuten</td><td class="pending">1<', page)
    assert _file_rows(client, "qoo10jp") == [("FILE-Q-1", "SAGAWA", "357887707763", "JP")]  # not the API order
    assert _file_rows(client, "qoo10jp") == []  # given once
    assert [r[0] for r in _file_rows(client, "qoo10jp", again="1")] == ["FILE-Q-1"]  # a lost file, again
    db.session.expire_all()
    assert db.session.get(Shipment, shipment.id).channel_notified_at is None  # the API and Rakuten orders wait

    runs, lines = finish(app, client.post("/fulfilment/notify/send", data={"shipment_ids": [shipment.id]}))
    assert any("배송 통지를 마친 배송건: 0건" in t for t in lines), lines  # Rakuten's file still waits
    db.session.expire_all()
    orders = {o.order_no: o for o in db.session.query(FulfilmentOrder).filter_by(shipment_id=shipment.id)}
    assert orders[placed["order_no"]].notified_number == "357887707763"
    assert orders["FILE-R-1"].notified_at is None
    assert db.session.get(Shipment, shipment.id).channel_notified_at is None

    assert _file_rows(client, "rakuten") == [
        ("FILE-R-1", shipment.cart_no, "SAGAWA", "357887707763", shipment.receipt_no)]
    db.session.expire_all()
    assert db.session.get(Shipment, shipment.id).channel_notified_at is not None
    detail = client.get(f"/fulfilment/tracking/{shipment.id}").get_data(as_text=True)
    assert "미통지" not in detail.split('id="order-notified"')[1].split("</table>")[0]
    again = client.post("/fulfilment/notify/send", data={"shipment_ids": [shipment.id]})
    assert again.status_code == 400 and again.get_json()["done"] == 1
    assert len([j for j in shop.posts("SetSendingInfo") if "357887707763" in j["summary"]]) == 1

    # A new number: every order waits again, each by its own route.
    assign_tracking(db.session.get(Shipment, shipment.id), "YAMATO", "440011223344", by="support")
    db.session.commit()
    assert [r[0] for r in _file_rows(client, "qoo10jp")] == ["FILE-Q-1"]
    detail = client.get(f"/fulfilment/tracking/{shipment.id}").get_data(as_text=True)
    waiting = detail.split('id="order-notified"')[1].split("</table>")[0]
    assert re.search(rf'data-order="{placed["order_no"]}">.*?미통지', waiting, re.S)
    assert db.session.get(Shipment, shipment.id).channel_notified_at is None
