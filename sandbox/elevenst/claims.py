"""11번가 sandbox claims: lists, approve/reject, seller cancel (판매거부), orders by number."""
from __future__ import annotations

from flask import g

from ..common import fmt_kst, store
from ..store import Refused
from .auth import bp, error
from .orders import orders_xml
from .window import query_window
from .xmlio import fields, orders_envelope, result

CLAIM_LISTS = {"cancelorders": ("CANCEL", "REQUESTED"), "canceledorders": ("CANCEL", "DONE"),
               "returnorders": ("RETURN", "REQUESTED"), "returnedorders": ("RETURN", "DONE"),
               "exchangeorders": ("EXCHANGE", "REQUESTED"), "exchangedorders": ("EXCHANGE", "DONE")}


@bp.get("/claimservice/<kind>/<start>/<end>")
def claim_list(kind, start, end):
    if kind not in CLAIM_LISTS:
        return error(404, "-1", "존재하지 않는 서비스입니다.")
    window, err = query_window(start, end)
    if err:
        return err
    claim_kind, status = CLAIM_LISTS[kind]
    return orders_envelope(["<ns2:order>" + fields(_claim_row(claim_kind, c)) + "</ns2:order>"
                            for c in store().claims_page(g.shop["id"], *window, kind=claim_kind,
                                                         status=status)])


def _claim_row(kind, c):
    """Cancel rows carry ordCn* fields (apiSeq 1639), return/exchange rows clmReq* (1643/1648)."""
    at = fmt_kst(c["created_at"], "%Y-%m-%d %H:%M:%S")
    common = {"ordNo": c["order_no"], "ordPrdSeq": c["seq"], "dlvNo": c["ship_unit"],
              "prdNo": "", "prdNm": c["product_name"], "slctPrdOptNm": ""}
    if kind == "CANCEL":
        return {**common, "ordPrdCnSeq": c["claim_no"], "ordCnRsnCd": c["reason"],
                "ordCnDtlsRsn": c["detail"] or "", "ordCnQty": c["qty"], "ordCnMnbdCd": "01",
                "ordCnStatCd": "01" if c["status"] == "REQUESTED" else "02", "createDt": at}
    return {**common, "clmReqSeq": c["claim_no"], "clmReqRsn": c["reason"],
            "clmReqCont": c["detail"] or "", "clmReqQty": c["qty"], "reqDt": at}


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
    if code not in ("101", "102", "103", "104"):
        return result("-1", "거부 사유코드가 올바르지 않습니다.", root="ResultOrder")
    return _resolve(claim_no, ord_no, seq, "RETURN", False, reason)


@bp.get("/claimservice/exchangereqreject/<ord_no>/<int:seq>/<claim_no>/<code>/<path:reason>")
def exchange_reject(ord_no, seq, claim_no, code, reason):
    if code not in ("201", "202", "203", "204"):
        return result("-1", "거부 사유코드가 올바르지 않습니다.", root="ResultOrder")
    return _resolve(claim_no, ord_no, seq, "EXCHANGE", False, reason)


# dlvEtprsCd values of 교환 승인처리 (apiSeq 1649) the sandbox knows; others are -27006.
COURIERS = {"00034", "00012", "00011", "00007", "00002", "00026", "00021", "00022", "00027",
            "00035", "00060", "00061", "00067", "00066", "00039", "00047", "00053", "00058", "00099"}


@bp.get("/claimservice/exchangereqconf/<claim_no>/<ord_no>/<int:seq>/<courier>/<invoice>")
def exchange_approve(claim_no, ord_no, seq, courier, invoice):
    """교환 승인처리: approval and re-delivery in one call; errors -27001 … -27009 of the page."""
    if courier not in COURIERS:
        return result("-27006", "택배업체를 알 수 없습니다.", root="ResultOrder")
    line = store().line_by_seq(g.shop["id"], ord_no, seq)
    if line is None:
        return result("-27003", "주문상세번호를 알 수 없습니다", root="ResultOrder")
    claim = store().claim(g.shop["id"], claim_no)
    if claim is None or claim["line_id"] != line["id"] or claim["kind"] != "EXCHANGE":
        return result("-27007", "교환 정보를 찾을수 없습니다.", root="ResultOrder")
    if claim["status"] != "REQUESTED":
        return result("-27008", "교환신청 상태가 아니어서 교환완료를 할 수 없습니다.", root="ResultOrder")
    if not invoice.strip():
        return result("-1", "비지니스 Error", root="ResultOrder")
    store().resolve_claim(claim, True)
    return result("0", "처리되었습니다.", root="ResultOrder")


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
    orders = store().orders_by_nos(g.shop["id"], ord_nos.split(",")[:100])
    return orders_xml([(o, x) for o in orders for x in o["lines"]])
