"""Coupang sandbox claims: cancel/return receipts and exchange requests, listed and resolved."""
from __future__ import annotations

from flask import g, request

from ..common import iso_kst, parse_time, store
from ..store import Refused
from .auth import OPENAPI, bp, error, ok

RECEIPT_STATUS = {("CANCEL", "REQUESTED"): "RELEASE_STOP_UNCHECKED",
                  ("RETURN", "REQUESTED"): "RETURNS_UNCHECKED",
                  ("CANCEL", "DONE"): "RETURNS_COMPLETED", ("RETURN", "DONE"): "RETURNS_COMPLETED",
                  ("CANCEL", "REJECTED"): "REQUEST_COUPANG_CHECK",
                  ("RETURN", "REJECTED"): "REQUEST_COUPANG_CHECK"}
EXCHANGE_STATUS = {"REQUESTED": "RECEIPT", "DONE": "SUCCESS", "REJECTED": "REJECT"}


@bp.get(f"{OPENAPI}/v6/vendors/<vendor_id>/returnRequests")
def return_requests(vendor_id):
    args = request.args
    start, end = parse_time(args.get("createdAtFrom", "")), parse_time(args.get("createdAtTo", ""))
    if args.get("searchType") != "timeFrame" or start is None or end is None or end - start > 86400:
        return error(400, "ERROR",
                     "searchType=timeFrame 과 24시간 이내의 createdAtFrom/To 가 필요합니다.")
    kind = args.get("cancelType", "RETURN")
    # timeFrame lists have no paging: the whole window in one query, lines and orders joined.
    return ok([{"receiptId": int(c["claim_no"]), "orderId": int(c["order_no"]),
                "receiptType": kind, "receiptStatus": RECEIPT_STATUS[(kind, c["status"])],
                "createdAt": iso_kst(c["created_at"])[:19],
                "modifiedAt": iso_kst(c["changed_at"])[:19],
                "cancelReasonCategory1": c["reason"],
                "cancelReason": c["detail"] or c["reason"], "cancelCountSum": c["qty"],
                "returnItems": [{"vendorItemId": int(c["item_no"]),
                                 "vendorItemName": c["product_name"],
                                 "shipmentBoxId": int(c["ship_unit"]),
                                 "purchaseCount": c["qty"], "cancelCount": c["qty"]}]}
               for c in store().claims_page(g.shop["id"], start, end, kind=kind)])


def _resolve(claim_no, kinds, not_found, id_field, approve, reason=""):
    """Approve or reject a receipt (cancel/return) or exchange; answers {id_field: claim_no}."""
    claim = store().claim(g.shop["id"], claim_no)
    if claim is None or claim["kind"] not in kinds:
        return error(404, "ERROR", not_found)
    try:
        store().resolve_claim(claim, approve, reason)
    except Refused as exc:
        return error(400, "ERROR", exc.reason)
    return ok({id_field: int(claim_no)})


def _receipt_action(receipt_id, approve):
    return _resolve(receipt_id, ("CANCEL", "RETURN"), "존재하지 않는 접수번호입니다.", "receiptId",
                    approve)


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
    rows = [{"exchangeId": int(c["claim_no"]), "orderId": int(c["order_no"]),
             "exchangeStatus": EXCHANGE_STATUS[c["status"]],
             "createdAt": iso_kst(c["created_at"])[:19], "reasonCodeText": c["reason"],
             "exchangeItemDtoV1s": [{"vendorItemId": int(c["item_no"]), "quantity": c["qty"],
                                     "orderItemName": c["product_name"],
                                     "shipmentBoxId": int(c["ship_unit"])}]}
            for c in store().claims_page(g.shop["id"], start, end, kind="EXCHANGE")]
    return ok(rows, nextToken="")


def _exchange_action(exchange_id, approve):
    reason = (request.get_json(silent=True) or {}).get("exchangeRejectCode", "")
    return _resolve(exchange_id, ("EXCHANGE",), "존재하지 않는 교환요청입니다.", "exchangeId",
                    approve, reason)


@bp.put(f"{OPENAPI}/v4/vendors/<vendor_id>/exchangeRequests/<exchange_id>/receiveConfirmation")
def exchange_receive(vendor_id, exchange_id):
    return _exchange_action(exchange_id, True)


@bp.put(f"{OPENAPI}/v4/vendors/<vendor_id>/exchangeRequests/<exchange_id>/rejection")
def exchange_reject(vendor_id, exchange_id):
    return _exchange_action(exchange_id, False)

