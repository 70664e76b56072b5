"""스마트스토어 claims: collecting them and the claim actions, 교환 승인 continuing to the 교환 재배송."""
from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _

from portal.marketplaces import ChannelError, Claim, ClaimAction, ClaimKind, Invoice, LineOutcome, Outcome

from . import mapping

ORDERS = "/v1/pay-order/seller/product-orders"


class NaverClaims:
    """Claims part of the Naver adapter; needs the adapter's client, _details, _changed_ids and _read_back."""

    def fetch_claims(self, since: datetime, until: datetime) -> list[Claim]:
        return mapping.claims(self._details(self._changed_ids(since, until)))

    def process_claim(self, claim: Claim, action: ClaimAction,
                      reason: str | None = None, invoice: Invoice | None = None) -> list[LineOutcome]:
        approve = action is ClaimAction.APPROVE
        ids = dict(channel_order_id=claim.channel_order_id, channel_line_id=claim.channel_line_id,
                   key=claim.channel_claim_id)
        if claim.kind is ClaimKind.EXCHANGE and approve:
            return [self._exchange(claim, invoice, ids)]
        path, body = {
            (ClaimKind.CANCEL, True): ("claim/cancel/approve", None),
            (ClaimKind.RETURN, True): ("claim/return/approve", None),
            (ClaimKind.RETURN, False): ("claim/return/reject", {"rejectReturnReason": reason}),
            (ClaimKind.EXCHANGE, False): ("claim/exchange/reject",
                                          {"rejectExchangeReason": reason}),
        }.get((claim.kind, approve), (None, None))
        if path is None:
            return [LineOutcome(Outcome.REJECTED,
                                _("스마트스토어는 취소요청 거부를 API로 제공하지 않습니다. "
                                "발송처리하면 취소요청이 철회됩니다."), **ids)]
        refused = self._claim_call(claim, path, body)
        if isinstance(refused, LineOutcome):
            return [LineOutcome(refused.outcome, refused.message, **ids)]
        return [LineOutcome(Outcome.OK, _("%(label_ko)s %(label_ko2)s 처리되었습니다.",
                                          label_ko=claim.kind.label_ko, label_ko2=action.label_ko),
                            **ids)]

    def _claim_call(self, claim: Claim, path: str, body: dict | None) -> LineOutcome | None:
        """One claim action; None when done, else the refusal (a 200 can refuse the product order)."""
        try:
            answer = self.client.call("POST", f"{ORDERS}/{claim.channel_line_id}/{path}",
                                      json=body or {}, write=True)
        except ChannelError as exc:
            return self.line_failure(exc)
        failed = next((f for f in (answer.get("data") or {}).get("failProductOrderInfos") or []
                       if f.get("productOrderId") == claim.channel_line_id), None)
        if failed:
            return LineOutcome(Outcome.REJECTED, failed.get("message")
                               or _("스마트스토어가 요청을 거부했습니다."))
        return None

    def _exchange_status(self, claim: Claim) -> str:
        state = self._read_back([claim.channel_line_id]).get(claim.channel_line_id) or {}
        return ((state.get("currentClaim") or {}).get("exchange") or {}).get("claimStatus") or ""

    def _exchange(self, claim: Claim, invoice: Invoice | None, ids: dict) -> LineOutcome:
        """교환 승인 = 수거 완료 (collect/approve), then 교환 재배송 (dispatch) with the new invoice.

        A collect already done (an earlier try whose re-dispatch failed) is read back and skipped.
        """
        if invoice is None or not invoice.tracking_number:
            return LineOutcome(Outcome.REJECTED,
                               _("스마트스토어 교환 승인에는 재배송 택배사와 송장번호가 필요합니다."), **ids)
        if claim.raw_status != "COLLECT_DONE":
            refused = self._claim_call(claim, "claim/exchange/collect/approve", None)
            if refused is not None and (refused.outcome is Outcome.AMBIGUOUS
                                        or self._exchange_status(claim) != "COLLECT_DONE"):
                return LineOutcome(refused.outcome, refused.message, **ids)
        refused = self._claim_call(claim, "claim/exchange/dispatch", {
            "reDeliveryMethod": "DELIVERY",
            "reDeliveryCompany": mapping.COURIER_ALIASES.get(invoice.courier_code, invoice.courier_code),
            "reDeliveryTrackingNumber": invoice.tracking_number})
        if refused is not None:
            return LineOutcome(refused.outcome, _("수거 완료는 처리되었으나 교환 재배송 처리를 실패하였습니다: "
                                                  "%(message)s", message=refused.message), **ids)
        return LineOutcome(Outcome.OK, _("교환 수거 완료와 재배송(%(courier)s %(number)s) 처리되었습니다.",
                                         courier=invoice.courier_code,
                                         number=invoice.tracking_number), **ids)
