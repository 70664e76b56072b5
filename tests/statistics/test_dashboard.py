"""The dashboard: today's work as counts that open the filtered lists, within the user's duties, and sales charts."""
import re
from datetime import datetime, timedelta

from tests.conftest import make_user
from models import ChannelOrderLine, JobRun, Listing, OrderClaim
from models.base import utcnow
from portal.extensions import db

from .conftest import build_orders


def tiles(html) -> dict:
    return {t: int(n.replace(",", "")) for t, n in re.findall(
        r'data-tile="([^"]+)">\s*<span>[^<]*</span><strong data-count>([\d,]+)</strong>', html)}


def links(html) -> dict:
    return dict((t, h) for h, t in re.findall(r'class="tile[^"]*" href="([^"]+)" data-tile="([^"]+)"', html))


def test_master_sees_every_tile_with_its_count_and_link(client, auth, seller):
    data = build_orders(seller, n_orders=40, days=20)
    line = db.session.query(ChannelOrderLine).filter_by(tenant_id=seller.id).first()
    line.status, line.ordered_at = "NEW", utcnow()
    late = db.session.query(ChannelOrderLine).filter_by(tenant_id=seller.id).offset(1).first()
    late.status, late.ordered_at, late.ship_at = "CONFIRMED", utcnow(), datetime.now() - timedelta(days=2)
    db.session.add(OrderClaim(tenant_id=seller.id, account_id=data["accounts"][0].id, channel="sandbox",
                              channel_claim_id="REQ1", kind="RETURN", status="RETURN_REQUESTED",
                              channel_order_id="x", channel_line_id="1", quantity=1))
    db.session.add(Listing(tenant_id=seller.id, product_id=data["products"][0].id, account_id=data["accounts"][0].id,
                           channel="sandbox", status="failed"))
    db.session.add(JobRun(tenant_id=seller.id, kind="주문서 가져오기", func="x", status="failed"))
    db.session.commit()
    auth.login()
    html = client.get("/dashboard").get_data(as_text=True)
    got = tiles(html)
    assert got["신규주문 (발주확인 대기)"] == 1
    assert got["발송 기한 임박 / 지연"] == 1 and "지연 1건" in html
    requested = db.session.query(OrderClaim).filter(
        OrderClaim.tenant_id == seller.id, OrderClaim.status.in_(["CANCEL_REQUESTED", "RETURN_REQUESTED",
                                                                 "EXCHANGE_REQUESTED"])).count()
    assert got["취소·반품·교환 요청"] == requested > 1
    assert got["연동실패 상품"] == 1
    assert got["실패한 작업"] == 1
    assert got["제휴몰 키 만료 임박"] == 0
    assert "재고 부족" in got and "송장 미전송" in got and "전송실패" in got
    # each count opens the list it counts, and that list shows the same lines
    process = client.get(links(html)["신규주문 (발주확인 대기)"].replace("&amp;", "&")).get_data(as_text=True)
    assert 'data-count="total">1<' in process
    assert client.get(links(html)["실패한 작업"]).status_code == 200
    # the sales charts of the last 7 and 30 days, with the period before
    assert html.count("data-chart=") == 2 and "최근 30일 매출" in html and "chart.umd.min.js" in html


def test_staff_see_only_what_their_duties_allow(client, auth, seller):
    build_orders(seller, n_orders=10, days=5)
    make_user("logi", seller, duties=["logistics"])
    make_user("acct", seller, duties=["accounting"])
    auth.login("logi")
    html = client.get("/dashboard").get_data(as_text=True)
    got = tiles(html)
    assert "신규주문 (발주확인 대기)" in got and "실패한 작업" in got
    assert "재고 부족" not in got and "연동실패 상품" not in got and "제휴몰 키 만료 임박" not in got
    assert "data-chart=" not in html
    auth.logout()
    auth.login("acct")
    html = client.get("/dashboard").get_data(as_text=True)
    got = tiles(html)
    assert "신규주문 (발주확인 대기)" not in got and "재고 부족" not in got
    assert html.count("data-chart=") == 2
    assert client.get("/statistics/period").status_code == 200
    auth.logout()
    auth.login("logi")
    assert client.get("/statistics/period").status_code == 403


def test_another_sellers_orders_never_count(client, auth, seller, other_seller):
    build_orders(other_seller, n_orders=30, days=5)
    auth.login()
    html = client.get("/statistics/period?period=30d").get_data(as_text=True)
    assert 'data-total="sales">0<' in html and 'data-total="orders">0<' in html
    html = client.get("/dashboard").get_data(as_text=True)
    assert all(n == 0 for n in tiles(html).values())


def test_pages_read_in_english(client, auth, seller):
    build_orders(seller, n_orders=10, days=5)
    auth.login()
    from models import User

    db.session.query(User).filter_by(login_id="sellerAmaster").update({"locale": "en"})
    db.session.commit()
    html = client.get("/statistics/period?period=7d").get_data(as_text=True)
    assert "Sales (KRW)" in html and "Change (%)" in html and "Compared with" in html
    dash = client.get("/dashboard").get_data(as_text=True)
    assert re.search(r"<h2>Today.{1,6}s work</h2>", dash) and "Sales of the last 30 days" in dash


def test_low_stock_tile_counts_what_the_stock_list_shows(client, auth, seller):
    from blueprints.products.services.stock import save_threshold

    data = build_orders(seller, n_orders=5, days=3)  # products with stock 50..57
    save_threshold(seller, "52", True)
    db.session.commit()
    auth.login()
    html = client.get("/dashboard").get_data(as_text=True)
    assert tiles(html)["재고 부족"] == sum(1 for p in data["products"] if p.stock <= 52) == 3
    listed = client.get(links(html)["재고 부족"]).get_data(as_text=True)
    assert all(p.name in listed for p in data["products"] if p.stock <= 52)


def test_ship_deadline_tile_counts_due_today_and_late_apart(client, auth, seller):
    """발송 기한: 출고 예정일 later today is 임박, an earlier one 지연, tomorrow's neither; invoiced lines none."""
    from portal.marketplaces import KST

    build_orders(seller, n_orders=6, days=2)
    now_kst = datetime.now(KST).replace(tzinfo=None)
    end_of_day = datetime.combine(now_kst.date(), datetime.max.time()).replace(microsecond=0)
    ship = [min(now_kst + timedelta(minutes=5), end_of_day), now_kst - timedelta(hours=1),
            now_kst - timedelta(days=1), now_kst + timedelta(days=1, hours=1), now_kst - timedelta(days=1)]
    lines = db.session.query(ChannelOrderLine).filter_by(tenant_id=seller.id).order_by(ChannelOrderLine.id).all()
    for line, ship_at in zip(lines, ship):
        line.status, line.ordered_at, line.ship_at, line.invoice_state = "CONFIRMED", utcnow(), ship_at, ""
    lines[4].invoice_state = "pending"  # invoiced: no longer waiting to ship
    db.session.commit()
    auth.login()
    html = client.get("/dashboard").get_data(as_text=True)
    assert tiles(html)["발송 기한 임박 / 지연"] == 3
    assert "오늘 출고 예정 1건 · 지연 2건" in html
