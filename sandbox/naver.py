"""Sandbox of the Naver Commerce API (스마트스토어) under /naver/external: OAuth2, orders, claims, Q&A, products."""
from __future__ import annotations

import base64
import hmac
import secrets
import uuid

import bcrypt
from flask import Blueprint, g, jsonify, request

from .common import install_guard, iso_kst, parse_time, store
from .store import Refused

bp = Blueprint("sandbox_naver", __name__, url_prefix="/naver/external")
TOKEN_SECONDS = 10800
AUTHN_MESSAGE = "요청을 보낼 권한이 없습니다."   # the documented GW.AUTHN text


def error(status, code, message, invalid_inputs=None):
    codes = {401: "GW.AUTHN", 429: "GW.RATE_LIMIT", 504: "GW.TIMEOUT", 500: "GW.INTERNAL_SERVER_ERROR",
             503: "GW.PROXY"}
    body = {"code": codes.get(status, code) if status in codes else code, "message": message,
            "timestamp": iso_kst(store().now()), "traceId": uuid.uuid4().hex}
    if invalid_inputs:
        body["invalidInputs"] = invalid_inputs
    resp = jsonify(body)
    resp.status_code = status
    resp.headers["GNCP-GW-Trace-ID"] = body["traceId"]
    return resp


def canonical_salt(secret: str) -> bytes:
    """bcrypt ignores the low 4 bits of the salt's 22nd character; strict libraries reject them.

    Naver's own documented example secret ends in 'v', which Java/Node accept as 'u'.
    """
    alphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    if len(secret) == 29 and secret[28] in alphabet:
        secret = secret[:28] + alphabet[alphabet.index(secret[28]) & 0x30]
    return secret.encode()


def authenticate():
    header = request.headers.get("Authorization", "")
    token = header[7:] if header.startswith("Bearer ") else ""
    row = store().one("select * from tokens where token=?", (token,)) if token else None
    if not row or row["expires_at"] < store().now():
        return error(401, "GW.AUTHN", AUTHN_MESSAGE)
    shop = store().shop(row["shop_id"])
    return shop if shop else error(401, "GW.AUTHN", AUTHN_MESSAGE)


install_guard(bp, "naver", authenticate, error, open_paths=("/v1/oauth2/token",))


@bp.post("/v1/oauth2/token")
def token():
    if request.mimetype != "application/x-www-form-urlencoded":
        return error(400, "InvalidContentType", "Content-Type은 application/x-www-form-urlencoded 이어야 합니다.")
    f = request.form
    missing = [n for n in ("client_id", "timestamp", "client_secret_sign", "grant_type", "type") if not f.get(n)]
    if missing or f.get("grant_type") != "client_credentials":
        return error(400, "BadRequest", "요청 파라미터가 올바르지 않습니다.",
                     [{"name": n, "type": "NotNull", "message": "필수 값입니다."} for n in missing])
    shop = store().shop_by_key("naver", "client_id", f["client_id"])
    if shop is None:
        return error(401, "GW.AUTHN", AUTHN_MESSAGE)
    try:
        ts_ms = int(f["timestamp"])
    except ValueError:
        return error(400, "BadRequest", "timestamp 형식이 올바르지 않습니다.")
    if abs(ts_ms / 1000 - store().now()) > 300:
        return error(401, "GW.AUTHN", "timestamp가 유효 범위(5분)를 벗어났습니다.")
    expected = bcrypt.hashpw(f"{f['client_id']}_{f['timestamp']}".encode(),
                             canonical_salt(shop["keys"]["client_secret"]))
    try:
        given = base64.b64decode(f["client_secret_sign"], altchars=b"-_" if "-" in f["client_secret_sign"]
                                 or "_" in f["client_secret_sign"] else None)
    except ValueError:
        given = b""
    if not hmac.compare_digest(given, expected):
        return error(401, "GW.AUTHN", AUTHN_MESSAGE)
    if f["type"] == "SELLER" and f.get("account_id") != shop["keys"].get("account_id"):
        return error(403, "GW.AUTHZ", "판매자 계정 정보가 올바르지 않습니다.")
    now = store().now()
    row = store().one("select * from tokens where shop_id=? and expires_at>? order by expires_at desc",
                      (shop["id"], now + 1800))
    if row:   # documented: a token with more than 30 minutes left is returned again
        tok, expires = row["token"], row["expires_at"]
    else:
        tok, expires = secrets.token_urlsafe(24), now + TOKEN_SECONDS
        store().run("insert into tokens values(?,?,?)", (tok, shop["id"], expires))
    return jsonify(access_token=tok, expires_in=int(expires - now), token_type="Bearer")


# ------------------------------------------------------------------ rendering

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
                ("EXCHANGE", "REQUESTED"): "EXCHANGE_REQUEST", ("EXCHANGE", "DONE"): "EXCHANGE_DONE",
                ("EXCHANGE", "REJECTED"): "EXCHANGE_REJECT"}


