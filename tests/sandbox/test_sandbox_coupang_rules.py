"""The Coupang sandbox refuses what the WING documents refuse: formats, windows, order of steps."""
from datetime import datetime, timedelta, timezone

import pytest

from marketplaces.coupang.client import CoupangClient
from portal.marketplaces import PermanentError
from tests.marketplaces.fixture_channel import fast_http

OPENAPI = "/v2/providers/openapi/apis/api/v4/vendors/A00012345"


@pytest.fixture()
def wing(fresh_sandbox):
    creds = fresh_sandbox.credentials("coupang")
    client = CoupangClient(fresh_sandbox.base_url("coupang"), creds["vendor_id"],
                           creds["access_key"], creds["secret_key"], fast_http(), "t",
                           lambda: datetime.now(timezone.utc))
    return fresh_sandbox, client


def order_with_line(sandbox, status="NEW"):
    shop = sandbox.shop_id("coupang")
    product = sandbox.ops("GET", f"/shops/{shop}/products")["products"][0]
    order = sandbox.ops("POST", f"/shops/{shop}/orders", json={"hours_ago": 0, "lines": [{
        "product_no": product["product_no"], "item_no": product["items"][0]["item_no"],
        "product_name": product["name"], "qty": 1, "unit_price": product["price"],
        "status": status}]})["order"]
    return shop, order, order["lines"][0]["line_no"]


def delivered_claim(sandbox, action, reason):
    """A delivered line's claim (return or exchange) as the buyer files it; its claim number."""
    shop, _, line_no = order_with_line(sandbox, "DELIVERED")
    claim = sandbox.ops("POST", f"/shops/{shop}/lines/{line_no}/{action}",
                        json={"reason": reason})["claims"][0]
    return line_no, claim["claim_no"]


def refused(call, *args, **kwargs) -> str:
    with pytest.raises(PermanentError) as err:
        call(*args, **kwargs)
    return err.value.message_ko


def test_daily_order_sheets_take_only_the_documented_date_form(wing):
    sandbox, client = wing
    order_with_line(sandbox)
    path = "/v2/providers/openapi/apis/api/v5/vendors/A00012345/ordersheets"
    today = datetime.now(timezone(timedelta(hours=9))).date()
    assert "yyyy-mm-dd+09:00" in refused(client.call, "GET", path, params={
        "createdAtFrom": str(today), "createdAtTo": str(today), "status": "ACCEPT"})
    body = client.call("GET", path, params={"createdAtFrom": f"{today}+09:00",
                                            "createdAtTo": f"{today}+09:00", "status": "ACCEPT"})
    sheet = body["data"][-1]
    assert set(sheet["shippingPrice"]) == {"currencyCode", "units", "nanos"}
    assert set(sheet["orderItems"][0]["salesPrice"]) == {"currencyCode", "units", "nanos"}
    assert sheet["orderedAt"][-6:] == "+09:00" and len(sheet["orderedAt"]) == 32
    assert refused(client.call, "GET", path, params={
        "createdAtFrom": f"{today - timedelta(days=40)}+09:00",
        "createdAtTo": f"{today}+09:00", "status": "ACCEPT"}) == "조회 기간은 최대 31일입니다."


def test_return_list_needs_a_status_and_cancel_list_refuses_one(wing):
    _, client = wing
    now = datetime.now(timezone(timedelta(hours=9)))
    window = {"searchType": "timeFrame", "createdAtFrom": (now - timedelta(hours=1)).strftime(
        "%Y-%m-%dT%H:%M"), "createdAtTo": now.strftime("%Y-%m-%dT%H:%M")}
    path = "/v2/providers/openapi/apis/api/v6/vendors/A00012345/returnRequests"
    assert refused(client.call, "GET", path, params={**window, "cancelType": "RETURN"}) == \
        "OrderId can't be null , if doesn't pass the parameter status"
    assert "status" in refused(client.call, "GET", path,
                               params={**window, "cancelType": "CANCEL", "status": "UC"})
    assert client.call("GET", path, params={**window, "cancelType": "RETURN",
                                            "status": "UC"})["code"] == 200


def test_a_return_is_approved_only_after_its_goods_are_received(wing):
    sandbox, client = wing
    line_no, rid = delivered_claim(sandbox, "return", "CHANGEMIND")
    body = {"vendorId": "A00012345", "receiptId": int(rid), "cancelCount": 1}
    assert "입고 확인" in refused(client.call, "PUT", f"{OPENAPI}/returnRequests/{rid}/approval",
                                json=body, write=True)
    client.call("PUT", f"{OPENAPI}/returnRequests/{rid}/receiveConfirmation",
                json={"vendorId": "A00012345", "receiptId": int(rid)}, write=True)
    assert refused(client.call, "PUT", f"{OPENAPI}/returnRequests/{rid}/approval",
                   json={**body, "cancelCount": 5}, write=True) == \
        "취소반품접수수량과 cancelCount가 일치하지 않습니다."
    client.call("PUT", f"{OPENAPI}/returnRequests/{rid}/approval", json=body, write=True)
    assert sandbox.line("coupang", line_no)["line"]["status"] == "RETURNED"


