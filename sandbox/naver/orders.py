"""Naver sandbox product orders: rendering, last-changed-statuses, query, 발주확인, 발송처리."""
from __future__ import annotations

from flask import g, jsonify, request

from ..common import iso_kst, parse_time, store
from ..store import DELAY_REASONS, Refused
from .auth import bp, error

PRODUCT_ORDER_STATUS = {
    "NEW": "PAYED", "CONFIRMED": "PAYED", "SHIPPING": "DELIVERING", "DELIVERED": "DELIVERED",
    "PURCHASE_DECIDED": "PURCHASE_DECIDED", "CANCEL_REQUESTED": "PAYED", "CANCELED": "CANCELED",
    "RETURN_REQUESTED": "DELIVERED", "RETURNED": "RETURNED", "EXCHANGE_REQUESTED": "DELIVERED",
    "EXCHANGED": "EXCHANGED",
}
CHANGE_TYPE = {
    "NEW": "PAYED", "CONFIRMED": "PAYED", "SHIPPING": "DISPATCHED", "DELIVERED": "DISPATCHED",
    "PURCHASE_DECIDED": "PURCHASE_DECIDED", "CANCEL_REQUESTED": "CLAIM_REQUESTED",
    "RETURN_REQUESTED": "CLAIM_REQUESTED", "EXCHANGE_REQUESTED": "CLAIM_REQUESTED",
    "CANCELED": "CLAIM_COMPLETED", "RETURNED": "CLAIM_COMPLETED", "EXCHANGED": "CLAIM_COMPLETED",
}
CLAIM_STATUS = {("CANCEL", "REQUESTED"): "CANCEL_REQUEST", ("CANCEL", "DONE"): "CANCEL_DONE",
                ("CANCEL", "REJECTED"): "CANCEL_REJECT", ("RETURN", "REQUESTED"): "RETURN_REQUEST",
                ("RETURN", "DONE"): "RETURN_DONE", ("RETURN", "REJECTED"): "RETURN_REJECT",
                ("EXCHANGE", "REQUESTED"): "EXCHANGE_REQUEST",
                ("EXCHANGE", "RECEIVED"): "COLLECT_DONE",
                ("EXCHANGE", "DONE"): "EXCHANGE_REDELIVERING", ("EXCHANGE", "REJECTED"): "EXCHANGE_REJECT"}


def _claim_fields(claim):
    if claim is None:
        return {}
    status = CLAIM_STATUS[(claim["kind"], claim["status"])]
    key = claim["kind"].lower()
    return {key: {"claimId": claim["claim_no"], "claimStatus": status,
                  "claimRequestDate": iso_kst(claim["created_at"]),
                  f"{key}Reason": claim["reason"], f"{key}DetailedReason": claim["detail"] or ""}}


def render_product_orders(lines):
    """/query details of these lines; their orders and newest claims are read in two queries."""
    orders = store().orders_by_ids(x["order_id"] for x in lines)
    claims = store().latest_claims(x["id"] for x in lines)
    return [render_product_order(x, orders[x["order_id"]], claims.get(x["id"])) for x in lines]


def _product_numbers(origin_no):
    """(channel product number, seller product code) of an origin product of this shop."""
    product = store().product(g.shop["id"], origin_no) if origin_no else None
    if not product or not product["items"]:
        return origin_no, ""
    return product["items"][0]["item_no"], product["seller_code"] or ""


def render_product_order(line, o, claim):
    current = _claim_fields(claim)
    channel_no, seller_code = _product_numbers(line["product_no"])
    product_order = {
        "productOrderId": line["line_no"],
        "productOrderStatus": PRODUCT_ORDER_STATUS[line["status"]],
        "placeOrderStatus": "NOT_YET" if line["status"] == "NEW" else "OK",
        "claimType": claim["kind"] if claim else None,
        "claimStatus": CLAIM_STATUS[(claim["kind"], claim["status"])] if claim else None,
        # productId is the channel product number, originalProductId the origin product's
        # (what registration answers as smartstoreChannelProductNo / originProductNo).
        "productId": channel_no, "originalProductId": line["product_no"],
        "sellerProductCode": seller_code,
        "optionCode": line["item_no"],
        "productName": line["product_name"], "productOption": line["option_name"],
        "quantity": line["qty"], "unitPrice": line["unit_price"],
        "totalPaymentAmount": line["qty"] * line["unit_price"],
        "deliveryFeeAmount": o["shipping_fee"], "shippingMemo": o["message"],
        "shippingAddress": {"name": o["recipient_name"], "tel1": o["recipient_phone"],
                            "baseAddress": o["address"], "detailedAddress": o["address_detail"],
                            "zipCode": o["zip_code"]},
    }
    if line.get("delay_reason"):
        # What 발송 지연 처리 left on the product order.
        product_order.update(shippingDueDate=iso_kst(line["ship_due"]),
                             delayedDispatchReason=line["delay_reason"],
                             delayedDispatchDetailedReason=line["delay_detail"])
    return {
        "order": {"orderId": o["order_no"], "orderDate": iso_kst(o["created_at"]),
                  "paymentDate": iso_kst(o["created_at"]), "ordererName": o["buyer_name"],
                  "ordererTel": o["buyer_phone"]},
        "productOrder": product_order,
        "delivery": ({"deliveryCompany": line["courier"], "trackingNumber": line["tracking"],
                      "deliveryMethod": "DELIVERY"} if line["tracking"] else None),
        "currentClaim": current or None,
    }


def line_or_none(product_order_id):
    return store().line(g.shop["id"], product_order_id)