def _claim_fields(line):
    claims = store().claims_for_line(line["id"])
    if not claims:
        return None, {}
    c = claims[0]
    status = CLAIM_STATUS[(c["kind"], c["status"])]
    key = c["kind"].lower()
    detail = {"claimId": c["claim_no"], "claimStatus": status, "claimRequestDate": iso_kst(c["created_at"]),
              f"{key}Reason": c["reason"], f"{key}DetailedReason": c["detail"] or ""}
    return c, {key: detail}


def render_product_order(line):
    o = store().order(line["order_id"])
    claim, current = _claim_fields(line)
    return {
        "order": {"orderId": o["order_no"], "orderDate": iso_kst(o["created_at"]),
                  "paymentDate": iso_kst(o["created_at"]), "ordererName": o["buyer_name"],
                  "ordererTel": o["buyer_phone"]},
        "productOrder": {
            "productOrderId": line["line_no"], "productOrderStatus": PRODUCT_ORDER_STATUS[line["status"]],
            "placeOrderStatus": "NOT_YET" if line["status"] == "NEW" else "OK",
            "claimType": claim["kind"] if claim else None,
            "claimStatus": CLAIM_STATUS[(claim["kind"], claim["status"])] if claim else None,
            "productId": line["product_no"], "optionCode": line["item_no"],
            "productName": line["product_name"], "productOption": line["option_name"],
            "quantity": line["qty"], "unitPrice": line["unit_price"],
            "totalPaymentAmount": line["qty"] * line["unit_price"], "deliveryFeeAmount": o["shipping_fee"],
            "shippingMemo": o["message"],
            "shippingAddress": {"name": o["recipient_name"], "tel1": o["recipient_phone"],
                                "baseAddress": o["address"], "detailedAddress": o["address_detail"],
                                "zipCode": o["zip_code"]},
        },
        "delivery": ({"deliveryCompany": line["courier"], "trackingNumber": line["tracking"],
                      "deliveryMethod": "DELIVERY"} if line["tracking"] else None),
        "currentClaim": current or None,
    }


def _line_or_none(product_order_id):
    return store().line(g.shop["id"], product_order_id)


