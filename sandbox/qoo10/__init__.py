"""Sandbox of Qoo10 QAPI under /qoo10/ebayjapan.qapi: key headers, orders, 発注確認, 送り状, stock;
claims, inquiries and seller cancel in cs."""
from __future__ import annotations

import hashlib
import hmac

from flask import Blueprint, g, jsonify, request

from ..common import fmt_kst, install_guard, parse_time, store
from ..store import Refused
from .wire import answer, day, error, form

bp = Blueprint("sandbox_qoo10", __name__, url_prefix="/qoo10/ebayjapan.qapi")
CERTIFY = "certificationapi.createcertificationkey"
# ShippingStat -> the sandbox's line statuses.
STATS = {"2": ("NEW",), "3": ("CONFIRMED",), "4": ("SHIPPING",),
         "5": ("DELIVERED", "PURCHASE_DECIDED")}
STAT_TEXT = {"NEW": "配送要請(2)", "CONFIRMED": "配送準備(3)", "SHIPPING": "配送中(4)",
             "DELIVERED": "配送完了(5)", "PURCHASE_DECIDED": "配送完了(5)"}
DELAY = {"1": "PRODUCT_PREPARE", "2": "CUSTOM_BUILD", "3": "CUSTOMER_REQUEST", "4": "ETC"}
MAX_DAYS = 90


def seller_key(shop) -> str:
    digest = hmac.new(shop["keys"]["key"].encode(), shop["keys"]["user_id"].encode(),
                      hashlib.sha256).hexdigest()
    return f"SAK_{digest[:40]}"


def authenticate():
    key = request.headers.get("GiosisCertificationKey", "")
    method = request.path.rsplit("/", 1)[-1].lower()    # method names are case-insensitive
    for shop in store().shops():
        if shop["protocol"] != "qoo10" or not key:
            continue
        if method == CERTIFY and shop["keys"]["key"] == key:
            return shop
        if method != CERTIFY and seller_key(shop) == key:
            return shop
    if method == CERTIFY:       # what an unknown API key gets back
        return jsonify(ErrorCode=-90001, ErrorMsg="存在しないAPIです。")
    return answer(-10000, "Please check the Seller Authorization Key.")


install_guard(bp, "qoo10", authenticate, error)


def row(order, line) -> dict:
    stamp = fmt_kst(order["created_at"], "%Y-%m-%d %H:%M:%S")
    return {"packNo": order["order_no"], "orderNo": line["line_no"],
            "shippingStatus": STAT_TEXT.get(line["status"], ""), "orderDate": stamp,
            "PaymentDate": stamp, "itemCode": line["product_no"], "itemTitle": line["product_name"],
            "option": line["option_name"], "optionCode": line["item_no"], "sellerItemCode": "",
            "orderQty": line["qty"], "orderPrice": line["unit_price"], "discount": 0,
            "total": line["qty"] * line["unit_price"], "receiver": order["recipient_name"],
            "receiverMobile": order["recipient_phone"], "receiverTel": "",
            "zipCode": order["zip_code"], "Addr1": order["address"],
            "Addr2": order["address_detail"], "buyer": order["buyer_name"],
            "buyerMobile": order["buyer_phone"], "buyerTel": "", "buyerEmail": "",
            "ShippingRate": order["shipping_fee"], "ShippingMsg": order["message"],
            "DeliveryCompany": line["courier"], "TrackingNo": line["tracking"],
            "RelatedOrder": ",".join(x["line_no"] for x in order["lines"])}


@bp.post("/<method>")
def qapi(method):
    name = method.lower()
    handler = HANDLERS.get(name)
    if handler is None:
        return jsonify(ErrorCode=-90001, ErrorMsg="存在しないAPIです。")
    return handler()


def certify():
    if form("user_id") != g.shop["keys"]["user_id"] or form("pwd") != g.shop["keys"]["pwd"]:
        return answer(-90002, "You are not authorized for this.")
    return answer(0, "成功", seller_key(g.shop))


def shipping_info():
    start, end = day(form("search_Sdate")), day(form("search_Edate"))
    if start is None or end is None or end < start:
        return answer(-1, "search_Sdate, search_Edate を確認してください。")
    if end - start > MAX_DAYS * 86400:
        return answer(-1, f"照会期間は最大{MAX_DAYS}日です。")
    if form("ShippingStat") not in STATS and form("ShippingStat") != "1":
        return answer(-1, "ShippingStat を確認してください。")
    wanted = STATS.get(form("ShippingStat"), ())
    rows = [row(o, x) for o in store().orders_page(g.shop["id"], start, end)
            for x in o["lines"] if x["status"] in wanted]
    return answer(0, "SUCCESS", rows)


def seller_check():
    line = store().line(g.shop["id"], form("OrderNo"))
    if line is None:
        return answer(-10001, "Not exists order info")
    est = form("EstShipDt")
    if len(est) != 8:
        return answer(-10016, "EstShipDt is null")
    due = parse_time(est)
    today = parse_time(fmt_kst(store().now(), "%Y%m%d"))
    if due is None or due < today:
        return answer(-10018, "発送予定日は今日以降の日付を入力してください。")
    if due > today + 30 * 86400:
        return answer(-10017, "発送予定日が許容可能な最大日付を超えています。")
    if line["status"] != "NEW":
        if line["status"] in ("CONFIRMED", "SHIPPING", "DELIVERED", "PURCHASE_DECIDED"):
            return answer(-10012, "既に発注確認済みの注文です。")
        return answer(-10013, "配送要請状態ではない注文です。")
    try:
        store().confirm(line)
        if form("DelayType"):
            store().delay_dispatch(store().line(g.shop["id"], line["line_no"]), due + 86399,
                                   DELAY.get(form("DelayType"), "ETC"), form("DelayMemo"))
    except Refused as exc:
        return answer(-10013, exc.reason)
    return answer(0, "SUCCESS")


def sending_info():
    line = store().line(g.shop["id"], form("OrderNo"))
    if line is None:
        return answer(-10001, "Not exists order info")
    if not form("ShippingCorp") or not form("TrackingNo"):
        return answer(-1, "ShippingCorp, TrackingNo を入力してください。")
    try:
        if line["status"] == "SHIPPING":
            store().run("update lines set courier=?, tracking=? where id=?",
                        (form("ShippingCorp"), form("TrackingNo"), line["id"]))
        else:
            store().dispatch(line, form("ShippingCorp"), form("TrackingNo"))
    except Refused as exc:
        return answer(-1, exc.reason)
    return answer(0, "SUCCESS")


def price_qty():
    product = store().product(g.shop["id"], form("ItemCode"))
    if product is None:
        return answer(-1, "Not exists item info")
    qty, price = form("Qty"), form("Price")
    if (qty and not qty.isdigit()) or (price and not price.isdigit()) or not (qty or price):
        return answer(-1, "Price, Qty を確認してください。")
    if qty:
        store().set_item_stock(g.shop["id"], product["items"][0]["item_no"], int(qty))
    if price:
        store().update_product(g.shop["id"], form("ItemCode"), price=int(price))
    return answer(0, "SUCCESS")


HANDLERS = {CERTIFY: certify, "shippingbasic.getshippinginfo_v2": shipping_info,
            "shippingbasic.setsellercheckyn_v2": seller_check,
            "shippingbasic.setsendinginfo": sending_info,
            "itemsorder.setgoodspriceqty": price_qty}

from . import cs  # noqa: E402  (its methods join the table)

HANDLERS.update(cs.HANDLERS)
