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


def _processed(pid):
    """(성공/실패) 상품 주문 처리 내역 of one product order done."""
    return jsonify(timestamp=iso_kst(store().now()), traceId=uuid.uuid4().hex, data={
        "successProductOrderIds": [pid], "failProductOrderInfos": []})


def _failed(pid, code, message):
    """The same answer with the product order refused, a code of the page's table."""
    return jsonify(timestamp=iso_kst(store().now()), traceId=uuid.uuid4().hex, data={
        "successProductOrderIds": [], "failProductOrderInfos": [
            {"productOrderId": pid, "code": code, "message": message}]})


def _open_exchange(pid):
    line = line_or_none(pid)
    if line is None:
        return None, error(404, "100001", "상품 주문을 찾을 수 없음")
    claims = [c for c in store().claims_for_line(line["id"]) if c["kind"] == "EXCHANGE"]
    if not claims:
        return None, _failed(pid, "104442", "상품 주문 상태 확인 필요")
    return claims[0], None


@bp.post("/v1/pay-order/seller/product-orders/<pid>/claim/exchange/collect/approve")
def exchange_approve(pid):
    """교환 수거 완료: the claim waits (COLLECT_DONE) for its re-dispatch."""
    claim, refused = _open_exchange(pid)
    if refused is not None:
        return refused
    if claim["status"] != "REQUESTED":
        return _failed(pid, "105306", "변경을 요청한 상태가 기존과 동일")
    store().receive_claim(claim)
    return _processed(pid)


# 교환 재배송 처리 (seller-re-delivery-exchange-pay-order-seller): reDeliveryMethod,
# reDeliveryCompany, reDeliveryTrackingNumber; only a collected exchange (else 104417).
RE_DELIVERY_METHODS = ("DELIVERY", "GDFW_ISSUE_SVC", "VISIT_RECEIPT", "DIRECT_DELIVERY",
                       "QUICK_SVC", "NOTHING")
COURIERS = ("CJGLS", "HYUNDAI", "HANJIN", "KGB", "EPOST", "KDEXP", "REGISTPOST", "DAESIN",
            "ILYANG", "CHUNIL", "HDEXP", "CVSNET", "CUPARCEL", "NONGHYUP", "SEBANG", "DHL",
            "FEDEX", "UPS", "EMS", "CH1")


@bp.post("/v1/pay-order/seller/product-orders/<pid>/claim/exchange/dispatch")
def exchange_dispatch(pid):
    body = request.get_json(silent=True) or {}
    method = body.get("reDeliveryMethod")
    if method not in RE_DELIVERY_METHODS:
        return error(400, "4000", "잘못된 요청 파라미터",
                     [{"name": "reDeliveryMethod", "type": "Enum", "message": "허용되지 않은 값입니다."}])
    if method == "DELIVERY":
        if not body.get("reDeliveryCompany"):
            return error(400, "104118", "택배사 미입력")
        if body["reDeliveryCompany"] not in COURIERS:
            return error(400, "104119", "택배사 코드 확인")
        if not str(body.get("reDeliveryTrackingNumber") or "").strip():
            return error(400, "104120", "송장 번호 미입력")
    claim, refused = _open_exchange(pid)
    if refused is not None:
        return refused
    if claim["status"] != "RECEIVED":
        return _failed(pid, "104417", "교환 상태 확인 필요(재배송 처리 불가능 주문 상태)")
    store().resolve_claim(claim, True)
    return _processed(pid)


@bp.post("/v1/pay-order/seller/product-orders/<pid>/claim/exchange/reject")
def exchange_reject(pid):
    reason = (request.get_json(silent=True) or {}).get("rejectExchangeReason")
    if not reason:
        return error(400, "4000", "rejectExchangeReason 값이 필요합니다.")
    return _claim_action(pid, "EXCHANGE", False, reason)
