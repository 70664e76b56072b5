"""출고신청 of several orders in one submission: each its own items, recipient and transport; 출고가능수량
counted over all of them together; all or nothing, with a Korean message on the order and field."""
import io
import re

from models import OutboundRequest, StockLedger, WarehouseItem
from portal.extensions import db

from .conftest import PDF, make_item
from .test_flow import _order_form


def _submit(client, *orders):
    data, line = {}, 0
    for k, (pairs, fields) in enumerate(orders):
        data.update(_order_form(k, pairs, first_line=line, **fields))
        line += len(pairs)
    return client.post("/warehouse/outbound/new", data=data, content_type="multipart/form-data")


def _available(item) -> int:
    return db.session.get(WarehouseItem, item.id).available


def _block(html: str, k: int) -> str:
    """The page's 주문서 k (its section up to the next one)."""
    start = html.index(f'data-order="{k}"')
    end = html.find('<section class="order-block', start)
    return html[start:end if end > 0 else len(html)]


def test_two_orders_each_with_own_items_recipient_and_transport(wh_client, wh_seller):
    coat, hat = make_item(wh_seller, "D100000000000001", available=5), make_item(wh_seller, "D100000000000002", available=4)
    resp = _submit(wh_client,
                   ([(coat, 2), (hat, 1)], dict(transport="parcel", po_no="PO-A1", order_no="RG-A", recipient_name="홍길동")),
                   ([(coat, 3)], dict(transport="milkrun", po_no="12873360", order_no="RG-B", recipient_name="쿠팡 고양1")))
    assert resp.status_code == 302
    parcel, milkrun = OutboundRequest.query.order_by(OutboundRequest.id).all()
    assert (parcel.order_no, parcel.transport, parcel.recipient_name, parcel.courier) == ("RG-A", "parcel", "홍길동", "CJ대한통운")
    assert sorted((l.item_id, l.quantity) for l in parcel.lines) == sorted([(coat.id, 2), (hat.id, 1)])
    assert (milkrun.order_no, milkrun.transport, milkrun.recipient_name) == ("RG-B", "milkrun", "쿠팡 고양1")
    assert [(l.item_id, l.quantity) for l in milkrun.lines] == [(coat.id, 3)]
    assert milkrun.attachment and not parcel.attachment
    assert _available(coat) == 0 and _available(hat) == 3
    assert sorted(r.ref for r in StockLedger.query) == sorted([parcel.no, parcel.no, milkrun.no])
    listed = wh_client.get("/warehouse/outbound").get_data(as_text=True)
    assert parcel.no in listed and milkrun.no in listed


def test_two_orders_for_the_same_item_cannot_together_exceed_its_stock(wh_client, wh_seller):
    coat = make_item(wh_seller, "D100000000000001", available=5)
    resp = _submit(wh_client, ([(coat, 3)], dict(transport="parcel", po_no="PO-A1")),
                   ([(coat, 3)], dict(transport="parcel", po_no="PO-A2")))
    html = resp.get_data(as_text=True)
    assert resp.status_code == 400
    for k in (0, 1):  # each order is told, at its quantity, why
        assert "이번 신청의 여러 주문이 이 상품을 합계 6개 요청했습니다. 출고가능수량은 5개입니다." in _block(html, k)
    assert "아무 주문도 접수하지 않았습니다" in html
    assert OutboundRequest.query.count() == 0 and StockLedger.query.count() == 0 and _available(coat) == 5
    # what the seller typed comes back in both orders
    assert re.search(r'name="orders-1-po_no"[^>]*value="PO-A2"', html) and 'name="lines-1-quantity" value="3"' in html
    assert _submit(wh_client, ([(coat, 3)], dict(transport="parcel", po_no="PO-A1")),
                   ([(coat, 2)], dict(transport="parcel", po_no="PO-A2"))).status_code == 302
    assert _available(coat) == 0 and OutboundRequest.query.count() == 2


def test_one_bad_order_keeps_every_order_out_and_names_its_fields(wh_client, wh_seller):
    coat = make_item(wh_seller, "D100000000000001", available=5)
    resp = _submit(wh_client, ([(coat, 1)], dict(transport="parcel", po_no="PO-A1")),
                   ([(coat, 1)], dict(transport="milkrun", po_no="PO-A1", zipcode="12", attachment=(io.BytesIO(b"MZ"), "a.pdf"))))
    html = resp.get_data(as_text=True)
    assert resp.status_code == 400
    first, second = _block(html, 0), _block(html, 1)
    assert 'class="error"' not in first
    for message in ("이미 출고신청에 사용한 발주번호입니다.", "우편번호는 숫자 5자리로 입력해 주세요.",
                    "쿠팡 부착서 파일의 내용이 확장자와 다릅니다"):
        assert message in second, message
    assert OutboundRequest.query.count() == 0 and _available(coat) == 5


def test_an_order_without_items_is_refused_and_an_empty_order_form_is_ignored(wh_client, wh_seller):
    coat = make_item(wh_seller, "D100000000000001", available=5)
    resp = _submit(wh_client, ([(coat, 1)], dict(transport="parcel", po_no="PO-A1")), ([], dict(transport="parcel", po_no="PO-A2")))
    assert resp.status_code == 400
    assert "출고상품추가로 출고할 상품을 추가해 주세요." in _block(resp.get_data(as_text=True), 1)
    assert OutboundRequest.query.count() == 0
    data = _order_form(0, [(coat, 1)], transport="parcel", po_no="PO-A1")
    data.update({"orders-1-transport": "parcel", "orders-1-centre_id": ""})  # 주문서 추가 pressed, nothing typed
    assert wh_client.post("/warehouse/outbound/new", data=data, content_type="multipart/form-data").status_code == 302
    assert OutboundRequest.query.count() == 1 and _available(coat) == 4


def test_the_page_offers_another_order_form(wh_client, wh_seller):
    coat = make_item(wh_seller, "D100000000000001", available=5)
    html = wh_client.get(f"/warehouse/outbound/new?items={coat.id}").get_data(as_text=True)
    assert 'id="add-order"' in html and 'id="order-template"' in html
    assert re.search(r'name="lines-0-order" value="0"', html) and 'name="orders-0-order_no"' in html
