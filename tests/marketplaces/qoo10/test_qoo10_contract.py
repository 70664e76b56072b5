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


def test_claims_are_read_by_request_date_and_mapped_by_claim_status(channel):
    """GetClaimInfo_V3 {ClaimStat (left out: all), search_Sdate, search_Edate, search_condition 2
    클레임 요청일}; 1 취소요청, 6 반품완료; 14 미수취 환불 is not a claim the portal processes."""
    channel.answer("POST", "/CertificationAPI.CreateCertificationKey", load("qoo10", "certification_key"))
    channel.answer("POST", "/ShippingBasic.GetClaimInfo_V3", load("qoo10", "claim_info_v3"))
    claims = adapter(channel).fetch_claims(SINCE, SINCE + timedelta(days=1))
    [call] = channel.calls("/ShippingBasic.GetClaimInfo_V3")
    assert form(call) == {"returnType": "application/json", "search_Sdate": "20211220000000",
                          "search_Edate": "20211221000000", "search_condition": "2"}
    assert [(c.channel_claim_id, c.kind.name, c.status, c.channel_order_id, c.quantity)
            for c in claims] == [("C400000001", "CANCEL", OrderStatus.CANCEL_REQUESTED,
                                  "300000001", 1),
                                 ("R400000002", "RETURN", OrderStatus.RETURNED, "300000002", 2)]
    assert claims[0].reason == "注文変更" and claims[0].requested_at.hour == 10


def test_a_claim_window_past_ninety_days_is_refused(channel):
    import pytest

    from portal.marketplaces import PermanentError

    channel.answer("POST", "/CertificationAPI.CreateCertificationKey", load("qoo10", "certification_key"))
    channel.answer("POST", "/ShippingBasic.GetClaimInfo_V3", load("qoo10", "claim_info_period"))
    with pytest.raises(PermanentError, match="90 days"):
        adapter(channel).fetch_claims(SINCE, SINCE + timedelta(days=1))


def test_inquiries_carry_the_three_numbers_the_answer_needs(channel):
    channel.answer("POST", "/CertificationAPI.CreateCertificationKey", load("qoo10", "certification_key"))
    channel.answer("POST", "/CSCenter.GetInquiryMessage", load("qoo10", "inquiry_message"))
    channel.answer("POST", "/CSCenter.SetInquiryMessage", load("qoo10", "inquiry_answer"))
    qoo10 = adapter(channel)
    first, second = qoo10.fetch_inquiries(SINCE, SINCE + timedelta(days=1))
    assert (first.channel_inquiry_id, first.answered, first.channel_product_id) == \
        ("ITEM:12345678:12345679", False, "1000000001")
    assert (second.answered, second.channel_order_id) == (True, "400000001")
    [done] = qoo10.answer_inquiry(first.channel_inquiry_id, "ございます。")
    assert done.outcome is Outcome.OK and done.channel_ref == "12345680"
    sent = form(channel.calls("/CSCenter.SetInquiryMessage")[0])
    assert (sent["inq_type"], sent["question_no"], sent["seq_no"], sent["contents"]) == \
        ("ITEM", "12345678", "12345679", "ございます。")
    [long] = qoo10.answer_inquiry(first.channel_inquiry_id, "あ" * 4001)
    assert long.outcome is Outcome.REJECTED and len(channel.calls("SetInquiryMessage")) == 1


def test_seller_cancel_names_the_order_and_reason(channel):
    """Claim.SetCancelProcess {ContrNo, CancelReason (3 배송 지연; none = 재고 없음), SellerMemo};
    -10004 (already shipped or cancelled) is refused."""
    channel.answer("POST", "/CertificationAPI.CreateCertificationKey", load("qoo10", "certification_key"))
    channel.answer("POST", "/Claim.SetCancelProcess", load("qoo10", "ok"), times=1)
    channel.answer("POST", "/Claim.SetCancelProcess", load("qoo10", "cancel_bad_status"))
    line = OrderLine("qoo10jp", "acct", "300000001", "400000001", "ワンピース", 1)
    [ok] = adapter(channel).cancel_sale([line], "배송지연")
    [refused] = adapter(channel).cancel_sale([line], "품절")
    assert ok.outcome is Outcome.OK and refused.outcome is Outcome.REJECTED
    first, second = (form(c) for c in channel.calls("/Claim.SetCancelProcess"))
    assert (first["ContrNo"], first["CancelReason"], first["SellerMemo"]) == ("400000001", "3", "배송지연")
    assert second.get("CancelReason", "") == ""             # sent empty: 재고 없음
