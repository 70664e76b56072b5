"""Every statistics page adds up to a plain recomputation from the order rows, on any period and filter."""
import io
import re
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from werkzeug.datastructures import MultiDict

from blueprints.statistics import services
from blueprints.statistics.periods import Period, period_from, today_kst
from models import ChannelOrderLine, ManualOrder, ManualOrderLine, OrderClaim, Product
from portal.extensions import db

PAGES = ["by_period", "by_channel", "by_category", "by_product", "by_region", "product_usage"]
URLS = {"by_period": "/statistics/period", "by_channel": "/statistics/channel", "by_category": "/statistics/category",
        "by_product": "/statistics/product", "by_region": "/statistics/region", "product_usage": "/statistics/usage"}


def kst(value):
    return (value + timedelta(hours=9)).date()


def recompute(tenant, start, end, accounts=None) -> dict:
    """주문건수, 판매수량, 매출액, 취소/반품 금액 straight from the rows, by the rules the pages state."""
    out = {"orders": set(), "quantity": 0, "sales": 0, "refunds": 0}
    inside = lambda at: at is not None and start <= kst(at) <= end  # noqa: E731
    wanted = lambda key: accounts is None or key in accounts  # noqa: E731
    lines = db.session.query(ChannelOrderLine).filter_by(tenant_id=tenant.id).all()
    done = {}
    for c in db.session.query(OrderClaim).filter_by(tenant_id=tenant.id):
        if (c.kind, c.status) in (("CANCEL", "CANCELED"), ("RETURN", "RETURNED")):
            done.setdefault(c.line_id, []).append(c)
    for line in lines:
        if not wanted(str(line.account_id)):
            continue
        if inside(line.ordered_at):
            out["orders"].add(("c", line.order_id))
            out["quantity"] += line.quantity
            out["sales"] += line.amount
        for c in done.get(line.id, []):
            if inside(c.requested_at):
                part = min(c.quantity, line.quantity)
                out["refunds"] += line.amount if part == line.quantity else line.amount * part // line.quantity
        if line.id not in done and line.status in ("CANCELED", "RETURNED") and inside(line.updated_at):
            out["refunds"] += line.amount
    if wanted("manual"):
        for order in db.session.query(ManualOrder).filter_by(tenant_id=tenant.id):
            paid = next((v for v in (order.total_paid, order.paid_amount, order.order_amount) if v is not None), 0)
            if inside(order.created_at):
                out["orders"].add(("m", order.id))
                out["quantity"] += sum(q for (q,) in db.session.query(ManualOrderLine.quantity)
                                       .filter_by(order_id=order.id))
                out["sales"] += paid
            if inside(order.canceled_at):
                out["refunds"] += paid
    out["orders"] = len(out["orders"])
    return out


def totals(row) -> dict:
    f = row.now
    return {"orders": f.order_count, "quantity": f.quantity, "sales": f.sales, "refunds": f.refunds}


PERIODS = ["today", "yesterday", "7d", "30d", "this_month", "last_month"]


@pytest.mark.parametrize("page", PAGES)
def test_page_totals_equal_recomputation_for_every_preset(book, page):
    tenant, _ = book
    for preset in PERIODS:
        period = period_from(MultiDict({"period": preset}))
        rep = services.report(tenant, page, period, services.Filters(), MultiDict())
        expected = recompute(tenant, period.start, period.end)
        assert totals(rep.total) == expected, preset
        previous = rep.previous
        assert rep.total.before.sales == recompute(tenant, previous.start, previous.end)["sales"], preset
        # the rows add up to the total (a line or order counted twice, or dropped, would show here)
        assert sum(r.now.sales for r in rep.rows) == expected["sales"]
        assert sum(r.now.refunds for r in rep.rows) == expected["refunds"]
        assert rep.total.now.net == expected["sales"] - expected["refunds"]


def test_daily_rows_follow_kst_midnight(book):
    tenant, _ = book
    today = today_kst()
    period = Period("custom", today - timedelta(days=59), today)
    rep = services.report(tenant, "by_period", period, services.Filters(), MultiDict({"unit": "day"}))
    assert len(rep.rows) == 60
    for row, offset in zip(rep.rows, range(60), strict=True):
        day = period.start + timedelta(days=offset)
        assert row.label == day.isoformat()
        assert totals(row) == recompute(tenant, day, day)
    weeks = services.report(tenant, "by_period", period, services.Filters(), MultiDict({"unit": "week"}))
    assert sum(r.now.sales for r in weeks.rows) == rep.total.now.sales and len(weeks.rows) == 9


def test_channel_rows_and_account_filter(book):
    tenant, data = book
    period = Period("custom", today_kst() - timedelta(days=59), today_kst())
    rep = services.report(tenant, "by_channel", period, services.Filters(), MultiDict())
    rows = {r.key: r for r in rep.rows}
    for account in data["accounts"]:
        assert totals(rows[str(account.id)]) == recompute(tenant, period.start, period.end, {str(account.id)})
    manual = sum(r.now.sales for k, r in rows.items() if k.startswith("manual:"))
    assert manual == recompute(tenant, period.start, period.end, {"manual"})["sales"] > 0
    only = services.Filters(accounts=["manual", str(data["accounts"][0].id)])
    rep = services.report(tenant, "by_product", period, only, MultiDict())
    assert totals(rep.total) == recompute(tenant, period.start, period.end, {"manual", str(data["accounts"][0].id)})


