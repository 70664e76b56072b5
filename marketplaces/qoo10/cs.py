"""Qoo10 claims, seller cancel and inquiries: ShippingBasic.GetClaimInfo_V3, Claim.SetCancelProcess,
CSCenter.GetInquiryMessage / SetInquiryMessage."""
from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import gettext

from portal.marketplaces import (
    Claim, ChannelError, Inquiry, LineOutcome, OrderLine, Outcome, dedupe, split_windows, to_kst,
)

from . import mapping

# GetClaimInfo_V3 answers -10003 past 90 days; the inquiry list states no limit, so both are asked
# 30 days at a time, like the orders.
WINDOW = timedelta(days=30)
CLAIMS_BY_REQUEST_DATE = "2"           # search_condition 2: 클레임 요청일
ANSWER_MAX = 4000                      # SetInquiryMessage contents: Max 4000
NOT_SHIPPABLE = "-10004"               # SetCancelProcess: 주문상태가 올바르지 않습니다


def stamp(value: datetime) -> str:
    return f"{to_kst(value):%Y%m%d%H%M%S}"


class Qoo10Cs:
    """CS part of the Qoo10 adapter; needs the adapter's _call and _line_write."""

    def fetch_claims(self, since: datetime, until: datetime) -> list[Claim]:
        """Every claim state requested in the window (ClaimStat left out: all of them)."""
        rows = []
        for start, end in split_windows(since, until, WINDOW):
            body = self._call("ShippingBasic.GetClaimInfo_V3", {
                "search_Sdate": stamp(start), "search_Edate": stamp(end),
                "search_condition": CLAIMS_BY_REQUEST_DATE})
            rows.extend(body.get("ResultObject") or [])
        claims = [c for c in (mapping.claim(r) for r in rows) if c is not None]
        return dedupe(claims, lambda c: (c.channel_claim_id, c.raw_status))

    def cancel_sale(self, lines: list[OrderLine], reason: str) -> list[LineOutcome]:
        """판매자 취소 per order number (Claim.SetCancelProcess); a line already shipped or
        cancelled is answered -10004 and read as refused."""
        return [self._line_write("Claim.SetCancelProcess", {
            "ContrNo": x.channel_line_id,
            "CancelReason": mapping.CANCEL_REASONS.get((reason or "").strip(), ""),
            "SellerMemo": (reason or "")[:1000]}, x.channel_order_id, x.channel_line_id,
            gettext("판매취소되었습니다.")) for x in lines]

    def fetch_inquiries(self, since: datetime, until: datetime) -> list[Inquiry]:
        rows = []
        for start, end in split_windows(since, until, WINDOW):
            body = self._call("CSCenter.GetInquiryMessage", {
                "search_start_dt": stamp(start), "search_end_dt": stamp(end)})
            rows.extend(body.get("ResultObject") or [])
        return [mapping.inquiry(r) for r in dedupe(rows, mapping.inquiry_id)]

    def answer_inquiry(self, inquiry_id: str, text: str) -> list[LineOutcome]:
        inq_type, _, rest = str(inquiry_id).partition(":")
        question_no, _, seq_no = rest.partition(":")
        if not (inq_type and question_no and seq_no):
            return [LineOutcome(Outcome.REJECTED, gettext("Qoo10 문의 번호가 올바르지 않습니다. 문의를 다시 "
                                                  "수집해 주세요."), key=str(inquiry_id))]
        if len(text) > ANSWER_MAX:
            return [LineOutcome(Outcome.REJECTED, gettext("Qoo10 답변은 4,000자 이내로 입력해 주세요."),
                                key=str(inquiry_id))]
        try:
            body = self._call("CSCenter.SetInquiryMessage", {
                "inq_type": inq_type, "question_no": question_no, "seq_no": seq_no,
                "contents": text}, write=True)
        except ChannelError as exc:
            return [self.line_failure(exc, key=str(inquiry_id))]
        ref = str((body.get("ResultObject") or {}).get("SEQ_NO") or "")
        return [LineOutcome(Outcome.OK, gettext("답변이 등록되었습니다."), key=str(inquiry_id),
                            channel_ref=ref)]
