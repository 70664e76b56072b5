"""라쿠텐 adapter against RMS WEB SERVICE's documented examples, served over HTTP."""
import base64
from datetime import date, datetime, timedelta

import pytest

from portal.marketplaces import (
    KST, AuthError, Invoice, OrderLine, OrderStatus, Outcome, PermanentError, build_adapter,
)
from tests.marketplaces.fixture_channel import fast_http, load

CREDS = {"service_secret": "SP123456_secret", "license_key": "SL123456_license"}


def adapter(channel):
    return build_adapter("rakuten", CREDS, base_url=channel.url, http=fast_http())


def test_esa_authorization_is_base64_of_secret_and_license_key(channel):
    channel.answer("GET", "/license-key/expiry-date", load("rakuten", "license_expiry"))
    result = adapter(channel).test_connection()
    [call] = channel.calls("/license-key/expiry-date")
    scheme, token = call.headers["Authorization"].split(" ")
    assert scheme == "ESA" and base64.b64decode(token).decode() == "SP123456_secret:SL123456_license"
    assert call.query == {"licenseKey": "SL123456_license"}
    assert result.ok and result.key_expires_on == date(2026, 11, 28)


def test_the_gateways_refusal_reads_as_a_license_problem(channel):
    channel.answer("GET", "/license-key/expiry-date", load("rakuten", "auth_error"))
    result = adapter(channel).test_connection()
    assert not result.ok and "licenseKey" in result.message_ko and "GA0001" not in result.message_ko
    channel.answer("POST", "/searchOrder/", load("rakuten", "auth_error"))
    with pytest.raises(AuthError):
        adapter(channel).fetch_orders(datetime(2018, 1, 1, tzinfo=KST),
                                      datetime(2018, 1, 2, tzinfo=KST))


def test_search_pages_then_get_order_maps_the_documented_models(channel):
    documented = load("rakuten", "search_order")
    channel.answer("POST", "/searchOrder/", documented)
    channel.answer("POST", "/getOrder/", load("rakuten", "get_order"))
    since = datetime(2017, 12, 14, tzinfo=KST)
    [order] = adapter(channel).fetch_orders(since, datetime(2018, 1, 14, tzinfo=KST))
    searches = channel.calls("/searchOrder/")
    # totalPages 3: pages 1, 2 and 3 are asked, each with the documented request's shape.
    assert [c.json()["PaginationRequestModel"]["requestPage"] for c in searches] == [1, 2, 3]
    sent, expected = searches[0].json(), documented["request"]["body"]
    assert set(sent) == set(expected) and sent["dateType"] == 1
    assert (sent["startDatetime"], sent["endDatetime"]) == (expected["startDatetime"],
                                                            expected["endDatetime"])
    assert set(sent["PaginationRequestModel"]) == set(expected["PaginationRequestModel"])
    assert sent["PaginationRequestModel"]["requestRecordsAmount"] == 1000
    [get] = channel.calls("/getOrder/")
    assert get.json() == {"orderNumberList": documented["response"]["body"]["orderNumberList"],
                          "version": 7}
    assert order.channel_order_id == "123456-20180101-00068801"
    assert order.ordered_at == datetime(2018, 1, 1, 11, 55, tzinfo=KST)
    assert (order.buyer_name, order.recipient_name) == ("楽天 太郎", "楽天 花子")
    assert (order.zip_code, order.recipient_phone) == ("158-0094", "03-9876-5432")
    assert order.address == "東京都世田谷区玉川一丁目14番1号 楽天クリムゾンハウス"
    [line] = order.lines
    assert (line.channel_line_id, line.quantity, line.unit_price, line.amount) == (
        "100000001", 3, 1400, 4200)
    assert (line.channel_product_id, line.channel_item_id, line.seller_code) == (
        "test-a", "test-a-black", "SKU-A-BK")
    assert line.status is OrderStatus.CONFIRMED and line.raw_status == "300"
    assert line.ship_unit_id == "1000001" and line.option_name == "カラー:ブラック"


def test_a_search_without_results_asks_no_get_order(channel):
    channel.answer("POST", "/searchOrder/", load("rakuten", "search_order_none"))
    since = datetime(2018, 1, 1, tzinfo=KST)
    assert adapter(channel).fetch_orders(since, since + timedelta(days=1)) == []
    assert channel.calls("/getOrder/") == []


def test_a_documented_search_refusal_keeps_every_reason(channel):
    channel.answer("POST", "/searchOrder/", load("rakuten", "search_order_error"))
    since = datetime(2018, 1, 1, tzinfo=KST)
    with pytest.raises(PermanentError) as refused:
        adapter(channel).fetch_orders(since, since + timedelta(days=1))
    assert refused.value.message_ko == ("dateTypeの項目を指定して下さい。 / "
                                        "startDatetimeの書式が不正です。")


