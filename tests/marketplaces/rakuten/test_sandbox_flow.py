"""라쿠텐 adapter against the sandbox over HTTP: search → get, 注文確認, 発送情報, 問い合わせ, 在庫."""
from datetime import date, datetime, timedelta, timezone

import pytest

from portal.marketplaces import AuthError, Invoice, OrderStatus, Outcome, build_adapter



def _new_order(sandbox, hours_ago=0.5, qty=1):
    shop = sandbox.shop_id("rakuten")
    product = sandbox.ops("GET", f"/shops/{shop}/products")["products"][0]
    return sandbox.ops("POST", f"/shops/{shop}/orders", json={"hours_ago": hours_ago, "lines": [{
        "product_no": product["product_no"], "item_no": product["items"][0]["item_no"],
        "product_name": product["name"], "qty": qty, "unit_price": product["price"]}]})["order"]


def _fetch(adapter, serial, hours=6):
    now = datetime.now(timezone.utc)
    orders = adapter.fetch_orders(now - timedelta(hours=hours), now + timedelta(minutes=1))
    return next(o for o in orders if o.channel_order_id.endswith(f"-{serial}"))


def test_connection_reads_the_license_expiry_from_the_license_api(rms):
    result = rms.test_connection()
    assert result.ok and result.message_ko == "인증되었습니다"
    assert date.today() + timedelta(days=88) <= result.key_expires_on <= date.today() + timedelta(days=91)


def test_wrong_license_key_is_refused_in_korean(fresh_sandbox):
    creds = {**fresh_sandbox.credentials("rakuten"), "license_key": "SL000000_wrong"}
    adapter = build_adapter("rakuten", creds, base_url=fresh_sandbox.base_url("rakuten"))
    result = adapter.test_connection()
    assert not result.ok and "licenseKey" in result.message_ko and "90일" in result.message_ko


def test_orders_come_by_search_then_get_with_recipient_and_basket(rms, fresh_sandbox):
    created = _new_order(fresh_sandbox, qty=2)
    order = _fetch(rms, created["order_no"])
    assert order.recipient_name.replace(" ", "") == created["recipient_name"]
    (line,) = order.lines
    assert line.quantity == 2 and line.status is OrderStatus.NEW and line.raw_status == "100"
    assert line.ship_unit_id == created["ship_unit"]
    assert [r.path for r in rms.records][:2] == ["/rakuten/es/2.0/order/searchOrder/",
                                                 "/rakuten/es/2.0/order/getOrder/"]


def test_a_range_longer_than_63_days_is_searched_in_several_windows(rms, fresh_sandbox):
    old = _new_order(fresh_sandbox, hours_ago=24 * 70)
    now = datetime.now(timezone.utc)
    orders = rms.fetch_orders(now - timedelta(days=80), now + timedelta(minutes=1))
    assert any(o.channel_order_id.endswith(f"-{old['order_no']}") for o in orders)
    assert len([r for r in rms.records if r.path.endswith("searchOrder/")]) == 2


def test_confirm_then_ship_then_resend_is_already_done(rms, fresh_sandbox):
    created = _new_order(fresh_sandbox)
    order = _fetch(rms, created["order_no"])
    [ok] = rms.confirm_orders(order.lines)
    assert ok.outcome is Outcome.OK and ok.message == "注文確認に成功しました。"
    [again] = rms.confirm_orders(order.lines)
    assert again.outcome is Outcome.ALREADY_DONE
    line = order.lines[0]
    invoice = Invoice(order.channel_order_id, line.channel_line_id, "EPOST", "EE123456789KR",
                      ship_unit_id=line.ship_unit_id)
    [sent] = rms.send_invoices([invoice])
    assert sent.outcome is Outcome.OK and sent.message == "発送情報の追加設定が完了しました。"
    shipped = _fetch(rms, created["order_no"])
    assert shipped.lines[0].status is OrderStatus.SHIPPING
    assert shipped.lines[0].tracking_number == "EE123456789KR"
    assert shipped.lines[0].courier_code == "1017"          # EMS
    [resent] = rms.send_invoices([invoice])
    assert resent.outcome is Outcome.ALREADY_DONE


def test_shipping_before_confirmation_is_refused_with_the_channel_reason(rms, fresh_sandbox):
    created = _new_order(fresh_sandbox)
    line = _fetch(rms, created["order_no"]).lines[0]
    [refused] = rms.send_invoices([Invoice(line.channel_order_id, line.channel_line_id, "DHL",
                                           "1234567890", ship_unit_id=line.ship_unit_id)])
    assert refused.outcome is Outcome.REJECTED and "注文確認前" in refused.message


def test_inquiries_are_read_and_answered_once(rms):
    now = datetime.now(timezone.utc)
    inquiries = rms.fetch_inquiries(now - timedelta(days=3), now)
    assert len(inquiries) == 3
    open_one = next(i for i in inquiries if not i.answered)
    [ok] = rms.answer_inquiry(open_one.channel_inquiry_id, "내일 출고됩니다.")
    assert ok.outcome is Outcome.OK
    [again] = rms.answer_inquiry(open_one.channel_inquiry_id, "내일 출고됩니다.")
    assert again.outcome is Outcome.ALREADY_DONE
    reread = {i.channel_inquiry_id: i for i in rms.fetch_inquiries(now - timedelta(days=3), now)}
    assert reread[open_one.channel_inquiry_id].answer == "내일 출고됩니다."


def test_stock_is_set_by_manage_number_and_variant(rms, fresh_sandbox):
    shop = fresh_sandbox.shop_id("rakuten")
    product = fresh_sandbox.ops("GET", f"/shops/{shop}/products")["products"][0]
    key = f"{product['product_no']}:{product['items'][0]['item_no']}"
    [ok, bad] = rms.update_stock([(key, 7), ("no-variant", 1)])
    assert ok.outcome is Outcome.OK and bad.outcome is Outcome.REJECTED
    after = fresh_sandbox.ops("GET", f"/shops/{shop}/products")["products"][0]
    assert after["items"][0]["stock"] == 7


def test_a_lost_answer_to_confirmation_is_ambiguous_and_the_order_was_confirmed(rms, fresh_sandbox):
    created = _new_order(fresh_sandbox)
    order = _fetch(rms, created["order_no"])
    fresh_sandbox.fault("apply_then_504", "/confirmOrder/")
    [lost] = rms.confirm_orders(order.lines)
    assert lost.outcome is Outcome.AMBIGUOUS
    line_no = order.lines[0].channel_line_id
    assert fresh_sandbox.line("rakuten", line_no)["line"]["status"] == "CONFIRMED"
    assert _fetch(rms, created["order_no"]).lines[0].status is OrderStatus.CONFIRMED


def test_an_expired_license_key_stops_the_account_not_the_line(fresh_sandbox):
    fresh_sandbox.ops("POST", "/clock", json={"advance_seconds": 91 * 86400})
    try:
        adapter = build_adapter("rakuten", fresh_sandbox.credentials("rakuten"),
                                base_url=fresh_sandbox.base_url("rakuten"))
        with pytest.raises(AuthError):
            adapter.update_stock([("1:2", 1)])
    finally:
        fresh_sandbox.reset()
