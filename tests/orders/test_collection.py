"""주문서 가져오기: re-collection and overlapping runs never duplicate a line; status table; lock; schedule."""
import logging
from datetime import timedelta

import pytest

from blueprints.orders.services import collection
from models import ChannelOrderLine, ChannelSync, CollectStatus, JobRun, Product
from models.base import utcnow
from portal.extensions import db
from portal.queues import enqueue, wait_inline_jobs
from portal.signals import stock_changed

from .conftest import add_account, collect


def _count(account):
    return db.session.query(ChannelOrderLine).filter_by(account_id=account.id).count()


def test_recollecting_reports_already_registered_and_adds_nothing(client, auth, app, shop):
    auth.login()
    shop.new_order(lines=2)
    _, first = collect(client, app, [shop.account.id])
    before = _count(shop.account)
    # the demo seed: 3 orders with 4 lines, plus ours with 2
    assert before == 6
    assert any("(신규주문 6건, 이미 등록된 주문 0건)" in t for t in first)
    _, again = collect(client, app, [shop.account.id])
    assert any("(신규주문 0건, 이미 등록된 주문 6건)" in t for t in again)
    assert _count(shop.account) == before


def test_overlapping_runs_of_the_same_account_store_each_line_once(app, seller, shop):
    from jobs.orders import collect_orders

    since, until = (utcnow() - timedelta(days=1)).isoformat(), (utcnow() + timedelta(minutes=5)).isoformat()
    runs = [enqueue(collect_orders, kind="주문서 수집", queue="channel", tenant_id=seller.id,
                    account_id=shop.account.id, since=since, until=until, items=["new"]) for _ in range(3)]
    wait_inline_jobs(app, timeout=60)
    assert _count(shop.account) == 4
    texts = [ln.text for r in runs for ln in db.session.get(JobRun, r.id).lines]
    skipped = [t for t in texts if "다른 수집 작업이 진행 중입니다" in t]
    stored = [t for t in texts if "신규주문 주문 수집을 성공하였습니다" in t]
    assert len(skipped) + len(stored) == 3 and stored


def test_the_lock_is_a_lease_that_a_dead_worker_loses(app, seller, shop):
    assert collection.acquire_lock(seller.id, shop.account.id, run_id=101)
    assert not collection.acquire_lock(seller.id, shop.account.id, run_id=102)
    sync = db.session.query(ChannelSync).filter_by(account_id=shop.account.id).one()
    sync.locked_until = utcnow() - timedelta(seconds=1)  # the holder died without releasing
    db.session.commit()
    assert collection.acquire_lock(seller.id, shop.account.id, run_id=102)


def test_status_table_shows_last_collection_per_item(client, auth, app, shop, market):
    auth.login()
    collect(client, app, [shop.account.id], items=("new", "delivered"))
    rows = {r.item: r for r in db.session.query(CollectStatus).filter_by(account_id=shop.account.id)}
    assert rows["new"].ok and rows["delivered"].ok
    html = client.get("/orders/collect").get_data(as_text=True)
    assert "최종수집일" in html and "성공" in html and "본점" in html

    market.fault("error_500", "/v1/orders", count=10)
    _, lines = collect(client, app, [shop.account.id])
    assert any("샌드박스몰(본점) 신규주문 주문 수집을 실패하였습니다" in t for t in lines)
    db.session.expire_all()
    assert db.session.query(CollectStatus).filter_by(account_id=shop.account.id, item="new").one().ok is False
    market.ops("DELETE", "/faults")


@pytest.mark.parametrize("data, message", [
    ({"items": ["new"]}, "제휴몰을 선택해 주세요."),
    ({"account_ids": ["ACCOUNT"]}, "수집할 항목을 선택해 주세요."),
    ({"account_ids": ["ACCOUNT"], "items": ["new"], "from": "2026-01-01", "to": "2026-03-01"},
     "조회 기간은 최대 30일입니다."),
])
def test_collection_form_rules(client, auth, shop, data, message):
    auth.login()
    data = {k: [str(shop.account.id) if v == "ACCOUNT" else v for v in vs] if isinstance(vs, list) else vs
            for k, vs in data.items()}
    resp = client.post("/orders/collect", data=data)
    assert resp.status_code == 400 and resp.get_json()["error"] == message


def test_paused_accounts_are_not_collected(client, auth, seller, market):
    account = add_account(seller, "gmarket", "중지계정", status="paused")
    auth.login()
    resp = client.post("/orders/collect", data={"account_ids": [account.id], "items": ["new"]})
    assert resp.get_json()["error"] == "사용중지된 계정은 수집할 수 없습니다: 중지계정"


def test_several_accounts_run_one_job_each(client, auth, app, seller, shop):
    other = add_account(seller, "interpark", "파크")
    auth.login()
    runs, _lines = collect(client, app, [shop.account.id, other.id])
    assert len(runs) == 2 and {r.kind for r in runs} == {"주문서 수집 (샌드박스몰 본점)", "주문서 수집 (인터파크 파크)"}
    assert _count(other) == 4 and _count(shop.account) == 4


def test_new_orders_notify_the_seller(client, auth, app, shop, caplog):
    auth.login()
    with caplog.at_level(logging.INFO, logger="portal.orders.notify"):
        collect(client, app, [shop.account.id])
    assert "샌드박스몰(본점) 신규주문 4건이 수집되었습니다." in caplog.text


