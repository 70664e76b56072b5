"""Coupang sandbox claims: cancel/return receipts and exchange requests, listed and resolved.

The rules are those of the WING documents: returnRequests take a status for returns and none
for cancels, 출고중지완료 only before shipping with the received count, 반품 승인 only after
입고 확인, exchange lists in yyyy-MM-ddTHH:mm:ss within 7 days paged by nextToken, exchange
rejection only with SOLDOUT or WITHDRAW.
"""
from __future__ import annotations

import re

from flask import g, request

from ..common import iso_kst, money, parse_time, store
from ..store import Refused
from .auth import OPENAPI, bp, error, ok

RECEIPT_STATUS = {("CANCEL", "REQUESTED"): "RELEASE_STOP_UNCHECKED",
                  ("RETURN", "REQUESTED"): "RETURNS_UNCHECKED",
                  ("RETURN", "RECEIVED"): "VENDOR_WAREHOUSE_CONFIRM",
                  ("CANCEL", "DONE"): "RETURNS_COMPLETED", ("RETURN", "DONE"): "RETURNS_COMPLETED",
                  ("CANCEL", "REJECTED"): "REQUEST_COUPANG_CHECK",
                  ("RETURN", "REJECTED"): "REQUEST_COUPANG_CHECK"}
# The status parameter of returns; 입고완료 is listed with 반품접수 (the document has no own code).
STATUS_PARAM = {"RU": ("RELEASE_STOP_UNCHECKED",),
                "UC": ("RETURNS_UNCHECKED", "VENDOR_WAREHOUSE_CONFIRM"),
                "CC": ("RETURNS_COMPLETED",), "PR": ("REQUEST_COUPANG_CHECK",)}
EXCHANGE_STATUS = {"REQUESTED": "RECEIPT", "RECEIVED": "PROGRESS", "DONE": "SUCCESS",
                   "REJECTED": "REJECT"}
EXCHANGE_REJECT_CODES = ("SOLDOUT", "WITHDRAW")
SECONDS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")
SHIPPED = ("SHIPPING", "DELIVERED", "PURCHASE_DECIDED")


def _receipt_row(c, kind):
    return {"receiptId": int(c["claim_no"]), "orderId": int(c["order_no"]),
            "receiptType": kind, "receiptStatus": RECEIPT_STATUS[(kind, c["status"])],
            "createdAt": iso_kst(c["created_at"])[:19], "modifiedAt": iso_kst(c["changed_at"])[:19],
            "cancelReasonCategory1": c["reason"], "cancelReasonCategory2": "",
            "cancelReason": c["detail"] or c["reason"], "cancelCountSum": c["qty"],
            "releaseStopStatus": "미처리", "enclosePrice": money(0),
            "returnItems": [{"vendorItemId": int(c["item_no"]), "vendorItemName": c["product_name"],
                             "shipmentBoxId": int(c["ship_unit"]), "purchaseCount": c["qty"],
                             "cancelCount": c["qty"],
                             "releaseStatus": "Y" if c["line_status"] in SHIPPED else "N"}],
            "returnDeliveryDtos": [], "returnShippingCharge": money(0)}


@bp.get(f"{OPENAPI}/v6/vendors/<vendor_id>/returnRequests")
def return_requests(vendor_id):
    args = request.args
    if args.get("searchType") != "timeFrame":
        return error(400, "ERROR", "searchType=timeFrame 이 필요합니다.")
    start, end = parse_time(args.get("createdAtFrom", "")), parse_time(args.get("createdAtTo", ""))
    if start is None or end is None:
        return error(400, "ERROR", "createdAtFrom, createdAtTo 는 yyyy-MM-ddTHH:mm 형식입니다.")
    if end < start:
        return error(400, "ERROR", "검색기간의 끝이 시작 보다 앞섭니다.")
    if end - start > 31 * 86400:
        return error(400, "ERROR", "검색기간은 최대 31일입니다.")
    kind, status = args.get("cancelType", "RETURN"), args.get("status")
    if kind == "CANCEL" and status:
        return error(400, "ERROR", "cancelType=CANCEL 에는 status 를 보낼 수 없습니다.")
    if kind == "RETURN" and not status and not args.get("orderId"):
        return error(400, "ERROR", "OrderId can't be null , if doesn't pass the parameter status")
    if status and status not in STATUS_PARAM:
        return error(400, "ERROR", "status 값이 올바르지 않습니다.")
    rows = [_receipt_row(c, kind) for c in store().claims_page(g.shop["id"], start, end, kind=kind)]
    if status:
        rows = [r for r in rows if r["receiptStatus"] in STATUS_PARAM[status]]
    if args.get("orderId"):
        rows = [r for r in rows if str(r["orderId"]) == args["orderId"]]
    return ok(rows)


