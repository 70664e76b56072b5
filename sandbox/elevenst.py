"""Sandbox of the 11번가 Seller Open API under /11st/rest: openapikey header, EUC-KR XML, GET-style writes."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

from flask import Blueprint, Response, g, request

from .common import fmt_kst, install_guard, parse_time, store
from .store import Refused

bp = Blueprint("sandbox_11st", __name__, url_prefix="/11st/rest")
NS = "http://skt.tmall.business.openapi.spring.service.client.domain/"
MAX_WINDOW = 7 * 86400
# Sandbox-defined line status codes (the real ordPrdStat table is in the login-gated guide).
ORD_PRD_STAT = {"NEW": "202", "CONFIRMED": "301", "SHIPPING": "401", "DELIVERED": "501",
                "PURCHASE_DECIDED": "901", "CANCEL_REQUESTED": "701", "CANCELED": "B01",
                "RETURN_REQUESTED": "801", "RETURNED": "C01", "EXCHANGE_REQUESTED": "E01", "EXCHANGED": "E02"}
LIST_STATUS = {"complete": "NEW", "packaging": "CONFIRMED", "shipping": "SHIPPING",
               "dlvcompleted": "DELIVERED", "completed": "PURCHASE_DECIDED"}


def xml(body: str, status: int = 200) -> Response:
    data = ('<?xml version="1.0" encoding="euc-kr" standalone="yes"?>' + body).encode("euc-kr", "xmlcharrefreplace")
    return Response(data, status=status, content_type="text/xml;charset=EUC-KR")


def fields(d: dict) -> str:
    return "".join(f"<{k}>{escape(str(v if v is not None else ''))}</{k}>" for k, v in d.items())


def result(code, text, status=200, root="ns2:result"):
    return xml(f'<{root} xmlns:ns2="{NS}"><result_code>{code}</result_code>'
               f'<result_text>{escape(text)}</result_text></{root}>', status)


def error(status, code, message):
    codes = {401: "-1", 429: "004", 500: "-999", 503: "-999", 504: "-998"}
    return result(codes.get(status, code), message, status)


def authenticate():
    shop = store().shop_by_key("11st", "openapikey", request.headers.get("openapikey", ""))
    return shop or error(401, "-1", "유효하지 않은 OPEN API KEY 입니다.")


install_guard(bp, "11st", authenticate, error)


def _window(start_s, end_s, pattern_len=12):
    start, end = parse_time(start_s), parse_time(end_s)
    if start is None or end is None or len(start_s) != pattern_len or len(end_s) != pattern_len:
        return None, result("-1", "조회 기간 형식이 올바르지 않습니다.")
    if pattern_len == 8:
        end += 86400
    if end - start > MAX_WINDOW + (86400 if pattern_len == 8 else 60):
        return None, result("-1", "조회 기간은 최대 7일입니다.")
    return (start, end), None


def render_line(order, line):
    return fields({
        "ordNo": order["order_no"], "ordPrdSeq": line["seq"], "dlvNo": order["ship_unit"], "addPrdYn": "N",
        "addPrdNo": "0", "prdNo": line["product_no"], "prdNm": line["product_name"],
        "slctPrdOptNm": line["option_name"], "ordQty": line["qty"], "selPrc": line["unit_price"],
        "ordAmt": line["qty"] * line["unit_price"], "ordPayAmt": line["qty"] * line["unit_price"],
        "prdStckNo": line["item_no"], "sellerPrdCd": "", "rcvrNm": order["recipient_name"],
        "rcvrPrtblNo": order["recipient_phone"], "rcvrMailNo": order["zip_code"],
        "rcvrBaseAddr": order["address"], "rcvrDtlsAddr": order["address_detail"],
        "ordDlvReqCont": order["message"], "ordNm": order["buyer_name"], "ordPrtblTel": order["buyer_phone"],
        "ordDt": fmt_kst(order["created_at"], "%Y-%m-%d %H:%M:%S"),
        "ordStlEndDt": fmt_kst(order["created_at"], "%Y-%m-%d %H:%M:%S"), "dlvCst": order["shipping_fee"],
        "dlvCstType": "01", "ordPrdStat": ORD_PRD_STAT.get(line["status"], ""),
        "dlvEtprsCd": line["courier"], "invcNo": line["tracking"]})


def orders_xml(pairs):
    if not pairs:
        return xml(f'<ns2:orders xmlns:ns2="{NS}"><ns2:result_code>0</ns2:result_code>'
                   f'<ns2:result_text>조회된 데이터가 없습니다.</ns2:result_text></ns2:orders>')
    body = "".join(f"<ns2:order>{render_line(o, x)}</ns2:order>" for o, x in pairs)
    return xml(f'<ns2:orders xmlns:ns2="{NS}">{body}</ns2:orders>')


@bp.get("/ordservices/<kind>/<start>/<end>")
def order_list(kind, start, end):
    if kind not in LIST_STATUS:
        return error(404, "-1", "존재하지 않는 서비스입니다.")
    window, err = _window(start, end)
    if err:
        return err
    pairs = [(o, x) for o in store().orders_created(g.shop["id"], *window)
             for x in o["lines"] if x["status"] == LIST_STATUS[kind]]
    return orders_xml(pairs)


@bp.get("/ordservices/reqpackaging/<ord_no>/<int:seq>/<add_yn>/<add_no>/<dlv_no>")
def reqpackaging(ord_no, seq, add_yn, add_no, dlv_no):
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
    row = store().one("select id from orders where shop_id=? and ship_unit=?", (g.shop["id"], dlv_no))
    if row is None:
        return result("-3307", "존재하지 않는 배송번호입니다.", root="ResultOrder")
    if mthd != "01" or len(send_dt) != 12:
        return result("-3305", "발송 방법 또는 발송일 형식이 올바르지 않습니다.", root="ResultOrder")
    lines = store().order(row["id"])["lines"]
    try:
        for line in lines:    # one call ships the whole dlvNo bundle
            if line["status"] in ("NEW", "CONFIRMED", "SHIPPING", "DELIVERED", "PURCHASE_DECIDED"):
                store().dispatch(line, courier, invoice)
    except Refused as exc:
        return result("-3308", exc.reason, root="ResultOrder")
    return result("0", "발송처리완료", root="ResultOrder")


# ------------------------------------------------------------------ claims

CLAIM_LISTS = {"cancelorders": ("CANCEL", "REQUESTED"), "canceledorders": ("CANCEL", "DONE"),
               "returnorders": ("RETURN", "REQUESTED"), "returnedorders": ("RETURN", "DONE"),
               "exchangeorders": ("EXCHANGE", "REQUESTED"), "exchangedorders": ("EXCHANGE", "DONE")}


@bp.get("/claimservice/<kind>/<start>/<end>")
def claim_list(kind, start, end):
    if kind not in CLAIM_LISTS:
        return error(404, "-1", "존재하지 않는 서비스입니다.")
    window, err = _window(start, end)
    if err:
        return err
    claim_kind, status = CLAIM_LISTS[kind]
    rows = []
    for c in store().claims_changed(g.shop["id"], *window, claim_kind):
        if c["status"] != status:
            continue
        line = store().one("select * from lines where id=?", (c["line_id"],))
        order = store().order(line["order_id"])
        seq_name = "ordPrdCnSeq" if claim_kind == "CANCEL" else "clmReqSeq"
        rows.append("<ns2:order>" + fields({
            "ordNo": order["order_no"], "ordPrdSeq": line["seq"], seq_name: c["claim_no"],
            "clmReqRsn": c["reason"], "clmReqCont": c["detail"] or "", "clmReqQty": line["qty"],
            "reqDt": fmt_kst(c["created_at"], "%Y-%m-%d %H:%M:%S"), "prdNm": line["product_name"]}) + "</ns2:order>")
    if not rows:
        return xml(f'<ns2:orders xmlns:ns2="{NS}"><ns2:result_code>0</ns2:result_code>'
                   f'<ns2:result_text>조회된 데이터가 없습니다.</ns2:result_text></ns2:orders>')
    return xml(f'<ns2:orders xmlns:ns2="{NS}">{"".join(rows)}</ns2:orders>')


def _resolve(claim_no, ord_no, seq, kind, approve, reason=""):
    claim = store().claim(g.shop["id"], claim_no)
    line = store().line_by_seq(g.shop["id"], ord_no, seq)
    if claim is None or line is None or claim["line_id"] != line["id"] or claim["kind"] != kind:
        return result("-3401", "클레임 정보가 일치하지 않습니다.", root="ResultOrder")
    try:
        store().resolve_claim(claim, approve, reason)
    except Refused as exc:
        return result("-3402", exc.reason, root="ResultOrder")
    return result("0", "처리되었습니다.", root="ResultOrder")


@bp.get("/claimservice/cancelreqconf/<claim_no>/<ord_no>/<int:seq>")
def cancel_approve(claim_no, ord_no, seq):
    return _resolve(claim_no, ord_no, seq, "CANCEL", True)


@bp.get("/claimservice/returnreqconf/<claim_no>/<ord_no>/<int:seq>")
def return_approve(claim_no, ord_no, seq):
    return _resolve(claim_no, ord_no, seq, "RETURN", True)


@bp.get("/claimservice/returnreqreject/<ord_no>/<int:seq>/<claim_no>/<code>/<path:reason>")
def return_reject(ord_no, seq, claim_no, code, reason):
    return _resolve(claim_no, ord_no, seq, "RETURN", False, reason)


@bp.get("/claimservice/exchangereqreject/<ord_no>/<int:seq>/<claim_no>/<code>/<path:reason>")
def exchange_reject(ord_no, seq, claim_no, code, reason):
    return _resolve(claim_no, ord_no, seq, "EXCHANGE", False, reason)


@bp.get("/claimservice/reqrejectorder/<ord_no>/<int:seq>/<code>/<path:reason>")
def seller_cancel(ord_no, seq, code, reason):
    if code not in ("06", "07", "08", "09", "10", "99"):
        return result("-3501", "취소 사유 코드가 올바르지 않습니다.", root="ResultOrder")
    line = store().line_by_seq(g.shop["id"], ord_no, seq)
    if line is None:
        return result("-3101", "존재하지 않는 주문입니다.", root="ResultOrder")
    try:
        store().seller_cancel(line, code)
    except Refused as exc:
        return result("-3502", exc.reason, root="ResultOrder")
    return result("0", "판매거부(취소) 처리되었습니다.", root="ResultOrder")


@bp.get("/claimservice/orderlistall/<ord_nos>")
def order_list_all(ord_nos):
    pairs = []
    for no in ord_nos.split(",")[:100]:
        order = store().order_by_no(g.shop["id"], no)
        if order:
            pairs.extend((order, x) for x in order["lines"])
    return orders_xml(pairs)


# ------------------------------------------------------------------ Q&A

@bp.get("/prodqnaservices/prodqnalist/<start>/<end>/<answer_status>")
def qna_list(start, end, answer_status):
    window, err = _window(start, end, pattern_len=8)
    if err:
        return err
    rows = store().inquiries(g.shop["id"], *window)
    if answer_status in ("01", "02"):
        rows = [r for r in rows if bool(r["answer"]) == (answer_status == "01")]
    body = "".join("<ns2:productQna>" + fields({
        "brdInfoNo": r["inquiry_no"], "prdNo": r["product_no"], "prdNm": r["product_name"],
        "brdInfoCont": r["question"], "answerCont": r["answer"], "answerYn": "Y" if r["answer"] else "N",
        "memID": r["writer"], "createDt": fmt_kst(r["created_at"], "%Y-%m-%d %H:%M:%S")}) + "</ns2:productQna>"
        for r in rows)
    return xml(f'<ns2:productQnas xmlns:ns2="{NS}">{body}</ns2:productQnas>')


def _xml_body():
    raw = request.get_data()
    try:
        return ET.fromstring(raw.decode("euc-kr").split("?>", 1)[-1])
    except (UnicodeDecodeError, ET.ParseError):
        return None


@bp.put("/prodqnaservices/prodqnaanswer/<brd_info_no>/<prd_no>")
def qna_answer(brd_info_no, prd_no):
    root = _xml_body()
    text = root.findtext("answerCont") if root is not None else None
    row = store().inquiry(g.shop["id"], brd_info_no)
    if row is None or row["product_no"] != prd_no:
        return result("-1", "존재하지 않는 문의입니다.")
    if not text:
        return result("-1", "답변 내용이 없습니다.")
    store().answer(row, text)
    return result("0", "답변이 등록되었습니다.")


# ------------------------------------------------------------------ products

@bp.get("/cateservice/category")
def categories():
    rows = store().q("select * from categories where shop_id=? order by cat_id", (g.shop["id"],))
    body = "".join("<ns2:category>" + fields({
        "depth": 1 if r["parent_id"] is None else 2, "dispNm": r["name"], "dispNo": r["cat_id"],
        "parentDispNo": r["parent_id"] or "0", "leafYn": "Y" if r["leaf"] else "N"}) + "</ns2:category>"
        for r in rows)
    return xml(f'<ns2:categorys xmlns:ns2="{NS}">{body}</ns2:categorys>')


def client_message(product_no, message, code):
    return xml(f"<ClientMessage>{fields({'productNo': product_no, 'message': message, 'resultCode': code})}"
               "</ClientMessage>")


@bp.post("/prodservices/product")
def create_product():
    root = _xml_body()
    if root is None:
        return client_message("", "XML 형식이 올바르지 않습니다.", 500)
    name, price = root.findtext("prdNm"), root.findtext("selPrc")
    if not name or not price or not root.findtext("dispCtgrNo"):
        return client_message("", "상품명, 판매가, 카테고리는 필수입니다.", 500)
    p = store().add_product(g.shop["id"], name, int(price), int(root.findtext("prdSelQty") or 0),
                            root.findtext("dispCtgrNo"), root.findtext("sellerPrdCd") or "")
    return client_message(p["product_no"], "상품이 등록되었습니다.", 200)


@bp.put("/prodservices/stockqty/<stock_no>")
def stock_qty(stock_no):
    root = _xml_body()
    qty = root.findtext("stckQty") if root is not None else None
    if qty is None or not qty.isdigit():
        return client_message("", "재고수량이 올바르지 않습니다.", 500)
    try:
        store().set_item_stock(g.shop["id"], stock_no, int(qty))
    except Refused as exc:
        return client_message("", exc.reason, 500)
    return client_message("", "재고가 수정되었습니다.", 200)


@bp.put("/prodstatservice/stat/stopdisplay/<prd_no>")
def stop_display(prd_no):
    try:
        store().set_product_status(g.shop["id"], prd_no, "SUSPENSION")
    except Refused as exc:
        return client_message(prd_no, exc.reason, 500)
    return client_message(prd_no, "판매중지 처리되었습니다.", 200)