def test_matched_products_lose_stock_and_announce_it(app, seller, shop):
    """A line whose seller code is a product's 자체상품코드 takes stock as it is stored; its 취소완료
    gives it back in the same commit, whichever job cancels it."""
    from blueprints.orders.services.stock_link import announce, announce_cancelled
    from blueprints.orders.services.store import store_orders
    from portal.marketplaces import Order, OrderLine, OrderStatus

    product = Product(tenant_id=seller.id, code="P1", own_code="KNIT-01", name="니트", stock=10)
    db.session.add(product)
    db.session.commit()
    heard = []

    def listener(sender, **kw):
        heard.append(kw)

    stock_changed.connect(listener)
    order = Order("sandbox", "k", "X-1", utcnow(), lines=[OrderLine("sandbox", "k", "X-1", "1", "니트", 3,
                                                                    status=OrderStatus.NEW, seller_code="KNIT-01")])
    result = store_orders(seller.id, shop.account, [order])
    db.session.refresh(product)
    assert product.stock == 7 and result.touched == {product.id}
    announce(seller.id, result.touched)
    assert heard == [{"tenant_id": seller.id, "product_ids": [product.id]}]
    line = db.session.get(ChannelOrderLine, result.new_line_ids[0])
    line.status = "CANCELED"
    db.session.commit()
    db.session.refresh(product)
    assert product.stock == 10
    announce_cancelled(seller.id, [line.id])
    assert len(heard) == 2
    line.status = "CANCELED"  # the same status again moves nothing
    db.session.commit()
    db.session.refresh(product)
    assert product.stock == 10
    stock_changed.disconnect(listener)


def test_a_line_cancelled_again_after_a_commit_gives_its_stock_back_once(app, seller, shop):
    """취소완료 set once more on a line whose old status a commit expired (a re-collected claim, a second
    screen) finds the stored status and moves no stock a second time."""
    from blueprints.orders.services.store import store_orders
    from portal.marketplaces import Order, OrderLine, OrderStatus

    product = Product(tenant_id=seller.id, code="P9", own_code="KNIT-09", name="니트", stock=10)
    db.session.add(product)
    db.session.commit()
    order = Order("sandbox", "k", "X-9", utcnow(), lines=[OrderLine("sandbox", "k", "X-9", "1", "니트", 3,
                                                                    status=OrderStatus.NEW, seller_code="KNIT-09")])
    line = db.session.get(ChannelOrderLine, store_orders(seller.id, shop.account, [order]).new_line_ids[0])
    line.status = "CANCELED"
    db.session.commit()
    db.session.expire_all()
    line.status = "CANCELED"
    db.session.commit()
    db.session.refresh(product)
    assert product.stock == 10


def test_the_schedule_enqueues_one_auto_collection_per_active_account(app, seller, shop):
    add_account(seller, "gmarket", "중지", status="paused")
    schedule = app.extensions["menus"]["orders"].schedules[0]
    assert schedule.id == "orders.auto-collect" and schedule.every == timedelta(minutes=15)
    assert schedule.func(app) == 1
    wait_inline_jobs(app, timeout=60)
    run = db.session.query(JobRun).filter(JobRun.kind.like("주문 자동수집%")).one()
    texts = [ln.text for ln in run.lines]
    assert any("신규주문 주문 수집을 성공하였습니다" in t for t in texts)
    assert any("취소/반품/교환 수집을 성공하였습니다" in t for t in texts)
    sync = db.session.query(ChannelSync).filter_by(account_id=shop.account.id).one()
    assert sync.orders_until and sync.claims_until and sync.locked_by is None
    assert _count(shop.account) == 4


def test_a_line_without_a_seller_code_matches_the_listing_by_either_product_number(app, seller, shop):
    """스마트스토어 lines carry the channel product number and the origin number; the listing keeps
    the origin number, so a line is matched by whichever of the two the listing stores."""
    from blueprints.orders.services.store import store_orders
    from models import Listing
    from portal.marketplaces import Order, OrderLine, OrderStatus

    product = Product(tenant_id=seller.id, code="P2", name="스탠드", stock=10)
    db.session.add(product)
    db.session.flush()
    db.session.add(Listing(tenant_id=seller.id, product_id=product.id, account_id=shop.account.id,
                           channel="sandbox", status="live", channel_product_id="9100000001"))
    db.session.commit()
    order = Order("sandbox", "k", "N-1", utcnow(), lines=[
        OrderLine("sandbox", "k", "N-1", "1", "스탠드", 2, status=OrderStatus.NEW,
                  channel_product_id="8100000001", origin_product_id="9100000001"),
        OrderLine("sandbox", "k", "N-1", "2", "다른 상품", 1, status=OrderStatus.NEW,
                  channel_product_id="8100000002", origin_product_id="9100000002")])
    store_orders(seller.id, shop.account, [order])  # the stock moves with the stored lines
    db.session.refresh(product)
    assert product.stock == 8
    stored = {x.channel_line_id: x for x in db.session.query(ChannelOrderLine).filter_by(
        account_id=shop.account.id, channel_order_id="N-1")}
    assert stored["1"].product_id == product.id and stored["1"].origin_product_id == "9100000001"
    assert stored["2"].product_id is None
