"""Sandbox of the Coupang WING Open API under /coupang: CEA HMAC auth, ordersheets, claims, Q&A, products."""
from __future__ import annotations

import hashlib
import hmac
import re
import time
import uuid
from calendar import timegm

from flask import Blueprint, g, jsonify, request

from .common import fmt_kst, install_guard, iso_kst, parse_time, store
from .store import Refused

PREFIX = "/coupang"
bp = Blueprint("sandbox_coupang", __name__, url_prefix=PREFIX)
OPENAPI = "/v2/providers/openapi/apis/api"
SELLER = "/v2/providers/seller_api/apis/api/v1/marketplace"
SKEW_SECONDS = 300
AUTH_RE = re.compile(r"^CEA algorithm=HmacSHA256, access-key=([^,\s]+), signed-date=(\d{6}T\d{6}Z), "
                     r"signature=([0-9a-f]{64})$")


def error(status, code, message):
    resp = jsonify(code="ERROR", message=message, transactionId=uuid.uuid4().hex)
    resp.status_code = status
    resp.headers["X-Coupang-Transaction-Id"] = resp.get_json()["transactionId"]
    return resp


def authenticate():
    header = request.headers.get("Authorization", "")
    if not header.startswith("CEA "):
        return error(401, "ERROR", "Request is not authorized.")
    match = AUTH_RE.match(header)
    if not match:
        return error(401, "ERROR", "HMAC format is invalid.")
    access_key, signed_date, signature = match.groups()
    shop = store().shop_by_key("coupang", "access_key", access_key)
    if shop is None:
        return error(401, "ERROR", "Unknown error occurred.")
    signed_at = timegm(time.strptime(signed_date, "%y%m%dT%H%M%SZ"))
    if abs(signed_at - store().now()) > SKEW_SECONDS:
        return error(401, "ERROR", "Specified signature is expired.")
    # Coupang signs the path as the client sent it (without our mount prefix) and the raw query.
    path = request.path[len(PREFIX):]
    message = signed_date + request.method + path + request.query_string.decode()
    expected = hmac.new(shop["keys"]["secret_key"].encode(), message.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature):
        return error(401, "ERROR", "Invalid signature.")
    vendor = re.search(r"/vendors/([^/]+)/", path)
    vendor_id = vendor.group(1) if vendor else request.args.get("vendorId")
    if vendor_id and vendor_id != shop["keys"]["vendor_id"]:
        return error(403, "ERROR", "Request is not authorized.")
    return shop


install_guard(bp, "coupang", authenticate, error)

STATUS = {"NEW": "ACCEPT", "CONFIRMED": "INSTRUCT", "SHIPPING": "DEPARTURE", "DELIVERED": "FINAL_DELIVERY",
          "PURCHASE_DECIDED": "FINAL_DELIVERY"}


def ok(data=None, **extra):
    return jsonify(code=200, message="OK", data=data, **extra)


def render_sheet(order):
    lines = [x for x in order["lines"] if x["status"] in STATUS]
    return {
        "shipmentBoxId": int(order["ship_unit"]), "orderId": int(order["order_no"]),
        "orderedAt": iso_kst(order["created_at"])[:19], "paidAt": iso_kst(order["created_at"])[:19],
        "status": STATUS[lines[0]["status"]] if lines else "ACCEPT",
        "orderer": {"name": order["buyer_name"], "email": "bu***@coupang.com", "safeNumber": order["buyer_phone"]},
        "receiver": {"name": order["recipient_name"], "safeNumber": order["recipient_phone"],
                     "addr1": order["address"], "addr2": order["address_detail"], "postCode": order["zip_code"]},
        "parcelPrintMessage": order["message"], "shippingPrice": order["shipping_fee"],
        "deliveryCompanyName": lines[0]["courier"] if lines else "",
        "invoiceNumber": lines[0]["tracking"] if lines else "",
        "orderItems": [{"vendorItemId": int(x["item_no"] or x["line_no"]), "vendorItemName": x["product_name"],
                        "sellerProductId": int(x["product_no"] or 0), "sellerProductName": x["product_name"],
                        "sellerProductItemName": x["option_name"], "shippingCount": x["qty"],
                        "salesPrice": x["unit_price"], "orderPrice": x["unit_price"] * x["qty"],
                        "cancelCount": 0} for x in lines],
    }


def _vendor_ok(vendor_id):
    return vendor_id == g.shop["keys"]["vendor_id"]