def test_confirmation_answers_per_order_and_reads_a_moved_order_back(channel):
    documented = load("rakuten", "confirm_order")
    channel.answer("POST", "/confirmOrder/", documented)
    channel.answer("POST", "/getOrder/", load("rakuten", "get_order"))
    lines = [OrderLine("rakuten", "a", n, "1", "상품", 1)
             for n in documented["request"]["body"]["orderNumberList"]]
    ok, moved = adapter(channel).confirm_orders(lines)
    [call] = channel.calls("/confirmOrder/")
    assert call.json() == documented["request"]["body"]
    assert ok.outcome is Outcome.OK and ok.message == "注文確認に成功しました。"
    # The order that moved on is not in the read-back (getOrder names another): a refusal.
    assert moved.outcome is Outcome.REJECTED and "注文確認待ち以外" in moved.message


def test_a_moved_order_that_is_confirmed_reads_already_done(channel):
    documented = load("rakuten", "confirm_order")
    channel.answer("POST", "/confirmOrder/", documented)
    channel.answer("POST", "/getOrder/", load("rakuten", "get_order"))   # 300 発送待ち
    [line] = [OrderLine("rakuten", "a", "123456-20180101-00068801", "1", "상품", 1)]
    channel.routes[0][2] = {"status": 400, "body": {"MessageModelList": [
        {**documented["response"]["body"]["MessageModelList"][1],
         "orderNumber": "123456-20180101-00068801"}]}}
    [again] = adapter(channel).confirm_orders([line])
    assert again.outcome is Outcome.ALREADY_DONE


def test_shipping_information_is_sent_in_the_documented_basket_shape(channel):
    channel.answer("POST", "/getOrder/", load("rakuten", "get_order"))
    documented = load("rakuten", "update_order_shipping")
    channel.answer("POST", "/updateOrderShipping/", documented)
    invoice = Invoice("123456-20180101-00068801", "100000001", "YAMATO", "SN333333",
                      ship_unit_id="1000001", shipped_at=datetime(2018, 2, 1, 10, tzinfo=KST))
    [sent] = adapter(channel).send_invoices([invoice])
    assert sent.outcome is Outcome.OK and sent.message == "発送情報の追加設定が完了しました。"
    [call] = channel.calls("/updateOrderShipping/")
    assert call.json() == documented["request"]["body"]


def test_inquiries_are_listed_and_answered_with_the_shop_id(channel):
    channel.answer("GET", "/inquiries", load("rakuten", "inquiries"))
    channel.answer("GET", "/inquiry/999999-20190806-1t", load("rakuten", "inquiry_get"))
    documented = load("rakuten", "reply")
    channel.answer("POST", "/inquiry/reply", documented)
    since = datetime(2020, 4, 30, tzinfo=KST)
    [inquiry] = adapter(channel).fetch_inquiries(since, since + timedelta(days=1))
    assert (inquiry.channel_inquiry_id, inquiry.writer, inquiry.answered) == (
        "999999-20190806-1t", "楽天太郎", False)
    assert inquiry.asked_at == datetime(2020, 4, 30, 13, 58, 37, tzinfo=KST)
    call = channel.calls("/inquiries")[0]
    assert (call.query["fromDate"], call.query["toDate"]) == ("2020-04-30T00:00:00",
                                                              "2020-05-01T00:00:00")
    [ok] = adapter(channel).answer_inquiry("999999-20190806-1t", "ございます。")
    assert ok.outcome is Outcome.OK
    [reply] = channel.calls("/inquiry/reply")
    assert sorted(reply.json()) == sorted(documented["request"]["body_keys"])
    assert reply.json()["shopId"] == 999999


def test_stock_is_an_absolute_upsert_and_a_refusal_keeps_its_reason(channel):
    documented = load("rakuten", "inventory_upsert")
    channel.answer("PUT", "/variants/test-a-black", documented)
    channel.answer("PUT", "/variants/test-a-white", load("rakuten", "inventory_error"))
    ok, refused = adapter(channel).update_stock([("test-a:test-a-black", 5),
                                                 ("test-a:test-a-white", -1)])
    assert ok.outcome is Outcome.OK
    assert refused.outcome is Outcome.REJECTED and "99999" in refused.message
    call = channel.calls("/variants/test-a-black")[0]
    assert call.path == "/2.1/inventories/manage-numbers/test-a/variants/test-a-black"
    assert call.json() == documented["request"]["body"]


def test_courier_codes_follow_the_documented_delivery_company_table():
    from marketplaces.rakuten.mapping import courier

    assert [courier(c) for c in ("EPOST", "YAMATO", "dhl", "1003", "CJGLS", "")] == [
        "1017", "1001", "1018", "1003", "1000", "1000"]
