"""ESM sandbox orders: 주문조회 (RequestOrders), 주문확인 (OrderCheck), 발송처리 (ShippingInfo)."""
from __future__ import annotations

from flask import g, jsonify, request

from ..common import fmt_kst, parse_time, store
from ..store import Refused
from .auth import bp, result, site_type

# orderStatus of the list call -> the sandbox's line status.
LIST_STATUS = {1: "NEW", 2: "CONFIRMED", 3: "SHIPPING", 4: "DELIVERED", 5: "PURCHASE_DECIDED"}
# 택배사 리스트 조회 (etapi.gmarket.com/142), the codes the sandbox accepts.
COURIERS = {10003, 10005, 10006, 10007, 10008, 10013, 10014, 10015, 10016, 10017, 10022, 10023,
            10024, 10025, 10034, 10036, 10041, 10042, 10070}


def body() -> dict:
    data = request.get_json(silent=True)
    return data if isinstance(data, dict) else {}


def stamp(epoch) -> str:
    return fmt_kst(epoch, "%Y-%m-%dT%H:%M:%S")


def render(order, line) -> dict:
    status = {v: k for k, v in LIST_STATUS.items()}.get(line["status"], 0)
    amount = line["qty"] * line["unit_price"]
    return {
        "OrderStatus": status, "PayNo": int(order["order_no"]), "GroupNo": int(order["ship_unit"]),
        "OrderNo": int(line["line_no"]), "OrderDate": stamp(order["created_at"]),
        "PayDate": stamp(order["created_at"]), "TransType": "B", "GoodsNo": None,
        "SiteGoodsNo": line["product_no"], "OutGoodsNo": "", "GoodsName": line["product_name"],
        "SalePrice": f"{line['unit_price']}.0000", "ContrAmount": line["qty"],
        "OrderAmount": f"{amount}.0000", "AcntMoney": f"{amount}.0000",
        "ShippingFee": f"{order['shipping_fee'] if line['seq'] == 1 else 0}.0000",
        "BuyerName": order["buyer_name"], "BuyerMobileTel": order["buyer_phone"],
        "ReceiverName": order["recipient_name"], "HpNo": order["recipient_phone"],
        "ZipCode": order["zip_code"], "DelFrontAddress": order["address"],
        "DelBackAddress": order["address_detail"],
        "DelFullAddress": f"{order['address']} {order['address_detail']}",
        "DelMemo": order["message"], "TakbaeName": line["courier"] or None,
        "NoSongjang": line["tracking"] or None, "OverseaTransYn": "N",
        "ItemOptionSelectList": ([{"ItemOptionValue": line["option_name"], "ItemOptionOrderCnt":
                                   line["qty"], "ItemOptionCode": line["item_no"]}]
                                 if line["option_name"] else []),
        "ItemOptionAdditionList": []}


@bp.post("/shipping/v1/Order/RequestOrders")
def request_orders():
    data = body()
    if data.get("siteType") != site_type():
        return result(3000, "메서드 또는 연산이 구현되지 않았습니다.")
    status = data.get("orderStatus")
    if status not in LIST_STATUS:
        return result(3000, "메서드 또는 연산이 구현되지 않았습니다.")
    start = parse_time(str(data.get("requestDateFrom", "")).replace(" ", "T"))
    end = parse_time(str(data.get("requestDateTo", "")).replace(" ", "T"))
    if start is None or end is None or end < start:
        return result(3000, "조회 시작일이 종료일보다 과거여야 합니다.")
    limit_days = 180 if g.shop["channel"] == "auction" else 31
    if end - start > limit_days * 86400:
        return result(3000, f"{limit_days}일 이하의 범위만 조회 할 수 있습니다.")
    page, size = max(int(data.get("pageIndex") or 1), 1), max(int(data.get("pageSize") or 100), 1)
    wanted = LIST_STATUS[status]
    pairs = [(o, x) for o in store().orders_page(g.shop["id"], start, end)
             for x in o["lines"] if x["status"] == wanted]
    rows = [render(o, x) for o, x in pairs[(page - 1) * size: page * size]]
    return jsonify(ResultCode=0, Message="", Data={
        "SiteType": data["siteType"], "PageIndex": page, "PageSize": size,
        "TotalCount": len(pairs), "SellerId": g.shop["keys"]["seller_id"], "RequestOrders": rows})


