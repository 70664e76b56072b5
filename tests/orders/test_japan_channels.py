"""Orders from the Japanese channels' real protocols (라쿠텐 RMS, Amazon SP-API) on the sandbox."""
from models import ChannelOrderLine, JobRun
from portal.extensions import db
from portal.queues import wait_inline_jobs

from .conftest import Shop, add_account


def test_auto_collection_of_rakuten_stores_its_orders_and_skips_the_claims_it_cannot_list(
        app, seller, market):
    account = add_account(seller, "rakuten", "JP")
    shop = Shop(market, account, code="rakuten")
    created = shop.new_order(qty=2)
    schedule = app.extensions["menus"]["orders"].schedules[0]
    assert schedule.func(app) == 1
    wait_inline_jobs(app, timeout=60)
    run = db.session.query(JobRun).filter(JobRun.kind.like("주문 자동수집%")).one()
    texts = [ln.text for ln in run.lines]
    assert run.status_label == "완료", texts
    assert any("신규주문 주문 수집을 성공하였습니다" in t for t in texts)
    assert any("라쿠텐은(는) 취소/반품/교환 목록을 API로 제공하지 않아 수집하지 않습니다." in t
               for t in texts)
    line = db.session.query(ChannelOrderLine).filter_by(
        account_id=account.id, channel_line_id=created["lines"][0]["line_no"]).one()
    assert line.quantity == 2 and line.status == "NEW"
    assert line.order.currency == "JPY"  # 라쿠텐 sells in yen: the order keeps it
    assert line.channel_order_id.endswith("-" + created["order_no"])   # shopId-yyyyMMdd-serial


def test_rakuten_sale_cancel_goes_through_cancel_order(client, auth, app, seller, market):
    """판매취소 of a 라쿠텐 order reaches 注文キャンセル: the order is cancelled on the channel and here."""
    from .conftest import collect, finish

    account = add_account(seller, "rakuten", "JP")
    shop = Shop(market, account, code="rakuten")
    created = shop.new_order()
    auth.login()
    collect(client, app, [account.id])
    line = db.session.query(ChannelOrderLine).filter_by(
        account_id=account.id, channel_line_id=created["lines"][0]["line_no"]).one()
    _, lines = finish(app, client.post("/orders/process/cancel",
                                       data={"line_ids": [line.id], "reason": "SOLD_OUT"}))
    assert any("판매취소 연동에 성공하였습니다" in t for t in lines), lines
    assert market.line("rakuten", created["lines"][0]["line_no"])["line"]["status"] == "CANCELED"
    db.session.refresh(line)
    assert (line.status, line.cancel_reason) == ("CANCELED", "품절")


def test_a_rakuten_order_lists_and_exports_its_amounts_in_yen(client, auth, app, seller, market):
    """주문확인/처리 and 주문상태별조회 show a yen order's 금액 with 円; the Excel download names its 통화."""
    from io import BytesIO

    from openpyxl import load_workbook

    from .conftest import collect

    account = add_account(seller, "rakuten", "JP")
    created = Shop(market, account, code="rakuten").new_order(qty=2)
    auth.login()
    collect(client, app, [account.id])
    line = db.session.query(ChannelOrderLine).filter_by(
        account_id=account.id, channel_line_id=created["lines"][0]["line_no"]).one()
    assert line.amount > 0
    yen = f"{line.amount:,}円"
    for page in ("/orders/process", "/orders/status"):
        html = client.get(page).get_data(as_text=True)
        assert f'data-currency="JPY">{yen}</td>' in html, page
    rows = list(load_workbook(BytesIO(client.get("/orders/process?format=xlsx").data)).active.values)
    at = rows[0].index("통화")
    assert rows[0][at - 1] == "금액"
    ours = next(r for r in rows if r[3] == line.channel_order_id)
    assert (ours[at - 1], ours[at]) == (line.amount, "JPY")
