"""입고 → 재고 → 출고: receipts per line, the ledger, 출고가능수량, cancel and refusal, product stock, Excel."""
import io
import re

from openpyxl import Workbook, load_workbook

from models import InboundRequest, OutboundRequest, Product, StockLedger, WarehouseItem
from models.warehouse import IN_DONE, IN_PARTIAL, OUT_CANCELLED, OUT_REFUSED, OUT_SHIPPED
from portal.extensions import db

from .conftest import PDF, centre, make_inbound, make_item

DESK = "/support-admin/warehouse_desk"


def _inbound_form(*pairs):
    data = {}
    for i, (item, qty) in enumerate(pairs):
        data.update({f"lines-{i}-item_id": item.id, f"lines-{i}-quantity": qty, f"lines-{i}-box_no": f"BOX-{i + 1}",
                     f"lines-{i}-box_width_cm": "60", f"lines-{i}-box_depth_cm": "40", f"lines-{i}-box_height_cm": "40"})
    return data


def _order(transport="milkrun", **over):
    data = {"order_no": "RG-1", "po_no": "12873360", "recipient_name": "쿠팡 고양1", "recipient_phone": "031-000-0000",
            "province": "경기도", "city": "고양시", "zipcode": "10250", "address": "물류센터", "transport": transport}
    if transport == "milkrun":
        data["centre_id"] = centre().id
        data["attachment"] = (io.BytesIO(PDF), "쿠팡부착서.pdf")
    data.update(over)
    return data


def _order_form(k, pairs, first_line=0, **order):
    """주문서 k of the 출고신청 page: its fields and its lines (numbered across the page)."""
    data = {f"orders-{k}-{name}": value for name, value in _order(**order).items()}
    for n, (item, qty) in enumerate(pairs, start=first_line):
        data.update({f"lines-{n}-item_id": item.id, f"lines-{n}-quantity": qty, f"lines-{n}-order": k})
    return data


def _outbound(client, pairs, **order):
    return client.post("/warehouse/outbound/new", data=_order_form(0, pairs, **order), content_type="multipart/form-data")


def test_inbound_partial_then_full_receipt_moves_stock_with_a_ledger(wh_client, support_client, wh_seller):
    a, b = make_item(wh_seller, "AAA0000000001"), make_item(wh_seller, "BBB0000000002")
    page = wh_client.get(f"/warehouse/inbound/new?items={a.id},{b.id}").get_data(as_text=True)
    assert "AAA0000000001" in page and "BBB0000000002" in page
    resp = wh_client.post("/warehouse/inbound/new", data=_inbound_form((a, 10), (b, 5)))
    assert resp.status_code == 302
    req = InboundRequest.query.one()
    assert "입고대기" in wh_client.get("/warehouse/inbound?status=waiting").get_data(as_text=True)
    line_a, line_b = req.lines
    resp = support_client.post(f"{DESK}/inbound/{req.id}/receive", data={f"counted-{line_a.id}": "6"})
    assert resp.status_code == 302
    db.session.refresh(req)
    assert req.status == IN_PARTIAL and line_a.received == 6 and line_b.received == 0
    assert db.session.get(WarehouseItem, a.id).available == 6
    listed = wh_client.get("/warehouse/inbound?status=partial").get_data(as_text=True)
    assert req.no in listed and "부분입고" in listed
    # more than is left is refused, nothing moves
    support_client.post(f"{DESK}/inbound/{req.id}/receive", data={f"counted-{line_a.id}": "5"})
    assert db.session.get(WarehouseItem, a.id).available == 6
    support_client.post(f"{DESK}/inbound/{req.id}/receive",
                        data={f"counted-{line_a.id}": "4", f"counted-{line_b.id}": "5"})
    db.session.refresh(req)
    assert req.status == IN_DONE and req.received_at is not None
    ledger = StockLedger.query.filter_by(item_id=a.id).order_by(StockLedger.id).all()
    assert [(r.reason, r.change, r.before, r.after, r.ref, r.user_name) for r in ledger] == [
        ("입고완료", 6, 0, 6, req.no, "support01"), ("입고완료", 4, 6, 10, req.no, "support01")]
    assert "입고완료(전체)" in wh_client.get("/warehouse/inbound?status=done").get_data(as_text=True)
    sheet = load_workbook(io.BytesIO(wh_client.get("/warehouse/inbound?format=xlsx").data)).active
    assert [(r[0], r[1], r[4], r[6], r[7]) for r in sheet.iter_rows(min_row=2, values_only=True)] == [
        (req.no, "입고완료(전체)", "BBB0000000002", 5, 5), (req.no, "입고완료(전체)", "AAA0000000001", 10, 10)]
    history = wh_client.get(f"/warehouse/stock/{a.id}/ledger").get_data(as_text=True)
    assert "+4" in history and "입고완료" in history


