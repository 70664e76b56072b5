"""Coupang online inquiries (고객문의): collecting them and the single vendor reply."""
from __future__ import annotations

from datetime import datetime, timedelta

from portal.marketplaces import (
    ChannelError, Inquiry, LineOutcome, Outcome, dedupe, split_windows, to_kst,
)

from . import mapping


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
        return [mapping.inquiry(r) for r in dedupe(rows, lambda r: r["inquiryId"])]

    def answer_inquiry(self, inquiry_id: str, text: str) -> list[LineOutcome]:
        body = {"content": text, "vendorId": self.vendor_id,
                "replyBy": self.credential("wing_user_id")}
        try:
            self.client.call("POST", self._vendor(f"v4/onlineInquiries/{inquiry_id}/replies"),
                             json=body, write=True)
        except ChannelError as exc:
            return [self.line_failure(exc, key=inquiry_id)]
        return [LineOutcome(Outcome.OK, "답변이 등록되었습니다.", key=inquiry_id)]
