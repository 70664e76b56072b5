"""Amazon JP adapter against the SP-API models' own examples, served over HTTP."""
import copy
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs

from portal.marketplaces import Invoice, OrderStatus, Outcome, build_adapter
from tests.marketplaces.fixture_channel import fast_http, load

CREDS = {"lwa_client_id": "amzn1.application-oa2-client.example",
         "lwa_client_secret": "amzn1.oa2-cs.v1.example", "refresh_token": "Atzr|example",
         "seller_id": "A3EXAMPLESELLER"}
JP = "A1VC38T7YXB528"


def adapter(channel, **override):
    return build_adapter("amazonjp", {**CREDS, **override}, base_url=channel.url,
                         http=fast_http())


def last_page(name):
    """The documented example without its NextToken: the final page of the same call."""
    fixture = copy.deepcopy(load("amazonjp", name))
    fixture["response"]["body"]["payload"].pop("NextToken", None)
    return fixture


def test_lwa_token_request_is_the_documented_refresh_token_grant(channel):
    channel.answer("POST", "/auth/o2/token", load("amazonjp", "lwa_token"))
    channel.answer("GET", "/marketplaceParticipations",
                   load("amazonjp", "marketplace_participations_us"))
    result = adapter(channel).test_connection()
    [token_call] = channel.calls("/auth/o2/token")
    form = parse_qs(token_call.body.decode())
    assert sorted(form) == sorted(load("amazonjp", "lwa_token")["request"]["form"])
    assert form["grant_type"] == ["refresh_token"] and form["refresh_token"] == ["Atzr|example"]
    [call] = channel.calls("/marketplaceParticipations")
    assert call.headers["X-Amz-Access-Token"] == "Atza|IQEBLjAsAexampleHpi0U-Dme37rR6CuUpSR"
    # The documented seller sells on Amazon.com only: not connected for Amazon JP.
    assert not result.ok and "Amazon.co.jp" in result.message_ko


def test_an_invalid_grant_reads_as_a_korean_credential_problem(channel):
    channel.answer("POST", "/auth/o2/token", load("amazonjp", "lwa_invalid_grant"))
    result = adapter(channel).test_connection()
    assert not result.ok and "리프레시 토큰" in result.message_ko


def test_orders_and_items_are_read_from_the_documented_examples(channel):
    channel.answer("POST", "/auth/o2/token", load("amazonjp", "lwa_token"))
    rdt = load("amazonjp", "restricted_data_token")
    channel.answer("POST", "/restrictedDataToken", rdt)
    channel.answer("GET", "/orderItems", load("amazonjp", "get_order_items"), times=1)
    channel.answer("GET", "/orderItems", last_page("get_order_items"))
    channel.answer("GET", "/orders/v0/orders", load("amazonjp", "get_orders"), times=1)
    channel.answer("GET", "/orders/v0/orders", last_page("get_orders"))
    until = datetime.now(timezone.utc)
    # Both documented pages name the same order: it is read once.
    [order] = adapter(channel).fetch_orders(until - timedelta(days=1), until)
    assert order.channel_order_id == "902-3159896-1390916"
    assert (order.recipient_name, order.buyer_name, order.zip_code) == (
        "Michigan address", "John Doe", "48817")
    first, second = order.lines
    assert (first.channel_line_id, first.quantity, first.amount) == ("68828574383266", 1, 26)
    assert (second.seller_code, second.quantity, second.amount, second.unit_price) == (
        "CBA_OTF_5", 2, 18, 9)
    assert first.status is OrderStatus.PAYMENT_WAITING and first.raw_status == "Pending"
    # The restricted data token asks for the documented resource with the PII data elements.
    [rdt_call] = channel.calls("/restrictedDataToken")
    [resource] = rdt_call.json()["restrictedResources"]
    assert (resource["method"], resource["path"]) == ("GET", "/orders/v0/orders")
    assert set(resource["dataElements"]) == {"buyerInfo", "shippingAddress"}
    orders_calls = [c for c in channel.calls("/orders/v0/orders") if "orderItems" not in c.path]
    assert orders_calls[0].headers["X-Amz-Access-Token"] == rdt["response"]["body"][
        "restrictedDataToken"]
    assert orders_calls[0].query["MarketplaceIds"] == JP
    assert orders_calls[0].query["CreatedAfter"].endswith("Z")
    assert orders_calls[1].query["NextToken"] == "2YgYW55IGNhcm5hbCBwbGVhc3VyZS4"
    items_call = channel.calls("/orderItems")[0]
    assert items_call.headers["X-Amz-Access-Token"].startswith("Atza|")


