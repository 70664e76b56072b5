"""Naver sandbox product Q&A (qnas): listing and the upsert answer."""
from __future__ import annotations

from flask import g, jsonify, request

from ..common import iso_kst, parse_time, store
from .auth import bp, error


@bp.get("/v1/contents/qnas")
def qnas():
    start, end = parse_time(request.args.get("fromDate", "")), parse_time(request.args.get("toDate",
                                                                                           ""))
    if start is None or end is None:
        return error(400, "4000", "fromDate, toDate 값이 필요합니다.")
    size = min(int(request.args.get("size", 100)), 100)
    page = max(int(request.args.get("page", 1)), 1)
    flag = request.args.get("answered")
    answered = flag == "true" if flag in ("true", "false") else None
    chunk = store().inquiries(g.shop["id"], start, end, answered=answered, limit=size,
                              offset=(page - 1) * size)
    total = store().count_inquiries(g.shop["id"], start, end, answered=answered)
    return jsonify(contents=[{
        "questionId": int(r["inquiry_no"]), "productId": r["product_no"],
        "productName": r["product_name"],
        "question": r["question"], "answer": r["answer"] or None, "answered": bool(r["answer"]),
        "maskedWriterId": r["writer"], "createDate": iso_kst(r["created_at"])} for r in chunk],
        page=page, size=size, totalElements=total, totalPages=max(1, -(-total // size)))


@bp.put("/v1/contents/qnas/<question_id>")
def qna_answer(question_id):
    text = (request.get_json(silent=True) or {}).get("commentContent")
    row = store().inquiry(g.shop["id"], question_id)
    if row is None:
        return error(404, "NOT_FOUND", "존재하지 않는 문의입니다.")
    if not text:
        return error(400, "4000", "commentContent 값이 필요합니다.")
    store().answer(row, text)          # documented as an upsert: a second answer overwrites
    return "", 204
