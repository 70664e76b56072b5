"""스마트스토어 adapter: Naver Commerce API (OAuth2, bcrypt-signed secret, JSON, KST times)."""
from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import gettext as _

from portal.i18n import N_
from portal.marketplaces import (
    AuthError, Category, ChannelAdapter, ChannelError, ChannelType,
    ConnectionResult, CredentialField, DispatchDelay, Inquiry, Invoice, LineOutcome, Order,
    OrderLine,
    Outcome, chunks, dedupe, not_supported, outcome_for_error, split_windows, to_kst,
)

from . import mapping
from .client import NaverClient
from .claims import NaverClaims
from .products import NaverProducts

ORDERS = "/v1/pay-order/seller/product-orders"
CANCEL_REASONS = ("INTENT_CHANGED", "COLOR_AND_SIZE", "WRONG_ORDER", "PRODUCT_UNSATISFIED",
                  "DELAYED_DELIVERY", "SOLD_OUT", "INCORRECT_INFO")
# Korean words a seller types -> Naver cancelReason codes; a seller-side cancel is usually 품절.
CANCEL_WORDS = (("지연", "DELAYED_DELIVERY"), ("정보", "INCORRECT_INFO"),
                ("변심", "INTENT_CHANGED"), ("품절", "SOLD_OUT"))
SHIPPED = {"DELIVERING", "DELIVERED", "PURCHASE_DECIDED"}


def iso(value: datetime) -> str:
    return to_kst(value).isoformat(timespec="milliseconds")