def _claim(claim_no, kinds):
    claim = store().claim(g.shop["id"], claim_no)
    return claim if claim is not None and claim["kind"] in kinds else None


def _result(message="요청 처리완료"):
    return ok({"resultCode": "SUCCESS", "resultMessage": message})


def _count_matches(claim):
    body = request.get_json(silent=True) or {}
    line = store().one("select qty from lines where id=?", (claim["line_id"],))
    return body.get("cancelCount") == line["qty"]


@bp.put(f"{OPENAPI}/v4/vendors/<vendor_id>/returnRequests/<receipt_id>/stoppedShipment")
def stopped_shipment(vendor_id, receipt_id):
    claim = _claim(receipt_id, ("CANCEL", "RETURN"))
    if claim is None:
        return error(400, "ERROR", "취소반품접수내역이 존재하지 않습니다.")
    if claim["status"] == "DONE":
        return error(400, "ERROR", "이미 반품이 완료 되었습니다.")
    if claim["status"] != "REQUESTED" or claim["prev_status"] in SHIPPED:
        return error(400, "ERROR", "상품준비 중 또는 배송지시 상태가 아닙니다.")
    if not _count_matches(claim):
        return error(400, "ERROR", "취소반품접수수량과 cancelCount가 일치하지 않습니다.")
    store().resolve_claim(claim, True)
    return _result()


@bp.put(f"{OPENAPI}/v4/vendors/<vendor_id>/returnRequests/<receipt_id>/receiveConfirmation")
def return_receive(vendor_id, receipt_id):
    claim = _claim(receipt_id, ("RETURN",))
    if claim is None:
        return error(400, "ERROR", "취소반품접수내역이 존재하지 않습니다.")
    try:
        store().receive_claim(claim)
    except Refused as exc:
        return error(400, "ERROR", "이미 반품이 완료 되었습니다." if claim["status"] == "DONE"
                     else exc.reason)
    return ok({})


@bp.put(f"{OPENAPI}/v4/vendors/<vendor_id>/returnRequests/<receipt_id>/approval")
def return_approval(vendor_id, receipt_id):
    claim = _claim(receipt_id, ("RETURN",))
    if claim is None:
        return error(400, "ERROR", "취소반품접수내역이 존재하지 않습니다.")
    if claim["status"] == "DONE":
        return error(400, "ERROR", "이미 반품이 완료 되었습니다.")
    if claim["status"] != "RECEIVED":
        return error(400, "ERROR", "입고완료(VENDOR_WAREHOUSE_CONFIRM) 상태의 반품만 승인할 수 "
                                   "있습니다. 반품 상품 입고 확인을 먼저 해 주세요.")
    if not _count_matches(claim):
        return error(400, "ERROR", "취소반품접수수량과 cancelCount가 일치하지 않습니다.")
    store().resolve_claim(claim, True)
    return ok({})


def _exchange_row(c):
    return {"exchangeId": int(c["claim_no"]), "orderId": int(c["order_no"]),
            "vendorId": g.shop["keys"]["vendor_id"], "exchangeStatus": EXCHANGE_STATUS[c["status"]],
            "createdAt": iso_kst(c["created_at"])[:19], "modifiedAt": iso_kst(c["changed_at"])[:19],
            "reasonCode": "", "reasonCodeText": c["reason"], "reasonEtcDetail": c["detail"],
            "exchangeItemDtoV1s": [{"orderItemId": int(c["item_no"]),
                                    "orderItemName": c["product_name"],
                                    "targetItemId": int(c["item_no"]),
                                    "quantity": c["qty"],
                                    "originalShipmentBoxId": int(c["ship_unit"])}],
            **_re_delivery(c)}


@bp.get(f"{OPENAPI}/v4/vendors/<vendor_id>/exchangeRequests")
def exchange_requests(vendor_id):
    args = request.args
    for name in ("createdAtFrom", "createdAtTo"):
        if not SECONDS.match(args.get(name, "")):
            return error(400, "ERROR", f"{name} format should be yyyy-MM-ddTHH:mm:ss.")
    start, end = parse_time(args["createdAtFrom"]), parse_time(args["createdAtTo"])
    if end < start:
        return error(400, "ERROR", "start time should early or equals to end time")
    if end - start >= 7 * 86400:
        return error(400, "ERROR", "error-message=createdAtTo - createdAtFrom should less then "
                                   "7day.")
    size = max(1, min(int(args.get("maxPerPage") or 10), 50))
    offset = int(args["nextToken"]) if (args.get("nextToken") or "").isdigit() else 0
    rows = store().claims_page(g.shop["id"], start, end + 1, kind="EXCHANGE", limit=size + 1,
                               offset=offset)
    page = [_exchange_row(c) for c in rows[:size]]
    return ok(page, nextToken=str(offset + size) if len(rows) > size else "")


