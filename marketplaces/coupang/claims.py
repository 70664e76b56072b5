"""Coupang claims: cancel/return receipts and exchange requests, collected and processed."""
from __future__ import annotations

from datetime import datetime, timedelta

from portal.marketplaces import (
    ChannelError, Claim, ClaimAction, ClaimKind, LineOutcome, Outcome, dedupe,
    split_windows, to_kst,
)

from . import mapping


def minute(value: datetime, *, up: bool = False) -> str:
    """yyyy-MM-ddTHH:mm in KST; window ends round up so the last partial minute is not lost."""
    value = to_kst(value)
    if up and (value.second or value.microsecond):
        value = value.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return value.strftime("%Y-%m-%dT%H:%M")


class CoupangClaims:
    """Claim part of the Coupang adapter; needs the adapter's client, vendor_id and _vendor()."""

    def fetch_claims(self, since: datetime, until: datetime) -> list[Claim]:
        claims = []
        # 23 h, not 24: minute rounding at both ends must keep the query within the 24 h limit.
        for start, end in split_windows(since, until, timedelta(hours=23)):
            for cancel_type in ("CANCEL", "RETURN"):
                body = self.client.call("GET", self._vendor("v6/returnRequests"), params={
                    "searchType": "timeFrame", "createdAtFrom": minute(start),
                    "createdAtTo": minute(end, up=True), "cancelType": cancel_type})
                claims.extend(mapping.return_claim({"receiptType": cancel_type, **r})
                              for r in body.get("data") or [])
        for start, end in split_windows(since, until, timedelta(days=7)):
            body = self.client.call("GET", self._vendor("v4/exchangeRequests"), params={
                "createdAtFrom": minute(start), "createdAtTo": minute(end, up=True)})
            claims.extend(mapping.exchange_claim(r) for r in body.get("data") or [])
        return dedupe(claims, lambda c: (c.kind, c.channel_claim_id))

    def process_claim(self, claim: Claim, action: ClaimAction,
                      reason: str | None = None) -> list[LineOutcome]:
        cid = claim.channel_claim_id
        ids = dict(channel_order_id=claim.channel_order_id, channel_line_id=claim.channel_line_id,
                   key=cid)
        count = int(claim.extra.get("cancelCount", claim.quantity))
        approve = action is ClaimAction.APPROVE
        route = {
            (ClaimKind.CANCEL, True): (f"v4/returnRequests/{cid}/stoppedShipment",
                                       {"vendorId": self.vendor_id, "receiptId": int(cid),
                                        "cancelCount": count}),
            (ClaimKind.RETURN, True): (f"v4/returnRequests/{cid}/approval",
                                       {"vendorId": self.vendor_id, "receiptId": int(cid),
                                        "cancelCount": count}),
            (ClaimKind.EXCHANGE, True): (f"v4/exchangeRequests/{cid}/receiveConfirmation",
                                         {"vendorId": self.vendor_id, "exchangeId": int(cid)}),
            (ClaimKind.EXCHANGE, False): (f"v4/exchangeRequests/{cid}/rejection",
                                          {"vendorId": self.vendor_id, "exchangeId": int(cid),
                                           "exchangeRejectCode": reason or "SOLDOUT"}),
        }.get((claim.kind, approve))
        if route is None:
            return [LineOutcome(Outcome.REJECTED,
                                "쿠팡은 취소/반품 요청 거부를 API로 제공하지 않습니다. "
                                "쿠팡 WING에서 '쿠팡 확인요청'으로 처리해 주세요.", **ids)]
        try:
            self.client.call("PUT", self._vendor(route[0]), json=route[1], write=True)
        except ChannelError as exc:
            return [self.line_failure(exc, **ids)]
        return [LineOutcome(Outcome.OK, f"{claim.kind.label_ko} {action.label_ko} 처리되었습니다.",
                            **ids)]