def test_exchange_rejection_takes_only_the_documented_codes(wing):
    sandbox, client = wing
    _, eid = delivered_claim(sandbox, "exchange", "SIZE")
    body = {"vendorId": "A00012345", "exchangeId": int(eid)}
    assert "SOLDOUT" in refused(client.call, "PUT", f"{OPENAPI}/exchangeRequests/{eid}/rejection",
                                json={**body, "exchangeRejectCode": "TOO_LATE"}, write=True)
    answer = client.call("PUT", f"{OPENAPI}/exchangeRequests/{eid}/rejection",
                         json={**body, "exchangeRejectCode": "SOLDOUT"}, write=True)
    assert answer["data"]["resultCode"] == "SUCCESS"


def test_exchange_list_takes_seconds_within_7_days_and_pages_by_next_token(wing):
    sandbox, client = wing
    for _ in range(3):
        delivered_claim(sandbox, "exchange", "SIZE")
    now = datetime.now(timezone(timedelta(hours=9)))
    path = f"{OPENAPI}/exchangeRequests"
    assert "yyyy-MM-ddTHH:mm:ss" in refused(client.call, "GET", path, params={
        "createdAtFrom": (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "createdAtTo": now.strftime("%Y-%m-%dT%H:%M")})
    assert "7day" in refused(client.call, "GET", path, params={
        "createdAtFrom": (now - timedelta(days=8)).strftime("%Y-%m-%dT%H:%M:%S"),
        "createdAtTo": now.strftime("%Y-%m-%dT%H:%M:%S")})
    seen, token = [], None
    while True:
        page = client.call("GET", path, params={
            "createdAtFrom": (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S"),
            "createdAtTo": (now + timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%S"),
            "maxPerPage": 2, "nextToken": token})
        seen += [row["exchangeId"] for row in page["data"]]
        token = page["nextToken"]
        if not token:
            break
    assert len(seen) == len(set(seen)) >= 3


def test_seller_cancel_refuses_an_undocumented_reason_code(wing):
    sandbox, client = wing
    _, order, _ = order_with_line(sandbox)
    item = int(order["lines"][0]["item_no"])
    body = {"orderId": int(order["order_no"]), "vendorItemIds": [item], "receiptCounts": [1],
            "bigCancelCode": "CANERR", "middleCancelCode": "SOLDOUT", "vendorId": "A00012345",
            "userId": "demoseller"}
    path = f"/v2/providers/openapi/apis/api/v5/vendors/A00012345/orders/{order['order_no']}/cancel"
    assert refused(client.call, "POST", path, json=body, write=True) == \
        "취소사유 중분류 코드를 입력해주세요."
    answer = client.call("POST", path, json={**body, "middleCancelCode": "CCTTER"}, write=True)
    [receipt] = answer["data"]["receiptMap"].values()
    assert receipt["receiptType"] == "CANCEL" and answer["data"]["failedVendorItemIds"] == []


def test_order_sheet_pages_larger_than_50_are_refused_not_capped(wing):
    sandbox, client = wing
    today = datetime.now(timezone(timedelta(hours=9))).strftime("%Y-%m-%d") + "+09:00"
    path = "/v2/providers/openapi/apis/api/v5/vendors/A00012345/ordersheets"
    params = {"createdAtFrom": today, "createdAtTo": today, "status": "ACCEPT"}
    with pytest.raises(PermanentError) as err:
        client.call("GET", path, params={**params, "maxPerPage": 51})
    assert err.value.http_status == 400 and "maxPerPage" in err.value.message_ko
    page = client.call("GET", path, params={**params, "maxPerPage": 50})
    assert page["code"] == 200 and isinstance(page["data"], list)


SELLER_PRODUCTS = "/v2/providers/seller_api/apis/api/v1/marketplace/seller-products"


def _terms():
    from portal.marketplaces import ShippingTerms

    return ShippingTerms(return_fee=3000, return_zip="07583", return_address="서울 강서구 공항대로 1")


TERMS = _terms()


def _adapter(sandbox):
    from portal.marketplaces import build_adapter

    return build_adapter("coupang", sandbox.credentials("coupang"), base_url=sandbox.base_url("coupang"),
                         http=fast_http())


def test_a_registration_missing_a_required_notice_is_refused_with_the_documented_text(wing):
    from marketplaces.coupang import mapping
    from portal.marketplaces import Listing

    sandbox, client = wing
    shop = _adapter(sandbox)
    body = mapping.product_body(Listing("고시 없는 상품", 10000, stock=3, category_id="1010", seller_code="N-1",
                                        shipping=TERMS), shop.vendor_id, shop.credentials)
    assert refused(client.call, "POST", SELLER_PRODUCTS, json=body) == (
        "입력된 상품필수 고지정보[품명 및 모델명]가 카테고리[기타 재화]에서 제공하는 것과 다릅니다.")
    assert shop.fill_notices(body, Listing("고시 없는 상품", 10000)) == ""
    body["items"][0]["notices"] = [n for n in body["items"][0]["notices"] if n["noticeCategoryDetailName"] != "인증사항"]
    assert refused(client.call, "POST", SELLER_PRODUCTS, json=body) == (
        "입력된 상품필수 고지정보[인증사항]가 카테고리[기타 재화]에서 제공하는 것과 다릅니다.")


def test_a_required_attribute_is_asked_of_the_seller_before_anything_is_sent(wing):
    from portal.marketplaces import Listing, Outcome

    sandbox, client = wing
    shop = _adapter(sandbox)
    meta = shop.fetch_category_meta("1020")
    assert [a.name for a in meta.required_attributes] == ["사이즈"]
    listing = Listing("남성 셔츠", 30000, stock=5, category_id="1020", seller_code="SHIRT-1", shipping=TERMS,
                      notice={"group": "의류", "fields": {"제조국": "대한민국"}})
    [result] = shop.push_listing(listing)
    assert result.outcome is Outcome.REJECTED
    assert result.message.startswith("쿠팡 카테고리의 필수 속성을 입력해 주세요: 사이즈")
    listing.notice["attributes"] = {"사이즈": "XXL"}
    [result] = shop.push_listing(listing)
    assert result.outcome is Outcome.REJECTED and "Invalid Attribute Value" in result.message
    listing.notice["attributes"] = {"사이즈": "M"}
    [result] = shop.push_listing(listing)
    assert result.outcome is Outcome.OK
    read = client.call("GET", f"{SELLER_PRODUCTS}/{result.channel_ref}")["data"]["items"][0]
    assert read["attributes"] == [{"attributeTypeName": "사이즈", "attributeValueName": "M"}]
    assert {n["noticeCategoryName"] for n in read["notices"]} == {"기타 재화"}
    assert {"noticeCategoryName": "기타 재화", "noticeCategoryDetailName": "제조국(원산지)",
            "content": "대한민국"} in read["notices"]
    # An update names the option by its sellerProductItemId; an unknown one is refused.
    listing.channel_product_id = result.channel_ref
    assert shop.update_listing(listing)[0].outcome is Outcome.OK
    product = client.call("GET", f"{SELLER_PRODUCTS}/{result.channel_ref}")["data"]
    product["items"][0]["sellerProductItemId"] = 1
    assert refused(client.call, "PUT", SELLER_PRODUCTS, json=product) == "sellerProductItemId 가 올바르지 않습니다."


def test_exchange_invoice_upload_needs_every_value_and_the_box_the_receive_created(wing):
    sandbox, client = wing
    _, eid = delivered_claim(sandbox, "exchange", "SIZE")
    path = f"{OPENAPI}/exchangeRequests/{eid}/invoices"
    row = {"exchangeId": int(eid), "vendorId": "A00012345", "shipmentBoxId": 1,
           "goodsDeliveryCode": "CJGLS", "invoiceNumber": "680405450931"}
    assert "not allowed null" in refused(client.call, "POST", path, json=[{**row, "invoiceNumber": ""}],
                                         write=True)
    early = client.call("POST", path, json=[row], write=True)["data"]
    assert early["resultCode"] == "FAIL" and "업체전달완료" in early["resultMessage"]
    client.call("PUT", f"{OPENAPI}/exchangeRequests/{eid}/receiveConfirmation",
                json={"vendorId": "A00012345", "exchangeId": int(eid)}, write=True)
    now = datetime.now(timezone(timedelta(hours=9)))
    listed = client.call("GET", f"{OPENAPI}/exchangeRequests", params={
        "createdAtFrom": (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S"),
        "createdAtTo": (now + timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%S")})["data"]
    [mine] = [r for r in listed if str(r["exchangeId"]) == str(eid)]
    assert mine["collectStatus"] == "CompleteCollect"
    [box] = mine["deliveryInvoiceGroupDtos"]
    wrong = client.call("POST", path, json=[row], write=True)["data"]
    assert wrong["resultCode"] == "FAIL"
    done = client.call("POST", path, json=[{**row, "shipmentBoxId": box["shipmentBoxId"]}], write=True)["data"]
    assert done == {"resultCode": "SUCCESS", "resultMessage": "Invoice number save successfully"}