@bp.get("/v1/pay-order/seller/product-orders/last-changed-statuses")
def last_changed():
    start = parse_time(request.args.get("lastChangedFrom", ""))
    if start is None:
        return error(400, "4000", "lastChangedFrom 값이 필요합니다.",
                     [{"name": "lastChangedFrom", "type": "NotNull", "message": "필수 값입니다."}])
    end = parse_time(request.args.get("lastChangedTo", "")) or start + 86400
    if end - start > 86400 or end < start:
        return error(400, "4000", "from, to 조회 기간은 24시간 이내여야 합니다.",
                     [{"name": "lastChangedTo", "type": "Range", "message": "최대 24시간"}])
    limit = min(int(request.args.get("limitCount", 300)), 300)
    change_type = request.args.get("lastChangedType")
    after_id = int(request.args.get("moreSequence", 0) or 0)
    statuses = ([k for k, v in CHANGE_TYPE.items() if v == change_type] if change_type
                else None)
    # One page and one row more (to know whether to answer `more`), read in SQL.
    rows = store().lines_changed_page(g.shop["id"], start, end, statuses=statuses,
                                      after=(start, after_id) if after_id else None,
                                      limit=limit + 1)
    page, rest = rows[:limit], rows[limit:]
    data = {"lastChangeStatuses": [{
        "productOrderId": r["line_no"], "orderId": r["order_no"],
        "lastChangedType": CHANGE_TYPE[r["status"]], "lastChangedDate": iso_kst(r["changed_at"]),
        "productOrderStatus": PRODUCT_ORDER_STATUS[r["status"]]} for r in page]}
    if rest:
        last = page[-1]
        data["more"] = {"moreFrom": iso_kst(last["changed_at"]), "moreSequence": str(last["id"])}
    return jsonify(timestamp=iso_kst(store().now()), data=data)


@bp.post("/v1/pay-order/seller/product-orders/query")
def query():
    ids = (request.get_json(silent=True) or {}).get("productOrderIds") or []
    if not ids or len(ids) > 300:
        return error(400, "4000", "productOrderIds는 1~300개여야 합니다.")
    lines = store().lines_by_nos(g.shop["id"], ids)
    return jsonify(timestamp=iso_kst(store().now()), data=render_product_orders(lines))


def _bulk(ids, limit, action):
    if not ids or len(ids) > limit:
        return None, error(400, "4000", f"한 번에 최대 {limit}건까지 처리할 수 있습니다.")
    ok, fail = [], []
    for pid in ids:
        line = line_or_none(pid)
        if line is None:
            fail.append({"productOrderId": pid, "code": "NOT_FOUND",
                         "message": "존재하지 않는 상품주문입니다."})
            continue
        try:
            action(line)
            ok.append(pid)
        except Refused as exc:
            fail.append({"productOrderId": pid, "code": exc.code, "message": exc.reason})
    return (ok, fail), None


@bp.post("/v1/pay-order/seller/product-orders/confirm")
def confirm():
    ids = (request.get_json(silent=True) or {}).get("productOrderIds") or []
    result, err = _bulk(ids, 30, store().confirm)
    if err:
        return err
    ok, fail = result
    return jsonify(timestamp=iso_kst(store().now()), data={
        "successProductOrderInfos": [{"productOrderId": i, "isReceiverAddressChanged": False}
                                     for i in ok],
        "failProductOrderInfos": fail})


@bp.post("/v1/pay-order/seller/product-orders/dispatch")
def dispatch():
    items = (request.get_json(silent=True) or {}).get("dispatchProductOrders") or []
    by_id = {i.get("productOrderId"): i for i in items}
    bad = [i for i in items if not i.get("trackingNumber") or not i.get("deliveryCompanyCode")]
    if bad:
        return error(400, "4000", "택배사와 송장번호는 필수입니다.",
                     [{"name": "trackingNumber", "type": "NotNull", "message": "필수 값입니다."}])
    result, err = _bulk(list(by_id), 30, lambda line: store().dispatch(
        line, by_id[line["line_no"]]["deliveryCompanyCode"],
        by_id[line["line_no"]]["trackingNumber"]))
    if err:
        return err
    ok, fail = result
    return jsonify(timestamp=iso_kst(store().now()),
                   data={"successProductOrderIds": ok, "failProductOrderInfos": fail})


@bp.post("/v1/pay-order/seller/product-orders/<pid>/delay")
def delay(pid):
    """발송 지연 처리 of one confirmed product order: new dispatchDueDate and the reason."""
    body = request.get_json(silent=True) or {}
    due = parse_time(body.get("dispatchDueDate") or "")
    reason = body.get("delayedDispatchReason") or ""
    detail = body.get("dispatchDelayedDetailedReason") or ""
    invalid = ([{"name": "dispatchDueDate", "type": "NotNull", "message": "필수 값입니다."}]
               if due is None else [])
    if reason not in DELAY_REASONS:
        invalid.append({"name": "delayedDispatchReason", "type": "Enum",
                        "message": "허용되지 않은 값입니다."})
    if invalid:
        return error(400, "4000", "요청 파라미터가 올바르지 않습니다.", invalid)
    line = line_or_none(pid)
    if line is None:
        fail = {"productOrderId": pid, "code": "100001", "message": "상품 주문을 찾을 수 없습니다."}
    elif line["status"] != "CONFIRMED":
        fail = {"productOrderId": pid, "code": "INVALID_STATUS",
                "message": "발주 확인된 상품 주문만 발송 지연 처리할 수 있습니다."}
    else:
        try:
            store().delay_dispatch(line, due, reason, detail)
            fail = None
        except Refused as exc:
            fail = {"productOrderId": pid, "code": exc.code, "message": exc.reason}
    return jsonify(timestamp=iso_kst(store().now()), data={
        "successProductOrderIds": [] if fail else [pid],
        "failProductOrderInfos": [fail] if fail else []})
