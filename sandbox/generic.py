"""The sandbox's own JSON protocol, /generic/<channel>/v1, for channels without a real client."""
from __future__ import annotations

from flask import Blueprint, g, jsonify, request

from .common import install_guard, iso_kst, parse_time, store
from .store import DELAY_REASONS, Refused

bp = Blueprint("sandbox_generic", __name__, url_prefix="/generic/<channel>/v1")
KEY_HEADER = "X-Sandbox-Key"
MAX_WINDOW = 7 * 86400
STATUS_CODES = ("NEW", "CONFIRMED", "SHIPPING", "DELIVERED", "PURCHASE_DECIDED", "CANCEL_REQUESTED",
                "CANCELED", "RETURN_REQUESTED", "RETURNED", "EXCHANGE_REQUESTED", "EXCHANGED")


def error(status, code, message):
    resp = jsonify(error={"code": code if status not in (429, 504) else
                          {429: "RATE_LIMITED", 504: "GATEWAY_TIMEOUT"}[status],
                          "message": message})
    resp.status_code = status
    return resp


def authenticate():
    channel = g.get("channel", "")
    key = request.headers.get(KEY_HEADER, "")
    if not key:
        return error(401, "AUTH_REQUIRED", "API 키가 필요합니다.")
    shop = store().shop_by_key("generic", "key", key, channel=channel)
    if shop is None:
        return error(401, "AUTH_FAILED", "API 키가 올바르지 않습니다.")
    return shop


install_guard(bp, "generic", authenticate, error)


@bp.url_value_preprocessor
def _drop_channel(endpoint, values):
    g.channel = (values or {}).pop("channel", "")   # the guard resolves it with the key into g.shop


def _window():
    start, end = parse_time(request.args.get("from", "")), parse_time(request.args.get("to", ""))
    if start is None or end is None or end < start:
        return None, error(400, "INVALID_PERIOD", "from, to 값이 올바르지 않습니다.")
    if end - start > MAX_WINDOW:
        return None, error(400, "INVALID_PERIOD", "조회 기간은 최대 7일입니다.")
    return (start, end), None


def _paging():
    """(page, size) of a list call: page numbers from 1, at most 100 rows a page."""
    size = max(min(int(request.args.get("size", 100)), 100), 1)
    return max(int(request.args.get("page", 1)), 1), size


def _page_info(page, size, total):
    return {"page": page, "size": size, "total": total, "has_next": page * size < total}


@bp.get("/auth/check")
def auth_check():
    return jsonify(result="OK", shop=g.shop["name"])


@bp.get("/license/expiry")
def license_expiry():
    """라쿠텐 RMS tells when the licenseKey expires (the other channels do not answer it)."""
    expires = g.shop["keys"].get("license_expires_at")
    if expires is None:
        return jsonify(error={"code": "NOT_FOUND", "message": "제공하지 않는 API입니다."}), 404
    return jsonify(expiry_date=iso_kst(expires)[:10])


@bp.get("/categories")
def categories():
    rows = store().categories(g.shop["id"], request.args.get("parent_id"))
    return jsonify(categories=[{"id": r["cat_id"], "name": r["name"], "parent_id": r["parent_id"],
                                "leaf": bool(r["leaf"])} for r in rows])


def _order(o, codes):
    return {"order_id": o["order_no"], "ordered_at": iso_kst(o["created_at"]),
            "buyer_name": o["buyer_name"],
            "buyer_phone": o["buyer_phone"], "recipient_name": o["recipient_name"],
            "recipient_phone": o["recipient_phone"], "address": o["address"],
            "address_detail": o["address_detail"], "zip_code": o["zip_code"],
            "message": o["message"], "shipping_fee": o["shipping_fee"],
            "lines": [{"line_id": x["line_no"], "product_id": x["product_no"],
                       "item_id": x["item_no"],
                       "name": x["product_name"], "option": x["option_name"], "quantity": x["qty"],
                       "unit_price": x["unit_price"], "status": x["status"],
                       "seller_code": codes.get(x["product_no"], ""), "courier": x["courier"],
                       "tracking_number": x["tracking"]} for x in o["lines"]]}


@bp.get("/orders")
def orders():
    window, err = _window()
    if err:
        return err
    page, size = _paging()
    rows = store().orders_page(g.shop["id"], *window, limit=size, offset=(page - 1) * size)
    total = store().count_orders(g.shop["id"], *window)
    codes = store().seller_codes(g.shop["id"])
    return jsonify(orders=[_order(o, codes) for o in rows], page=_page_info(page, size, total))


@bp.get("/orders/<order_id>")
def order(order_id):
    o = store().order_by_no(g.shop["id"], order_id)
    return jsonify(order=_order(o, store().seller_codes(g.shop["id"]))) if o else error(404, "NOT_FOUND", "존재하지 않는 주문입니다.")


def _each_line(entries, action):
    results = []
    for entry in entries:
        line = store().line(g.shop["id"], entry.get("line_id", ""))
        if line is None:
            results.append({"line_id": entry.get("line_id"), "result": "ERROR", "code": "NOT_FOUND",
                            "message": "존재하지 않는 주문입니다."})
            continue
        try:
            action(line, entry)
            results.append({"line_id": line["line_no"], "result": "OK",
                            "message": "처리되었습니다."})
        except Refused as exc:
            results.append({"line_id": line["line_no"],
                            "result": "ALREADY_DONE" if exc.already else "ERROR",
                            "code": exc.code, "message": exc.reason})
    return jsonify(results=results)