def _box(c) -> int:
    """The shipmentBoxId 입고 확인 creates for the re-delivery (our own number, stable per exchange)."""
    return int(f"9{int(c['claim_no']):012d}")


def _invoice_key(c) -> str:
    return f"coupang_exchange_invoice:{c['id']}"


def _re_delivery(c) -> dict:
    """deliveryInvoiceGroupDtos and collectStatus: after 입고 확인 (SUCCESS) the re-delivery box exists,
    회수상태 업체전달완료 (CompleteCollect); its deliveryInvoiceDtos carry an uploaded invoice."""
    if c["status"] != "DONE":
        return {"deliveryInvoiceGroupDtos": [], "collectStatus": "BeforeDirection"}
    saved = store().one("select value from settings where key=?", (_invoice_key(c),))
    courier, _sep, number = (saved["value"] if saved else "").partition(" ")
    invoices = [{"invoiceNumber": number, "deliverCode": courier, "statusCode": "DEPARTURE"}] if number else []
    return {"deliveryInvoiceGroupDtos": [{"shipmentBoxId": _box(c), "orderId": int(c["order_no"]),
                                          "shippingDeliveryType": "EXCHANGE_DELIVERY",
                                          "deliveryInvoiceDtos": invoices}],
            "collectStatus": "CompleteCollect"}


def _exchange(exchange_id):
    claim = _claim(exchange_id, ("EXCHANGE",))
    if claim is None:
        return None, error(400, "ERROR", "존재하지 않는 교환요청입니다.")
    return claim, None


@bp.put(f"{OPENAPI}/v4/vendors/<vendor_id>/exchangeRequests/<exchange_id>/receiveConfirmation")
def exchange_receive(vendor_id, exchange_id):
    claim, refused = _exchange(exchange_id)
    if refused:
        return refused
    try:
        store().resolve_claim(claim, True)
    except Refused as exc:
        return error(400, "ERROR", exc.reason)
    return _result()


@bp.put(f"{OPENAPI}/v4/vendors/<vendor_id>/exchangeRequests/<exchange_id>/rejection")
def exchange_reject(vendor_id, exchange_id):
    claim, refused = _exchange(exchange_id)
    if refused:
        return refused
    code = (request.get_json(silent=True) or {}).get("exchangeRejectCode", "")
    if code not in EXCHANGE_REJECT_CODES:
        return error(400, "ERROR", "교환거절코드는 SOLDOUT 또는 WITHDRAW만 입력할 수 있습니다.")
    try:
        store().resolve_claim(claim, False, code)
    except Refused as exc:
        return error(400, "ERROR", exc.reason)
    return _result()


# 교환상품 송장 업로드 처리 (article 360034027954): a list of {exchangeId, vendorId, shipmentBoxId,
# goodsDeliveryCode, invoiceNumber}, every one required ("params are not allowed null"), only once the
# exchange's 회수상태 is 업체전달완료 (after 입고 확인), on the shipmentBoxId that created.
@bp.post(f"{OPENAPI}/v4/vendors/<vendor_id>/exchangeRequests/<exchange_id>/invoices")
def exchange_invoice(vendor_id, exchange_id):
    body = request.get_json(silent=True)
    rows = body if isinstance(body, list) else []
    keys = ("exchangeId", "vendorId", "shipmentBoxId", "goodsDeliveryCode", "invoiceNumber")
    if not rows or any(not isinstance(r, dict) or any(r.get(k) in (None, "") for k in keys) for r in rows):
        return error(400, "ERROR", "params are not allowed null...")
    claim, refused = _exchange(exchange_id)
    if refused:
        return refused
    if claim["status"] != "DONE":
        return ok({"resultCode": "FAIL", "resultMessage": "회수상태가 업체전달완료(CompleteCollect)인 교환만 "
                                                          "송장을 업로드할 수 있습니다."})
    row = rows[0]
    if str(row["exchangeId"]) != str(exchange_id) or int(row["shipmentBoxId"]) != _box(claim):
        return ok({"resultCode": "FAIL", "resultMessage": "교환 재배송 배송번호(shipmentBoxId)를 확인해 주세요."})
    store().run("insert or replace into settings(key, value) values(?, ?)",
                (_invoice_key(claim), f"{row['goodsDeliveryCode']} {row['invoiceNumber']}"))
    return _result("Invoice number save successfully")