@bp.post("/shipping/v1/Order/OrderCheck/<order_no>")
def order_check(order_no):
    line = store().line(g.shop["id"], order_no)
    if line is None:
        return result(3000, "해당 주문 내역이 없습니다.")
    if line["status"] == "CANCELED":
        return result(3000, "취소된 주문번호입니다.")
    try:
        store().confirm(line)
    except Refused as exc:
        return result(3000, "이미 주문확인 처리된 건입니다." if exc.already
                      else "주문확인 할 수 없는 상태입니다.")
    return result(0, "Success", {"IsChanged": 0})


@bp.post("/shipping/v1/Delivery/ShippingInfo")
def shipping_info():
    data = body()
    line = store().line(g.shop["id"], str(data.get("OrderNo", "")))
    if line is None:
        return result(3000, "해당 주문 내역이 없습니다.")
    if data.get("DeliveryCompanyCode") not in COURIERS:
        return result(3000, "지원하지 않는 택배사입니다.")
    shipped = parse_time(str(data.get("ShippingDate", "")))     # naive = KST
    if shipped is None:
        return result(3000, "발송일시 형식이 올바르지 않습니다.")
    if abs(store().now() - shipped) > 2 * 86400:     # "호출시점 2일 이내로 입력 필요"
        return result(3000, "발송일시는 호출시점 2일 이내로 입력해 주세요.")
    invoice = str(data.get("InvoiceNo") or "")
    if not invoice:
        return result(3000, f"{data.get('DeliveryCompanyCode')} 는 운송장번호 규칙에 어긋납니다.")
    courier = str(data["DeliveryCompanyCode"])
    try:
        if line["status"] == "CANCEL_REQUESTED":     # 발송처리 refuses the buyer's cancel request
            claim = store().claims_for_line(line["id"])[0]
            store().resolve_claim(claim, approve=False, reason="발송처리")
            line = store().line(g.shop["id"], line["line_no"])
        if line["status"] in ("SHIPPING", "DELIVERED"):
            # Sending again replaces the invoice: "최종 입력한 정보로 업데이트"
            store().run("update lines set courier=?, tracking=? where id=?",
                        (courier, invoice, line["id"]))
        else:
            store().dispatch(line, courier, invoice)
    except Refused:
        return result(3000, f"주문번호:{line['line_no']}의 경매상태가 발송가능한 상태가 아닙니다.")
    return result(0, "Success", {"OrderNo": int(line["line_no"])})


# 발송예정일 등록 ReasonType -> the store's 발송지연 reasons.
DELAY = {1: "PRODUCT_PREPARE", 2: "CUSTOMER_REQUEST", 3: "ETC"}


@bp.post("/shipping/v1/Order/ShippingExpectedDate")
def shipping_expected_date():
    data = body()
    line = store().line(g.shop["id"], str(data.get("OrderNo", "")))
    if line is None:
        return result(3000, "해당 주문 내역이 없습니다.")
    due = parse_time(str(data.get("ShippingExpectedDate", "")))
    tomorrow = parse_time(fmt_kst(store().now() + 86400, "%Y-%m-%d"))
    if due is None or len(str(data["ShippingExpectedDate"])) != 10 or due < tomorrow:
        return result(3000, "발송예정일은 호출일 기준 +1일부터 등록 가능합니다.")
    if data.get("ReasonType") not in DELAY or len(str(data.get("ReasonDetail") or "")) > 150:
        return result(3000, "지연 사유를 확인해 주세요.")
    try:
        store().delay_dispatch(line, due + 86399, DELAY[data["ReasonType"]],
                               str(data.get("ReasonDetail") or ""))
    except Refused as exc:
        return result(3000, exc.reason)
    return result(0, "Success", {"OrderNo": int(line["line_no"])})
