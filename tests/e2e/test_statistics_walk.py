"""A seller opens the dashboard, walks the six 통계관리 pages, changes the period and filters, drills into a
category and a 시/도, downloads the Excel and finds the same totals as the page; the charts are drawn."""
import io

import pytest
from openpyxl import load_workbook

from ..conftest import PASSWORD, make_tenant, make_user
from ..statistics.conftest import build_orders
from .conftest import screenshot

pytestmark = pytest.mark.e2e

PAGES = [("기간별 매출통계", "/statistics/period"), ("제휴몰별 매출통계", "/statistics/channel"),
         ("카테고리별 매출통계", "/statistics/category"), ("상품별 매출통계", "/statistics/product"),
         ("지역별 매출통계", "/statistics/region"), ("상품별 이용현황", "/statistics/usage")]


def number(page, key) -> int:
    return int(page.inner_text(f"[data-total={key}]").replace(",", ""))


def excel_total(page):
    with page.expect_download() as info:
        page.click("#export")
    ws = load_workbook(io.BytesIO(open(info.value.path(), "rb").read())).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[-1][0] == "합계"
    return rows


def test_walk_statistics_and_dashboard(page, live_server):
    app = live_server.app
    with app.app_context():
        tenant = make_tenant()
        make_user("sellerAmaster", tenant, master=True)
        build_orders(tenant, n_orders=200, days=60)
    page.goto("/login")
    page.fill("#login_id", "sellerAmaster")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url("**/dashboard")
    page.wait_for_selector("canvas[data-drawn='1']")
    assert page.locator("#today-work .tile").count() >= 8
    screenshot(page, "statistics-dashboard")

    for title, path in PAGES:
        page.click("nav.menus a[data-menu=statistics]")
        page.click(f"main a:has-text('{title}')")
        page.wait_for_url(f"**{path}")
        page.wait_for_selector("#stats-chart[data-drawn='1']")
        page.click("button[data-period='30d']")
        page.wait_for_selector("#stats-chart[data-drawn='1']")
        sales30 = number(page, "sales")
        page.click("button[data-period='7d']")
        page.wait_for_selector("#stats-chart[data-drawn='1']")
        assert number(page, "sales") <= sales30
        page.fill("input[name=from]", page.input_value("input[name=to]")[:8] + "01")
        page.click("button[data-period='custom']")
        page.wait_for_selector("#stats-chart[data-drawn='1']")
        rows = excel_total(page)
        assert rows[-1][3] == number(page, "sales") and rows[-1][4] == number(page, "refunds")
        assert rows[-1][1] == number(page, "orders")
        assert len(rows) - 2 == page.locator("#stats-table tbody tr:not(.total)").count() or number(page, "sales") == 0
        screenshot(page, "statistics-" + path.rsplit("/", 1)[1])

    # filters: one channel account, then a product search; the totals follow and the Excel still agrees
    page.goto("/statistics/channel?period=custom&from=2000-01-01&to=2100-01-01")
    assert page.locator(".flash.error").count() == 1  # more than 366 days is refused with a message
    page.goto("/statistics/channel")
    page.click("button[data-period='30d']")
    everything = number(page, "sales")
    page.check("input[name=account][value=manual]")
    page.click("#search")
    manual = number(page, "sales")
    assert 0 < manual < everything
    rows = excel_total(page)
    assert rows[-1][3] == manual and all(str(r[0]).startswith("수기주문") for r in rows[1:-1])
    page.goto("/statistics/product")
    page.click("button[data-period='30d']")
    page.fill("#q", "통계상품1")
    page.click("#search")
    assert all("통계상품1" in t for t in page.locator("#stats-table tbody tr:not(.total) td:first-child").all_inner_texts())
    assert excel_total(page)[-1][3] == number(page, "sales")

    # drill down: a category, then a 시/도
    page.goto("/statistics/category?period=30d")
    page.click("#stats-table a.drill:has-text('패션의류')")
    page.wait_for_selector("text=여성의류")
    page.goto("/statistics/region?period=30d")
    page.click("#stats-table a.drill:has-text('서울특별시')")
    page.wait_for_selector("#stats-table td:has-text('강남구')")
    screenshot(page, "statistics-region-seoul")
