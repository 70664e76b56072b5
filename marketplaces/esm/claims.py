"""ESM claims and 판매자문의: 취소/반품/교환 조회와 처리, 문의 조회와 답변 (a mixin of EsmAdapter)."""
from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import gettext

from portal.i18n import ko
from portal.marketplaces import (
    ChannelError, Claim, ClaimAction, ClaimKind, Inquiry, LineOutcome, Outcome, dedupe,
    split_windows, to_kst,
)

from . import mapping

# Claim and inquiry lists take whole days, at most 7 of them ("일주일 단위 조회 가능").
DAY_WINDOW = timedelta(days=6)
ANSWER_LOOKBACK = timedelta(days=28)
ANSWER_MAX_BYTES = 1000
# Documented answers to a repeated call (취소승인 W8-2, 반품승인 5800 / W18-1).
ALREADY = ("이미 취소 승인 되었습니다", "이미 수거완료된 건입니다", "이미 환불된 건입니다",
           "이미 처리된 건입니다")
EMPTY_LIST = ("주문정보가 없습니다", "클레임정보가 없습니다", "클레임 정보가 없습니다",
              "조회된 기간에 조회 대상이 없습니다")


def days(since: datetime, until: datetime):
    """Whole KST days; a one-day query ends the next day ("당일 조회 시 시작일 +1일로 조회")."""
    for start, end in split_windows(since, until, DAY_WINDOW, overlap=timedelta(days=1)):
        first, last = to_kst(start).date(), to_kst(end).date()
        yield first.isoformat(), max(last, first + timedelta(days=1)).isoformat()


class EsmClaims:
    claim_site_type: int = 0   # 취소조회 alone numbers G마켓 3 (1 옥션)
    site_type: int = 0

    def _list(self, path, payload) -> list:
        try:
            body = self.client.call("POST", path, json=payload)
        except ChannelError as exc:
            if any(words in exc.message_ko for words in EMPTY_LIST):
                return []
            raise
        data = body.get("Data") if isinstance(body, dict) else body
        return data or []

    def fetch_claims(self, since: datetime, until: datetime) -> list[Claim]:
        out = []
        for start, end in days(since, until):
            for kind, status_value, date_type, status in mapping.CLAIM_QUERIES:
                if kind is ClaimKind.EXCHANGE and status_value == 4 and self.site == "A":
                    continue   # 교환완료 is listed by G마켓 only
                path, field = mapping.CLAIM_PATHS[kind]
                site = self.claim_site_type if kind is ClaimKind.CANCEL else self.site_type
                rows = self._list(path, {"SiteType": site, field: status_value, "Type": date_type,
                                         "StartDate": start, "EndDate": end})
                out.extend(mapping.claim(kind, status, r) for r in rows)
        return dedupe(out, lambda c: (c.channel_claim_id, c.status))

    def _claim_write(self, method, path, payload, ids, done_ko) -> list[LineOutcome]:
        try:
            self.client.call(method, path, json=payload, write=True)
        except ChannelError as exc:
            if any(words in exc.message_ko for words in ALREADY) or exc.code in ("W8-2", "W18-1"):
                return [LineOutcome(Outcome.ALREADY_DONE, exc.message_ko, **ids)]
            return [self.line_failure(exc, **ids)]
        return [LineOutcome(Outcome.OK, done_ko, **ids)]

    def process_claim(self, claim: Claim, action: ClaimAction,
                      reason: str | None = None) -> list[LineOutcome]:
        order_no = claim.channel_line_id
        ids = dict(channel_order_id=claim.channel_order_id, channel_line_id=order_no,
                   key=claim.channel_claim_id)
        site = {"SiteType": self.site_type}
        approve = action is ClaimAction.APPROVE
        if claim.kind is ClaimKind.CANCEL and approve:
            return self._claim_write("PUT", f"/claim/v1/sa/Cancel/{order_no}", site, ids,
                                     gettext("취소 승인 처리되었습니다."))
        if claim.kind is ClaimKind.RETURN and approve:
            return self._claim_write("PUT", f"/claim/v1/sa/return/{order_no}", site, ids,
                                     gettext("반품 승인 처리되었습니다."))
        if claim.kind is ClaimKind.RETURN:
            # No refusal call: 반품보류 (HoldReason 0 기타) holds the refund with the reason shown
            # to the buyer.
            return self._claim_write("POST", f"/claim/v1/sa/return/{order_no}/hold",
                                     {**site, "HoldReason": 0,
                                      "HoldReasonDetail": (reason or ko("판매자 보류"))[:200]},
                                     ids, gettext("반품보류 처리되었습니다."))
        if claim.kind is ClaimKind.EXCHANGE and not approve:
            return self._claim_write("POST", f"/claim/v1/sa/exchange/{order_no}/hold",
                                     {**site, "HoldReason": 0}, ids, gettext("교환보류 처리되었습니다."))
        message = (gettext("ESM 교환 승인은 교환재발송 송장 등록으로 이루어집니다. ESM PLUS에서 처리해 주세요.")
                   if claim.kind is ClaimKind.EXCHANGE else
                   gettext("ESM에는 취소거부 API가 없습니다. 송장을 전송(발송처리)하면 취소요청이 거부됩니다."))
        return [LineOutcome(Outcome.REJECTED, message, **ids)]

    # ------------------------------------------------------------ 판매자문의
    def _inquiry_rows(self, since: datetime, until: datetime, status: int = 1) -> list[dict]:
        rows = []
        for start, end in days(since, until):
            rows.extend(self._list("/item/v1/communications/customer/bulletin-board",
                                   {"qnaType": 3, "status": status, "type": 1,
                                    "startDate": start, "endDate": end}))
        return rows

    def fetch_inquiries(self, since: datetime, until: datetime) -> list[Inquiry]:
        return dedupe([mapping.inquiry(r) for r in self._inquiry_rows(since, until)],
                      lambda i: i.channel_inquiry_id)

    def answer_inquiry(self, inquiry_id: str, text: str) -> list[LineOutcome]:
        """The answer needs the token the list gave with the question: it is read again."""
        if len(text.encode("utf-8")) > ANSWER_MAX_BYTES:
            return [LineOutcome(Outcome.REJECTED, gettext("ESM 문의 답변은 1,000byte 이내로 입력해 주세요."),
                                key=inquiry_id)]
        until = self.now()
        try:
            rows = self._inquiry_rows(until - ANSWER_LOOKBACK, until)
        except ChannelError as exc:
            return [self.line_failure(exc, key=inquiry_id)]
        row = next((r for r in rows if mapping.text(r.get("messageNo")) == inquiry_id), None)
        if row is None:
            return [LineOutcome(Outcome.REJECTED, gettext("최근 28일 문의 목록에서 이 문의를 찾지 못했습니다. "
                                                  "ESM PLUS에서 답변해 주세요."), key=inquiry_id)]
        if row.get("informStatus") == "처리완료":
            return [LineOutcome(Outcome.ALREADY_DONE, gettext("이미 답변이 등록된 문의입니다."), key=inquiry_id)]
        try:
            self.client.call("POST", "/item/v1/communications/customer/bulletin-board/qna",
                             json={"messageNo": inquiry_id, "token": row.get("token", ""),
                                   "answerStatus": 2, "title": ko("문의 답변드립니다"),
                                   "comments": text}, write=True)
        except ChannelError as exc:
            return [self.line_failure(exc, key=inquiry_id)]
        return [LineOutcome(Outcome.OK, gettext("답변이 등록되었습니다."), key=inquiry_id)]