def test_inbound_needs_box_number_and_dimensions(wh_client, wh_seller):
    item = make_item(wh_seller)
    data = _inbound_form((item, 0))
    data["lines-0-box_no"] = ""
    data["lines-0-box_height_cm"] = "x"
    html = wh_client.post("/warehouse/inbound/new", data=data).get_data(as_text=True)
    for message in ("수량은 1 이상의 숫자로", "상자번호를 30자 이내로", "화물상자부피는 가로, 세로, 높이를"):
        assert message in html
    assert InboundRequest.query.count() == 0


def test_another_sellers_item_cannot_be_requested(wh_client, other_seller):
    theirs = make_item(other_seller, available=10)
    assert wh_client.post("/warehouse/inbound/new", data=_inbound_form((theirs, 1))).status_code == 404
    assert _outbound(wh_client, [(theirs, 1)]).status_code == 404
    assert wh_client.get(f"/warehouse/outbound/new?items={theirs.id}").status_code == 404
    assert theirs.available == 10


def test_refused_inbound_lands_in_the_failure_list(wh_client, support_client, wh_seller):
    req = make_inbound(wh_seller, make_item(wh_seller))
    support_client.post(f"{DESK}/inbound/{req.id}/refuse", data={"reason": "상자 파손"})
    failed = wh_client.get("/warehouse/inbound/failed").get_data(as_text=True)
    assert req.no in failed and "상자 파손" in failed
    assert req.no not in wh_client.get("/warehouse/inbound").get_data(as_text=True)


