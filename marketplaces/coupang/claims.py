"""Coupang claims: cancel/return receipts and exchange requests, collected and processed."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from flask_babel import gettext as _

from portal.marketplaces import (
    AuthError, ChannelError, Claim, ClaimAction, ClaimKind, Invoice, LineOutcome, Outcome, PermanentError,
    dedupe, outcome_for_error, split_windows, to_kst,
)

from . import mapping

# returnRequests of cancelType=RETURN need a status (or an orderId): RU 출고중지요청, UC 반품접수,
# PR 쿠팡확인요청, CC 반품완료. cancelType=CANCEL takes none.
RETURN_STATUSES = ("RU", "UC", "PR", "CC")
# 교환요청 거부 takes only these two codes.
EXCHANGE_REJECT_CODES = ("SOLDOUT", "WITHDRAW")


def minute(value: datetime, *, up: bool = False) -> str:
    """yyyy-MM-ddTHH:mm in KST; window ends round up so the last partial minute is not lost."""
    value = to_kst(value)
    if up and (value.second or value.microsecond):
        value = value.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return value.strftime("%Y-%m-%dT%H:%M")


def second(value: datetime) -> str:
    """yyyy-MM-ddTHH:mm:ss in KST (exchangeRequests)."""
    return to_kst(value).strftime("%Y-%m-%dT%H:%M:%S")


def reject_code(reason: str | None) -> str:
    """The exchange rejection code: a code as given, 철회 → WITHDRAW, anything else SOLDOUT."""
    text = (reason or "").strip()
    if text.upper() in EXCHANGE_REJECT_CODES:
        return text.upper()
    return "WITHDRAW" if "철회" in text else "SOLDOUT"


class CoupangClaims:
    """Claim part of the Coupang adapter; needs the adapter's client, vendor_id and _vendor()."""

    def fetch_claims(self, since: datetime, until: datetime) -> list[Claim]:
        claims = []
        # 23 h, not 24: minute rounding at both ends keeps each query inside one day.
        for start, end in split_windows(since, until, timedelta(hours=23)):
            asks = [("CANCEL", None)] + [("RETURN", status) for status in RETURN_STATUSES]
            for cancel_type, status in asks:
                body = self.client.call("GET", self._vendor("v6/returnRequests"), params={
                    "searchType": "timeFrame", "createdAtFrom": minute(start),
                    "createdAtTo": minute(end, up=True), "cancelType": cancel_type,
                    "status": status})
                claims.extend(mapping.return_claim({"receiptType": cancel_type, **r})
                              for r in body.get("data") or [])
        # "createdAtTo - createdAtFrom should less then 7day": windows stay just under 7 days.
        for start, end in split_windows(since, until, timedelta(days=7) - timedelta(minutes=1)):
            token = None
            while True:
                body = self.client.call("GET", self._vendor("v4/exchangeRequests"), params={
                    "createdAtFrom": second(start), "createdAtTo": second(end),
                    "nextToken": token})
                claims.extend(mapping.exchange_claim(r) for r in body.get("data") or [])
                token = body.get("nextToken")
                if not token:
                    break
        return dedupe(claims, lambda c: (c.kind, c.channel_claim_id))

    def _put(self, path: str, body: dict) -> None:
        """PUT one receipt or exchange action; a FAIL in data.resultCode is a refusal."""
        answer = self.client.call("PUT", self._vendor(path), write=True,
                                  json={"vendorId": self.vendor_id, **body})
        data = answer.get("data") if isinstance(answer.get("data"), dict) else {}
        if data.get("resultCode") == "FAIL":
            raise PermanentError(data.get("resultMessage") or _("쿠팡이 요청을 거부했습니다."),
                                 "FAIL")

    @staticmethod
    def _steps(claim: Claim, approve: bool, reason: str | None) -> list[tuple] | None:
        """The documented calls, in order, that approve or reject this claim (None: no API)."""
        cid = claim.channel_claim_id
        if claim.kind is ClaimKind.EXCHANGE:
            # (the approval goes through _exchange: 입고 확인, then the re-delivery invoice)
            return [(f"v4/exchangeRequests/{cid}/rejection",
                     {"exchangeId": int(cid), "exchangeRejectCode": reject_code(reason)})]
        if not approve:
            return None
        receipt = {"receiptId": int(cid)}
        counted = {**receipt, "cancelCount": int(claim.extra.get("cancelCount", claim.quantity))}
        if claim.kind is ClaimKind.CANCEL or claim.raw_status == "RELEASE_STOP_UNCHECKED":
            return [(f"v4/returnRequests/{cid}/stoppedShipment", counted)]
        approval = (f"v4/returnRequests/{cid}/approval", counted)
        if claim.raw_status == "VENDOR_WAREHOUSE_CONFIRM":
            return [approval]
        # 반품접수: 입고 확인 first; approval only follows VENDOR_WAREHOUSE_CONFIRM.
        return [(f"v4/returnRequests/{cid}/receiveConfirmation", receipt), approval]

    def process_claim(self, claim: Claim, action: ClaimAction,
                      reason: str | None = None, invoice: Invoice | None = None) -> list[LineOutcome]:
        ids = dict(channel_order_id=claim.channel_order_id, channel_line_id=claim.channel_line_id,
                   key=claim.channel_claim_id)
        if claim.kind is ClaimKind.EXCHANGE and action is ClaimAction.APPROVE:
            return [self._exchange(claim, invoice, ids)]
        steps = self._steps(claim, action is ClaimAction.APPROVE, reason)
        if steps is None:
            return [LineOutcome(Outcome.REJECTED,
                                _("쿠팡은 취소/반품 요청 거부를 API로 제공하지 않습니다. "
                                "쿠팡 WING에서 '쿠팡 확인요청'으로 처리해 주세요."), **ids)]
        for n, (path, body) in enumerate(steps):
            try:
                self._put(path, body)
            except ChannelError as exc:
                if isinstance(exc, PermanentError) and n + 1 < len(steps):
                    continue   # 입고 확인 may have been done before; the approval decides
                return [self.line_failure(exc, **ids)]
        return [LineOutcome(Outcome.OK, _("%(label_ko)s %(label_ko2)s 처리되었습니다.",
                                          label_ko=claim.kind.label_ko, label_ko2=action.label_ko),
                            **ids)]

    def _exchange_row(self, claim: Claim) -> dict:
        """The exchange as 교환요청 목록 조회 lists it now (found by exchangeId around its creation)."""
        when = claim.requested_at or datetime.now(timezone.utc)
        token = None
        while True:
            body = self.client.call("GET", self._vendor("v4/exchangeRequests"), params={
                "createdAtFrom": second(when - timedelta(hours=1)),
                "createdAtTo": second(when + timedelta(hours=1)), "nextToken": token})
            for row in body.get("data") or []:
                if str(row.get("exchangeId")) == claim.channel_claim_id:
                    return row
            token = body.get("nextToken")
            if not token:
                return {}

    @staticmethod
    def _re_delivery_box(row: dict) -> str:
        """The shipmentBoxId 입고 확인 created for the re-delivery (EXCHANGE_DELIVERY first)."""
        groups = row.get("deliveryInvoiceGroupDtos") or []
        chosen = next((b for b in groups if b.get("shippingDeliveryType") == "EXCHANGE_DELIVERY"),
                      groups[0] if groups else {})
        return str(chosen.get("shipmentBoxId") or "")

    def _exchange(self, claim: Claim, invoice: Invoice | None, ids: dict) -> LineOutcome:
        """교환완료 = 교환상품 입고 확인처리, then 교환상품 송장 업로드 with the re-delivery invoice on the
        shipmentBoxId the 입고 확인 created (read back from the exchange list)."""
        if invoice is None or not invoice.tracking_number:
            return LineOutcome(Outcome.REJECTED,
                               _("쿠팡 교환완료에는 재배송 택배사와 송장번호가 필요합니다."), **ids)
        cid = claim.channel_claim_id
        refused = None
        try:
            self._put(f"v4/exchangeRequests/{cid}/receiveConfirmation", {"exchangeId": int(cid)})
        except PermanentError as exc:
            refused = exc   # an 입고 확인 done before: the re-delivery box tells
        except ChannelError as exc:
            return self.line_failure(exc, **ids)
        try:
            box = self._re_delivery_box(self._exchange_row(claim))
            if not box:
                if refused is not None:
                    return self.line_failure(refused, **ids)
                return LineOutcome(Outcome.REJECTED, _(
                    "쿠팡 교환상품 입고 확인은 처리되었으나 재배송 배송번호가 아직 만들어지지 않았습니다. "
                    "10분쯤 뒤에 교환완료를 다시 해 주세요."), **ids)
            answer = self.client.call("POST", self._vendor(f"v4/exchangeRequests/{cid}/invoices"), write=True,
                                      json=[{"exchangeId": int(cid), "vendorId": self.vendor_id,
                                             "shipmentBoxId": int(box), "goodsDeliveryCode": invoice.courier_code,
                                             "invoiceNumber": invoice.tracking_number}])
        except AuthError:
            raise
        except ChannelError as exc:
            return LineOutcome(outcome_for_error(exc), _("입고 확인은 처리되었으나 교환상품 송장 업로드를 실패하였습니다: "
                                                  "%(message)s", message=exc.message_ko), **ids)
        data = answer.get("data") if isinstance(answer.get("data"), dict) else {}
        if data.get("resultCode") == "FAIL":
            return LineOutcome(Outcome.REJECTED, _("입고 확인은 처리되었으나 교환상품 송장 업로드를 실패하였습니다: "
                                                   "%(message)s", message=data.get("resultMessage") or ""), **ids)
        return LineOutcome(Outcome.OK, _("교환상품 입고 확인과 재배송 송장(%(courier)s %(number)s) 업로드가 처리되었습니다.",
                                         courier=invoice.courier_code, number=invoice.tracking_number), **ids)