@bp.get(f"{OPENAPI}/v5/vendors/<vendor_id>/ordersheets")
def ordersheets(vendor_id):
    args = request.args
    status = args.get("status")
    if status not in ("ACCEPT", "INSTRUCT", "DEPARTURE", "DELIVERING", "FINAL_DELIVERY", "NONE_TRACKING"):
        return error(400, "ERROR", "status 값이 올바르지 않습니다.")
    start, end = parse_time(args.get("createdAtFrom", "")), parse_time(args.get("createdAtTo", ""))
    if start is None or end is None:
        return error(400, "ERROR", "createdAtFrom, createdAtTo 값이 필요합니다.")
    if args.get("searchType") == "timeFrame":
        if end - start > 86400:
            return error(400, "ERROR", "timeFrame 조회 기간은 24시간 이내여야 합니다.")
    else:
        end += 86400          # daily paging: createdAtTo is an inclusive date
        if end - start > 31 * 86400:
            return error(400, "ERROR", "조회 기간은 최대 31일입니다.")
    sheets = [render_sheet(o) for o in store().orders_created(g.shop["id"], start, end)]
    sheets = [s for s in sheets if s["orderItems"] and s["status"] == status]
    if args.get("searchType") == "timeFrame":
        return ok(sheets)
    size = min(int(args.get("maxPerPage", 50)), 50)
    offset = int(args.get("nextToken") or 0)
    page = sheets[offset:offset + size]
    more = offset + size < len(sheets)
    return ok(page, nextToken=str(offset + size) if more else "")


@bp.get(f"{OPENAPI}/v5/vendors/<vendor_id>/ordersheets/<int:box_id>")
def ordersheet(vendor_id, box_id):
    row = store().one("select id from orders where shop_id=? and ship_unit=?", (g.shop["id"], str(box_id)))
    if row is None:
        return error(404, "ERROR", "존재하지 않는 배송번호입니다.")
    return ok(render_sheet(store().order(row["id"])))


def _box_lines(box_id):
    row = store().one("select id from orders where shop_id=? and ship_unit=?", (g.shop["id"], str(box_id)))
    return store().order(row["id"]) if row else None


def _results(entries):
    succeeded = sum(1 for e in entries if e["succeed"])
    code = 0 if succeeded == len(entries) else (99 if succeeded == 0 else 1)
    message = {0: "SUCCESS", 1: "PARTIAL_ERROR", 99: "FAILED"}[code]
    return ok({"responseCode": code, "responseMessage": message, "responseList": entries})


@bp.put(f"{OPENAPI}/v4/vendors/<vendor_id>/ordersheets/acknowledgement")
def acknowledge(vendor_id):
    body = request.get_json(silent=True) or {}
    boxes = body.get("shipmentBoxIds") or []
    if not boxes or len(boxes) > 50 or body.get("vendorId") != vendor_id:
        return error(400, "ERROR", "shipmentBoxIds는 1~50개, vendorId는 경로와 같아야 합니다.")
    entries = []
    for box in boxes:
        order = _box_lines(box)
        entry = {"shipmentBoxId": box, "succeed": False, "resultCode": "", "resultMessage": "",
                 "retryRequired": False}
        if order is None:
            entry.update(resultCode="NOT_FOUND_SHIPMENT_BOX", resultMessage="존재하지 않는 배송번호입니다.")
        else:
            try:
                for line in order["lines"]:
                    store().confirm(line)
                entry.update(succeed=True, resultCode="OK", resultMessage="상품준비중 처리되었습니다.")
            except Refused as exc:
                entry.update(resultCode="INVALID_STATUS", resultMessage=exc.reason)
        entries.append(entry)
    return _results(entries)


@bp.post(f"{OPENAPI}/v4/vendors/<vendor_id>/orders/invoices")
def invoices(vendor_id):
    dtos = (request.get_json(silent=True) or {}).get("orderSheetInvoiceApplyDtos") or []
    entries = []
    for dto in dtos:
        entry = {"shipmentBoxId": dto.get("shipmentBoxId"), "succeed": False, "resultCode": "",
                 "resultMessage": "", "retryRequired": False}
        order = _box_lines(dto.get("shipmentBoxId"))
        lines = [x for x in (order or {}).get("lines", []) if x["item_no"] == str(dto.get("vendorItemId"))]
        if not lines:
            entry.update(resultCode="NOT_FOUND_SHIPMENT_BOX", resultMessage="존재하지 않는 배송번호입니다.")
        elif not dto.get("invoiceNumber") or not dto.get("deliveryCompanyCode"):
            entry.update(resultCode="INVALID_INVOICE_NUMBER", resultMessage="송장번호가 올바르지 않습니다.")
        else:
            try:
                store().dispatch(lines[0], dto["deliveryCompanyCode"], dto["invoiceNumber"])
                entry.update(succeed=True, resultCode="OK", resultMessage="송장이 등록되었습니다.")
            except Refused as exc:
                code = "NOT_ALLOW_INVOICE_NUMBER_RE_UPLOAD" if exc.already else "INVALID_STATUS"
                entry.update(resultCode=code, resultMessage=exc.reason)
        entries.append(entry)
    return _results(entries)