class NaverAdapter(NaverProducts, NaverClaims, ChannelAdapter):
    code = "naver"
    display_name = "스마트스토어"
    channel_type = ChannelType.OPEN_MARKET
    credential_fields = (
        CredentialField("client_id", N_("애플리케이션 ID"), secret=False),
        CredentialField("client_secret", N_("애플리케이션 시크릿"), secret=True),
        CredentialField("account_id", N_("판매자 ID (솔루션 연동)"), secret=False, required=False,
                        help_ko=N_("솔루션(대행) 연동이면 판매자 ID를 입력합니다. 본인 "
                           "애플리케이션이면 비워 둡니다.")),
        CredentialField("as_phone", N_("A/S 전화번호"), secret=False, required=False,
                        help_ko=N_("상품 A/S 정보에 표시됩니다. 예: 02-1234-5678")),
    )
    listing_settings = ("as_phone",)
    default_base_url = "https://api.commerce.naver.com/external"
    key_help_ko = N_("1. 커머스API센터(apicenter.commerce.naver.com)에 스마트스토어 판매자 계정으로 "
                     "로그인합니다.\n"
                     "2. [애플리케이션 등록]에서 주문·상품·문의 API 그룹을 선택하고, 호출 IP(최대 "
                     "3개)를 등록합니다.\n"
                     "3. 발급된 애플리케이션 ID와 시크릿을 복사해 입력합니다.\n"
                     "4. 저장한 뒤 목록의 [접속 테스트]를 눌러 '인증되었습니다'가 나오는지 확인합니다.")
    max_order_window = timedelta(hours=24)
    sends_dispatch_delay = True
    exchange_needs_invoice = True

    @property
    def client(self) -> NaverClient:
        return NaverClient(self.base_url, self.credential("client_id"),
                           self.credential("client_secret"),
                           self.credentials.get("account_id", "").strip(), self.http,
                           self.account_key, clock=lambda: self.now().timestamp())

    def test_connection(self) -> ConnectionResult:
        try:
            self.client.token(force=True)
        except ChannelError as exc:
            return ConnectionResult(False, exc.message_ko)
        return ConnectionResult(True, ConnectionResult.OK_MESSAGE)

    def fetch_categories(self, parent_id: str | None = None) -> list[Category]:
        """Top level from 전체 카테고리 조회 (rows name no parent, so the top is what has no ">"
        in wholeCategoryName); a category's children from 하위 카테고리 조회."""
        if parent_id is None:
            return mapping.top_categories(self.client.call("GET", "/v1/categories") or [])
        return mapping.sub_categories(self.client.call(
            "GET", f"/v1/categories/{parent_id}/sub-categories") or [], str(parent_id))

    # ------------------------------------------------------------ orders
    def _changed_ids(self, since: datetime, until: datetime) -> list[str]:
        ids = []
        for start, end in split_windows(since, until, self.max_order_window):
            params = {"lastChangedFrom": iso(start), "lastChangedTo": iso(end), "limitCount": 300}
            while True:
                data = (self.client.call("GET", f"{ORDERS}/last-changed-statuses", params=params)
                        or {}).get("data")
                data = data or {}
                ids.extend(r["productOrderId"] for r in data.get("lastChangeStatuses") or [])
                more = data.get("more")
                if not more:
                    break
                params = {**params, "lastChangedFrom": more["moreFrom"],
                          "moreSequence": more["moreSequence"]}
        return dedupe(ids, lambda i: i)

    def _details(self, ids: list[str]) -> list[dict]:
        out = []
        for part in chunks(ids, 300):
            # /query is a read sent as POST: safe to repeat.
            resp = self.client.call("POST", f"{ORDERS}/query", json={"productOrderIds": part})
            out.extend(resp.get("data") or [])
        return out

    def fetch_orders(self, since: datetime, until: datetime) -> list[Order]:
        return mapping.orders(self._details(self._changed_ids(since, until)), self.code,
                              self.account_key)

    def _read_back(self, ids: list[str]) -> dict[str, dict]:
        try:
            return {d["productOrder"]["productOrderId"]: d for d in self._details(ids)}
        except ChannelError:
            return {}

    def _bulk(self, path, payload_key, payload, lines, success, already):
        """Send one ≤30 chunk; failed items are read back to tell 'already done' from 'refused'."""
        try:
            data = self.client.call("POST", path, json={payload_key: payload}, write=True)["data"]
        except ChannelError as exc:
            return [self.line_failure(exc, x.channel_order_id,
                                x.channel_line_id)
                    for x in lines]
        ok = set(success(data))
        fails = {f["productOrderId"]: f for f in data.get("failProductOrderInfos") or []}
        state = self._read_back(list(fails)) if fails else {}
        out = []
        for x in lines:
            if x.channel_line_id in ok:
                out.append(LineOutcome(Outcome.OK, _("처리되었습니다."), x.channel_order_id,
                                       x.channel_line_id))
                continue
            fail = fails.get(x.channel_line_id, {"message": _("응답에 없는 상품주문입니다.")})
            detail = state.get(x.channel_line_id)
            outcome = Outcome.ALREADY_DONE if detail and already(detail, x) else Outcome.REJECTED
            out.append(LineOutcome(outcome, fail.get("message", ""), x.channel_order_id,
                                   x.channel_line_id))
        return out

    def confirm_orders(self, lines: list[OrderLine], ship_at: datetime | None = None,
                       delay: DispatchDelay | None = None) -> list[LineOutcome]:
        out = []
        for part in chunks(lines, 30):
            out += self._bulk(f"{ORDERS}/confirm", "productOrderIds",
                              [x.channel_line_id for x in part], part,
                              lambda d: [i["productOrderId"]
                                         for i in d.get("successProductOrderInfos") or []],
                              lambda d, x: d["productOrder"].get("placeOrderStatus") == "OK")
        if delay is None or ship_at is None:
            return out
        # 발송 지연 처리 applies to confirmed product orders only, one productOrderId a call.
        return [self._delay(o, ship_at, delay) if o.ok else o for o in out]

    def _delay(self, confirmed: LineOutcome, ship_at: datetime,
               delay: DispatchDelay) -> LineOutcome:
        """발송 지연 처리 after a confirmed line; a refusal is told, the 발주확인 still stands."""
        pid = confirmed.channel_line_id
        body = {"dispatchDueDate": iso(ship_at), "delayedDispatchReason": delay.reason,
                "dispatchDelayedDetailedReason": delay.detail}
        try:
            data = self.client.call("POST", f"{ORDERS}/{pid}/delay", json=body,
                                    write=True).get("data") or {}
            fails = {f.get("productOrderId"): f for f in data.get("failProductOrderInfos") or []}
            if pid in (data.get("successProductOrderIds") or []):
                note = _("발송지연 안내(%(label_ko)s)를 전송했습니다.", label_ko=delay.label_ko)
            else:
                note = (_("발송지연 안내를 전송하지 못했습니다: %(get)s",
                          get=fails.get(pid, {}).get('message', '응답에 없는 상품주문입니다.')))
        except AuthError:
            raise
        except ChannelError as exc:
            note = _("발송지연 안내를 전송하지 못했습니다: %(message_ko)s", message_ko=exc.message_ko)
        return LineOutcome(confirmed.outcome, f"{confirmed.message} {note}".strip(),
                           confirmed.channel_order_id, pid)

    def send_invoices(self, invoices: list[Invoice]) -> list[LineOutcome]:
        out = []
        for part in chunks(invoices, 30):
            payload = [{"productOrderId": i.channel_line_id, "deliveryMethod": "DELIVERY",
                        "deliveryCompanyCode": i.courier_code, "trackingNumber": i.tracking_number,
                        "dispatchDate": iso(i.shipped_at or self.now())} for i in part]
            tracking = {i.channel_line_id: i.tracking_number for i in part}
            lines = [OrderLine(self.code, self.account_key, i.channel_order_id,
                               i.channel_line_id, "", 0) for i in part]
            out += self._bulk(f"{ORDERS}/dispatch", "dispatchProductOrders", payload, lines,
                              lambda d: d.get("successProductOrderIds") or [],
                              lambda d, x: d["productOrder"]["productOrderStatus"] in SHIPPED
                              and (d.get("delivery")
                                   or {}).get("trackingNumber") == tracking[x.channel_line_id])
        return out

    def cancel_sale(self, lines: list[OrderLine], reason: str) -> list[LineOutcome]:
        code = reason if reason in CANCEL_REASONS else next(
            (c for word, c in CANCEL_WORDS if word in (reason or "")), "SOLD_OUT")
        out = []
        for x in lines:
            try:
                self.client.call("POST", f"{ORDERS}/{x.channel_line_id}/claim/cancel/request",
                                 json={"cancelReason": code}, write=True)
                out.append(LineOutcome(Outcome.OK, _("판매취소되었습니다."), x.channel_order_id,
                                       x.channel_line_id))
            except AuthError:
                raise
            except ChannelError as exc:
                state = self._read_back([x.channel_line_id]).get(x.channel_line_id)
                canceled = state and state["productOrder"]["productOrderStatus"] == "CANCELED"
                out.append(LineOutcome(Outcome.ALREADY_DONE if canceled else outcome_for_error(exc),
                                       exc.message_ko, x.channel_order_id, x.channel_line_id))
        return out

    # ------------------------------------------------------------ Q&A and 고객 문의
    def fetch_inquiries(self, since: datetime, until: datetime) -> list[Inquiry]:
        """상품 문의 (contents/qnas) and 고객 문의 about an order (pay-user/inquiries), both in one list."""
        rows = []
        for start, end in split_windows(since, until, timedelta(days=7)):
            page = 1
            while True:
                body = self.client.call("GET", "/v1/contents/qnas", params={
                    "fromDate": iso(start), "toDate": iso(end), "page": page, "size": 100})
                rows.extend(body.get("contents") or [])
                if page >= body.get("totalPages", 1):
                    break
                page += 1
        out = [mapping.inquiry(r) for r in dedupe(rows, lambda r: r["questionId"])]
        customer = []
        # Whole KST days, at most 365 per call (4003); the answered flag is left out to get both.
        for start, end in split_windows(since, until, timedelta(days=365)):
            page = 1
            while True:
                body = self.client.call("GET", "/v1/pay-user/inquiries", params={
                    "startSearchDate": f"{to_kst(start):%Y-%m-%d}", "endSearchDate": f"{to_kst(end):%Y-%m-%d}",
                    "page": page, "size": 200})
                customer.extend(body.get("content") or [])
                if page >= (body.get("totalPages") or 1):
                    break
                page += 1
        return out + [mapping.customer_inquiry(r) for r in dedupe(customer, lambda r: r["inquiryNo"])]

    def answer_inquiry(self, inquiry_id: str, text: str) -> list[LineOutcome]:
        number = mapping.customer_inquiry_no(inquiry_id)
        try:
            if number:
                # One answer per 고객 문의: a second POST is refused with ERR-NC-101010.
                self.client.call("POST", f"/v1/pay-merchant/inquiries/{number}/answer",
                                 json={"answerComment": text}, write=True)
            else:
                # An upsert: sending it again overwrites with the same text, so it is safe to repeat.
                self.client.call("PUT", f"/v1/contents/qnas/{inquiry_id}",
                                 json={"commentContent": text}, write=True)
        except ChannelError as exc:
            if getattr(exc, "code", "") == "ERR-NC-101010":
                return [LineOutcome(Outcome.ALREADY_DONE, _("이미 답변이 등록된 문의입니다."), key=inquiry_id)]
            return [self.line_failure(exc, key=inquiry_id)]
        return [LineOutcome(Outcome.OK, _("답변이 등록되었습니다."), key=inquiry_id)]

    fetch_notices = not_supported(N_("스마트스토어 커머스API는 판매자 공지사항 조회 API를 제공하지 않습니다."))


adapter = NaverAdapter
