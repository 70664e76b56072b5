"""삭제목록: deleted 대기목록 lines and shipments narrowed by 삭제일, 마켓, 출처 and a search, paged with the
filters kept, and downloaded as Excel with the same filters (recipients masked unless revealed)."""
import io
from datetime import datetime, timedelta

import pytest
from openpyxl import load_workbook

from models import FulfilmentOrder, Shipment
from portal.extensions import db

from .shipments import make_shipment


def deleted_line(tenant, order_no, *, channel="qoo10jp", source="manual", days_ago=0, product="マスクパック"):
    row = FulfilmentOrder(tenant_id=tenant.id, source=source, channel=channel, order_no=order_no, cart_no=order_no,
                          recipient_name="山田花子", recipient_phone="090-1234-5678", product_name=product,
                          quantity=1, deleted_at=datetime(2026, 12, 3, 3) - timedelta(days=days_ago),
                          delete_reason="주문 취소")
    db.session.add(row)
    db.session.commit()
    return row


@pytest.fixture
def lines(seller, client, auth):
    deleted_line(seller, "Q-OLD", days_ago=10)
    deleted_line(seller, "Q-NEW")
    deleted_line(seller, "R-NEW", channel="rakuten", source="channel", product="ハイドロクリーム")
    auth.login()
    return client


def order_nos(client, **args):
    html = client.get("/fulfilment/deleted", query_string=args).get_data(as_text=True)
    return sorted(n for n in ("Q-OLD", "Q-NEW", "R-NEW") if f"<td>{n}</td>" in html)


def test_filters_by_period_channel_source_and_search(lines):
    assert order_nos(lines) == ["Q-NEW", "Q-OLD", "R-NEW"]
    assert order_nos(lines, start="2026-12-01", end="2026-12-03") == ["Q-NEW", "R-NEW"]
    assert order_nos(lines, end="2026-11-30") == ["Q-OLD"]
    assert order_nos(lines, channel="rakuten") == ["R-NEW"]
    assert order_nos(lines, source="manual") == ["Q-NEW", "Q-OLD"]
    assert order_nos(lines, q="Q-OLD") == ["Q-OLD"]
    assert order_nos(lines, q="クリーム") == ["R-NEW"]
    html = lines.get("/fulfilment/deleted").get_data(as_text=True)
    assert "수기/엑셀" in html and "API수집" in html and "山田花子" not in html


def test_excel_download_keeps_the_filters_and_masks_the_recipient(lines):
    resp = lines.get("/fulfilment/deleted", query_string={"format": "xlsx", "channel": "qoo10jp"})
    sheet = load_workbook(io.BytesIO(resp.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("삭제일", "출처", "마켓", "주문번호")
    assert sorted(r[3] for r in rows[1:]) == ["Q-NEW", "Q-OLD"]
    assert all(r[6] != "山田花子" for r in rows[1:]) and rows[1][-1] == "주문 취소"
    revealed = load_workbook(io.BytesIO(lines.get("/fulfilment/deleted", query_string={
        "format": "xlsx", "reveal": "1"}).data)).active
    assert "山田花子" in [r[6] for r in revealed.iter_rows(min_row=2, values_only=True)]


def test_pages_keep_the_filters(seller, lines):
    for n in range(55):
        deleted_line(seller, f"P-{n:02d}", channel="amazonjp")
    html = lines.get("/fulfilment/deleted", query_string={"channel": "amazonjp"}).get_data(as_text=True)
    assert 'id="deleted-total">55<' in html and html.count('name="ids"') == 50
    assert "channel=amazonjp" in html.split('id="deleted-next"')[1].split(">")[0]
    after = html.split('id="deleted-next" href="')[1].split('"')[0].replace("&amp;", "&")
    second = lines.get(after).get_data(as_text=True)
    assert second.count('name="ids"') == 5 and "Q-NEW" not in second


def test_deleted_shipments_filter_and_download(seller, lines):
    qoo = make_shipment(seller, [{"order_no": "784772292"}])
    rakuten = make_shipment(seller, channel="rakuten")
    for s in (qoo, rakuten):
        s.deleted_at = datetime(2026, 12, 3, 3)
    db.session.commit()
    html = lines.get("/fulfilment/deleted", query_string={"tab": "shipments", "q": "784772292"}).get_data(as_text=True)
    assert qoo.receipt_no in html and rakuten.receipt_no not in html
    html = lines.get("/fulfilment/deleted", query_string={"tab": "shipments", "channel": "rakuten"}).get_data(
        as_text=True)
    assert rakuten.receipt_no in html and qoo.receipt_no not in html
    sheet = load_workbook(io.BytesIO(lines.get("/fulfilment/deleted", query_string={
        "tab": "shipments", "format": "xlsx"}).data)).active
    assert sorted(r[1] for r in sheet.iter_rows(min_row=2, values_only=True)) == sorted(
        [qoo.receipt_no, rakuten.receipt_no])


def test_another_sellers_deleted_rows_are_not_listed(lines, other_seller):
    deleted_line(other_seller, "THEIR-1")
    html = lines.get("/fulfilment/deleted").get_data(as_text=True)
    assert "THEIR-1" not in html
    assert db.session.query(Shipment).count() == 0