@bp.post(f"{OPENAPI}/v5/vendors/<vendor_id>/orders/<order_id>/cancel")
def seller_cancel(vendor_id, order_id):
    body = request.get_json(silent=True) or {}
    order = store().order_by_no(g.shop["id"], order_id)
    if order is None:
        return error(404, "ERROR", "존재하지 않는 주문입니다.")
    items = {str(i) for i in body.get("vendorItemIds") or []}
    failed = []
    for line in order["lines"]:
        if line["item_no"] in items:
            try:
                store().seller_cancel(line, body.get("middleCancelCode", ""))
            except Refused as exc:
                failed.append({"vendorItemId": int(line["item_no"]), "message": exc.reason,
                               "already": exc.already})
    if failed:
        return error(400, "ERROR", failed[0]["message"])
    return ok({"orderId": int(order_id), "vendorItemIds": [int(i) for i in items]})


# ------------------------------------------------------------------ claims

RECEIPT_STATUS = {("CANCEL", "REQUESTED"): "RELEASE_STOP_UNCHECKED", ("RETURN", "REQUESTED"): "RETURNS_UNCHECKED",
                  ("CANCEL", "DONE"): "RETURNS_COMPLETED", ("RETURN", "DONE"): "RETURNS_COMPLETED",
                  ("CANCEL", "REJECTED"): "REQUEST_COUPANG_CHECK", ("RETURN", "REJECTED"): "REQUEST_COUPANG_CHECK"}
EXCHANGE_STATUS = {"REQUESTED": "RECEIPT", "DONE": "SUCCESS", "REJECTED": "REJECT"}


def _claim_row(c):
    line = store().one("select * from lines where id=?", (c["line_id"],))
    order = store().order(line["order_id"])
    return line, order


@bp.get(f"{OPENAPI}/v6/vendors/<vendor_id>/returnRequests")
def return_requests(vendor_id):
    args = request.args
    start, end = parse_time(args.get("createdAtFrom", "")), parse_time(args.get("createdAtTo", ""))
    if args.get("searchType") != "timeFrame" or start is None or end is None or end - start > 86400:
        return error(400, "ERROR", "searchType=timeFrame 과 24시간 이내의 createdAtFrom/To 가 필요합니다.")
    kind = args.get("cancelType", "RETURN")
    rows = []
    for c in store().claims_changed(g.shop["id"], start, end, kind):
        line, order = _claim_row(c)
        rows.append({"receiptId": int(c["claim_no"]), "orderId": int(order["order_no"]),
                     "receiptType": kind, "receiptStatus": RECEIPT_STATUS[(kind, c["status"])],
                     "createdAt": iso_kst(c["created_at"])[:19], "modifiedAt": iso_kst(c["changed_at"])[:19],
                     "cancelReasonCategory1": c["reason"], "cancelReason": c["detail"] or c["reason"],
                     "cancelCountSum": line["qty"],
                     "returnItems": [{"vendorItemId": int(line["item_no"]), "vendorItemName": line["product_name"],
                                      "shipmentBoxId": int(order["ship_unit"]), "purchaseCount": line["qty"],
                                      "cancelCount": line["qty"]}]})
    return ok(rows)


def _receipt_action(receipt_id, approve):
    claim = store().claim(g.shop["id"], receipt_id)
    if claim is None or claim["kind"] not in ("CANCEL", "RETURN"):
        return error(404, "ERROR", "존재하지 않는 접수번호입니다.")
    try:
        store().resolve_claim(claim, approve)
    except Refused as exc:
        return error(400, "ERROR", exc.reason)
    return ok({"receiptId": int(receipt_id)})


@bp.put(f"{OPENAPI}/v4/vendors/<vendor_id>/returnRequests/<receipt_id>/stoppedShipment")
def stopped_shipment(vendor_id, receipt_id):
    return _receipt_action(receipt_id, True)


