"""Qoo10 QAPI against the public copies of its guide: key headers, form fields, rows, result codes."""
from datetime import datetime, timedelta
from urllib.parse import parse_qs

from portal.marketplaces import KST, DispatchDelay, Invoice, OrderLine, OrderStatus, Outcome, build_adapter
from tests.marketplaces.fixture_channel import fast_http, load

CREDS = {"api_key": "api-key-from-qoo10", "login_id": "myshop", "password": "qsm-password"}
SINCE = datetime(2021, 12, 20, tzinfo=KST)


def adapter(channel):
    return build_adapter("qoo10jp", CREDS, base_url=channel.url, http=fast_http())


def form(call) -> dict:
    return {k: v[0] for k, v in parse_qs(call.body.decode()).items()}


def test_the_seller_key_is_issued_from_the_api_key_and_used_for_every_call(channel):
    documented = load("qoo10", "certification_key")
    channel.answer("POST", "/CertificationAPI.CreateCertificationKey", documented)
    channel.answer("POST", "/ShippingBasic.GetShippingInfo_v2", load("qoo10", "shipping_info_v2"))
    adapter(channel).fetch_orders(SINCE, SINCE + timedelta(days=1))
    [certify] = channel.calls("/CertificationAPI.CreateCertificationKey")
    assert certify.headers["Giosiscertificationkey"] == "api-key-from-qoo10"
    assert certify.headers["Qapiversion"] == "1.0"
    assert form(certify) == {"returnType": "application/json", "user_id": "myshop",
                             "pwd": "qsm-password"}
    lists = channel.calls("/ShippingBasic.GetShippingInfo_v2")
    assert {c.headers["Giosiscertificationkey"] for c in lists} == {"S5bnbfynQvOITqzcbzMRK7Yy_g_1_w4CZi"}
    # 配送要請, 配送準備, 配送中, 配送完了; dates as yyyyMMddHHmmss, by order date.
    assert [form(c)["ShippingStat"] for c in lists] == ["2", "3", "4", "5"]
    assert (form(lists[0])["search_Sdate"], form(lists[0])["search_Edate"],
            form(lists[0])["search_condition"]) == ("20211220000000", "20211221000000", "1")


def test_rows_are_lines_of_one_cart(channel):
    channel.answer("POST", "/CertificationAPI.CreateCertificationKey", load("qoo10", "certification_key"))
    channel.answer("POST", "/ShippingBasic.GetShippingInfo_v2", load("qoo10", "shipping_info_v2"))
    [order] = adapter(channel).fetch_orders(SINCE, SINCE + timedelta(days=1))
    assert order.channel_order_id == "1056329876"
    assert (order.recipient_name, order.zip_code, order.address, order.address_detail) == (
        "山田 花子", "150-0001", "東京都渋谷区神宮前", "1-2-3 101")
    assert order.ordered_at == datetime(2021, 12, 20, 10, 15, 30, tzinfo=KST)
    first, second = order.lines
    assert (first.channel_line_id, first.product_name, first.quantity, first.unit_price,
            first.amount) == ("697129307", "韓国コスメ トナーパッド 70枚", 2, 1980, 3960)
    assert (first.option_name, first.seller_code, first.channel_product_id) == (
        "容量:70枚", "TONER-01", "625522959")
    assert first.status is OrderStatus.NEW and second.channel_line_id == "697129308"
    assert order.total_amount == 5460


def test_an_unknown_key_fails_the_connection_test(channel):
    channel.answer("POST", "/CertificationAPI.CreateCertificationKey", load("qoo10", "unknown_key"))
    result = adapter(channel).test_connection()
    assert not result.ok and result.message_ko == "Qoo10 인증에 실패했습니다 (存在しないAPIです。)"


def line(no="697129307"):
    return OrderLine("qoo10jp", "a", "1056329876", no, "トナーパッド", 2)


def test_order_confirmation_sends_the_ship_date_and_delay(channel):
    channel.answer("POST", "/CertificationAPI.CreateCertificationKey", load("qoo10", "certification_key"))
    channel.answer("POST", "ShippingBasic.SetSellerCheckYN_V2", load("qoo10", "ok"), times=1)
    channel.answer("POST", "ShippingBasic.SetSellerCheckYN_V2", load("qoo10", "seller_check_already"))
    qoo = adapter(channel)
    qoo.now = lambda: datetime(2026, 12, 4, 1, 0, tzinfo=KST)
    due = datetime(2026, 12, 9, 15, 0, tzinfo=KST)
    first, second = qoo.confirm_orders([line(), line()], ship_at=due,
                                       delay=DispatchDelay("CUSTOM_BUILD", "각인 작업"))
    assert first.outcome is Outcome.OK and second.outcome is Outcome.ALREADY_DONE
    sent = form(channel.calls("ShippingBasic.SetSellerCheckYN_V2")[0])
    assert (sent["OrderNo"], sent["EstShipDt"], sent["DelayType"]) == ("697129307", "20261209", "2")
    assert sent["DelayMemo"].startswith("주문제작")


def test_an_expired_seller_key_stops_the_job(channel):
    import pytest

    from portal.marketplaces import AuthError

    channel.answer("POST", "/CertificationAPI.CreateCertificationKey", load("qoo10", "certification_key"))
    channel.answer("POST", "ShippingBasic.SetSendingInfo", load("qoo10", "expired_key"))
    with pytest.raises(AuthError, match="Seller authorization key is expired"):
        adapter(channel).send_invoices([Invoice("1056329876", "697129307", "YAMATO", "1234")])


def test_the_invoice_names_the_carrier_as_qsm_lists_it(channel):
    channel.answer("POST", "/CertificationAPI.CreateCertificationKey", load("qoo10", "certification_key"))
    channel.answer("POST", "ShippingBasic.SetSendingInfo", load("qoo10", "ok"))
    [outcome] = adapter(channel).send_invoices([Invoice("1056329876", "697129307", "YAMATO",
                                                        "4455-6677-8899")])
    assert outcome.outcome is Outcome.OK
    assert form(channel.calls("ShippingBasic.SetSendingInfo")[0]) == {
        "returnType": "application/json", "OrderNo": "697129307", "ShippingCorp": "ヤマト宅急便",
        "TrackingNo": "4455-6677-8899"}


def test_stock_and_price_go_through_set_goods_price_qty(channel):
    channel.answer("POST", "/CertificationAPI.CreateCertificationKey", load("qoo10", "certification_key"))
    channel.answer("POST", "/ItemsOrder.SetGoodsPriceQty", load("qoo10", "ok"))
    qoo = adapter(channel)
    assert qoo.update_stock([("625522959", 15)])[0].outcome is Outcome.OK
    assert qoo.update_price("625522959", 2180).outcome is Outcome.OK
    stock, price = (form(c) for c in channel.calls("/ItemsOrder.SetGoodsPriceQty"))
    assert (stock["ItemCode"], stock["Qty"]) == ("625522959", "15") and "Price" not in stock
    assert price["Price"] == "2180" and "Qty" not in price