# ------------------------------------------------------------------ orders

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
    rows = [r for r in store().lines_changed(g.shop["id"], start, end)
            if (not change_type or CHANGE_TYPE[r["status"]] == change_type)
            and not (after_id and (round(r["changed_at"], 3), r["id"]) <= (round(start, 3), after_id))]
    page, rest = rows[:limit], rows[limit:]
    data = {"lastChangeStatuses": [{
        "productOrderId": r["line_no"], "orderId": store().order(r["order_id"])["order_no"],
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
    lines = [line for line in (_line_or_none(i) for i in ids) if line]
    return jsonify(timestamp=iso_kst(store().now()), data=[render_product_order(x) for x in lines])


def _bulk(ids, limit, action):
    if not ids or len(ids) > limit:
        return None, error(400, "4000", f"한 번에 최대 {limit}건까지 처리할 수 있습니다.")
    ok, fail = [], []
    for pid in ids:
        line = _line_or_none(pid)
        if line is None:
            fail.append({"productOrderId": pid, "code": "NOT_FOUND", "message": "존재하지 않는 상품주문입니다."})
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
        "successProductOrderInfos": [{"productOrderId": i, "isReceiverAddressChanged": False} for i in ok],
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
        line, by_id[line["line_no"]]["deliveryCompanyCode"], by_id[line["line_no"]]["trackingNumber"]))
    if err:
        return err
    ok, fail = result
    return jsonify(timestamp=iso_kst(store().now()),
                   data={"successProductOrderIds": ok, "failProductOrderInfos": fail})


# ------------------------------------------------------------------ claims (one productOrderId per call)

def _claim_action(product_order_id, kind, approve, reason=""):
    line = _line_or_none(product_order_id)
    if line is None:
        return error(404, "NOT_FOUND", "존재하지 않는 상품주문입니다.")
    claims = [c for c in store().claims_for_line(line["id"]) if c["kind"] == kind]
    if not claims:
        return error(400, "4000", "처리할 클레임이 없습니다.")
    try:
        claim = store().resolve_claim(claims[0], approve, reason)
    except Refused as exc:
        return error(400, exc.code, exc.reason)
    return jsonify(timestamp=iso_kst(store().now()), data={
        "productOrderId": product_order_id, "claimId": claim["claim_no"],
        "claimStatus": CLAIM_STATUS[(kind, claim["status"])]})


@bp.post("/v1/pay-order/seller/product-orders/<pid>/claim/cancel/request")
def cancel_request(pid):
    line = _line_or_none(pid)
    if line is None:
        return error(404, "NOT_FOUND", "존재하지 않는 상품주문입니다.")
    reason = (request.get_json(silent=True) or {}).get("cancelReason") or ""
    if reason not in ("INTENT_CHANGED", "COLOR_AND_SIZE", "WRONG_ORDER", "PRODUCT_UNSATISFIED",
                      "DELAYED_DELIVERY", "SOLD_OUT", "INCORRECT_INFO"):
        return error(400, "4000", "cancelReason 값이 올바르지 않습니다.",
                     [{"name": "cancelReason", "type": "Enum", "message": "허용되지 않은 값입니다."}])
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


# ------------------------------------------------------------------ Q&A

@bp.get("/v1/contents/qnas")
def qnas():
    start, end = parse_time(request.args.get("fromDate", "")), parse_time(request.args.get("toDate", ""))
    if start is None or end is None:
        return error(400, "4000", "fromDate, toDate 값이 필요합니다.")
    size = min(int(request.args.get("size", 100)), 100)
    page = max(int(request.args.get("page", 1)), 1)
    rows = store().inquiries(g.shop["id"], start, end)
    answered = request.args.get("answered")
    if answered in ("true", "false"):
        rows = [r for r in rows if bool(r["answer"]) == (answered == "true")]
    chunk = rows[(page - 1) * size: page * size]
    return jsonify(contents=[{
        "questionId": int(r["inquiry_no"]), "productId": r["product_no"], "productName": r["product_name"],
        "question": r["question"], "answer": r["answer"] or None, "answered": bool(r["answer"]),
        "maskedWriterId": r["writer"], "createDate": iso_kst(r["created_at"])} for r in chunk],
        page=page, size=size, totalElements=len(rows), totalPages=max(1, -(-len(rows) // size)))


@bp.put("/v1/contents/qnas/<question_id>")
def qna_answer(question_id):
    text = (request.get_json(silent=True) or {}).get("commentContent")
    row = store().inquiry(g.shop["id"], question_id)
    if row is None:
        return error(404, "NOT_FOUND", "존재하지 않는 문의입니다.")
    if not text:
        return error(400, "4000", "commentContent 값이 필요합니다.")
    store().answer(row, text)          # documented as an upsert: a second answer overwrites
    return "", 204


# ------------------------------------------------------------------ products

@bp.get("/v1/categories")
def categories():
    rows = store().q("select * from categories where shop_id=? order by cat_id", (g.shop["id"],))
    return jsonify([{"id": r["cat_id"], "name": r["name"], "parentCategoryId": r["parent_id"],
                     "last": bool(r["leaf"])} for r in rows])


@bp.post("/v2/products")
def create_product():
    body = request.get_json(silent=True) or {}
    origin = body.get("originProduct") or {}
    missing = [n for n in ("leafCategoryId", "name", "salePrice") if not origin.get(n)]
    if missing:
        return error(400, "4000", "상품 정보가 올바르지 않습니다.",
                     [{"name": f"originProduct.{n}", "type": "NotNull", "message": "필수 값입니다."} for n in missing])
    code = ((origin.get("detailAttribute") or {}).get("sellerCodeInfo") or {}).get("sellerManagementCode", "")
    p = store().add_product(g.shop["id"], origin["name"], int(origin["salePrice"]),
                            int(origin.get("stockQuantity", 0)), str(origin["leafCategoryId"]), code)
    return jsonify(originProductNo=int(p["product_no"]), smartstoreChannelProductNo=int(p["items"][0]["item_no"]))


@bp.put("/v1/products/origin-products/<no>/change-status")
def change_status(no):
    body = request.get_json(silent=True) or {}
    status = body.get("statusType")
    if status not in ("SALE", "SUSPENSION", "CLOSE", "OUTOFSTOCK"):
        return error(400, "4000", "statusType 값이 올바르지 않습니다.")
    try:
        store().set_product_status(g.shop["id"], no, status, body.get("stockQuantity"))
    except Refused as exc:
        return error(404, exc.code, exc.reason)
    return jsonify(originProductNo=int(no), statusType=status)


@bp.post("/v1/products/search")
def search_products():
    body = request.get_json(silent=True) or {}
    size, page = min(int(body.get("size", 50)), 500), max(int(body.get("page", 1)), 1)
    rows = store().products(g.shop["id"])
    chunk = rows[(page - 1) * size: page * size]
    return jsonify(contents=[{"originProductNo": int(p["product_no"]), "channelProducts": [{
        "channelProductNo": int(p["items"][0]["item_no"]), "name": p["name"], "salePrice": p["price"],
        "stockQuantity": p["stock"], "statusType": p["status"], "categoryId": p["category_id"],
        "sellerManagementCode": p["seller_code"]}]} for p in chunk],
        page=page, size=size, totalElements=len(rows), totalPages=max(1, -(-len(rows) // size)))
