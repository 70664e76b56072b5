"""배송지연사유 in the adapter contract: the reason codes and DispatchDelay, sent with 발주확인."""
from __future__ import annotations

from dataclasses import dataclass

from portal.i18n import N_

# The portal's codes are Naver's delayedDispatchReason values (the one documented vocabulary);
# an adapter whose channel has other codes translates them.
DELAY_REASONS = {"PRODUCT_PREPARE": N_("상품준비중"), "CUSTOMER_REQUEST": N_("고객요청"),
                 "CUSTOM_BUILD": N_("주문제작"), "RESERVED_DISPATCH": N_("예약발송"),
                 "OVERSEA_DELIVERY": N_("해외배송"), "ETC": N_("기타")}
DELAY_DETAIL_MAX = 100


@dataclass(frozen=True)
class DispatchDelay:
    """A 발송지연 notice: why the shipment is late (a DELAY_REASONS code) and the seller's words.

    The new ship date is the ship_at given to confirm_orders alongside it.
    """

    reason: str
    detail: str = ""

    def __post_init__(self):
        if self.reason not in DELAY_REASONS:
            raise ValueError(f"unknown delay reason {self.reason!r}")

    @property
    def label_ko(self) -> str:
        return DELAY_REASONS[self.reason]

    @property
    def text_ko(self) -> str:
        """How the portal shows and keeps it: '주문제작 - 각인 작업에 5일이 걸립니다'."""
        return f"{self.label_ko} - {self.detail}" if self.detail else self.label_ko
