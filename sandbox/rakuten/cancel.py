"""Rakuten sandbox 注文キャンセル (cancelOrder): a whole order before shipping, 100–300 only."""
from __future__ import annotations

from flask import jsonify, request

from ..common import store
from ..store import Refused
from .auth import bp, messages_error
from .orders import find_order, progress

CANCELABLE = (100, 200, 300)          # "次のステータスの注文にのみ有効 100, 200, 300"
RESTORE_TYPES = (0, 1, 2)             # 在庫連動区分
# キャンセル理由: お客様都合 1–6, 店舗都合 8, 10, 13, 14, 15.
REASONS = (1, 2, 3, 4, 5, 6, 8, 10, 13, 14, 15)
CODE = "ORDER_EXT_API_CANCEL_ORDER"   # the messageCode family; the numbers are the sandbox's


@bp.post("/2.0/order/cancelOrder/")
def cancel_order():
    body = request.get_json(silent=True) or {}
    number = str(body.get("orderNumber") or "")
    if body.get("inventoryRestoreType") not in RESTORE_TYPES:
        return messages_error(400, f"{CODE}_ERROR_011", "inventoryRestoreTypeの値が不正です。",
                              orderNumber=number)
    if body.get("changeReasonDetailApply") not in REASONS:
        return messages_error(400, f"{CODE}_ERROR_012", "changeReasonDetailApplyの値が不正です。",
                              orderNumber=number)
    order = find_order(number)
    if order is None:
        return messages_error(400, f"{CODE}_ERROR_101", "注文が存在しません。", orderNumber=number)
    if progress(order) not in CANCELABLE:
        return messages_error(400, f"{CODE}_ERROR_103", "発送前（注文確認待ち・楽天処理中・発送待ち）"
                              "以外のステータスの注文はキャンセルできません。", orderNumber=number)
    try:
        for line in order["lines"]:
            if line["status"] != "CANCELED":
                store().seller_cancel(line, "SOLD_OUT" if body["changeReasonDetailApply"] == 8
                                      else "ETC")
    except Refused as exc:
        return messages_error(400, f"{CODE}_ERROR_020", exc.reason, orderNumber=number)
    return jsonify(MessageModelList=[{"messageType": "INFO", "messageCode": f"{CODE}_INFO_101",
                                      "message": "注文キャンセルに成功しました。",
                                      "orderNumber": number}])
