"""11번가 sandbox orders: order lists by status, 발주확인 (reqpackaging), 발송처리 (reqdelivery)."""
from __future__ import annotations

from flask import g

from ..common import fmt_kst, parse_time, store
from ..store import Refused
from .auth import bp, error
from .window import query_window
from .xmlio import fields, orders_envelope, read_body, result

# Sandbox-defined line status codes (the real ordPrdStat table is in the login-gated guide).
ORD_PRD_STAT = {"NEW": "202", "CONFIRMED": "301", "SHIPPING": "401", "DELIVERED": "501",
                "PURCHASE_DECIDED": "901", "CANCEL_REQUESTED": "701", "CANCELED": "B01",
                "RETURN_REQUESTED": "801", "RETURNED": "C01", "EXCHANGE_REQUESTED": "E01",
                "EXCHANGED": "E02"}
LIST_STATUS = {"complete": "NEW", "packaging": "CONFIRMED", "shipping": "SHIPPING",
               "dlvcompleted": "DELIVERED", "completed": "PURCHASE_DECIDED"}


def render_line(order, line):
    return fields({
        "ordNo": order["order_no"], "ordPrdSeq": line["seq"], "dlvNo": order["ship_unit"],
        "addPrdYn": "N",
        "addPrdNo": "0", "prdNo": line["product_no"], "prdNm": line["product_name"],
        "slctPrdOptNm": line["option_name"], "ordQty": line["qty"], "selPrc": line["unit_price"],
        "ordAmt": line["qty"] * line["unit_price"], "ordPayAmt": line["qty"] * line["unit_price"],
        "prdStckNo": line["item_no"], "sellerPrdCd": "", "rcvrNm": order["recipient_name"],
        "rcvrPrtblNo": order["recipient_phone"], "rcvrMailNo": order["zip_code"],
        "rcvrBaseAddr": order["address"], "rcvrDtlsAddr": order["address_detail"],
        "ordDlvReqCont": order["message"], "ordNm": order["buyer_name"],
        "ordPrtblTel": order["buyer_phone"],
        "ordDt": fmt_kst(order["created_at"], "%Y-%m-%d %H:%M:%S"),
        "ordStlEndDt": fmt_kst(order["created_at"], "%Y-%m-%d %H:%M:%S"),
        "dlvCst": order["shipping_fee"],
        "dlvCstType": "01", "ordPrdStat": ORD_PRD_STAT.get(line["status"], ""),
        "dlvEtprsCd": line["courier"], "invcNo": line["tracking"]})


def orders_xml(pairs):
    return orders_envelope([f"<ns2:order>{render_line(o, x)}</ns2:order>" for o, x in pairs])


@bp.get("/ordservices/<kind>/<start>/<end>")
def order_list(kind, start, end):
    if kind not in LIST_STATUS:
        return error(404, "-1", "존재하지 않는 서비스입니다.")
    window, err = query_window(start, end)
    if err:
        return err
    # No paging in this API: the window's orders with a line in the asked state, in one query.
    status = LIST_STATUS[kind]
    orders = store().orders_page(g.shop["id"], *window, args=(status,), where=(
        "exists (select 1 from lines l where l.order_id=orders.id and l.status=?)"))
    return orders_xml([(o, x) for o in orders for x in o["lines"] if x["status"] == status])


@bp.get("/ordservices/reqpackaging/<ord_no>/<int:seq>/<add_yn>/<add_no>/<dlv_no>")
def reqpackaging(ord_no, seq, add_yn, add_no, dlv_no):
    # addPrdYn Y/N; addPrdNo is "null" when the line has no add-on (apiSeq 1634).
    if add_yn not in ("Y", "N") or (add_yn == "N") != (add_no == "null"):
        return result("-1", "추가구성상품 여부(addPrdYn)와 번호(addPrdNo)가 맞지 않습니다.",
                      root="ResultOrder")
    line = store().line_by_seq(g.shop["id"], ord_no, seq)
    if line is None:
        return result("-3101", "존재하지 않는 주문입니다.", root="ResultOrder")
    try:
        store().confirm(line)
    except Refused as exc:
        return result("-3102" if exc.already else "-3103", exc.reason, root="ResultOrder")
    return result("0", "발주확인완료", root="ResultOrder")


@bp.get("/ordservices/reqdelivery/<send_dt>/<mthd>/<courier>/<invoice>/<dlv_no>")
def reqdelivery(send_dt, mthd, courier, invoice, dlv_no):
    row = store().one("select id from orders where shop_id=? and ship_unit=?",
                      (g.shop["id"], dlv_no))
    if row is None:
        return result("-3307", "존재하지 않는 배송번호입니다.", root="ResultOrder")
    if mthd != "01" or len(send_dt) != 12:
        return result("-3305", "발송 방법 또는 발송일 형식이 올바르지 않습니다.",
                      root="ResultOrder")
    lines = store().order(row["id"])["lines"]
    try:
        for line in lines:    # one call ships the whole dlvNo bundle
            if line["status"] in ("NEW", "CONFIRMED", "SHIPPING", "DELIVERED", "PURCHASE_DECIDED"):
                store().dispatch(line, courier, invoice)
    except Refused as exc:
        return result("-3308", exc.reason, root="ResultOrder")
    return result("0", "발송처리완료", root="ResultOrder")


# 발송지연안내 (apiSeq 6728): 사유 코드 01–05; the store keeps the portal's vocabulary.
DELAY_CODES = {"01": "PRODUCT_PREPARE", "02": "PRODUCT_PREPARE", "03": "CUSTOM_BUILD",
               "04": "CUSTOMER_REQUEST", "05": "ETC"}


@bp.post("/ordservices/deliveryDelayGuide")
def delivery_delay_guide():
    root = read_body()
    if root is None:
        return result("-1", "XML 형식이 올바르지 않습니다.", root="ResultOrder")
    get = lambda tag: (root.findtext(tag) or "").strip()  # noqa: E731
    order = store().order_by_no(g.shop["id"], get("ordNo"))
    if order is None:
        return result("-28301", "주문번호가 올바르지 않습니다.", root="ResultOrder")
    if get("dlvNo") != order["ship_unit"]:
        return result("-28302", "배송번호가 올바르지 않습니다.", root="ResultOrder")
    due = parse_time(get("delaySendDt")) if len(get("delaySendDt")) == 8 else None
    if due is None or due < store().now() - 86400:
        return result("-28303", "예약발송일 값이 올바르지 않습니다 .", root="ResultOrder")
    if due > store().now() + 30 * 86400:
        return result("-28306", "예약발송일은 최대 D+30일까지 가능합니다.", root="ResultOrder")
    if get("delaySendRsnCd") not in DELAY_CODES:
        return result("-28304", "발송지연사유 값이 올바르지 않습니다.", root="ResultOrder")
    if not 20 <= len(get("delaySendRsn").encode("euc-kr", "replace")) <= 300:
        return result("-28307", "상세사유 값은 20~300Byte 사이로 입력해 주세요.", root="ResultOrder")
    try:
        for line in order["lines"]:
            store().delay_dispatch(line, due + 86399, DELAY_CODES[get("delaySendRsnCd")],
                                   get("delaySendRsn"))
    except Refused:
        return result("-28311", "발송지연 요청 조건에 만족하지 않습니다. 요청 조건을 확인해 주세요.",
                      root="ResultOrder")
    return result("0", f"전체 {len(order['lines'])} 건이 발송지연 처리 되었습니다.",
                  root="ResultOrder")
