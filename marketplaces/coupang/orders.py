"""Coupang ordersheets: collecting orders, 상품준비중 per shipmentBoxId, invoices, seller cancel."""
from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _

from portal.marketplaces import (
    ChannelError, DispatchDelay, Invoice, LineOutcome, Order, OrderLine, Outcome,
    chunks, dedupe,
    split_windows, to_kst,
)

from . import mapping

SHEET_STATUSES = ("ACCEPT", "INSTRUCT", "DEPARTURE", "DELIVERING", "FINAL_DELIVERY")


def sheet_day(value: datetime) -> str:
    """createdAtFrom/To of the daily-paged list: the KST date as "yyyy-mm-dd+09:00"."""
    return to_kst(value).strftime("%Y-%m-%d") + "+09:00"


class CoupangOrders:
    """Order part of the Coupang adapter; needs the adapter's client, vendor_id and _vendor()."""

    def _sheets(self, since: datetime, until: datetime) -> list[dict]:
        sheets, asked = [], set()
        for start, end in split_windows(since, until, self.max_order_window):
            dates = (sheet_day(start), sheet_day(end))
            for status in SHEET_STATUSES:
                if (dates, status) in asked:
                    # Neighbouring windows share calendar days; one call per day range is enough.
                    continue
                asked.add((dates, status))
                token = ""
                while True:
                    body = self.client.call("GET", self._vendor("v5/ordersheets"), params={
                        "createdAtFrom": dates[0], "createdAtTo": dates[1], "status": status,
                        "maxPerPage": 50, "nextToken": token or None})
                    sheets.extend(body.get("data") or [])
                    token = body.get("nextToken")
                    if not token:
                        break
        since_kst, until_kst = to_kst(since), to_kst(until)
        sheets = [s for s in sheets if since_kst <= mapping.when(s["orderedAt"]) < until_kst]
        return dedupe(sheets, lambda s: s["shipmentBoxId"])

    def fetch_orders(self, since: datetime, until: datetime) -> list[Order]:
        return mapping.orders(self._sheets(since, until), self.code, self.account_key)

    def _sheet(self, box_id: str) -> dict | None:
        try:
            return self.client.call("GET", self._vendor(f"v5/ordersheets/{box_id}")).get("data")
        except ChannelError:
            return None

    def _box_results(self, entries, lines_by_box, already) -> list[LineOutcome]:
        out = []
        for entry in entries:
            box = str(entry["shipmentBoxId"])
            lines = lines_by_box.pop(box, [])
            if entry.get("succeed"):
                outcome = Outcome.OK
            elif entry.get("retryRequired"):
                outcome = Outcome.RETRYABLE
            else:
                sheet = self._sheet(box)
                outcome = Outcome.ALREADY_DONE if sheet and already(sheet) else Outcome.REJECTED
            out.extend(LineOutcome(outcome, entry.get("resultMessage", ""), x.channel_order_id,
                                   x.channel_line_id)
                       for x in lines)
        for lines in lines_by_box.values():
            out.extend(LineOutcome(Outcome.REJECTED, _("응답에 없는 배송번호입니다."),
                                   x.channel_order_id, x.channel_line_id) for x in lines)
        return out

    def confirm_orders(self, lines: list[OrderLine], ship_at: datetime | None = None,
                       delay: DispatchDelay | None = None) -> list[LineOutcome]:
        """상품준비중 처리, per shipmentBoxId (≤50 per call).

        The acknowledgement takes only vendorId and shipmentBoxIds, and WING's Open API has no
        발송지연 call, so a delay is not sent (dispatch_delay_note_ko; see PROTOCOL.md).
        """
        by_box: dict[str, list[OrderLine]] = {}
        for x in lines:
            box = x.ship_unit_id or mapping.split_line_id(x.channel_line_id)[0]
            by_box.setdefault(box, []).append(x)
        out = []
        for boxes in chunks(list(by_box), 50):
            part = {b: by_box[b] for b in boxes}
            try:
                body = self.client.call("PUT", self._vendor("v4/ordersheets/acknowledgement"),
                                        write=True,
                                        json={"vendorId": self.vendor_id,
                                              "shipmentBoxIds": [int(b) for b in boxes]})
            except ChannelError as exc:
                out.extend(self.line_failure(exc, x.channel_order_id,
                                       x.channel_line_id)
                           for b in boxes for x in part[b])
                continue
            out.extend(self._box_results(body["data"].get("responseList") or [], part,
                                         lambda sheet: sheet.get("status") != "ACCEPT"))
        return out

    def send_invoices(self, invoices: list[Invoice]) -> list[LineOutcome]:
        out = []
        for part in chunks(invoices, 50):
            dtos = []
            for i in part:
                box, item = mapping.split_line_id(i.channel_line_id)
                dtos.append({"shipmentBoxId": int(i.ship_unit_id or box),
                             "orderId": int(i.channel_order_id),
                             "vendorItemId": int(item), "deliveryCompanyCode": i.courier_code,
                             "invoiceNumber": i.tracking_number, "splitShipping": False,
                             "preSplitShipped": False, "estimatedShippingDate": ""})
            try:
                body = self.client.call("POST", self._vendor("v4/orders/invoices"), write=True,
                                        json={"vendorId": self.vendor_id,
                                              "orderSheetInvoiceApplyDtos": dtos})
            except ChannelError as exc:
                out.extend(self.line_failure(exc, i.channel_order_id,
                                       i.channel_line_id)
                           for i in part)
                continue
            # One result per DTO, in the order sent.
            for invoice, entry in zip(part, body["data"].get("responseList") or []):
                lines = {str(entry["shipmentBoxId"]): [OrderLine(self.code, self.account_key,
                                                                 invoice.channel_order_id,
                                                                 invoice.channel_line_id, "", 0)]}
                out.extend(self._box_results(
                    [entry], lines, lambda sheet, n=invoice.tracking_number:
                    sheet.get("status") in mapping.SHIPPED and sheet.get("invoiceNumber") == n))
        return out

    def cancel_sale(self, lines: list[OrderLine], reason: str) -> list[LineOutcome]:
        """주문 상품 취소 처리: one call per (orderId, shipmentBoxId), as the document asks when an
        order has several boxes; failedVendorItemIds in the answer fail those lines only."""
        groups: dict[tuple[str, str], list[OrderLine]] = {}
        for x in lines:
            box = x.ship_unit_id or mapping.split_line_id(x.channel_line_id)[0]
            groups.setdefault((x.channel_order_id, box), []).append(x)
        user_id = self.credential("wing_user_id")
        out = []
        for (order_id, _box), part in groups.items():
            def result(outcome, message, rows=part):
                return [LineOutcome(outcome, message, order_id, x.channel_line_id) for x in rows]
            if not user_id:
                out.extend(result(Outcome.REJECTED, _("판매취소에는 WING 로그인 아이디가 필요합니다. "
                                                    "제휴몰 계정정보에 입력해 주세요.")))
                continue
            items = [int(x.channel_item_id or mapping.split_line_id(x.channel_line_id)[1])
                     for x in part]
            body = {"orderId": int(order_id), "vendorItemIds": items,
                    "receiptCounts": [x.quantity for x in part], "bigCancelCode": "CANERR",
                    "middleCancelCode": mapping.middle_cancel_code(reason),
                    "vendorId": self.vendor_id, "userId": user_id}
            try:
                answer = self.client.call("POST", self._vendor(f"v5/orders/{order_id}/cancel"),
                                          json=body, write=True)
            except ChannelError as exc:
                out.extend(self.line_failure(exc, order_id, x.channel_line_id) for x in part)
                continue
            data = answer.get("data") or {}
            failed = {str(i) for i in (data.get("failedVendorItemIds")
                                       or data.get("failedItemIds") or [])}
            why = mapping.channel_text(answer.get("message")) or _("쿠팡이 취소를 거부했습니다.")
            for x, item in zip(part, items):
                out.extend(result(Outcome.REJECTED, why, [x]) if str(item) in failed
                           else result(Outcome.OK, _("판매취소되었습니다."), [x]))
        return out
