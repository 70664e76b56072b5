"""Qoo10 sandbox claims and inquiries: ShippingBasic.GetClaimInfo_V3, Claim.SetCancelProcess,
CSCenter.GetInquiryMessage and CSCenter.SetInquiryMessage, in the QAPI guide's shapes."""
from __future__ import annotations

from flask import g

from ..common import fmt_kst, store
from ..store import Refused
from .wire import answer, day, form

MAX_DAYS = 90     # GetClaimInfo_V3 -10003 "Searching period exceeds to 90 days."
# (claim kind, sandbox claim status) -> ClaimStat: 1 취소요청, 3 취소완료, 4 반품요청, 5 반품중,
# 6 반품완료, 11 교환 신청, 12 교환 승인.
CLAIM_STAT = {("CANCEL", "REQUESTED"): "1", ("CANCEL", "DONE"): "3",
              ("RETURN", "REQUESTED"): "4", ("RETURN", "RECEIVED"): "5", ("RETURN", "DONE"): "6",
              ("EXCHANGE", "REQUESTED"): "11", ("EXCHANGE", "DONE"): "12"}
CANCEL_REASONS = ("", "1", "2", "3")  # 미입력 재고 없음, 1 주문 변경, 2 배송 불가 지역, 3 배송 지연
PROC_STATUS = {"S1": False, "S3": True}   # S1 미답변, S2 처리중, S3 완료 (the sandbox has no S2)
INQ_TYPES = ("MSG", "HELP", "ITEM")
CONTENTS_MAX = 4000


def stamp(epoch) -> str:
    return fmt_kst(epoch, "%Y-%m-%d %H:%M:%S") if epoch else ""


def claim_info():
    start, end = day(form("search_Sdate")), day(form("search_Edate"))
    if start is None or end is None or end < start:
        return answer(-10002, "Search Date Error")
    if end - start > MAX_DAYS * 86400:
        return answer(-10003, "Searching period exceeds to 90 days.")
    wanted = form("ClaimStat")
    rows = []
    for c in store().claims_page(g.shop["id"], start, end + (86400 if len(form("search_Edate")) == 8
                                                             else 1)):
        stat = CLAIM_STAT.get((c["kind"], c["status"]))
        if stat is None or (wanted and wanted != stat):
            continue
        order = store().order_by_no(g.shop["id"], c["order_no"])
        rows.append({
            "claimStatus": stat, "requestDate": stamp(c["created_at"]),
            "cancelRefundDate": stamp(c["changed_at"]) if c["status"] == "DONE" else "",
            "reason": c["reason"] or "", "orderDate": stamp(order["created_at"]),
            "PaymentDate": stamp(order["created_at"]), "shippingDate": "", "DeliveredDate": "",
            "orderNo": int(c["line_no"]), "packNo": int(c["order_no"]),
            "itemCode": "", "sellerItemCode": "", "itemTitle": c["product_name"],
            "orderQty": c["qty"], "paymentNation": "JP", "currency": "JPY",
            "receiver": order["recipient_name"], "buyer": order["buyer_name"]})
    return answer(0, "SUCCESS", rows)


def cancel_process():
    """판매자 취소 by order number: a line not yet shipped; -10004 otherwise."""
    if not form("ContrNo").isdigit():
        return answer(-10001, "주문번호가 잘못되었습니다.")
    line = store().line(g.shop["id"], form("ContrNo"))
    if line is None:
        return answer(-10002, "주문정보가 없습니다.")
    if form("CancelReason") not in CANCEL_REASONS or len(form("SellerMemo")) > 1000:
        return answer(-10004, "주문상태가 올바르지 않습니다.")
    try:
        store().seller_cancel(line, "DELIVERY_DELAY" if form("CancelReason") == "3" else "SOLD_OUT")
    except Refused:
        return answer(-10004, "주문상태가 올바르지 않습니다.")
    return answer(0, "SUCCESS")


def inquiry_rows():
    start, end = day(form("search_start_dt")), day(form("search_end_dt"))
    status = form("proc_status")
    if start is None or end is None or end < start or (status and status not in
                                                      ("S1", "S2", "S3")):
        return answer(-10001, "Argument error")
    end += 86400 if len(form("search_end_dt")) == 8 else 1
    rows = store().inquiries(g.shop["id"], start, end, kind=None,
                             answered=PROC_STATUS.get(status))
    if status == "S2":
        rows = []
    return answer(0, "SUCCESS", [{
        "INQ_TYPE": "ITEM" if r["product_no"] else "MSG", "SEQ_NO": int(r["inquiry_no"]),
        "QUESTION_NO": int(r["inquiry_no"]), "INQ_DT": stamp(r["created_at"]),
        "CUST_NM": r["writer"], "CATE_NM": "", "CATE_CD": "", "TITLE": r["question"][:30],
        "CONTENTS": r["question"], "GD_NO": r["product_no"] or "", "GD_NM": r["product_name"] or "",
        "CONTR_NO": int(r["order_no"]) if str(r["order_no"] or "").isdigit() else 0,
        "CLAIM_YN": "N", "STATUS": "S3" if r["answer"] else "S1"} for r in rows])


def inquiry_answer():
    if form("inq_type") not in INQ_TYPES or not form("question_no").isdigit() \
            or not form("seq_no").isdigit() or len(form("contents")) > CONTENTS_MAX:
        return answer(-10001, "Argument error")
    inquiry = store().inquiry(g.shop["id"], form("question_no"))
    if inquiry is None or form("seq_no") != form("question_no") or not form("contents"):
        return answer(-10002, "Fail")
    store().answer(inquiry, form("contents"))
    return answer(0, "SUCCESS", {"SEQ_NO": int(inquiry["inquiry_no"]) + 1})


HANDLERS = {"shippingbasic.getclaiminfo_v3": claim_info,
            "claim.setcancelprocess": cancel_process,
            "cscenter.getinquirymessage": inquiry_rows,
            "cscenter.setinquirymessage": inquiry_answer}