def test_category_drill_down_keeps_the_sum(book):
    tenant, _ = book
    period = Period("custom", today_kst() - timedelta(days=59), today_kst())
    top = services.report(tenant, "by_category", period, services.Filters(), MultiDict())
    fashion = next(r for r in top.rows if r.key == "01")
    assert fashion.label == "패션의류" and fashion.drill == {"category": "01"}
    assert any(r.label == "미분류" for r in top.rows)
    inner = services.report(tenant, "by_category", period, services.Filters(category="01"),
                            MultiDict({"category": "01"}))
    assert {r.label for r in inner.rows} == {"여성의류"}
    assert inner.total.now.sales == fashion.now.sales
    deeper = services.report(tenant, "by_category", period, services.Filters(category="010101"),
                             MultiDict({"category": "010101"}))
    assert {r.label for r in deeper.rows} == {"미니원피스", "롱원피스"}
    assert deeper.total.now.sales == fashion.now.sales


def test_region_rows(book):
    tenant, _ = book
    period = Period("custom", today_kst() - timedelta(days=59), today_kst())
    top = services.report(tenant, "by_region", period, services.Filters(), MultiDict())
    labels = {r.label for r in top.rows}
    assert {"서울특별시", "경기도", "부산광역시", "제주특별자치도", "해외/기타"} <= labels
    seoul = next(r for r in top.rows if r.label == "서울특별시")
    inner = services.report(tenant, "by_region", period, services.Filters(), MultiDict({"sido": "서울특별시"}))
    assert {r.label for r in inner.rows} == {"강남구", "마포구"}
    assert inner.total.now.sales == seoul.now.sales


def test_product_search_and_usage(book):
    tenant, data = book
    period = Period("custom", today_kst() - timedelta(days=59), today_kst())
    rep = services.report(tenant, "product_usage", period, services.Filters(q="통계상품3"), MultiDict())
    [row] = rep.rows
    product = data["products"][3]
    assert row.key == product.id and row.extra["stock"] == product.stock
    sold = row.now.quantity - row.now.refund_quantity
    assert row.extra["days_left"] == (int(product.stock // (sold / 60)) if sold > 0 else "-")
    options = services.report(tenant, "by_product", period, services.Filters(q="통계상품3"), MultiDict({"by": "option"}))
    assert sum(r.now.sales for r in options.rows) == row.now.sales and len(options.rows) >= 2


@pytest.mark.parametrize("page", PAGES)
def test_excel_is_the_table_on_the_page(book, master_client, page):
    url = URLS[page] + "?period=custom&from=" + (today_kst() - timedelta(days=59)).isoformat() + \
        "&to=" + today_kst().isoformat()
    html = master_client.get(url).get_data(as_text=True)
    assert 'id="stats-chart"' in html and "chart.umd.min.js" in html
    resp = master_client.get(url + "&format=xlsx")
    assert resp.status_code == 200
    ws = load_workbook(io.BytesIO(resp.data)).active
    rows = list(ws.iter_rows(values_only=True))
    header, total = rows[0], rows[-1]
    assert total[0] == "합계" and header[3] == "매출액(원)"
    assert f'data-total="sales">{total[3]:,}<' in html
    assert f'data-total="refunds">{total[4]:,}<' in html
    assert f'data-total="orders">{total[1]:,}<' in html
    assert sum(r[3] for r in rows[1:-1]) == total[3]


def test_category_filter_on_the_product_page(book, master_client):
    html = master_client.get("/statistics/product?period=30d").get_data(as_text=True)
    assert '<option value="0101">패션의류 &gt; 여성의류</option>' in html
    fashion = master_client.get("/statistics/product?period=30d&category=0101").get_data(as_text=True)
    names = set(re.findall(r"<tr>\s*<td>(통계상품\d)", fashion))
    assert names and names <= {"통계상품0", "통계상품1", "통계상품4", "통계상품5"}


def orders_holding(tenant, start, end, matches) -> int:
    """Orders of the period (collected or 수기주문) holding at least one product that matches, each once."""
    inside = lambda at: at is not None and start <= kst(at) <= end  # noqa: E731
    found = {("c", line.order_id) for line in db.session.query(ChannelOrderLine).filter_by(tenant_id=tenant.id)
             if inside(line.ordered_at) and line.product_id and matches(db.session.get(Product, line.product_id))}
    for line in db.session.query(ManualOrderLine).filter_by(tenant_id=tenant.id):
        order = db.session.get(ManualOrder, line.order_id)
        if inside(order.created_at) and line.product_id and matches(db.session.get(Product, line.product_id)):
            found.add(("m", order.id))
    return len(found)


@pytest.mark.parametrize("page", PAGES)
def test_filtered_order_count_counts_each_order_once(book, page):
    """An order holding two products of the chosen category (or two found by the search) is one order."""
    tenant, _ = book
    period = Period("custom", today_kst() - timedelta(days=59), today_kst())
    for filters, matches in ((services.Filters(category="01"), lambda p: p.category_code.startswith("01")),
                             (services.Filters(q="통계상품"), lambda p: "통계상품" in p.name)):
        rep = services.report(tenant, page, period, filters, MultiDict({"category": filters.category}))
        expected = orders_holding(tenant, period.start, period.end, matches)
        assert rep.total.now.order_count == expected, (page, filters)
        if page == "by_category" and filters.category:
            [row] = rep.rows  # 여성의류 holds every product of 패션의류
            assert row.now.order_count == expected