@bp.put(f"{OPENAPI}/v4/vendors/<vendor_id>/returnRequests/<receipt_id>/approval")
def return_approval(vendor_id, receipt_id):
    return _receipt_action(receipt_id, True)


@bp.get(f"{OPENAPI}/v4/vendors/<vendor_id>/exchangeRequests")
def exchange_requests(vendor_id):
    start = parse_time(request.args.get("createdAtFrom", ""))
    end = parse_time(request.args.get("createdAtTo", ""))
    if start is None or end is None or end - start > 7 * 86400:
        return error(400, "ERROR", "createdAtFrom/To 는 7일 이내여야 합니다.")
    rows = []
    for c in store().claims_changed(g.shop["id"], start, end, "EXCHANGE"):
        line, order = _claim_row(c)
        rows.append({"exchangeId": int(c["claim_no"]), "orderId": int(order["order_no"]),
                     "exchangeStatus": EXCHANGE_STATUS[c["status"]], "createdAt": iso_kst(c["created_at"])[:19],
                     "reasonCodeText": c["reason"],
                     "exchangeItemDtoV1s": [{"vendorItemId": int(line["item_no"]), "quantity": line["qty"],
                                             "shipmentBoxId": int(order["ship_unit"])}]})
    return ok(rows, nextToken="")


def _exchange_action(exchange_id, approve):
    claim = store().claim(g.shop["id"], exchange_id)
    if claim is None or claim["kind"] != "EXCHANGE":
        return error(404, "ERROR", "존재하지 않는 교환요청입니다.")
    try:
        store().resolve_claim(claim, approve, (request.get_json(silent=True) or {}).get("exchangeRejectCode", ""))
    except Refused as exc:
        return error(400, "ERROR", exc.reason)
    return ok({"exchangeId": int(exchange_id)})


@bp.put(f"{OPENAPI}/v4/vendors/<vendor_id>/exchangeRequests/<exchange_id>/receiveConfirmation")
def exchange_receive(vendor_id, exchange_id):
    return _exchange_action(exchange_id, True)


@bp.put(f"{OPENAPI}/v4/vendors/<vendor_id>/exchangeRequests/<exchange_id>/rejection")
def exchange_reject(vendor_id, exchange_id):
    return _exchange_action(exchange_id, False)


# ------------------------------------------------------------------ Q&A

