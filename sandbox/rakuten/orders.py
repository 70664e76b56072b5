"""Rakuten sandbox 楽天ペイ受注API: searchOrder, getOrder, confirmOrder, updateOrderShipping."""
from __future__ import annotations

from datetime import datetime

from flask import g, jsonify, request

from ..common import fmt_kst, store
from ..store import Refused
from .auth import bp, messages_error

MAX_SPAN = 63 * 86400
MAX_PAGE = 1000
MAX_NUMBERS = 100
SHIPPABLE = ("CONFIRMED",)
COURIERS = {str(code) for code in range(1000, 1029)}


def parse_stamp(value) -> float | None:
    """yyyy-MM-ddTHH:mm:ss+0900, the only form searchOrder accepts."""
    try:
        return datetime.strptime(str(value), "%Y-%m-%dT%H:%M:%S%z").timestamp()
    except ValueError:
        return None


def order_number(shop_id, order) -> str:
    """RMS numbers orders shopId-yyyyMMdd-serial; the serial is the store's order number."""
    return f"{shop_id:06d}-{fmt_kst(order['created_at'], '%Y%m%d')}-{order['order_no']}"


def find_order(number):
    serial = str(number).rpartition("-")[2]
    order = store().order_by_no(g.shop["id"], serial)
    if order is None or order_number(g.shop["id"], order) != number:
        return None
    return order


def progress(order) -> int:
    statuses = {x["status"] for x in order["lines"]}
    if "CANCEL_REQUESTED" in statuses:
        return 800
    if statuses <= {"CANCELED"}:
        return 900
    if "NEW" in statuses:
        return 100
    if "CONFIRMED" in statuses:
        return 300
    if statuses <= {"PURCHASE_DECIDED", "CANCELED"}:
        return 700
    return 500


def person(name, phone, zip_code, address):
    family, first = (name[:1], name[1:]) if name else ("", "")
    parts = (phone or "").split("-") + ["", "", ""]
    return {"familyName": family, "firstName": first, "zipCode1": zip_code[:3],
            "zipCode2": zip_code[3:], "prefecture": "", "city": "", "subAddress": address,
            "phoneNumber1": parts[0], "phoneNumber2": parts[1], "phoneNumber3": parts[2]}


def order_model(order) -> dict:
    goods = sum(x["qty"] * x["unit_price"] for x in order["lines"])
    shipping = [x for x in order["lines"] if x["tracking"]]
    return {
        "orderNumber": order_number(g.shop["id"], order), "orderProgress": progress(order),
        "orderDatetime": fmt_kst(order["created_at"], "%Y-%m-%dT%H:%M:%S+0900"),
        "remarks": order["message"], "goodsPrice": goods, "postagePrice": order["shipping_fee"],
        "totalPrice": goods + order["shipping_fee"],
        "OrdererModel": person(order["buyer_name"], order["buyer_phone"], order["zip_code"],
                               order["address"] + " " + order["address_detail"]),
        "PackageModelList": [{
            "basketId": int(order["ship_unit"]), "postagePrice": order["shipping_fee"],
            "SenderModel": person(order["recipient_name"], order["recipient_phone"],
                                  order["zip_code"],
                                  order["address"] + " " + order["address_detail"]),
            "ItemModelList": [{
                "itemDetailId": int(x["line_no"]), "itemName": x["product_name"],
                "itemNumber": x["product_no"], "manageNumber": x["product_no"],
                "price": x["unit_price"], "units": x["qty"],
                "selectedChoice": x["option_name"] or None,
                "SkuModelList": [{"variantId": x["item_no"], "merchantDefinedSkuId": None,
                                  "skuInfo": x["option_name"] or None}]}
                for x in order["lines"]],
            "ShippingModelList": [{"shippingDetailId": int(shipping[0]["line_no"]),
                                   "deliveryCompany": shipping[0]["courier"],
                                   "shippingNumber": shipping[0]["tracking"],
                                   "shippingDate": fmt_kst(shipping[0]["changed_at"],
                                                           "%Y-%m-%d")}] if shipping else []}]}


