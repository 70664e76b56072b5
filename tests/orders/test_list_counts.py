"""처리상태 counts of the order lists stay exact through every kind of line change, on any period and filter."""
import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, func, insert, update
from werkzeug.datastructures import MultiDict

from blueprints.orders.services import queries, today_kst
from blueprints.orders.services.invoices import save_invoice
from models import ChannelAccount, ChannelOrder, ChannelOrderLine
from models.order import OrderLineTally
from portal.extensions import db
from portal.marketplaces import KST

FILTERS = [
    {}, {"days": "1"}, {"days": "3"}, {"days": "30"}, {"days": "365"}, {"stage": "NEW"}, {"stage": "INVOICED"},
    {"days": "365", "stage": "DELIVERED"}, {"days": "365", "courier": "CJGLS"}, {"days": "365", "courier": "KGB"},
    {"from": "2000-01-01", "days": ""}, {"days": "30", "stage": "CANCEL_REQUESTED", "courier": "CJGLS"},
]


def kst_wall(days_ago: int, hour: int, minute: int = 0) -> datetime:
    """Naive UTC of a KST wall time days_ago days back: what ordered_at stores."""
    day = today_kst() - timedelta(days=days_ago)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=KST).astimezone(UTC).replace(tzinfo=None)


@pytest.fixture
def shop(seller):
    first = ChannelAccount(tenant_id=seller.id, channel="sandbox", alias="본점", status="active")
    second = ChannelAccount(tenant_id=seller.id, channel="sandbox", alias="2호점", status="active")
    db.session.add_all([first, second])
    db.session.commit()
    return seller, first, second


def add_line(tenant, account, no: str, ordered_at, status="NEW") -> ChannelOrderLine:
    order = ChannelOrder(tenant_id=tenant.id, account_id=account.id, channel="sandbox", channel_order_id=no,
                         ordered_at=ordered_at, recipient_name="김수취")
    line = ChannelOrderLine(tenant_id=tenant.id, order=order, account_id=account.id, channel="sandbox",
                            channel_order_id=no, channel_line_id="1", ordered_at=ordered_at, status=status,
                            product_name="상품")
    db.session.add_all([order, line])
    return line


def live_counts(tenant, flt) -> dict[str, int]:
    """What counting the lines themselves gives, the yardstick for the tally."""
    rows = (queries.line_query(tenant, flt)
            .with_entities(ChannelOrderLine.status, ChannelOrderLine.invoice_state, func.count())
            .group_by(ChannelOrderLine.status, ChannelOrderLine.invoice_state).all())
    counts: dict[str, int] = {}
    for status, invoice_state, n in rows:
        key = queries.stage_of(status, invoice_state)
        counts[key] = counts.get(key, 0) + n
    return counts


def assert_exact(tenant, account=None):
    for args in FILTERS + ([{"days": "365", "account": str(account.id)}] if account else []):
        for stages in (None, ("DELIVERED", "PURCHASE_DECIDED", "SENT", "FORCED")):
            flt = queries.LineFilter.from_args(MultiDict(args), 7, stages)
            query = queries.line_query(tenant, flt)
            assert queries.stage_counts(tenant, flt, query) == live_counts(tenant, flt), (args, stages)