@bp.post("/orders/confirm")
def confirm():
    """발주확인; with delay_reason (and ship_at) the lines are also marked 발송지연."""
    body = request.get_json(silent=True) or {}
    ids = body.get("line_ids") or []
    reason, detail = body.get("delay_reason") or "", body.get("delay_detail") or ""
    due = parse_time(body.get("ship_at") or "")
    if body.get("ship_at") and due is None:
        return error(400, "INVALID_SHIP_AT", "ship_at 값이 올바르지 않습니다.")
    if reason and reason not in DELAY_REASONS:
        return error(400, "INVALID_DELAY_REASON", "delay_reason 값이 올바르지 않습니다.")
    if reason and due is None:
        return error(400, "SHIP_AT_REQUIRED", "배송지연사유에는 ship_at(출고 예정일시)이 필요합니다.")
    if len(detail) > 100:
        return error(400, "INVALID_DELAY_DETAIL", "delay_detail은 100자 이내여야 합니다.")
    if reason and due < store().now():
        return error(400, "INVALID_SHIP_AT", "출고 예정일시는 현재 이후여야 합니다.")

    def confirm_line(line, entry):
        try:
            store().confirm(line)
        except Refused as exc:
            # Confirmed before and not yet shipped: the delay notice is still recorded.
            if exc.already and reason and line["status"] == "CONFIRMED":
                store().delay_dispatch(line, due, reason, detail)
            raise
        if reason:
            store().delay_dispatch(store().line(g.shop["id"], line["line_no"]), due, reason,
                                   detail)

    return _each_line([{"line_id": i} for i in ids], confirm_line)


@bp.post("/orders/cancel")
def cancel():
    body = request.get_json(silent=True) or {}
    if not body.get("reason"):
        return error(400, "REASON_REQUIRED", "취소 사유가 필요합니다.")
    return _each_line([{"line_id": i} for i in body.get("line_ids") or []],
                      lambda line, e: store().seller_cancel(line, body["reason"]))


@bp.post("/orders/invoices")
def invoices():
    items = (request.get_json(silent=True) or {}).get("items") or []
    for item in items:
        if not item.get("courier") or not item.get("tracking_number"):
            return error(400, "INVALID_INVOICE", "택배사와 송장번호는 필수입니다.")
    return _each_line(items,
                      lambda line, e: store().dispatch(line, e["courier"], e["tracking_number"]))


@bp.get("/claims")
def claims():
    window, err = _window()
    if err:
        return err
    page, size = _paging()
    rows = store().claims_page(g.shop["id"], *window, limit=size, offset=(page - 1) * size)
    total = store().count_claims(g.shop["id"], *window)
    return jsonify(claims=[{
        "claim_id": c["claim_no"], "type": c["kind"], "status": c["status"],
        "order_id": c["order_no"], "line_id": c["line_no"], "line_status": c["line_status"],
        "reason": c["reason"], "detail": c["detail"], "quantity": c["qty"],
        "product_name": c["product_name"], "requested_at": iso_kst(c["created_at"])} for c in rows],
        page=_page_info(page, size, total))


@bp.post("/claims/<claim_id>/<action>")
def claim_action(claim_id, action):
    if action not in ("approve", "reject"):
        return error(404, "NOT_FOUND", "존재하지 않는 처리입니다.")
    claim = store().claim(g.shop["id"], claim_id)
    if claim is None:
        return error(404, "NOT_FOUND", "존재하지 않는 클레임입니다.")
    reason = (request.get_json(silent=True) or {}).get("reason", "")
    if action == "reject" and not reason:
        return error(400, "REASON_REQUIRED", "거부 사유가 필요합니다.")
    try:
        store().resolve_claim(claim, action == "approve", reason)
    except Refused as exc:
        return jsonify(result="ALREADY_DONE" if exc.already else "ERROR", message=exc.reason)
    return jsonify(result="OK", message="처리되었습니다.")


@bp.get("/inquiries")
def inquiries():
    window, err = _window()
    if err:
        return err
    page, size = _paging()
    rows = store().inquiries(g.shop["id"], *window, limit=size, offset=(page - 1) * size)
    total = store().count_inquiries(g.shop["id"], *window)
    return jsonify(inquiries=[{
        "inquiry_id": r["inquiry_no"], "product_id": r["product_no"],
        "product_name": r["product_name"],
        "order_id": r["order_no"], "question": r["question"], "answer": r["answer"],
        "writer": r["writer"],
        "asked_at": iso_kst(r["created_at"])} for r in rows], page=_page_info(page, size, total))


@bp.post("/inquiries/<inquiry_id>/answer")
def answer(inquiry_id):
    text = (request.get_json(silent=True) or {}).get("text", "")
    row = store().inquiry(g.shop["id"], inquiry_id)
    if row is None:
        return error(404, "NOT_FOUND", "존재하지 않는 문의입니다.")
    if not text.strip():
        return error(400, "TEXT_REQUIRED", "답변 내용을 입력해 주세요.")
    store().answer(row, text)
    return jsonify(result="OK")


@bp.get("/notices")
def notices():
    since = parse_time(request.args.get("since", "")) or 0
    rows = store().q("select * from notices where shop_id=? and created_at>=? order by created_at "
                     "desc", (g.shop["id"], since))
    return jsonify(notices=[{"notice_id": r["notice_no"], "title": r["title"], "body": r["body"],
                             "important": bool(r["important"]),
                             "posted_at": iso_kst(r["created_at"])}
                            for r in rows])


from . import generic_products  # noqa: E402,F401  (product routes attach to bp)
