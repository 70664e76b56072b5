"""11번가 sandbox product Q&A: the question list and the answer PUT."""
from __future__ import annotations

from flask import g

from ..common import fmt_kst, store
from .auth import bp
from .window import query_window
from .xmlio import NS, fields, read_body, result, xml


@bp.get("/prodqnaservices/prodqnalist/<start>/<end>/<answer_status>")
def qna_list(start, end, answer_status):
    window, err = query_window(start, end, pattern_len=8)
    if err:
        return err
    answered = answer_status == "01" if answer_status in ("01", "02") else None
    rows = store().inquiries(g.shop["id"], *window, answered=answered)
    body = "".join("<ns2:productQna>" + fields({
        "brdInfoNo": r["inquiry_no"], "brdInfoClfNo": r["product_no"], "prdNm": r["product_name"],
        "brdInfoSbjct": (r["question"] or "")[:30], "brdInfoCont": r["question"], "answerCont": r["answer"] or "",
        "answerYn": "Y" if r["answer"] else "N", "qnaDtlsCd": "02" if r["order_no"] else "01",
        "buyYn": "Y" if r["order_no"] else "N", "ordNoDe": r["order_no"] or "", "dispYn": "Y",
        "memID": r["writer"], "memNM": r["writer"],
        "createDt": fmt_kst(r["created_at"], "%Y-%m-%d %H:%M:%S")}) + "</ns2:productQna>"
        for r in rows)
    return xml(f'<ns2:productQnas xmlns:ns2="{NS}">{body}</ns2:productQnas>')



@bp.get("/alimi/getalimilist/<start>/<end>")
@bp.get("/alimi/getalimilist/<start>/<end>/<status>")
@bp.get("/alimi/getalimilist/<start>/<end>/<status>/<order_no>")
def alimi_list(start, end, status="", order_no=""):
    """긴급알리미 조회: the shop's important notices, at most 30 days, status codes 01..06."""
    from ..common import parse_time

    first, last = parse_time(start), parse_time(end)
    if first is None or len(start) != 8:
        return result("-10001", "조회시작일을 알 수 없습니다.", root="ns2:alimi")
    if last is None or len(end) != 8:
        return result("-10002", "조회종료일을 알 수 없습니다.", root="ns2:alimi")
    if status and status not in ("01", "02", "03", "04", "05", "06"):
        return result("-10003", "처리상태값이 올바르지 않습니다.", root="ns2:alimi")
    if last - first > 30 * 86400:
        return result("-10004", "조회기간은 최대 30일단위로 가능합니다.", root="ns2:alimi")
    rows = store().q("select * from notices where shop_id=? and important=1 and created_at>=? and created_at<? "
                     "order by created_at desc", (g.shop["id"], first, last + 86400))
    if not rows:
        return result("0", "조회된 결과가 없습니다.", root="ns2:alimi")
    body = "".join("<ns2:alimListInfo>" + fields({
        "emerNtceSeq": r["notice_no"], "emerCtntSeq": 1, "emerTypeCd": "02", "emerNtceSubject": r["title"],
        "createDt": fmt_kst(r["created_at"], "%Y%m%d"), "createTm": fmt_kst(r["created_at"], "%H:%M:%S"),
        "emerReplyDt": fmt_kst(r["created_at"] + 3 * 86400, "%Y%m%d"), "emerNtceCrntCd": "01", "prdNm": "",
        "ordNo": "", "memId": "", "memNm": "", "deptNm": "판매자지원", "empNm": "11st",
        "emerCtnt": r["body"], "emerNtceClfNo1": "11", "emerNtceClfNm1": "긴급알림",
        "emerNtceClfNo2": "21", "emerNtceClfNm2": "판매", "emerNtceClfNo3": "36", "emerNtceClfNm3": "기타"})
        + "</ns2:alimListInfo>" for r in rows)
    return xml(f'<ns2:alimi xmlns:ns2="{NS}">{body}</ns2:alimi>')


@bp.put("/prodqnaservices/prodqnaanswer/<brd_info_no>/<prd_no>")
def qna_answer(brd_info_no, prd_no):
    root = read_body()
    text = root.findtext("answerCont") if root is not None else None
    row = store().inquiry(g.shop["id"], brd_info_no)
    if row is None or row["product_no"] != prd_no:
        return result("-1", "존재하지 않는 문의입니다.")
    if not text:
        return result("-1", "답변 내용이 없습니다.")
    store().answer(row, text)
    return result("0", "답변이 등록되었습니다.")


# ------------------------------------------------------------------ products
