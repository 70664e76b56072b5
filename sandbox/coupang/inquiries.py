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



# 쿠팡 고객센터 문의: questions the call center hands to the seller, answered under the agent's transfer note.
COUNSELING = {"NONE": None, "ANSWER": True, "NO_ANSWER": False, "TRANSFER": None}


def _transfer_id(row) -> int:
    return int(row["inquiry_no"]) * 10 + 1


def _call_center_row(row) -> dict:
    answered = bool(row["answer"])
    replies = [{"receptionistName": "쿠팡 고객센터", "receptionist": "cs-agent",
                "replyAt": fmt_kst(row["created_at"], "%Y-%m-%dT%H:%M:%S+09:00"),
                "content": f"[판매자이관]\n◼주문번호: {row['order_no']}\n◼아이템: {row['product_name']}\n"
                           f"◼문의내용: {row['question']}",
                "answerId": _transfer_id(row), "parentAnswerId": None,
                "partnerTransferStatus": "answered" if answered else "requestAnswer",
                "partnerTransferCompleteReason": "NONE", "answerType": "csAgent", "needAnswer": not answered}]
    if answered:
        replies.append({"receptionistName": g.shop["name"], "receptionist": g.shop["keys"].get("wing_user_id", ""),
                        "replyAt": fmt_kst(row["answered_at"], "%Y-%m-%dT%H:%M:%S+09:00"),
                        "content": row["answer"], "answerId": _transfer_id(row) + 1,
                        "parentAnswerId": _transfer_id(row), "partnerTransferStatus": None,
                        "partnerTransferCompleteReason": "NONE", "answerType": "vendor", "needAnswer": False})
    return {"inquiryId": int(row["inquiry_no"]), "csPartnerCounselingStatus": "answered" if answered else "requestAnswer",
            "inquiryStatus": "progress", "vendorItemId": [int(row["product_no"] or 0)], "itemName": row["product_name"],
            "content": "상담이력", "answeredAt": fmt_kst(row["answered_at"], "%Y-%m-%dT%H:%M:%S+09:00")
            if answered else None, "replies": replies,
            "inquiryAt": fmt_kst(row["created_at"], "%Y-%m-%dT%H:%M:%S+09:00"), "buyerEmail": "",
            "buyerPhone": "010-****-****", "orderId": int(row["order_no"]) if str(row["order_no"]).isdigit() else None,
            "orderDate": fmt_kst(row["created_at"], "%Y-%m-%dT%H:%M:%S+09:00"), "receiptCategory": "배송>배송>배송",
            "saleStartedAt": "2024-01-01", "saleEndedAt": "2099-12-31"}


@bp.get(f"{OPENAPI}/v5/vendors/<vendor_id>/callCenterInquiries")
def call_center_inquiries(vendor_id):
    status = request.args.get("partnerCounselingStatus", "")
    if status not in COUNSELING:
        return error(400, "ERROR", "partnerCounselingStatus is required (NONE, ANSWER, NO_ANSWER, TRANSFER)")
    if request.args.get("vendorId") != vendor_id:
        return error(400, "ERROR", "Invalid vendor ID")
    start = parse_time(request.args.get("inquiryStartAt", ""))
    end = parse_time(request.args.get("inquiryEndAt", ""))
    if start is None or end is None or end - start > 7 * 86400:
        return error(400, "ERROR", "time interval needs to be less than or equal to 7 days， pattern should be "
                                   "yyyy-MM-dd")
    end += 86400
    size = min(int(request.args.get("pageSize", 10)), 30)
    page = max(int(request.args.get("pageNum", 1)), 1)
    answered = COUNSELING[status]
    rows = store().inquiries(g.shop["id"], start, end, answered=answered, kind="callcenter", limit=size,
                             offset=(page - 1) * size)
    total = store().count_inquiries(g.shop["id"], start, end, answered=answered, kind="callcenter")
    return ok({"content": [_call_center_row(r) for r in rows],
               "pagination": {"currentPage": page, "totalPages": max(1, -(-total // size)),
                              "totalElements": total, "countPerPage": size}})


@bp.get(f"{OPENAPI}/v5/vendors/callCenterInquiries/<inquiry_id>")
def call_center_inquiry(inquiry_id):
    if not inquiry_id.isdigit():
        return error(400, "ERROR", f"Invalid format inquiryId : {inquiry_id}")
    row = store().inquiry(g.shop["id"], inquiry_id)
    if row is None or row["kind"] != "callcenter":
        return error(404, "ERROR", "Inquiry not found")
    return ok(_call_center_row(row))


@bp.post(f"{OPENAPI}/v4/vendors/<vendor_id>/callCenterInquiries/<inquiry_id>/replies")
def call_center_reply(vendor_id, inquiry_id):
    body = request.get_json(silent=True) or {}
    row = store().inquiry(g.shop["id"], inquiry_id)
    if row is None or row["kind"] != "callcenter":
        return error(404, "ERROR", "Inquiry not found")
    content = body.get("content") or ""
    if body.get("vendorId") != vendor_id or str(body.get("inquiryId")) != inquiry_id:
        return error(400, "ERROR", "Invalid vendor ID")
    if not body.get("parentAnswerId"):
        return error(400, "ERROR", "The parentAnswerId is required.")
    if body.get("replyBy") != g.shop["keys"].get("wing_user_id"):
        return error(400, "ERROR", "userId가 올바르지 않습니다 - 520")
    if not 2 <= len(content) <= 1000:
        return error(400, "ERROR", "The reply content length should be between 2 ~ 1000")
    if row["answer"] or int(body["parentAnswerId"]) != _transfer_id(row):
        return error(400, "ERROR", "The inquiry can't be answer. It can do only inquiryStatus:progress, "
                                   "partnerTransferStatus:requestAnswer")
    store().answer(row, content, overwrite=False)
    return ok(None)
