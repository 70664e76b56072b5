"""Coupang buyer questions: online inquiries (상품별 고객문의) and 쿠팡 고객센터 문의, collected and answered once."""
from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import gettext as _

from portal.marketplaces import (
    ChannelError, Inquiry, LineOutcome, Outcome, dedupe, split_windows, to_kst,
)

from . import mapping
from .client import OPENAPI


class CoupangInquiries:
    """Q&A part of the Coupang adapter; needs the adapter's client, vendor_id and _vendor()."""

    def fetch_inquiries(self, since: datetime, until: datetime) -> list[Inquiry]:
        rows = []
        for start, end in split_windows(since, until, timedelta(days=7), overlap=timedelta(days=1)):
            page = 1
            while True:
                data = self.client.call("GET", self._vendor("v5/onlineInquiries"), params={
                    "inquiryStartAt": to_kst(start).strftime("%Y-%m-%d"),
                    "inquiryEndAt": to_kst(end).strftime("%Y-%m-%d"), "answeredType": "ALL",
                    "pageNum": page, "pageSize": 50})["data"]
                rows.extend(data.get("content") or [])
                if page >= (data.get("pagination") or {}).get("totalPages", 1):
                    break
                page += 1
        online = [mapping.inquiry(r) for r in dedupe(rows, lambda r: r["inquiryId"])]
        return online + self._call_center(since, until)

    def _call_center(self, since: datetime, until: datetime) -> list[Inquiry]:
        """쿠팡 고객센터 문의 (GET_INQUIRY_BY_QUERY): every state, 7 days a call, at most 30 a page."""
        rows = []
        for start, end in split_windows(since, until, timedelta(days=7), overlap=timedelta(days=1)):
            page = 1
            while True:
                data = self.client.call("GET", self._vendor("v5/callCenterInquiries"), params={
                    "vendorId": self.vendor_id, "partnerCounselingStatus": "NONE",
                    "inquiryStartAt": to_kst(start).strftime("%Y-%m-%d"),
                    "inquiryEndAt": to_kst(end).strftime("%Y-%m-%d"), "pageNum": page, "pageSize": 30})["data"]
                rows.extend(data.get("content") or [])
                if page >= (data.get("pagination") or {}).get("totalPages", 1):
                    break
                page += 1
        return [mapping.call_center_inquiry(r) for r in dedupe(rows, lambda r: r["inquiryId"])]

    def answer_inquiry(self, inquiry_id: str, text: str) -> list[LineOutcome]:
        body = {"content": text, "vendorId": self.vendor_id,
                "replyBy": self.credential("wing_user_id")}
        number = mapping.call_center_no(inquiry_id)
        try:
            if number:
                parent = self._open_transfer(number)
                if parent is None:
                    return [LineOutcome(Outcome.ALREADY_DONE, _("쿠팡 고객센터에서 이미 답변이 끝난 문의입니다."),
                                        key=inquiry_id)]
                self.client.call("POST", self._vendor(f"v4/callCenterInquiries/{number}/replies"),
                                 json={**body, "inquiryId": number, "parentAnswerId": parent}, write=True)
            else:
                self.client.call("POST", self._vendor(f"v4/onlineInquiries/{inquiry_id}/replies"),
                                 json=body, write=True)
        except ChannelError as exc:
            return [self.line_failure(exc, key=inquiry_id)]
        return [LineOutcome(Outcome.OK, _("답변이 등록되었습니다."), key=inquiry_id)]

    def _open_transfer(self, number: str) -> int | None:
        """The agent's transfer note still waiting for the seller (GET_ORIGIN_INQUIRY_BY_ID): the reply's parent."""
        data = self.client.call("GET", f"{OPENAPI}/v5/vendors/callCenterInquiries/{number}")["data"]
        waiting = [r for r in data.get("replies") or []
                   if r.get("partnerTransferStatus") == "requestAnswer" and r.get("needAnswer")]
        return waiting[-1]["answerId"] if waiting else None
