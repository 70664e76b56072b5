"""배송현황 / 배송조회: tiles count open shipments per status with their aging, filters and keyset pages, the
Excel download, the history of a shipment, and the walls between sellers."""
import io
import re

from openpyxl import load_workbook

from blueprints.fulfilment.tracking import status
from blueprints.fulfilment.tracking.codes import may_move
from models import Shipment
from portal.extensions import db

from .shipments import make_shipment


def _tile(page, code, aging):
    marker = f'data-status="{code}"'
    block = page[page.index(marker):]
    cell = block[block.index(f'data-aging="{aging}"'):]
    return cell[cell.index(">") + 1:cell.index("건")].split(">")[-1]


def test_tiles_count_open_shipments_per_status_and_age(client, auth, seller, other_seller):
    for days in (0, 4, 8, 16):
        make_shipment(seller, status="A10", days_in_status=days)
    make_shipment(seller, status="A02", days_in_status=6)
    make_shipment(seller, status="D99", days_in_status=20)
    make_shipment(seller, status="A10", created_days_ago=90)  # outside the default 30 days
    make_shipment(other_seller, status="A10", days_in_status=20)
    auth.login()
    page = client.get("/fulfilment/tracking").get_data(as_text=True)
    assert 'id="open-total">' in page and "전체(미배송완료) <strong>5</strong>" in page
    assert [_tile(page, "A10", a) for a in ("total", 3, 5, 7, 10, 15)] == ["4", "3", "2", "2", "1", "1"]
    assert [_tile(page, "A02", a) for a in ("total", 5, 7)] == ["1", "1", "0"]

    page = client.get("/fulfilment/tracking?status=A10&aging=7").get_data(as_text=True)
    assert page.count('data-status="A10"') == 1 + 2  # the tile, and the two rows of 7+ days


def test_filters_search_and_keyset_pages(client, auth, seller):
    shipments = [make_shipment(seller) for _ in range(55)]
    auth.login()
    first = client.get("/fulfilment/tracking").get_data(as_text=True)
    assert 'id="list-total">55<' in first and first.count("data-receipt=") == 50
    link = re.search(r'href="([^"]+)" id="next-page"', first).group(1).replace("&amp;", "&")
    second = client.get(link).get_data(as_text=True)
    assert second.count("data-receipt=") == 5 and f'data-receipt="{shipments[0].receipt_no}"' in second
    assert 'id="next-page"' not in second
    one = client.get(f"/fulfilment/tracking?field=receipt_no&q={shipments[3].receipt_no.lower()}").get_data(as_text=True)
    assert one.count("data-receipt=") == 1
    by_order = client.get(f"/fulfilment/tracking?field=order_no&q={shipments[7].orders[0].order_no}")
    assert f'data-receipt="{shipments[7].receipt_no}"' in by_order.get_data(as_text=True)
    bad = client.get("/fulfilment/tracking?from=2026-02-30").get_data(as_text=True)
    assert "배송접수일은 2026-12-01 형식으로 입력해 주세요." in bad


def test_a_long_list_says_how_far_it_counted(client, auth, seller, monkeypatch):
    from blueprints.fulfilment.tracking import queries

    monkeypatch.setattr(queries, "COUNT_CAP", 3)
    for _ in range(5):
        make_shipment(seller)
    auth.login()
    assert 'id="list-total">3+<' in client.get("/fulfilment/tracking").get_data(as_text=True)


def test_excel_download_has_the_filtered_rows(client, auth, seller):
    held = make_shipment(seller, status="A02")
    make_shipment(seller, status="A10")
    auth.login()
    resp = client.get("/fulfilment/tracking?status=A02&format=xlsx")
    rows = list(load_workbook(io.BytesIO(resp.data)).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("접수번호", "배송접수일", "상태코드", "상태")
    assert [r[0] for r in rows[1:]] == [held.receipt_no] and rows[1][3] == "보류"
    assert "山田" not in str(rows[1])  # the recipient is masked


def test_history_shows_every_status_change_with_who(client, auth, seller, support):
    shipment = make_shipment(seller)
    status.receive(shipment, support, "0.85")
    status.change_status(shipment, "B00", by="support", user=support, message="타송 화물 출하")
    status.change_status(shipment, "D99", by="api", message="配達完了しました")
    db.session.commit()
    auth.login()
    page = client.get(f"/fulfilment/tracking/{shipment.id}").get_data(as_text=True)
    assert page.index('data-code="D99"') < page.index('data-code="B00"') < page.index('data-code="A99"')
    assert "配達完了しました" in page and "입고 확인 (0.85kg)" in page and "KSE API" in page and "물류센터" in page


def test_another_sellers_shipment_is_a_404(client, auth, seller, other_seller):
    theirs = make_shipment(other_seller)
    auth.login()
    assert client.get(f"/fulfilment/tracking/{theirs.id}").status_code == 404
    assert client.get(f"/fulfilment/tracking/{theirs.id}/inquiry").status_code == 404
    page = client.get(f"/fulfilment/tracking?field=receipt_no&q={theirs.receipt_no}").get_data(as_text=True)
    assert f'data-receipt="{theirs.receipt_no}"' not in page and 'id="list-total">0<' in page


def test_status_rules():
    assert may_move("A00", "A99") and may_move("A10", "A02") and may_move("A02", "A10")
    assert may_move("B11", "D99") and may_move("C11", "X99") and may_move("E00", "D11")
    assert not may_move("D99", "D11") and not may_move("B00", "A99") and not may_move("A00", "A00")
    assert not may_move("A00", "Z99")


def test_a_refused_move_says_why(app, seller, support):
    shipment = make_shipment(seller, status="B00")
    try:
        status.change_status(shipment, "A10", by="support", user=support)
    except status.Refused as refused:
        assert str(refused) == f"{shipment.receipt_no}: 출고완료(B00)에서 미입고(A10)(으)로 바꿀 수 없습니다."
    else:
        raise AssertionError("moved back")
    assert db.session.get(Shipment, shipment.id).status == "B00"
