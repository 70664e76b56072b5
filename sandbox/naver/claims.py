"""Naver sandbox claims: seller cancel, approving or rejecting claims, one productOrderId a call."""
from __future__ import annotations

import uuid

from flask import jsonify, request

from ..common import iso_kst, store
from ..store import Refused
from .auth import bp, error
from .orders import line_or_none


def _claim_action(product_order_id, kind, approve, reason=""):
    line = line_or_none(product_order_id)
    if line is None:
        return error(404, "NOT_FOUND", "존재하지 않는 상품주문입니다.")
    claims = [c for c in store().claims_for_line(line["id"]) if c["kind"] == kind]
    if not claims:
        return error(400, "4000", "처리할 클레임이 없습니다.")
    try:
        store().resolve_claim(claims[0], approve, reason)
    except Refused as exc:
        return error(400, exc.code, exc.reason)
    # (성공/실패) 상품 주문 처리 내역, as every claim action page documents its answer.
    return jsonify(timestamp=iso_kst(store().now()), traceId=uuid.uuid4().hex, data={
        "successProductOrderIds": [product_order_id], "failProductOrderInfos": []})


@bp.post("/v1/pay-order/seller/product-orders/<pid>/claim/cancel/request")
def cancel_request(pid):
    line = line_or_none(pid)
    if line is None:
        return error(404, "NOT_FOUND", "존재하지 않는 상품주문입니다.")
    reason = (request.get_json(silent=True) or {}).get("cancelReason") or ""
    if reason not in ("INTENT_CHANGED", "COLOR_AND_SIZE", "WRONG_ORDER", "PRODUCT_UNSATISFIED",
                      "DELAYED_DELIVERY", "SOLD_OUT", "INCORRECT_INFO"):
        return error(400, "4000", "cancelReason 값이 올바르지 않습니다.",
                     [{"name": "cancelReason", "type": "Enum",
                       "message": "허용되지 않은 값입니다."}])
    try:
        claim = store().seller_cancel(line, reason)
    except Refused as exc:
        return error(400, exc.code, exc.reason)
    return jsonify(timestamp=iso_kst(store().now()), data={
        "productOrderId": pid, "claimId": claim["claim_no"], "claimStatus": "CANCEL_DONE"})


@bp.post("/v1/pay-order/seller/product-orders/<pid>/claim/cancel/approve")
def cancel_approve(pid):
    return _claim_action(pid, "CANCEL", True)


@bp.post("/v1/pay-order/seller/product-orders/<pid>/claim/return/approve")
def return_approve(pid):
    return _claim_action(pid, "RETURN", True)


@bp.post("/v1/pay-order/seller/product-orders/<pid>/claim/return/reject")
def return_reject(pid):
    reason = (request.get_json(silent=True) or {}).get("rejectReturnReason")
    if not reason:
        return error(400, "4000", "rejectReturnReason 값이 필요합니다.")
    return _claim_action(pid, "RETURN", False, reason)


@bp.post("/v1/pay-order/seller/product-orders/<pid>/claim/exchange/collect/approve")
def exchange_approve(pid):
    return _claim_action(pid, "EXCHANGE", True)


@bp.post("/v1/pay-order/seller/product-orders/<pid>/claim/exchange/reject")
def exchange_reject(pid):
    reason = (request.get_json(silent=True) or {}).get("rejectExchangeReason")
    if not reason:
        return error(400, "4000", "rejectExchangeReason 값이 필요합니다.")
    return _claim_action(pid, "EXCHANGE", False, reason)