def test_milkrun_outbound_holds_stock_and_ships(wh_client, support_client, wh_seller):
    a, b = make_item(wh_seller, "AAA0000000001", available=5), make_item(wh_seller, "BBB0000000002", available=3)
    page = wh_client.get(f"/warehouse/outbound/new?items={a.id}").get_data(as_text=True)
    assert "출고가능수량" in page and '<strong class="available">5</strong>' in page
    resp = _outbound(wh_client, [(a, 4), (b, 3)])
    assert resp.status_code == 302
    out = OutboundRequest.query.one()
    assert out.no.startswith("EO") and len(out.no) == 14 and out.attachment_name == "쿠팡부착서.pdf"
    assert (db.session.get(WarehouseItem, a.id).available, db.session.get(WarehouseItem, b.id).available) == (1, 0)
    got = wh_client.get(f"/warehouse/outbound/{out.id}/attachment")
    assert got.status_code == 200 and got.data == PDF
    assert support_client.get(f"{DESK}/outbound/{out.id}/attachment").data == PDF
    support_client.post(f"{DESK}/outbound/{out.id}/pick")
    # picking started: the seller can no longer cancel
    wh_client.post(f"/warehouse/outbound/{out.id}/cancel")
    db.session.refresh(out)
    assert out.status == "picking"
    support_client.post(f"{DESK}/outbound/{out.id}/ship", data={"tracking_no": ""})
    db.session.refresh(out)
    assert out.status == OUT_SHIPPED and out.shipped_at is not None  # a milk-run needs no tracking number
    listed = wh_client.get("/warehouse/outbound?status=shipped").get_data(as_text=True)
    assert out.no in listed and "출고완료" in listed
    sheet = load_workbook(io.BytesIO(wh_client.get("/warehouse/outbound?format=xlsx").data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "출고번호" and {r[13] for r in rows[1:]} == {"AAA0000000001", "BBB0000000002"}


def test_outbound_rules_per_field(wh_client, wh_seller):
    item = make_item(wh_seller, available=2)
    resp = _outbound(wh_client, [(item, 3)], recipient_phone="전화", zipcode="123", attachment=(io.BytesIO(b"MZ"), "a.pdf"))
    html = resp.get_data(as_text=True)
    assert resp.status_code == 400
    for message in ("수량이 출고가능수량(2개)을 넘습니다.", "연락처는 숫자와", "우편번호는 숫자 5자리",
                    "쿠팡 부착서 파일의 내용이 확장자와 다릅니다"):
        assert message in html, message
    resp = _outbound(wh_client, [(item, 1)], transport="parcel", po_no="")
    assert "발주번호 생성 버튼으로" in resp.get_data(as_text=True)
    assert OutboundRequest.query.count() == 0 and StockLedger.query.count() == 0


def test_parcel_with_generated_po_number_then_cancel_returns_stock(wh_client, wh_seller):
    item = make_item(wh_seller, available=5)
    po_no = wh_client.post("/warehouse/outbound/po-number").get_json()["po_no"]
    assert po_no.startswith("PO")
    assert _outbound(wh_client, [(item, 2)], transport="parcel", po_no=po_no).status_code == 302
    again = _outbound(wh_client, [(item, 1)], transport="parcel", po_no=po_no)
    assert "이미 출고신청에 사용한 발주번호입니다." in again.get_data(as_text=True)
    out = OutboundRequest.query.one()
    assert out.courier == "CJ대한통운" and db.session.get(WarehouseItem, item.id).available == 3
    wh_client.post(f"/warehouse/outbound/{out.id}/cancel")
    db.session.refresh(out)
    assert out.status == OUT_CANCELLED and db.session.get(WarehouseItem, item.id).available == 5
    reasons = [r.reason for r in StockLedger.query.order_by(StockLedger.id)]
    assert reasons == ["출고신청", "출고취소"]


def test_refused_outbound_returns_stock_and_lists_the_reason(wh_client, support_client, wh_seller):
    item = make_item(wh_seller, available=5)
    _outbound(wh_client, [(item, 5)], transport="parcel", po_no="PO1")
    out = OutboundRequest.query.one()
    support_client.post(f"{DESK}/outbound/{out.id}/refuse", data={"reason": "주소 불명"})
    db.session.refresh(out)
    assert out.status == OUT_REFUSED and db.session.get(WarehouseItem, item.id).available == 5
    failed = wh_client.get("/warehouse/outbound/failed").get_data(as_text=True)
    assert out.no in failed and "주소 불명" in failed


def test_parcel_ship_needs_a_tracking_number(wh_client, support_client, wh_seller):
    item = make_item(wh_seller, available=1)
    _outbound(wh_client, [(item, 1)], transport="parcel", po_no="PO2")
    out = OutboundRequest.query.one()
    support_client.post(f"{DESK}/outbound/{out.id}/pick")
    support_client.post(f"{DESK}/outbound/{out.id}/ship", data={"tracking_no": ""})
    db.session.refresh(out)
    assert out.status == "picking"
    support_client.post(f"{DESK}/outbound/{out.id}/ship", data={"tracking_no": "564812345678"})
    db.session.refresh(out)
    assert (out.status, out.tracking_no) == (OUT_SHIPPED, "564812345678")


def test_linked_product_option_moves_with_the_warehouse(wh_client, support_client, wh_seller):
    from .test_items import _product_with_options
    product = _product_with_options(wh_seller)
    option = product.options[0]
    item = make_item(wh_seller, product_id=product.id, option_id=option.id)
    req = make_inbound(wh_seller, item, 10)
    support_client.post(f"{DESK}/inbound/{req.id}/receive", data={f"counted-{req.lines[0].id}": "10"})
    db.session.refresh(option)
    assert option.stock == 13
    _outbound(wh_client, [(item, 4)], transport="parcel", po_no="PO3")
    db.session.refresh(option)
    assert option.stock == 9 and db.session.get(Product, product.id).options[1].stock == 3


def test_low_stock_threshold_filter_dashboard_and_excel(wh_client, wh_seller):
    low = make_item(wh_seller, "LOW0000000001", available=2)
    make_item(wh_seller, "OK00000000002", available=50)
    wh_client.post(f"/warehouse/stock/{low.id}/threshold", data={"threshold": "3", "enabled": "y"})
    page = wh_client.get("/warehouse/stock?low=1").get_data(as_text=True)
    assert "LOW0000000001" in page and "OK00000000002" not in page
    tile = re.search(r'data-tile="창고 재고부족">.*?<strong data-count>(\d+)</strong>',
                     wh_client.get("/dashboard").get_data(as_text=True), re.S)
    assert tile and tile.group(1) == "1"
    sheet = load_workbook(io.BytesIO(wh_client.get("/warehouse/stock?format=xlsx").data)).active
    rows = {r[3]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["LOW0000000001"][7] == 2 and rows["LOW0000000001"][9] == "재고부족"
    assert rows["OK00000000002"][9] in ("", None)
    bad = wh_client.post(f"/warehouse/stock/{low.id}/threshold", data={"threshold": "-1", "enabled": "y"},
                         follow_redirects=True)
    assert "재고부족 기준 개수는 0 이상의 숫자로" in bad.get_data(as_text=True)


def test_support_adjustment_is_audited(support_client, wh_seller):
    item = make_item(wh_seller, available=5)
    support_client.post(f"{DESK}/items/{item.id}/adjust", data={"counted": "3", "memo": ""})
    assert db.session.get(WarehouseItem, item.id).available == 5
    support_client.post(f"{DESK}/items/{item.id}/adjust", data={"counted": "3", "memo": "실사 결과 파손 2개"})
    row = StockLedger.query.one()
    assert (row.reason, row.change, row.before, row.after, row.memo) == ("재고조정", -2, 5, 3, "실사 결과 파손 2개")


def _sheet(rows) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.append(["입고신청번호", "바코드", "입고수량"])
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def test_a_days_receipt_sheet_is_applied_whole_or_not_at_all(support_client, wh_seller):
    a, b = make_item(wh_seller, "AAA0000000001"), make_item(wh_seller, "BBB0000000002")
    ra, rb = make_inbound(wh_seller, a, 10), make_inbound(wh_seller, b, 5)
    bad = support_client.post(f"{DESK}/receipts", data={"file": (_sheet([[ra.no, a.fnsku, 4], ["IN-NONE", "X", 1],
                                                                          [rb.no, a.fnsku, 0]]), "r.xlsx")},
                              content_type="multipart/form-data", follow_redirects=True)
    html = bad.get_data(as_text=True)
    assert "3행: 입고신청번호를 찾을 수 없습니다." in html
    assert "4행: 입고신청에 없는 바코드입니다. / 입고수량은 1 이상의 숫자로 입력해 주세요." in html
    assert db.session.get(WarehouseItem, a.id).available == 0
    support_client.post(f"{DESK}/receipts", data={"file": (_sheet([[ra.no, a.fnsku, 4], [rb.no, b.fnsku, 5]]), "r.xlsx")},
                        content_type="multipart/form-data")
    assert (db.session.get(WarehouseItem, a.id).available, db.session.get(WarehouseItem, b.id).available) == (4, 5)
    assert {r.no: r.status for r in InboundRequest.query} == {ra.no: IN_PARTIAL, rb.no: IN_DONE}


def test_attachments_and_images_stay_with_their_tenant(app, wh_client, wh_seller, other_seller):
    from ..conftest import PASSWORD
    item = make_item(wh_seller, available=1)
    _outbound(wh_client, [(item, 1)])
    out = OutboundRequest.query.one()
    other = app.test_client()
    other_seller.warehouse_enabled = True
    db.session.commit()
    other.post("/login", data={"login_id": "sellerBmaster", "password": PASSWORD})
    assert other.get(f"/warehouse/outbound/{out.id}/attachment").status_code == 404
    assert other.get(f"/support-admin/warehouse_desk/outbound/{out.id}/attachment").status_code == 404


def test_recipients_are_masked_until_revealed_and_the_reveal_is_logged(wh_client, wh_seller):
    from models import AuditLog
    item = make_item(wh_seller, available=1)
    _outbound(wh_client, [(item, 1)], transport="parcel", po_no="PO9", recipient_name="이수진")
    assert "이수진" not in wh_client.get("/warehouse/outbound").get_data(as_text=True)
    assert "이수진" in wh_client.get("/warehouse/outbound?reveal=1").get_data(as_text=True)
    assert AuditLog.query.filter_by(action="개인정보조회").count() == 1


def test_inbound_list_filters_by_request_and_receipt_day_in_kst(wh_client, wh_seller):
    from datetime import datetime
    old = make_inbound(wh_seller, make_item(wh_seller, "OLD0000000001"))
    new = make_inbound(wh_seller, make_item(wh_seller, "NEW0000000002"))
    old.created_at = datetime(2026, 11, 30, 14, 59)  # 2026-11-30 23:59 KST
    new.created_at = datetime(2026, 11, 30, 15, 0)  # 2026-12-01 00:00 KST
    new.received_at = datetime(2026, 12, 2, 1, 0)
    db.session.commit()
    page = wh_client.get("/warehouse/inbound?period=requested&start=2026-12-01&end=2026-12-01").get_data(as_text=True)
    assert new.no in page and old.no not in page
    page = wh_client.get("/warehouse/inbound?period=received&start=2026-12-02").get_data(as_text=True)
    assert new.no in page and old.no not in page
    page = wh_client.get("/warehouse/inbound?period=requested&end=2026-11-30").get_data(as_text=True)
    assert old.no in page and new.no not in page


def test_support_keeps_the_coupang_centre_list(wh_client, support_client, wh_seller):
    from models import CoupangCentre
    resp = support_client.post("/support-admin/coupang_centres/new/",
                               data={"code": "ANS4", "name": "안성4", "address": "경기도 안성시", "active": "y"})
    assert resp.status_code == 302
    assert "안성4" in wh_client.get("/warehouse/outbound/new").get_data(as_text=True)
    closed = CoupangCentre(code="OLD1", name="폐쇄센터", address="", active=False)
    db.session.add(closed)
    db.session.commit()
    assert "폐쇄센터" not in wh_client.get("/warehouse/outbound/new").get_data(as_text=True)
    item = make_item(wh_seller, available=1)
    resp = _outbound(wh_client, [(item, 1)], centre_id=closed.id)
    assert "쿠팡창고를 선택해 주세요." in resp.get_data(as_text=True)


def test_the_receipt_template_lists_the_open_lines(support_client, wh_seller):
    a = make_item(wh_seller, "AAA0000000001")
    open_req = make_inbound(wh_seller, a, 10)
    sheet = load_workbook(io.BytesIO(support_client.get(f"{DESK}/receipts/template").data)).active
    assert list(sheet.iter_rows(values_only=True)) == [("입고신청번호", "바코드", "입고수량"), (open_req.no, a.fnsku, None)]


def test_low_stock_count_reaches_only_people_who_work_the_warehouse(app, wh_seller, wh_staff):
    from ..conftest import PASSWORD, make_user
    make_item(wh_seller, available=0, low_threshold=2)
    make_user("productstaff", wh_seller, duties=["products"])
    for login_id, sees in (("whstaff", True), ("productstaff", False)):
        client = app.test_client()
        client.post("/login", data={"login_id": login_id, "password": PASSWORD})
        assert ('data-tile="창고 재고부족"' in client.get("/dashboard").get_data(as_text=True)) is sees
