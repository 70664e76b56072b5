"""라쿠텐 판매취소: 注文キャンセル (cancelOrder) of whole orders before shipping."""
from __future__ import annotations

from flask_babel import gettext

from portal.i18n import N_
from portal.marketplaces import ChannelError, LineOutcome, OrderLine, Outcome

from . import mapping
from .client import messages

CANCEL = "/2.0/order/cancelOrder/"
RESTORE_BY_ITEM_SETTING = 0            # 在庫連動区分 0: 商品設定に合わせる
CANCEL_STAGE = N_("라쿠텐은 발송 전(注文確認待ち・楽天処理中・発送待ち) 주문만 API로 취소할 수 있습니다. "
                "발송 후 취소는 RMS 受注管理에서 처리해 주세요.")
CANCEL_WHOLE = N_("라쿠텐은 주문 단위로만 취소됩니다. 이 주문의 상품을 모두 선택해 판매취소해 주세요.")


class RakutenCancel:
    """Cancel part of the 라쿠텐 adapter; needs the adapter's client and _progress (getOrder)."""

    def cancel_sale(self, lines: list[OrderLine], reason: str) -> list[LineOutcome]:
        """注文キャンセル (cancelOrder) of whole orders before shipping (100–300). Rakuten cancels
        an order, not a line: an order is cancelled only when every one of its items is chosen."""
        wanted: dict[str, set[str]] = {}
        for x in lines:
            wanted.setdefault(x.channel_order_id, set()).add(x.channel_line_id)
        states = self._progress(list(wanted))
        result: dict[str, tuple[Outcome, str]] = {}
        for number, chosen in wanted.items():
            state = states.get(number)
            if state is None:
                result[number] = self._cancel(number, reason)
                continue
            progress = int(state.get("orderProgress") or 0)
            items = {str(i.get("itemDetailId")) for p in state.get("PackageModelList") or []
                     for i in p.get("ItemModelList") or []}
            if progress == mapping.CANCELED:
                result[number] = (Outcome.ALREADY_DONE, gettext("이미 취소된 주문입니다."))
            elif progress not in mapping.CANCELABLE:
                result[number] = (Outcome.REJECTED, gettext(CANCEL_STAGE))
            elif items - chosen:
                result[number] = (Outcome.REJECTED, gettext(CANCEL_WHOLE))
            else:
                result[number] = self._cancel(number, reason)
        return [LineOutcome(*result[x.channel_order_id], x.channel_order_id, x.channel_line_id)
                for x in lines]

    def _cancel(self, number: str, reason: str) -> tuple[Outcome, str]:
        try:
            body = self.client.call("POST", CANCEL, write=True, keep_messages=True, json={
                "orderNumber": number, "inventoryRestoreType": RESTORE_BY_ITEM_SETTING,
                "changeReasonDetailApply": mapping.cancel_reason(reason)})
        except ChannelError as exc:
            failed = self.line_failure(exc, number)
            return failed.outcome, failed.message
        msgs = messages(body)
        errors = [m for m in msgs if m.get("messageType") == "ERROR"]
        if msgs and not errors:
            return Outcome.OK, msgs[0].get("message") or gettext("주문이 취소되었습니다.")
        return Outcome.REJECTED, " / ".join(m.get("message", "") for m in errors) or \
            gettext("라쿠텐이 주문 취소를 받지 않았습니다.")