@bp.post("/2.0/order/searchOrder/")
def search_order():
    body = request.get_json(silent=True) or {}
    errors = []
    if body.get("dateType") not in (1, 2, 3, 4, 5, 6):
        errors.append(("ORDER_EXT_API_SEARCH_ORDER_ERROR_009", "dateTypeの項目を指定して下さい。"))
    start, end = parse_stamp(body.get("startDatetime")), parse_stamp(body.get("endDatetime"))
    if start is None:
        errors.append(("ORDER_EXT_API_SEARCH_ORDER_ERROR_011", "startDatetimeの書式が不正です。"))
    if end is None:
        errors.append(("ORDER_EXT_API_SEARCH_ORDER_ERROR_012", "endDatetimeの書式が不正です。"))
    elif start is not None and not 0 <= end - start <= MAX_SPAN:
        errors.append(("ORDER_EXT_API_SEARCH_ORDER_ERROR_023",
                       "検索期間は開始日時から63日以内で指定して下さい。"))
    paging = body.get("PaginationRequestModel") or {"requestRecordsAmount": 30, "requestPage": 1}
    size, page = int(paging.get("requestRecordsAmount") or 0), int(paging.get("requestPage") or 0)
    if not 1 <= size <= MAX_PAGE or page < 1:
        errors.append(("ORDER_EXT_API_SEARCH_ORDER_ERROR_031",
                       "requestRecordsAmountは1以上1000以下で指定して下さい。"))
    if errors:
        resp = jsonify(orderNumberList=None, PaginationResponseModel=None, MessageModelList=[
            {"messageType": "ERROR", "messageCode": c, "message": m} for c, m in errors])
        resp.status_code = 400
        return resp
    total = store().count_orders(g.shop["id"], start, end + 1)
    rows = store().orders_page(g.shop["id"], start, end + 1, limit=size,
                               offset=(page - 1) * size)
    numbers = [order_number(g.shop["id"], o) for o in rows]
    code = "ORDER_EXT_API_SEARCH_ORDER_INFO_101" if total else "ORDER_EXT_API_SEARCH_ORDER_INFO_102"
    return jsonify(orderNumberList=numbers, MessageModelList=[{
        "messageType": "INFO", "messageCode": code,
        "message": "注文検索に成功しました。" if total else "注文検索に成功しました。(検索結果０件)"}],
        PaginationResponseModel={"totalRecordsAmount": total or None,
                                 "totalPages": (-(-total // size)) or None,
                                 "requestPage": page if total else None})


def _numbers(body, code):
    numbers = body.get("orderNumberList")
    if not isinstance(numbers, list) or not numbers:
        return None, messages_error(400, code, "orderNumberListを指定して下さい。")
    if len(numbers) > MAX_NUMBERS:
        return None, messages_error(400, code, "orderNumberListは100件以内で指定して下さい。")
    return numbers, None


@bp.post("/2.0/order/getOrder/")
def get_order():
    numbers, err = _numbers(request.get_json(silent=True) or {},
                            "ORDER_EXT_API_GET_ORDER_ERROR_001")
    if err:
        return err
    found = [o for o in (find_order(n) for n in numbers) if o]
    return jsonify(OrderModelList=[order_model(o) for o in found], version=7, MessageModelList=[
        {"messageType": "INFO", "messageCode": "ORDER_EXT_API_GET_ORDER_INFO_101",
         "message": "受注情報取得に成功しました。"}])


@bp.post("/2.0/order/confirmOrder/")
def confirm_order():
    numbers, err = _numbers(request.get_json(silent=True) or {},
                            "ORDER_EXT_API_CONFIRM_ORDER_ERROR_001")
    if err:
        return err
    out = []
    for number in numbers:
        order = find_order(number)
        if order is None:
            out.append(("ERROR", "ORDER_EXT_API_CONFIRM_ORDER_ERROR_101", "注文が存在しません。",
                        number))
        elif progress(order) != 100:      # only 100 注文確認待ち can be confirmed
            out.append(("ERROR", "ORDER_EXT_API_CONFIRM_ORDER_ERROR_103",
                        "注文確認待ち以外のステータスの注文は注文確認できません。", number))
        else:
            for line in order["lines"]:
                if line["status"] == "NEW":
                    store().confirm(line)
            out.append(("INFO", "ORDER_EXT_API_CONFIRM_ORDER_INFO_101", "注文確認に成功しました。",
                        number))
    resp = jsonify(MessageModelList=[{"messageType": t, "messageCode": c, "message": m,
                                      "orderNumber": n} for t, c, m, n in out])
    resp.status_code = 400 if all(t == "ERROR" for t, *_ in out) else 200
    return resp


@bp.post("/2.0/order/updateOrderShipping/")
def update_order_shipping():
    body = request.get_json(silent=True) or {}
    code = "ORDER_EXT_API_UPDATE_ORDERSHIPPING_ERROR"
    order = find_order(body.get("orderNumber", ""))
    if order is None:
        return messages_error(400, f"{code}_001", "注文番号が存在しません。")
    baskets = body.get("BasketidModelList") or []
    if not baskets or any(str(b.get("basketId")) != order["ship_unit"] for b in baskets):
        return messages_error(400, f"{code}_005", "basketIdが存在しません。")
    out = []
    for basket in baskets:
        models = basket.get("ShippingModelList") or []
        if not 1 <= len(models) <= 20:
            return messages_error(400, f"{code}_006", "ShippingModelListは20件以内で指定して下さい。")
        for n, model in enumerate(models, start=1):
            if str(model.get("deliveryCompany")) not in COURIERS:
                return messages_error(400, f"{code}_011", "deliveryCompanyの書式が不正です。",
                                      dataNumber=n)
            if len(str(model.get("shippingNumber") or "")) > 120 or parse_date(
                    model.get("shippingDate")) is None:
                return messages_error(400, f"{code}_012", "shippingDateの書式が不正です。",
                                      dataNumber=n)
            try:
                for line in order["lines"]:
                    if line["status"] not in SHIPPABLE and line["status"] != "NEW":
                        continue
                    if line["status"] == "NEW":
                        raise Refused("注文確認前の注文には発送情報を登録できません。")
                    store().dispatch(line, str(model["deliveryCompany"]),
                                     str(model.get("shippingNumber") or ""))
            except Refused as exc:
                return messages_error(400, f"{code}_020", exc.reason, dataNumber=n)
            out.append({"messageType": "INFO",
                        "messageCode": "ORDER_EXT_API_UPDATE_ORDERSHIPPING_INFO_101",
                        "message": "発送情報の追加設定が完了しました。", "dataNumber": n,
                        "shippingDetailId": int(order["lines"][0]["line_no"])})
    return jsonify(MessageModelList=out)


def parse_date(value):
    try:
        return datetime.strptime(str(value), "%Y-%m-%d")
    except ValueError:
        return None
