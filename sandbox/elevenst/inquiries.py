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
