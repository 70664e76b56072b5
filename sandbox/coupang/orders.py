"""Coupang sandbox ordersheets: list, read by shipmentBoxId, 상품준비중, invoices, seller cancel."""
from __future__ import annotations

import re
import uuid

from flask import g, jsonify, request

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
    # "페이지당 최대 50개까지 요청되므로" (article 360033919573): a larger page is refused in the
    # document's error shape; the wording of that refusal is not published.
    size = args.get("maxPerPage", "50")
    if not size.isdigit() or not 1 <= int(size) <= 50:
        return error(400, "ERROR", "maxPerPage는 1~50 사이여야 합니다.")
    size = int(size)
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


MIDDLE_CANCEL_CODES = ("CCTTER", "CCPNER", "CCPRER")


def _cancel_invalid(body, vendor_id, order_id):
    """The 400 texts of 주문 상품 취소 처리 for a body that misses or mismatches a field."""
    items, counts = body.get("vendorItemIds"), body.get("receiptCounts")
    checks = (
        (str(body.get("orderId")) != str(order_id), "주문 ID를 입력해 주세요."),
        (not items, "취소할 벤더아이템 아이디 목록을 입력해주세요."),
        (not counts, "취소할 아이템 개수 목록을 입력해주세요."),
        (len(items or []) != len(counts or []) or any(not isinstance(c, int) or c <= 0
                                                      for c in counts or []),
         "요청한 상품 개수와 취소 개수를 확인해주세요."),
        (body.get("bigCancelCode") != "CANERR", "취소사유 대분류 코드를 입력해주세요."),
        (body.get("middleCancelCode") not in MIDDLE_CANCEL_CODES,
         "취소사유 중분류 코드를 입력해주세요."),
        (body.get("vendorId") != vendor_id, "업체 ID를 입력해주세요."),
        (not body.get("userId"), "업체 ID에 맞는 올바른 유저 ID를 입력해주세요."),
    )
    return next((message for failed, message in checks if failed), None)


def _cancel_answer(status, order_id, receipts, failed, reasons):
    request_no = f"[요청번호] {uuid.uuid4()} \\r\\n"
    message = request_no + "".join(f"[{', '.join(ids)}]<= {why}" for why, ids in reasons.items())
    resp = jsonify(code=str(status), message=message,
                   data={"receiptMap": receipts, "orderId": int(order_id),
                         "failedVendorItemIds": [int(i) for i in failed]})
    resp.status_code = status
    return resp


@bp.post(f"{OPENAPI}/v5/vendors/<vendor_id>/orders/<order_id>/cancel")
def seller_cancel(vendor_id, order_id):
    """주문 상품 취소 처리: 결제완료 lines cancel at once (CANCEL), 상품준비중 lines stop shipping
    (STOP_SHIPMENT); lines in other states fail by vendorItemId, the rest go through."""
    body = request.get_json(silent=True) or {}
    invalid = _cancel_invalid(body, vendor_id, order_id)
    if invalid:
        return error(400, "ERROR", invalid)
    order = store().order_by_no(g.shop["id"], order_id)
    if order is None:
        return error(400, "ERROR", "주문 정보가 없습니다.")
    by_item = {line["item_no"]: line for line in order["lines"]}
    receipts, failed, reasons = {}, [], {}
    for item, count in zip(body["vendorItemIds"], body["receiptCounts"]):
        line = by_item.get(str(item))
        why = None
        if line is None:
            why = "요청한 업체의 상품이 아닙니다."
        elif count > line["qty"]:
            why = "취소 가능한 개수보다 요청한 개수가 더 많습니다."
        else:
            kind = "CANCEL" if line["status"] == "NEW" else "STOP_SHIPMENT"
            try:
                claim = store().seller_cancel(line, body["middleCancelCode"])
            except Refused:
                why = "해당 벤더아이템이 결제완료/상품지시 중 상태가 아닙니다."
            else:
                receipt = receipts.setdefault(claim["claim_no"], {
                    "receiptId": int(claim["claim_no"]), "receiptType": kind,
                    "vendorItemIds": [], "totalCount": 0})
                receipt["vendorItemIds"].append(int(item))
                receipt["totalCount"] += count
        if why:
            failed.append(str(item))
            reasons.setdefault(why, []).append(str(item))
    return _cancel_answer(400 if failed and not receipts else 200, order_id, receipts, failed,
                          reasons)