def test_counts_match_the_lines_through_every_kind_of_change(shop, other_seller):
    tenant, first, second = shop
    other = ChannelAccount(tenant_id=other_seller.id, channel="sandbox", alias="남의가게", status="active")
    db.session.add(other)
    lines = [add_line(tenant, first, "T-0", kst_wall(0, 0, 10)),     # just after midnight KST: today
             add_line(tenant, first, "T-1", kst_wall(1, 23, 50)),    # just before it: yesterday
             add_line(tenant, second, "T-2", kst_wall(2, 12)),
             add_line(tenant, first, "T-6", kst_wall(6, 9), "CANCEL_REQUESTED"),
             add_line(tenant, second, "T-40", kst_wall(40, 15), "DELIVERED"),
             add_line(tenant, first, "T-200", kst_wall(200, 8), "PURCHASE_DECIDED"),
             add_line(tenant, first, "T-400", kst_wall(400, 8), "PURCHASE_DECIDED"),
             add_line(tenant, first, "T-none", None)]
    add_line(other_seller, other, "O-1", kst_wall(0, 9))
    db.session.commit()
    assert_exact(tenant, first)
    assert queries.stage_counts(tenant, queries.LineFilter.from_args(MultiDict({"days": "1"})), None) == {"NEW": 1}

    # ORM changes of one line at a time, as the jobs make them, and a saved invoice.
    lines[0].status = "CONFIRMED"
    lines[1].status = "CONFIRMED"
    db.session.flush()
    save_invoice(lines[1], "CJGLS", "123456789012")
    lines[5].ordered_at = kst_wall(20, 10)  # moves between days
    db.session.commit()
    assert_exact(tenant, first)

    # Set-based SQL, as bulk imports and bulk state changes write: many lines in one statement.
    db.session.execute(insert(ChannelOrder), [
        {"tenant_id": tenant.id, "account_id": second.id, "channel": "sandbox", "channel_order_id": f"B-{i}",
         "ordered_at": kst_wall(i % 10, 10)} for i in range(30)])
    ids = dict(db.session.query(ChannelOrder.channel_order_id, ChannelOrder.id).filter(
        ChannelOrder.channel_order_id.like("B-%")).all())
    db.session.execute(insert(ChannelOrderLine), [
        {"tenant_id": tenant.id, "order_id": ids[f"B-{i}"], "account_id": second.id, "channel": "sandbox",
         "channel_order_id": f"B-{i}", "channel_line_id": str(k), "ordered_at": kst_wall(i % 10, 10),
         "status": "NEW", "invoice_state": "", "courier_code": ""} for i in range(30) for k in (1, 2)])
    db.session.execute(update(ChannelOrderLine).where(ChannelOrderLine.channel_order_id.like("B-1%"))
                       .values(status="SHIPPING", invoice_state="sent", courier_code="CJGLS"))
    db.session.execute(update(ChannelOrderLine).where(ChannelOrderLine.channel_order_id.like("B-2%"))
                       .values(invoice_state="failed", courier_code="KGB"))
    db.session.execute(update(ChannelOrderLine).where(ChannelOrderLine.tenant_id == tenant.id)
                       .values(product_name="이름만 바뀜"))  # changes nothing counted
    db.session.execute(delete(ChannelOrderLine).where(ChannelOrderLine.channel_order_id == "B-3"))
    db.session.commit()
    assert_exact(tenant, second)

    # Settling folds the trigger rows without changing a count; later changes stay exact.
    before = db.session.query(OrderLineTally).filter_by(tenant_id=tenant.id).count()
    queries.settle_tally(tenant.id)
    rows = db.session.query(OrderLineTally).filter_by(tenant_id=tenant.id).all()
    assert all(r.settled and r.n > 0 for r in rows) and len(rows) < before
    assert_exact(tenant, second)
    lines[3].status = "CANCELED"
    db.session.commit()
    assert_exact(tenant, first)


def test_seller_sees_exact_counts_after_status_changes(client, auth, shop, monkeypatch):
    tenant, first, second = shop
    lines = [add_line(tenant, first, f"S-{i}", kst_wall(i, 10)) for i in range(5)]
    lines.append(add_line(tenant, second, "S-old", kst_wall(100, 10), "PURCHASE_DECIDED"))
    db.session.commit()
    auth.login()
    html = client.get("/orders/process").get_data(as_text=True)
    assert '전체 : <strong data-count="total">5</strong>' in html
    assert '신규주문 : <strong data-count="NEW">5</strong>' in html

    monkeypatch.setattr(queries, "SETTLE_AT", 1)  # every list read settles: counts must not move
    lines[0].status = lines[1].status = "CONFIRMED"
    db.session.flush()
    save_invoice(lines[1], "CJGLS", "123456789012")
    lines[2].status = "CANCEL_REQUESTED"
    db.session.commit()
    html = client.get("/orders/process").get_data(as_text=True)
    assert '전체 : <strong data-count="total">5</strong>' in html
    assert '신규주문 : <strong data-count="NEW">2</strong>' in html
    assert '발주확인 : <strong data-count="CONFIRMED">1</strong>' in html
    assert '송장등록 : <strong data-count="INVOICED">1</strong>' in html
    assert '취소요청 : <strong data-count="CANCEL_REQUESTED">1</strong>' in html
    assert db.session.query(OrderLineTally).filter_by(settled=False).count() == 0

    invoiced = client.get("/orders/process?stage=INVOICED&courier=CJGLS").get_data(as_text=True)
    assert '전체 : <strong data-count="total">1</strong>' in invoiced and 'data-order="S-1"' in invoiced
    none = client.get("/orders/process?courier=KGB").get_data(as_text=True)
    assert '전체 : <strong data-count="total">0</strong>' in none and "data-order=" not in none

    assert 'data-order="S-old"' in client.get("/orders/completed?days=365").get_data(as_text=True)
    lines[5].status = "RETURN_REQUESTED"
    db.session.commit()
    year = client.get("/orders/status?days=365").get_data(as_text=True)
    assert tile(year, "RETURN_REQUESTED") == "반품요청 <strong>1</strong>"
    assert tile(year, "PURCHASE_DECIDED") == "구매확정 <strong>0</strong>"
    assert tile(year, "NEW") == "신규주문 <strong>2</strong>"
    done = client.get("/orders/completed?days=365").get_data(as_text=True)
    assert '전체 : <strong data-count="total">0</strong>' in done and "data-order=" not in done


def tile(html: str, stage: str) -> str:
    return re.search(rf'<li data-stage="{stage}"[^>]*><a [^>]*>([^<]+<strong>\d+</strong>)', html).group(1)
