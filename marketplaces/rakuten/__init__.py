"""라쿠텐 adapter: RMS WEB SERVICE (楽天ペイ受注API ES 2.0, 問い合わせ管理API, 在庫API 2.1, 商品API 2.0)."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from urllib.parse import quote

from flask_babel import gettext

from portal.i18n import N_
from portal.marketplaces import (
    AuthError, ChannelAdapter, ChannelError, ChannelType, ConnectionResult, CredentialField,
    DispatchDelay, Inquiry, Invoice, LineOutcome, Order, OrderLine, Outcome,
    chunks, dedupe, not_supported, split_windows, to_kst,
)

from . import mapping
from .cancel import RakutenCancel
from .client import RakutenClient, esa, messages
from .products import RakutenProducts

SEARCH = "/2.0/order/searchOrder/"
GET = "/2.0/order/getOrder/"
CONFIRM = "/2.0/order/confirmOrder/"
SHIPPING = "/2.0/order/updateOrderShipping/"
EXPIRY = "/1.0/license-management/license-key/expiry-date"
INQUIRIES = "/1.0/inquirymng-api/inquiries"
INQUIRY = "/1.0/inquirymng-api/inquiry/"
REPLY = "/1.0/inquirymng-api/inquiry/reply"
INVENTORY = "/2.1/inventories/manage-numbers/{}/variants/{}"

SEARCH_WINDOW = timedelta(days=63)      # endDatetime within 63 days of startDatetime
PAGE_SIZE = 1000                        # requestRecordsAmount ≤ 1000
SEARCH_CAP = 15000                      # orders past the 15,000th of one search are not returned
GET_ORDER_MAX = 100                     # getOrder / confirmOrder: ≤ 100 orderNumbers a call
GET_ORDER_VERSION = 7                   # 7: SKU対応 (SkuModelList)
INQUIRY_WINDOW = timedelta(days=31)     # fromDate–toDate ≤ 31 days
INQUIRY_PAGE = 100
CONFIRM_OK = "ORDER_EXT_API_CONFIRM_ORDER_INFO_101"
CONFIRM_MOVED = "ORDER_EXT_API_CONFIRM_ORDER_ERROR_103"   # status already moved on
SHIPPING_OK = {"ORDER_EXT_API_UPDATE_ORDERSHIPPING_INFO_101",   # 追加
               "ORDER_EXT_API_UPDATE_ORDERSHIPPING_INFO_102"}   # 更新

SERVICE_SECRET = CredentialField(
    "service_secret", "serviceSecret", secret=True,
    help_ko=N_("RMS > 店舗様向け情報・サービス > WEB APIサービス > 利用設定 에 표시되는 serviceSecret"))
LICENSE_KEY = CredentialField(
    "license_key", "licenseKey", secret=True,
    help_ko=N_("같은 화면의 licenseKey. 90일마다 만료되어 RMS에서 새로 발급해야 합니다. 접속 테스트 때 "
               "라쿠텐에서 만료일을 읽어 인증키 만료일에 넣습니다."))


class RakutenAdapter(RakutenCancel, RakutenProducts, ChannelAdapter):
    code = "rakuten"
    price_currency = "JPY"  # PROTOCOL.md: prices are yen
    display_name = "라쿠텐"
    channel_type = ChannelType.CROSS_BORDER
    credential_fields = (SERVICE_SECRET, LICENSE_KEY)
    default_base_url = "https://api.rms.rakuten.co.jp/es"
    order_file_preset = "rakuten"
    key_help_ko = N_("1. RMS에 로그인해 [店舗様向け情報・サービス] > [WEB APIサービス]로 갑니다.\n"
                     "2. [利用設定]에서 楽天ペイ受注API(searchOrder, getOrder, confirmOrder, "
                     "updateOrderShipping), 問い合わせ管理API, 在庫API, 商品API 2.0, NavigationAPI 2.0, "
                     "ライセンス管理API를 '利用する'로 바꿉니다. 商品API 2.0은 商品一括登録을 신청한 "
                     "점포만 쓸 수 있습니다.\n"
                     "3. 같은 화면의 serviceSecret과 licenseKey를 복사해 입력합니다.\n"
                     "4. licenseKey는 90일마다 만료됩니다. [접속 테스트]가 만료일을 읽어 두고, 만료 14일 "
                     "전부터 대시보드에 알림이 표시됩니다.")
    max_order_window = SEARCH_WINDOW
    reads_key_expiry = True
    dispatch_delay_note_ko = N_("라쿠텐 楽天ペイ受注API에는 발송지연 사유를 받는 항목이 없어 "
                              "포털에만 기록합니다.")

    @property
    def client(self) -> RakutenClient:
        return RakutenClient(self.base_url, esa(self.credential("service_secret"),
                                                self.credential("license_key")),
                             self.http, self.account_key)

    # ------------------------------------------------------------ connection
    def key_expiry(self) -> date | None:
        """ライセンス管理API license.expiryDate.get: the licenseKey's last day (JST)."""
        body = self.client.call("GET", EXPIRY,
                                params={"licenseKey": self.credential("license_key")})
        expires = mapping.jst(body.get("expiryDate"))
        return expires.date() if expires else None

    def test_connection(self) -> ConnectionResult:
        try:
            expires = self.key_expiry()
        except ChannelError as exc:
            return ConnectionResult(False, exc.message_ko)
        return ConnectionResult(True, ConnectionResult.OK_MESSAGE, key_expires_on=expires)

    # ------------------------------------------------------------ orders
    def _search(self, start: datetime, end: datetime) -> list[str]:
        numbers, page = [], 1
        while True:
            body = self.client.call("POST", SEARCH, json={
                "dateType": 1, "startDatetime": mapping.stamp(start),
                "endDatetime": mapping.stamp(end),
                "PaginationRequestModel": {"requestRecordsAmount": PAGE_SIZE, "requestPage": page,
                                           "SortModelList": [{"sortColumn": 1,
                                                              "sortDirection": 1}]}})
            paging = body.get("PaginationResponseModel") or {}
            total = int(paging.get("totalRecordsAmount") or 0)
            if total > SEARCH_CAP and end - start > timedelta(minutes=2):
                middle = start + (end - start) / 2   # RMS stops at 15,000: search the halves
                return self._search(start, middle) + self._search(middle, end)
            numbers.extend(body.get("orderNumberList") or [])
            if page >= int(paging.get("totalPages") or 0):
                return numbers
            page += 1

    def _get_orders(self, numbers: list[str]) -> list[dict]:
        models = []
        for batch in chunks(numbers, GET_ORDER_MAX):
            body = self.client.call("POST", GET, json={"orderNumberList": batch,
                                                       "version": GET_ORDER_VERSION})
            models.extend(body.get("OrderModelList") or [])
        return models

    def fetch_orders(self, since: datetime, until: datetime) -> list[Order]:
        numbers = []
        for start, end in split_windows(since, until, SEARCH_WINDOW):
            numbers.extend(self._search(start, end))
        numbers = dedupe(numbers, lambda n: n)
        return [mapping.order(m, self.code, self.account_key) for m in self._get_orders(numbers)]

    def _progress(self, order_numbers: list[str]) -> dict[str, dict]:
        """Read orders back (getOrder): settles ALREADY_DONE after a refusal."""
        try:
            return {m["orderNumber"]: m for m in self._get_orders(order_numbers)}
        except AuthError:
            raise
        except ChannelError:
            return {}

    def confirm_orders(self, lines: list[OrderLine], ship_at: datetime | None = None,
                       delay: DispatchDelay | None = None) -> list[LineOutcome]:
        """注文確認 is per order: every line of an order gets the order's outcome."""
        numbers = dedupe([x.channel_order_id for x in lines], lambda n: n)
        result: dict[str, LineOutcome] = {}
        for batch in chunks(numbers, GET_ORDER_MAX):
            try:
                body = self.client.call("POST", CONFIRM, json={"orderNumberList": batch},
                                        write=True, keep_messages=True)
            except ChannelError as exc:
                for number in batch:
                    result[number] = self.line_failure(exc, number)
                continue
            by_order = {m.get("orderNumber"): m for m in messages(body)}
            moved = [n for n in batch if (by_order.get(n) or {}).get("messageCode") != CONFIRM_OK]
            states = self._progress(moved) if moved else {}
            for number in batch:
                msg = by_order.get(number) or {}
                if msg.get("messageCode") == CONFIRM_OK:
                    result[number] = LineOutcome(Outcome.OK, msg.get("message", ""), number)
                    continue
                progress = int((states.get(number) or {}).get("orderProgress") or 0)
                outcome = (Outcome.ALREADY_DONE if progress in mapping.CONFIRMED_OR_LATER
                           else Outcome.REJECTED)
                result[number] = LineOutcome(outcome, msg.get("message")
                                             or gettext("라쿠텐 응답에 없는 주문입니다."), number)
        return [LineOutcome(result[x.channel_order_id].outcome, result[x.channel_order_id].message,
                            x.channel_order_id, x.channel_line_id) for x in lines]

    def send_invoices(self, invoices: list[Invoice]) -> list[LineOutcome]:
        """発送情報 per order and 送付先 (basketId); a number already on the basket is not sent
        again (updateOrderShipping would add a second ShippingModel)."""
        groups: dict[tuple[str, str], list[Invoice]] = {}
        out: dict[int, LineOutcome] = {}
        for i, inv in enumerate(invoices):
            if not inv.ship_unit_id:
                out[i] = LineOutcome(Outcome.REJECTED, gettext("라쿠텐 발송 정보에는 送付先ID(basketId)가 "
                                     "필요합니다. 주문을 다시 수집해 주세요."),
                                     inv.channel_order_id, inv.channel_line_id)
                continue
            groups.setdefault((inv.channel_order_id, inv.ship_unit_id), []).append(inv)
        states = self._progress(dedupe([k[0] for k in groups], lambda n: n)) if groups else {}
        results = {}
        for (number, basket), group in groups.items():
            inv = group[0]
            done = {s.get("shippingNumber") for p in (states.get(number) or {}).get(
                "PackageModelList") or [] if str(p.get("basketId")) == basket
                for s in p.get("ShippingModelList") or []}
            if inv.tracking_number in done:
                results[(number, basket)] = (Outcome.ALREADY_DONE, gettext("이미 등록된 송장번호입니다."))
                continue
            results[(number, basket)] = self._ship(number, basket, inv)
        for i, inv in enumerate(invoices):
            if i not in out:
                outcome, message = results[(inv.channel_order_id, inv.ship_unit_id)]
                out[i] = LineOutcome(outcome, message, inv.channel_order_id, inv.channel_line_id)
        return [out[i] for i in range(len(invoices))]

    def _ship(self, number: str, basket: str, inv: Invoice) -> tuple[Outcome, str]:
        shipped = to_kst(inv.shipped_at or self.now())
        try:
            body = self.client.call("POST", SHIPPING, write=True, keep_messages=True, json={
                "orderNumber": number, "BasketidModelList": [{
                    "basketId": int(basket), "ShippingModelList": [{
                        "deliveryCompany": mapping.courier(inv.courier_code),
                        "shippingNumber": inv.tracking_number,
                        "shippingDate": f"{shipped:%Y-%m-%d}"}]}]})
        except ChannelError as exc:
            failed = self.line_failure(exc, number)
            return failed.outcome, failed.message
        msgs = messages(body)
        if msgs and all(m.get("messageCode") in SHIPPING_OK for m in msgs):
            return Outcome.OK, msgs[0].get("message", "")
        return Outcome.REJECTED, " / ".join(m.get("message", "") for m in msgs) or \
            gettext("라쿠텐이 발송 정보를 받지 않았습니다.")

    fetch_claims = not_supported(N_("라쿠텐 楽天ペイ受注API에는 구매자의 취소/반품 요청 목록이 없습니다. "
                                 "취소 대기 주문은 주문 수집에서 '취소요청'(800 キャンセル確定待ち)으로 "
                                 "표시됩니다."))
    process_claim = not_supported(N_("라쿠텐 취소/반품은 RMS 受注管理에서 처리해 주세요."))

    # ------------------------------------------------------------ 問い合わせ
    def fetch_inquiries(self, since: datetime, until: datetime) -> list[Inquiry]:
        rows = []
        for start, end in split_windows(since, until, INQUIRY_WINDOW):
            page = 1
            while True:
                body = self.client.call("GET", INQUIRIES, params={
                    "fromDate": f"{to_kst(start):%Y-%m-%dT%H:%M:%S}",
                    "toDate": f"{to_kst(end):%Y-%m-%dT%H:%M:%S}",
                    "limit": INQUIRY_PAGE, "page": page})
                rows.extend(body.get("list") or [])
                if page >= int(body.get("totalPageCount") or 0):
                    break
                page += 1
        return [mapping.inquiry(r) for r in dedupe(rows, lambda r: r["inquiryNumber"])]

    def answer_inquiry(self, inquiry_id: str, text: str) -> list[LineOutcome]:
        """inquiry.get (for shopId, and to see the same answer already sent), then reply.post."""
        try:
            row = self.client.call("GET", INQUIRY + quote(inquiry_id, safe=""))["result"]
            if any(r.get("replyFrom") == "merchant" and r.get("message") == text
                   for r in row.get("replies") or []):
                return [LineOutcome(Outcome.ALREADY_DONE, gettext("이미 같은 답변이 등록되어 있습니다."),
                                    key=inquiry_id)]
            self.client.call("POST", REPLY, write=True, json={
                "inquiryNumber": inquiry_id, "shopId": row.get("shopId"), "message": text})
        except ChannelError as exc:
            return [self.line_failure(exc, key=inquiry_id)]
        return [LineOutcome(Outcome.OK, gettext("답변이 등록되었습니다."), key=inquiry_id)]

    # ------------------------------------------------------------ 在庫
    def update_stock(self, listing_ids_and_quantities: list[tuple[str, int]]) -> list[LineOutcome]:
        """inventories.variants.upsert, ABSOLUTE: keyed by "manageNumber:variantId"."""
        out = []
        for key, qty in listing_ids_and_quantities:
            manage, _, variant = str(key).partition(":")
            if not manage or not variant:
                out.append(LineOutcome(Outcome.REJECTED, gettext("라쿠텐 재고 변경에는 商品管理番号와 "
                                       "SKU管理番号(variantId)가 필요합니다."), key=str(key)))
                continue
            try:
                self.client.call("PUT", INVENTORY.format(quote(manage, safe=""),
                                                         quote(variant, safe="")),
                                 json={"mode": "ABSOLUTE", "quantity": int(qty)})
            except ChannelError as exc:
                out.append(self.line_failure(exc, key=str(key)))
                continue
            out.append(LineOutcome(Outcome.OK, gettext("재고가 수정되었습니다."), key=str(key)))
        return out


adapter = RakutenAdapter
