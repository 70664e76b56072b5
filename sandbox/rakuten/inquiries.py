"""Rakuten sandbox 問い合わせ管理API (inquiries list, inquiry, reply) and 在庫API 2.1 upsert."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from flask import g, jsonify, request

from ..common import fmt_kst, store
from .auth import bp

MAX_SPAN = 31 * 86400
KST = timezone(timedelta(hours=9))


def inquiry_error(status, code, message):
    resp = jsonify(error={"code": code, "message": message, "targets": {}})
    resp.status_code = status
    return resp


def _date(value) -> float | None:
    """yyyy-MM-ddTHH:mm:ss, JST."""
    try:
        return datetime.strptime(str(value), "%Y-%m-%dT%H:%M:%S").replace(tzinfo=KST).timestamp()
    except ValueError:
        return None


def render(row) -> dict:
    stamp = "%Y-%m-%dT%H:%M:%S+09:00"
    replies = ([{"id": 0, "message": row["answer"], "regDate": fmt_kst(row["answered_at"], stamp),
                 "replyFrom": "merchant", "isRead": False, "attachments": [],
                 "isMessageDeleted": False}] if row["answer"] else [])
    return {"inquiryNumber": row["inquiry_no"], "shopId": g.shop["id"],
            "userName": row["writer"], "userMaskEmail": "", "message": row["question"],
            "regDate": fmt_kst(row["created_at"], stamp), "itemUrl": "",
            "itemName": row["product_name"], "itemNumber": row["product_no"],
            "isCompleted": bool(row["answer"]), "orderNumber": row["order_no"] or None,
            "readByMerchant": True, "attachments": [], "replies": replies,
            "category": "商品詳細",
            "type": "受注問い合わせ" if row["order_no"] else "商品問い合わせ",
            "isMessageDeleted": False,
            "lastUpdateDate": fmt_kst(row["answered_at"] or row["created_at"], stamp)}


@bp.get("/1.0/inquirymng-api/inquiries")
def inquiries():
    start, end = _date(request.args.get("fromDate")), _date(request.args.get("toDate"))
    if start is None or end is None or end < start:
        return inquiry_error(400, "InvalidParameter", "fromDate, toDate の書式が不正です。")
    if end - start > MAX_SPAN:
        return inquiry_error(400, "InvalidParameter", "期間は31日以内で指定してください。")
    try:
        limit = max(min(int(request.args.get("limit", 20)), 100), 1)
        page = max(int(request.args.get("page", 1)), 1)
    except ValueError:
        return inquiry_error(400, "InvalidParameter", "limit, page の書式が不正です。")
    total = store().count_inquiries(g.shop["id"], start, end + 1, kind=None)
    rows = store().inquiries(g.shop["id"], start, end + 1, kind=None, limit=limit,
                             offset=(page - 1) * limit)
    return jsonify(totalCount=total, totalPageCount=-(-total // limit), page=page,
                   list=[render(r) for r in rows])


@bp.get("/1.0/inquirymng-api/inquiry/<number>")
def inquiry(number):
    row = store().inquiry(g.shop["id"], number)
    if row is None:
        return inquiry_error(404, "NotFound", "指定された条件に一致するデータがありません。")
    return jsonify(result=render(row))


@bp.post("/1.0/inquirymng-api/inquiry/reply")
def reply():
    body = request.get_json(silent=True) or {}
    row = store().inquiry(g.shop["id"], body.get("inquiryNumber", ""))
    if row is None:
        return inquiry_error(404, "NotFound", "指定された条件に一致するデータがありません。")
    if str(body.get("shopId")) != str(g.shop["id"]):
        return inquiry_error(400, "InvalidParameter", "shopId が不正です。")
    message = str(body.get("message") or "")
    if not message.strip():
        return inquiry_error(400, "InvalidParameter", "message を入力してください。")
    store().answer(row, message)
    row = store().inquiry(g.shop["id"], row["inquiry_no"])
    return jsonify(result={"inquiryNumber": row["inquiry_no"], "message": message,
                           "regDate": fmt_kst(row["answered_at"], "%Y-%m-%dT%H:%M:%S+09:00"),
                           "replyFrom": "merchant", "isRead": False, "attachments": []})


@bp.put("/2.1/inventories/manage-numbers/<manage>/variants/<variant>")
def upsert_inventory(manage, variant):
    body = request.get_json(silent=True) or {}
    if body.get("mode") not in ("ABSOLUTE", "RELATIVE") or not isinstance(body.get("quantity"),
                                                                         int):
        resp = jsonify(errors=[{"code": "IE0001", "message": "mode, quantity が不正です。",
                                "metadata": {"propertyPath": "mode"}}])
        resp.status_code = 400
        return resp
    product = store().product(g.shop["id"], manage.lower())
    item = next((i for i in (product or {}).get("items") or [] if i["item_no"] == variant), None)
    if item is None:
        # RMS keeps inventory for an unknown SKU as orphan data without an error; the sandbox
        # has no such store, so it answers as if accepted and keeps nothing.
        return "", 204
    quantity = body["quantity"] + (item["stock"] if body["mode"] == "RELATIVE" else 0)
    if not 0 <= quantity <= 99999:
        resp = jsonify(errors=[{"code": "IE0002", "message": "quantity は0〜99999です。",
                                "metadata": {"propertyPath": "quantity"}}])
        resp.status_code = 400
        return resp
    # By the item of this product: a variantId is unique within its product only.
    store().run("update items set stock=? where id=?", (quantity, item["id"]))
    store().run("update products set stock=(select coalesce(sum(stock), 0) from items where "
                "product_id=?) where id=?", (product["id"], product["id"]))
    return "", 204
