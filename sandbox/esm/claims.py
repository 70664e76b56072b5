"""ESM sandbox claims: 취소/반품/교환 조회, 취소승인, 판매취소, 반품승인, 반품보류, 교환보류."""
from __future__ import annotations

from flask import g, jsonify

from ..common import fmt_kst, parse_time, store
from ..store import Refused
from .auth import bp, result, site_type
from .orders import body

# (claim status in the store) -> the status number of each list.
LISTS = {"Cancels": ("CANCEL", "CancelStatus", {"REQUESTED": 1, "DONE": 3}),
         "Returns": ("RETURN", "ReturnStatus", {"REQUESTED": 1, "RECEIVED": 2, "REJECTED": 3,
                                                 "DONE": 4}),
         "Exchanges": ("EXCHANGE", "ExchangeStatus", {"REQUESTED": 1, "RECEIVED": 2,
                                                      "REJECTED": 3, "DONE": 4})}
REASON_CODES = {"INTENT_CHANGED": 1, "COLOR_AND_SIZE": 2, "WRONG_DELIVERY": 3,
                "DELAYED_DELIVERY": 4, "BROKEN_AND_BAD": 5, "SOLD_OUT": 6}


def stamp(epoch) -> str:
    return fmt_kst(epoch, "%Y-%m-%dT%H:%M:%S") if epoch else None


@bp.post("/claim/v1/sa/<name>")
def claim_list(name):
    if name not in LISTS:
        return result(99999, "API Error - 클레임 정보가 없습니다")
    kind, field, numbers = LISTS[name]
    data = body()
    # 취소조회 numbers G마켓 3, the other lists 2; 옥션 is 1 everywhere.
    wanted_site = 1 if site_type() == 1 else (3 if name == "Cancels" else 2)
    if data.get("SiteType") != wanted_site:
        return result(2000, "파라미터가 유효하지 않습니다. (SiteType)")
    start = parse_time(str(data.get("StartDate", "")))
    end = parse_time(str(data.get("EndDate", "")))
    if start is None or end is None or end < start:
        return result(8668, "ShowAlertException$조회 기간을 확인해 주세요.")
    if end - start > 7 * 86400:
        return result(8668, "ShowAlertException$조회 기간은 7일 이내로 입력 바랍니다.")
    status = data.get(field)
    rows = []
    for c in store().claims_page(g.shop["id"], start, end + 86400, kind=kind):
        if numbers.get(c["status"]) != status:
            continue
        date = c["created_at"] if data.get("Type") == 2 else c["changed_at"]
        if not start <= date < end + 86400:
            continue
        order = store().order_by_no(g.shop["id"], c["order_no"])
        rows.append({field: status, "SiteType": wanted_site, "SellerId":
                     g.shop["keys"]["seller_id"], "PayNo": int(c["order_no"]),
                     "GroupNo": int(c["ship_unit"]), "OrderNo": int(c["line_no"]),
                     "GoodsNo": 0, "SiteGoodsNo": "", "RequestUser": 1, "Reason": 1,
                     "ReasonCode": REASON_CODES.get(c["reason"], 0),
                     "ReasonDetail": c["detail"] or "",
                     "OrderDate": stamp(order["created_at"]), "PayDate": stamp(order["created_at"]),
                     "RequestDate": stamp(c["created_at"]), "WithdrawDate": None,
                     "ApproveDate": stamp(c["changed_at"]) if c["status"] == "DONE" else None,
                     "CompleteDate": stamp(c["changed_at"]) if c["status"] == "DONE" else None})
    if not rows:
        return result(99999, "클레임정보가 없습니다")
    return jsonify(ResultCode=0, Message="Success", Data=rows)


def _open_claim(order_no, kind):
    line = store().line(g.shop["id"], order_no)
    if line is None:
        return None, None
    claims = [c for c in store().claims_for_line(line["id"]) if c["kind"] == kind]
    return line, (claims[0] if claims else None)


def _auction(code, message, biz):
    """옥션 answers business errors 8668 with a BizRuleCode; G마켓 with ShowAlertException$."""
    if site_type() == 1:
        return result(8668, message, biz=biz)
    return result(8668, f"ShowAlertException${message}")


@bp.put("/claim/v1/sa/Cancel/<order_no>")
def cancel_approve(order_no):
    if body().get("SiteType") != site_type():
        return result(2000, "파라미터가 유효하지 않습니다. (SiteType)")
    line, claim = _open_claim(order_no, "CANCEL")
    if claim is None:
        return _auction(8668, "취소 승인 대상이 없습니다", "W8-1")
    try:
        store().resolve_claim(claim, approve=True)
    except Refused:
        return _auction(8668, "이미 취소 승인 되었습니다", "W8-2")
    return result(0, "Success", biz="" if site_type() == 1 else None)


@bp.post("/claim/v1/sa/Cancel/<order_no>/SoldOut")
def sold_out(order_no):
    if body().get("SiteType") != site_type():
        return result(2000, "파라미터가 유효하지 않습니다. (SiteType)")
    line = store().line(g.shop["id"], order_no)
    if line is None:
        return result(1000, "데이터 조회 실패.")
    try:
        store().seller_cancel(line, "SOLD_OUT")
    except Refused:
        return _auction(8668, "취소 가능한 주문상태가 아닙니다", "W8-1")
    return result(0, "Success")


@bp.put("/claim/v1/sa/return/<order_no>")
def return_approve(order_no):
    if body().get("SiteType") != site_type():
        return result(2000, "파라미터가 유효하지 않습니다. (SiteType)")
    line, claim = _open_claim(order_no, "RETURN")
    if claim is None:
        return result(5900, "ReturnApproveFlowException$반품 정보 조회 실패")
    if claim["status"] == "DONE":
        return result(5800, "이미 환불된 건입니다.")
    try:
        store().resolve_claim(claim, approve=True)
    except Refused:
        return _auction(8668, "처리 할 수 없는 주문상태입니다", "W18-3")
    return result(0, "Success")


@bp.post("/claim/v1/sa/<kind>/<order_no>/hold")
def hold(kind, order_no):
    data = body()
    if kind not in ("return", "exchange") or data.get("SiteType") != site_type():
        return result(2000, "파라미터가 유효하지 않습니다.")
    reasons = (0, 2, 4) if kind == "return" else (0, 1, 4)
    if data.get("HoldReason") not in reasons:
        return result(2000, "파라미터가 유효하지 않습니다. (HoldReason)")
    line, claim = _open_claim(order_no, kind.upper())
    if claim is None or claim["status"] not in ("REQUESTED", "RECEIVED"):
        label = "반품" if kind == "return" else "교환"
        return _auction(8668, f"{label} 보류 불가 상태입니다", "W20-2")
    # The sandbox keeps a hold as the seller's refusal, with the reason shown to the buyer.
    store().resolve_claim(claim, approve=False, reason=str(data.get("HoldReasonDetail") or "보류"))
    return result(0, "Success")
