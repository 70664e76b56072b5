"""Coupang sandbox online inquiries (Q&A): listing and the single vendor reply."""
from __future__ import annotations

from flask import g, request

from ..common import fmt_kst, parse_time, store
from ..store import Refused
from .auth import OPENAPI, bp, error, ok


@bp.get(f"{OPENAPI}/v5/vendors/<vendor_id>/onlineInquiries")
def inquiries(vendor_id):
    start = parse_time(request.args.get("inquiryStartAt", ""))
    end = parse_time(request.args.get("inquiryEndAt", ""))
    if start is None or end is None:
        return error(400, "ERROR", "inquiryStartAt, inquiryEndAt 값이 필요합니다.")
    end += 86400
    if end - start > 8 * 86400:
        return error(400, "ERROR", "조회 기간은 최대 7일입니다.")
    size = min(int(request.args.get("pageSize", 50)), 50)
    page = max(int(request.args.get("pageNum", 1)), 1)
    answered_type = request.args.get("answeredType", "ALL")
    answered = None if answered_type == "ALL" else answered_type == "ANSWERED"
    chunk = store().inquiries(g.shop["id"], start, end, answered=answered, limit=size,
                              offset=(page - 1) * size)
    total = store().count_inquiries(g.shop["id"], start, end, answered=answered)
    content = [{"inquiryId": int(r["inquiry_no"]), "productId": int(r["product_no"] or 0),
                "content": r["question"],
                "inquiryAt": fmt_kst(r["created_at"], "%Y-%m-%d %H:%M:%S"),
                "orderIds": [int(r["order_no"])] if r["order_no"] else [],
                "buyerEmail": r["writer"],
                "commentDtoList": ([{"content": r["answer"], "inquiryCommentTypeCode": "VENDOR"}]
                                   if r["answer"] else [])} for r in chunk]
    total_pages = max(1, -(-total // size))
    return ok({"content": content, "pagination": {"currentPage": page, "totalPages": total_pages,
                                                  "totalElements": total,
                                                  "countPerPage": size}})


@bp.post(f"{OPENAPI}/v4/vendors/<vendor_id>/onlineInquiries/<inquiry_id>/replies")
def reply(vendor_id, inquiry_id):
    body = request.get_json(silent=True) or {}
    row = store().inquiry(g.shop["id"], inquiry_id)
    if row is None:
        return error(404, "ERROR", "존재하지 않는 문의입니다.")
    if not body.get("content") or body.get("vendorId") != vendor_id or not body.get("replyBy"):
        return error(400, "ERROR", "content, vendorId, replyBy 값이 필요합니다.")
    if body["replyBy"] != g.shop["keys"].get("wing_user_id"):
        return error(400, "ERROR", "replyBy 는 WING 로그인 아이디여야 합니다.")
    try:
        store().answer(row, body["content"], overwrite=False)
    except Refused as exc:
        return error(400, "ERROR", exc.reason)
    return ok(None)

