"""Naver sandbox buyer questions: product Q&A (qnas, upsert answer) and 고객 문의 about an order (one answer)."""
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
    chunk = store().inquiries(g.shop["id"], start, end, answered=answered, ordered=False, limit=size,
                              offset=(page - 1) * size)
    total = store().count_inquiries(g.shop["id"], start, end, answered=answered, ordered=False)
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


# 고객 문의 (about an order): GET /v1/pay-user/inquiries, POST /v1/pay-merchant/inquiries/{inquiryNo}/answer.
CATEGORIES = ("상품", "배송", "반품", "교환", "환불", "기타")


@bp.get("/v1/pay-user/inquiries")
def customer_inquiries():
    from datetime import date, datetime, timedelta, timezone

    KST = timezone(timedelta(hours=9))
    try:
        first = date.fromisoformat(request.args.get("startSearchDate", ""))
        last = date.fromisoformat(request.args.get("endSearchDate", ""))
    except ValueError:
        return error(400, "4001", "API 명세에 맞지 않는 입력 값입니다.",
                     [{"name": "startSearchDate", "message": "yyyy-MM-dd 형식이어야 합니다."}])
    if last < first:
        return error(400, "4002", "조회 시작일이 조회 종료일 이후 날짜일 수 없습니다.")
    if (last - first).days > 365:
        return error(400, "4003", "스마트스토어/가맹점의 경우 최대 365일만 조회 가능합니다.")
    size, page = int(request.args.get("size", 10)), int(request.args.get("page", 1))
    if not 10 <= size <= 200:
        return error(400, "4006" if size < 10 else "4007", "페이지 크기는 10 이상 200 이하여야 합니다.")
    if page < 1:
        return error(400, "4004", "페이지 번호가 1보다 작을 수 없습니다.")
    start = datetime.combine(first, datetime.min.time(), KST).timestamp()
    end = datetime.combine(last + timedelta(days=1), datetime.min.time(), KST).timestamp()
    flag = request.args.get("answered")
    answered = flag == "true" if flag in ("true", "false") else None
    rows = store().inquiries(g.shop["id"], start, end, answered=answered, ordered=True, limit=size,
                             offset=(page - 1) * size)
    total = store().count_inquiries(g.shop["id"], start, end, answered=answered, ordered=True)
    return jsonify(content=[{
        "inquiryNo": int(r["inquiry_no"]), "category": CATEGORIES[int(r["inquiry_no"]) % 2],
        "title": (r["question"] or "")[:30], "inquiryContent": r["question"],
        "inquiryRegistrationDateTime": iso_kst(r["created_at"]),
        "answerContentId": int(r["inquiry_no"]) if r["answer"] else None, "answerContent": r["answer"] or None,
        "answerRegistrationDateTime": iso_kst(r["answered_at"]) if r["answer"] else None,
        "answered": bool(r["answer"]), "orderId": r["order_no"], "productNo": r["product_no"],
        "productOrderIdList": r["order_no"], "productName": r["product_name"], "productOrderOption": "",
        "customerId": r["writer"], "customerName": r["writer"]} for r in rows],
        totalElements=total, totalPages=max(1, -(-total // size)), number=page - 1, size=size,
        numberOfElements=len(rows), first=page == 1, last=page * size >= total, empty=not rows)


@bp.post("/v1/pay-merchant/inquiries/<inquiry_no>/answer")
def customer_inquiry_answer(inquiry_no):
    text = (request.get_json(silent=True) or {}).get("answerComment")
    row = store().inquiry(g.shop["id"], inquiry_no)
    if row is None or not row["order_no"]:
        return error(400, "ERR-NC-101004", f"문의 번호 {inquiry_no}에 해당하는 문의가 없습니다.")
    if not text:
        return error(400, "ERR-NC-101001", "정상적인 요청이 아닙니다.")
    if row["answer"]:
        return error(400, "ERR-NC-101010", "해당 문의에 이미 답변이 존재합니다.")
    store().answer(row, text)
    return jsonify(code="SUCCESS", message="성공", data={"inquiryNo": int(inquiry_no),
                                                       "inquiryCommentNo": int(inquiry_no)},
                   timestamp=iso_kst(store().now()))