@bp.get(f"{OPENAPI}/v5/vendors/<vendor_id>/onlineInquiries")
def inquiries(vendor_id):
    start = parse_time(request.args.get("inquiryStartAt", ""))
    end = parse_time(request.args.get("inquiryEndAt", ""))
    if start is None or end is None:
        return error(400, "ERROR", "inquiryStartAt, inquiryEndAt 값이 필요합니다.")
    end += 86400
    if end - start > 8 * 86400:
        return error(400, "ERROR", "조회 기간은 최대 7일입니다.")
    size = min(int(request.args.get("pageSize", 50)), 50)
    page = max(int(request.args.get("pageNum", 1)), 1)
    rows = store().inquiries(g.shop["id"], start, end)
    answered = request.args.get("answeredType", "ALL")
    if answered != "ALL":
        rows = [r for r in rows if bool(r["answer"]) == (answered == "ANSWERED")]
    chunk = rows[(page - 1) * size: page * size]
    content = [{"inquiryId": int(r["inquiry_no"]), "productId": int(r["product_no"] or 0),
                "content": r["question"], "inquiryAt": fmt_kst(r["created_at"], "%Y-%m-%d %H:%M:%S"),
                "orderIds": [int(r["order_no"])] if r["order_no"] else [], "buyerEmail": r["writer"],
                "commentDtoList": ([{"content": r["answer"], "inquiryCommentTypeCode": "VENDOR"}]
                                   if r["answer"] else [])} for r in chunk]
    total_pages = max(1, -(-len(rows) // size))
    return ok({"content": content, "pagination": {"currentPage": page, "totalPages": total_pages,
                                                  "totalElements": len(rows), "countPerPage": size}})


@bp.post(f"{OPENAPI}/v4/vendors/<vendor_id>/onlineInquiries/<inquiry_id>/replies")
def reply(vendor_id, inquiry_id):
    body = request.get_json(silent=True) or {}
    row = store().inquiry(g.shop["id"], inquiry_id)
    if row is None:
        return error(404, "ERROR", "존재하지 않는 문의입니다.")
    if not body.get("content") or body.get("vendorId") != vendor_id or not body.get("replyBy"):
        return error(400, "ERROR", "content, vendorId, replyBy 값이 필요합니다.")
    if body["replyBy"] != g.shop["keys"].get("wing_user_id"):
        return error(400, "ERROR", "replyBy 는 WING 로그인 아이디여야 합니다.")
    try:
        store().answer(row, body["content"], overwrite=False)
    except Refused as exc:
        return error(400, "ERROR", exc.reason)
    return ok(None)


# ------------------------------------------------------------------ products

def seller_ok(data=None, message="", **extra):
    return jsonify(code="SUCCESS", message=message, data=data, **extra)


@bp.get(f"{SELLER}/meta/display-categories/<code>")
def display_categories(code):
    rows = store().categories(g.shop["id"], None if code == "0" else code)
    me = store().one("select * from categories where shop_id=? and cat_id=?", (g.shop["id"], code))
    return seller_ok({"displayItemCategoryCode": int(code), "name": me["name"] if me else "ROOT",
                      "status": "ACTIVE", "child": [{"displayItemCategoryCode": int(r["cat_id"]),
                                                     "name": r["name"], "status": "ACTIVE",
                                                     "child": [{"displayItemCategoryCode": int(c["cat_id"])}
                                                               for c in store().categories(g.shop["id"], r["cat_id"])]}
                                                    for r in rows]})


@bp.post(f"{SELLER}/seller-products")
def create_product():
    body = request.get_json(silent=True) or {}
    items = body.get("items") or []
    if not body.get("sellerProductName") or not body.get("displayCategoryCode") or not items:
        return error(400, "ERROR", "sellerProductName, displayCategoryCode, items 는 필수입니다.")
    if body.get("vendorId") != g.shop["keys"]["vendor_id"]:
        return error(400, "ERROR", "vendorId 가 올바르지 않습니다.")
    first = items[0]
    p = store().add_product(g.shop["id"], body["sellerProductName"], int(first.get("salePrice", 0)),
                            int(first.get("maximumBuyCount", 0)), str(body["displayCategoryCode"]),
                            first.get("externalVendorSku", ""),
                            options=[(i.get("itemName", ""), int(i.get("maximumBuyCount", 0))) for i in items])
    return seller_ok(int(p["product_no"]))


def _render_product(p):
    return {"sellerProductId": int(p["product_no"]), "sellerProductName": p["name"],
            "displayCategoryCode": int(p["category_id"] or 0), "statusName": p["status"],
            "items": [{"vendorItemId": int(i["item_no"]), "itemName": i["option_name"], "salePrice": i["price"],
                       "maximumBuyCount": i["stock"], "externalVendorSku": p["seller_code"]} for i in p["items"]]}


@bp.get(f"{SELLER}/seller-products")
def list_products():
    size = min(int(request.args.get("maxPerPage", 20)), 100)
    offset = int(request.args.get("nextToken") or 0)
    rows = store().products(g.shop["id"])
    page = rows[offset:offset + size]
    more = offset + size < len(rows)
    return seller_ok([{"sellerProductId": int(p["product_no"]), "sellerProductName": p["name"],
                       "displayCategoryCode": int(p["category_id"] or 0), "statusName": p["status"]} for p in page],
                     nextToken=str(offset + size) if more else "")


@bp.get(f"{SELLER}/seller-products/<product_id>")
def get_product(product_id):
    p = store().product(g.shop["id"], product_id)
    if p is None:
        return error(404, "ERROR", "존재하지 않는 상품입니다.")
    return seller_ok(_render_product(p))


@bp.put(f"{SELLER}/vendor-items/<item_id>/quantities/<int:qty>")
def set_quantity(item_id, qty):
    try:
        store().set_item_stock(g.shop["id"], item_id, qty)
    except Refused as exc:
        return error(404, "ERROR", exc.reason)
    return seller_ok(None, message="재고 변경을 완료했습니다.")


@bp.put(f"{SELLER}/vendor-items/<item_id>/sales/stop")
def stop_sales(item_id):
    item = store().one("select * from items where shop_id=? and item_no=?", (g.shop["id"], item_id))
    if item is None:
        return error(404, "ERROR", "존재하지 않는 옵션입니다.")
    store().run("update products set status='SUSPENSION' where id=?", (item["product_id"],))
    return seller_ok(None, message="판매 중지 처리되었습니다.")
