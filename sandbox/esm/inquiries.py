"""ESM sandbox 판매자문의: the list (with a token per question) and the answer that needs it."""
from __future__ import annotations

import hashlib
import hmac

from flask import g, jsonify

from ..common import fmt_kst, parse_time, store
from .auth import bp
from .orders import body

STATUS = {1: None, 2: False, 3: True}   # 전체, 미처리, 처리완료


def token_for(inquiry) -> str:
    secret = g.shop["keys"]["secret_key"].encode()
    return "!" + hmac.new(secret, inquiry["inquiry_no"].encode(), hashlib.sha256).hexdigest()


def stamp(epoch) -> str:
    return fmt_kst(epoch, "%Y-%m-%dT%H:%M:%S") + "+09:00" if epoch else "0001-01-01T00:00:00+09:00"


@bp.post("/item/v1/communications/customer/bulletin-board")
def inquiry_list():
    data = body()
    start = parse_time(str(data.get("startDate", "")))
    end = parse_time(str(data.get("endDate", "")))
    if start is None or end is None or data.get("status") not in STATUS \
            or data.get("qnaType") not in (1, 2, 3) or data.get("type") != 1:
        return jsonify(resultCode=1000, message="요청 값이 올바르지 않습니다.")
    if end - start > 7 * 86400:
        return jsonify(resultCode=1000, message="7일 기간이상 조회 요청이 불가능합니다.")
    rows = store().inquiries(g.shop["id"], start, end + 86400, kind=None,
                             answered=STATUS[data["status"]])
    if not rows:
        return jsonify(resultCode=1000, message="조회된 기간에 조회 대상이 없습니다")
    empty = "0" if g.shop["channel"] == "auction" else "-"
    return jsonify([{
        "qnaType": data["qnaType"], "reAsking": False, "inquirerName": r["writer"],
        "inquirerPhone": "", "branchId": None, "messageNo": r["inquiry_no"],
        "answer": r["answer"] or "", "sellerId": g.shop["keys"]["seller_id"], "goodsNo": "",
        "siteGoodsNo": r["product_no"], "orderNo": r["order_no"] or empty,
        "orderType": "일반주문" if r["order_no"] else None, "sellStatus": "-",
        "payNo": r["order_no"] or "-",
        "informStatus": "처리완료" if r["answer"] else "미처리",
        "receiveDate": stamp(r["created_at"]), "answerDate": stamp(r["answered_at"]),
        "contractType": "상품", "title": r["question"][:30], "details": r["question"],
        "token": token_for(r)} for r in rows])


@bp.post("/item/v1/communications/customer/bulletin-board/qna")
def inquiry_answer():
    data = body()
    inquiry = store().inquiry(g.shop["id"], str(data.get("messageNo", "")))
    if inquiry is None or not hmac.compare_digest(str(data.get("token", "")), token_for(inquiry)):
        return jsonify(resultCode=1000,
                       message=f"{g.shop['keys']['seller_id']}는 token정보와 관련이 없습니다.")
    comments = str(data.get("comments") or "")
    if not comments or not data.get("title") or data.get("answerStatus") not in (1, 2):
        return jsonify(resultCode=1000, message="답변 제목, 내용, 처리상태를 입력해 주세요.")
    if len(comments.encode("utf-8")) > 1000:
        return jsonify(resultCode=1000, message="답변 내용은 1,000byte 이내로 입력할 수 있습니다.")
    store().answer(inquiry, comments)
    return jsonify(messageNo=int(inquiry["inquiry_no"]))