def test_shipment_confirmation_sends_the_documented_package(channel):
    channel.answer("POST", "/auth/o2/token", load("amazonjp", "lwa_token"))
    channel.answer("GET", "/orderItems", last_page("get_order_items"))
    documented = load("amazonjp", "confirm_shipment")
    channel.answer("POST", "/shipmentConfirmation", documented)
    shipped_at = datetime(2022, 2, 11, 1, 0, tzinfo=timezone.utc)
    invoices = [Invoice("903-1671087-0812628", item, "FEDEX", "112345678", shipped_at=shipped_at)
                for item in ("68828574383266", "79039765272157")]
    already, sent = adapter(channel).send_invoices(invoices)
    assert already.outcome is Outcome.ALREADY_DONE       # QuantityShipped 1 of 1
    assert sent.outcome is Outcome.OK
    [call] = channel.calls("/shipmentConfirmation")
    body, expected = call.json(), documented["request"]["body"]
    assert set(body) <= set(expected) and body["marketplaceId"] == JP
    assert set(body["packageDetail"]) <= set(expected["packageDetail"])
    assert body["packageDetail"]["carrierCode"] == "FedEx"
    assert body["packageDetail"]["packageReferenceId"].isdigit()   # "only positive numeric"
    assert body["packageDetail"]["shipDate"] == "2022-02-11T01:00:00Z"
    assert body["packageDetail"]["orderItems"] == [{"orderItemId": "79039765272157",
                                                    "quantity": 2}]


def test_a_documented_refusal_of_shipment_keeps_amazons_reason(channel):
    channel.answer("POST", "/auth/o2/token", load("amazonjp", "lwa_token"))
    channel.answer("GET", "/orderItems", last_page("get_order_items"))
    channel.answer("POST", "/shipmentConfirmation", load("amazonjp", "confirm_shipment_400"))
    [refused] = adapter(channel).send_invoices(
        [Invoice("903-1671087-0812628", "79039765272157", "EPOST", "EE1KR")])
    assert refused.outcome is Outcome.REJECTED and refused.message == "Invalid Input"
    sent = channel.calls("/shipmentConfirmation")[0].json()["packageDetail"]
    assert (sent["carrierCode"], sent["carrierName"]) == ("Other", "Korea Post EMS")


def test_stock_patch_reads_accepted_and_invalid_submissions(channel):
    channel.answer("POST", "/auth/o2/token", load("amazonjp", "lwa_token"))
    channel.answer("PATCH", "/items/A3EXAMPLESELLER/GOOD", load("amazonjp",
                                                                "patch_listings_accepted"))
    channel.answer("PATCH", "/items/A3EXAMPLESELLER/BAD", load("amazonjp",
                                                               "patch_listings_invalid"))
    channel.answer("PATCH", "/items/A3EXAMPLESELLER/BadSKU", load("amazonjp",
                                                                  "patch_listings_400"))
    ok, invalid, bad = adapter(channel).update_stock([("GOOD", 3), ("BAD", 1), ("BadSKU", 1)])
    assert ok.outcome is Outcome.OK
    assert invalid.outcome is Outcome.REJECTED and invalid.message == "The attributes are invalid."
    assert bad.outcome is Outcome.REJECTED and bad.message == "Invalid input"
    call = channel.calls("/items/A3EXAMPLESELLER/GOOD")[0]
    assert call.path == "/listings/2021-08-01/items/A3EXAMPLESELLER/GOOD"
    assert call.query["marketplaceIds"] == JP
    [patch] = call.json()["patches"]
    assert (patch["op"], patch["path"]) == ("replace", "/attributes/fulfillment_availability")
    assert patch["value"] == [{"fulfillment_channel_code": "DEFAULT", "quantity": 3}]
