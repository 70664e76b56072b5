"""Coupang sandbox ordersheets: list, read by shipmentBoxId, 상품준비중, invoices, seller cancel."""
from __future__ import annotations

import re

from flask import g, request

from ..common import iso_kst_micro, money, parse_time, store
from ..store import Refused
from .auth import OPENAPI, bp, error, ok

DAY = re.compile(r"^\d{4}-\d{2}-\d{2}\+09:00$")   # "yyyy-mm-dd%2B09:00" of the daily list
STATUS = {"NEW": "ACCEPT", "CONFIRMED": "INSTRUCT", "SHIPPING": "DEPARTURE",
          "DELIVERED": "FINAL_DELIVERY", "PURCHASE_DECIDED": "FINAL_DELIVERY"}


def render_sheet(order):
    lines = [x for x in order["lines"] if x["status"] in STATUS]
    return {
        "shipmentBoxId": int(order["ship_unit"]), "orderId": int(order["order_no"]),
        "orderedAt": iso_kst_micro(order["created_at"]),
        "paidAt": iso_kst_micro(order["created_at"]),
        "status": STATUS[lines[0]["status"]] if lines else "ACCEPT",
        "orderer": {"name": order["buyer_name"], "email": "bu***@coupang.com",
                    "safeNumber": order["buyer_phone"]},
        "receiver": {"name": order["recipient_name"], "safeNumber": order["recipient_phone"],
                     "addr1": order["address"], "addr2": order["address_detail"],
                     "postCode": order["zip_code"]},
        "parcelPrintMessage": order["message"], "shippingPrice": money(order["shipping_fee"]),
        "remotePrice": None, "remoteArea": False, "splitShipping": False,
        "ableSplitShipping": False, "shipmentType": "THIRD_PARTY",
        "deliveryCompanyName": lines[0]["courier"] if lines else "",
        "invoiceNumber": lines[0]["tracking"] if lines else "",
        "orderItems": [{"vendorItemId": int(x["item_no"] or x["line_no"]),
                        "vendorItemName": x["product_name"],
                        "sellerProductId": int(x["product_no"] or 0),
                        "sellerProductName": x["product_name"],
                        "sellerProductItemName": x["option_name"], "shippingCount": x["qty"],
                        "salesPrice": money(x["unit_price"]),
                        "orderPrice": money(x["unit_price"] * x["qty"]),
                        "discountPrice": money(0), "cancelCount": 0, "holdCountForCancel": 0,
                        "canceled": False}
                       for x in lines],
    }


@bp.get(f"{OPENAPI}/v5/vendors/<vendor_id>/ordersheets")
def ordersheets(vendor_id):
    args = request.args
    status = args.get("status")
    if status not in ("ACCEPT", "INSTRUCT", "DEPARTURE", "DELIVERING", "FINAL_DELIVERY",
                      "NONE_TRACKING"):
        return error(400, "ERROR", "status 값이 올바르지 않습니다.")
    start, end = parse_time(args.get("createdAtFrom", "")), parse_time(args.get("createdAtTo", ""))
    if start is None or end is None:
        return error(400, "ERROR", "createdAtFrom, createdAtTo 값이 필요합니다.")
    if args.get("searchType") == "timeFrame":
        if end - start > 86400:
            return error(400, "ERROR", "timeFrame 조회 기간은 24시간 이내여야 합니다.")
    else:
        if not (DAY.match(args["createdAtFrom"]) and DAY.match(args["createdAtTo"])):
            return error(400, "ERROR", "createdAtFrom, createdAtTo 는 yyyy-mm-dd+09:00 "
                                       "형식이어야 합니다.")
        end += 86400          # daily paging: createdAtTo is an inclusive date
        if end - start > 31 * 86400:
            return error(400, "ERROR", "조회 기간은 최대 31일입니다.")
    # A sheet's status is that of its first line still on the delivery path; filtering on it in
    # SQL lets a page be read alone instead of rendering the whole window for every page.
    listed = tuple(STATUS)
    wanted = [k for k, v in STATUS.items() if v == status]
    where = (f"(select l.status from lines l where l.order_id=orders.id and l.status in "
             f"({','.join('?' * len(listed))}) order by l.seq limit 1) "
             f"in ({','.join('?' * len(wanted))})")
    args_sql = (*listed, *wanted)
    if args.get("searchType") == "timeFrame":
        orders = store().orders_page(g.shop["id"], start, end, where=where, args=args_sql)
        return ok([render_sheet(o) for o in orders])
    size = max(min(int(args.get("maxPerPage", 50)), 50), 1)
    token = args.get("nextToken") or ""
    # nextToken is opaque to the seller; here it is the id of the last order of the page before.
    after = int(token) if token.isdigit() else None
    orders = store().orders_page(g.shop["id"], start, end, where=where, args=args_sql,
                                 limit=size + 1, after_id=after)
    page, more = orders[:size], len(orders) > size
    return ok([render_sheet(o) for o in page], nextToken=str(page[-1]["id"]) if more else "")


@bp.get(f"{OPENAPI}/v5/vendors/<vendor_id>/ordersheets/<int:box_id>")
def ordersheet(vendor_id, box_id):
    order = _box_lines(box_id)
    if order is None:
        return error(404, "ERROR", "존재하지 않는 배송번호입니다.")
    return ok(render_sheet(order))


def _box_lines(box_id):
    """The order shipped in this shipmentBoxId, with its lines; None when there is none."""
    row = store().one("select id from orders where shop_id=? and ship_unit=?",
                      (g.shop["id"], str(box_id)))
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
            entry.update(resultCode="NOT_FOUND_SHIPMENT_BOX",
                         resultMessage="존재하지 않는 배송번호입니다.")
        else:
            try:
                for line in order["lines"]:
                    store().confirm(line)
                entry.update(succeed=True, resultCode="OK",
                             resultMessage="상품준비중 처리되었습니다.")
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
        lines = [x for x in (order or {}).get("lines", [])
                 if x["item_no"] == str(dto.get("vendorItemId"))]
        if not lines:
            entry.update(resultCode="NOT_FOUND_SHIPMENT_BOX",
                         resultMessage="존재하지 않는 배송번호입니다.")
        elif not dto.get("invoiceNumber") or not dto.get("deliveryCompanyCode"):
            entry.update(resultCode="INVALID_INVOICE_NUMBER",
                         resultMessage="송장번호가 올바르지 않습니다.")
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

