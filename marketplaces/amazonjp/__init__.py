"""Amazon JP adapter: Selling Partner API through Amazon's SDK (Orders v0, Tokens, Listings)."""
from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import gettext

from portal.i18n import N_
from portal.marketplaces import (
    AuthError, ChannelAdapter, ChannelError, ChannelType, ConnectionResult, CredentialField,
    DispatchDelay, Invoice, LineOutcome, Order, OrderLine, Outcome, dedupe, not_supported,
    split_windows,
)

from . import mapping
from .client import LWA_ENDPOINT, SpApi

WINDOW = timedelta(days=30)            # no window limit is documented; pages stay bounded
PAGE = 100                             # MaxResultsPerPage 1–100
SETTLE = timedelta(minutes=2)          # CreatedBefore at least two minutes before now
PII = ["buyerInfo", "shippingAddress"]  # getOrders data elements behind a restricted data token

FIELDS = (
    CredentialField("lwa_client_id", N_("LWA 클라이언트 ID"), secret=False,
                    help_ko=N_("Seller Central > 앱 및 서비스 > 앱 개발 > 앱의 [LWA 자격 증명] > "
                               "클라이언트 식별자 (amzn1.application-oa2-client.…)")),
    CredentialField("lwa_client_secret", N_("LWA 클라이언트 보안 암호"), secret=True,
                    help_ko=N_("같은 [LWA 자격 증명] 화면의 클라이언트 보안 암호")),
    CredentialField("refresh_token", N_("리프레시 토큰"), secret=True,
                    help_ko=N_("앱을 이 판매자 계정에 승인(자체 승인 Authorize)하면 한 번 표시되는 "
                               "Atzr|로 시작하는 토큰")),
    CredentialField("seller_id", N_("판매자 토큰(Merchant Token)"), secret=False, required=False,
                    help_ko=N_("Seller Central > 설정 > 계정 정보 > 판매자 토큰. 재고 수정에 필요합니다.")),
)


class AmazonJpAdapter(ChannelAdapter):
    code = "amazonjp"
    price_currency = "JPY"  # PROTOCOL.md: prices are yen
    display_name = "Amazon JP"
    channel_type = ChannelType.CROSS_BORDER
    credential_fields = FIELDS
    default_base_url = "https://sellingpartnerapi-fe.amazon.com"
    order_file_preset = "amazon_jp"
    key_help_ko = N_("1. Seller Central(sellercentral.amazon.co.jp)에서 [앱 및 서비스] > [앱 개발]로 "
                     "개발자 등록 후 주문·재고 역할(구매자 주소가 필요하면 PII 역할 포함)로 앱을 "
                     "만듭니다.\n"
                     "2. 앱의 [LWA 자격 증명]에서 클라이언트 ID와 보안 암호를 복사합니다.\n"
                     "3. 앱을 이 판매자 계정에 [승인]하면 나오는 리프레시 토큰(Atzr|…)을 복사합니다.\n"
                     "4. 재고를 연동하려면 [설정] > [계정 정보]의 판매자 토큰도 입력합니다.")
    max_order_window = WINDOW
    page_size = PAGE
    dispatch_delay_note_ko = N_("Amazon SP-API에는 발송지연 사유를 받는 항목이 없어 포털에만 기록합니다.")

    @property
    def lwa_endpoint(self) -> str:
        """Amazon's token endpoint; a server standing in for SP-API serves its own."""
        if self.base_url == self.default_base_url:
            return LWA_ENDPOINT
        return self.base_url + "/auth/o2/token"

    @property
    def api(self) -> SpApi:
        if getattr(self, "_api", None) is None:
            creds = {f.name: self.credential(f.name) for f in FIELDS if f.required}
            self._api = SpApi(self.base_url, self.lwa_endpoint, creds, self.http,
                              self.account_key)
        return self._api

    # ------------------------------------------------------------ connection
    def test_connection(self) -> ConnectionResult:
        try:
            rows = self.api.sellers().get_marketplace_participations(
                _preload_content=False).json().get("payload") or []
        except ChannelError as exc:
            return ConnectionResult(False, exc.message_ko)
        if not any((r.get("marketplace") or {}).get("id") == mapping.JP_MARKETPLACE
                   for r in rows):
            return ConnectionResult(False, gettext("이 판매자 계정은 Amazon.co.jp 마켓플레이스에 참여하고 "
                                           "있지 않습니다."))
        return ConnectionResult(True, ConnectionResult.OK_MESSAGE)

    # ------------------------------------------------------------ orders
    def _restricted_token(self) -> str | None:
        """createRestrictedDataToken for getOrders with buyer and address data; None when the
        app has no PII role (403): the orders then come without recipient."""
        try:
            body = self.api.tokens_api().create_restricted_data_token(
                {"restrictedResources": [{"method": "GET", "path": "/orders/v0/orders",
                                          "dataElements": PII}]},
                _preload_content=False).json()
        except AuthError as exc:
            if exc.http_status == 403:
                return None
            raise
        return body.get("restrictedDataToken")

    def _items(self, order_id: str) -> list[dict]:
        items, token = [], None
        api = self.api.orders()
        while True:
            kwargs = {"next_token": token} if token else {}
            payload = api.get_order_items(order_id, _preload_content=False,
                                          **kwargs).json().get("payload") or {}
            items.extend(payload.get("OrderItems") or [])
            token = payload.get("NextToken")
            if not token:
                return dedupe(items, lambda i: i["OrderItemId"])

    def fetch_orders(self, since: datetime, until: datetime) -> list[Order]:
        until = min(until, self.now() - SETTLE)
        if until <= since:
            return []
        api = self.api.orders(self._restricted_token())
        rows = []
        for start, end in split_windows(since, until, WINDOW):
            token = None
            while True:
                kwargs = {"next_token": token} if token else {
                    "created_after": mapping.iso(start), "created_before": mapping.iso(end),
                    "max_results_per_page": self.page_size}
                payload = api.get_orders([mapping.JP_MARKETPLACE], _preload_content=False,
                                         **kwargs).json().get("payload") or {}
                rows.extend(payload.get("Orders") or [])
                token = payload.get("NextToken")
                if not token:
                    break
        rows = dedupe(rows, lambda r: r["AmazonOrderId"])
        return [mapping.order(r, self._items(r["AmazonOrderId"]), self.code, self.account_key)
                for r in rows]

    def confirm_orders(self, lines: list[OrderLine], ship_at: datetime | None = None,
                       delay: DispatchDelay | None = None) -> list[LineOutcome]:
        """Amazon has no order acknowledgement for seller-fulfilled orders: 발주확인 stays in the
        portal, and says so."""
        return [LineOutcome(Outcome.OK, gettext("Amazon에는 발주확인 API가 없어 포털에만 발주확인으로 "
                            "기록했습니다."), x.channel_order_id, x.channel_line_id)
                for x in lines]

    def send_invoices(self, invoices: list[Invoice]) -> list[LineOutcome]:
        """confirmShipment per order and tracking number (one package each), with each line's
        remaining quantity (read from getOrderItems); lines Amazon already counts as shipped are
        not sent again."""
        packages: dict[tuple[str, str], list[Invoice]] = {}
        for inv in invoices:   # one package per order and tracking number
            packages.setdefault((inv.channel_order_id, inv.tracking_number), []).append(inv)
        results: dict[tuple[str, str], LineOutcome] = {}
        for (order_id, _), group in packages.items():
            for o in self._ship(order_id, group):
                results[(o.channel_order_id, o.channel_line_id)] = o
        return [results[(i.channel_order_id, i.channel_line_id)] for i in invoices]

    def _ship(self, order_id: str, group: list[Invoice]) -> list[LineOutcome]:
        def every(outcome, message):
            return [LineOutcome(outcome, message, order_id, i.channel_line_id) for i in group]
        try:
            items = {str(i["OrderItemId"]): i for i in self._items(order_id)}
        except ChannelError as exc:
            return [self.line_failure(exc, order_id, i.channel_line_id) for i in group]
        out, send = [], []
        for inv in group:
            item = items.get(inv.channel_line_id)
            if item is None:
                out.append(LineOutcome(Outcome.REJECTED, gettext("Amazon 주문에 없는 상품입니다."), order_id,
                                       inv.channel_line_id))
            elif int(item.get("QuantityShipped") or 0) >= int(item.get("QuantityOrdered") or 0):
                out.append(LineOutcome(Outcome.ALREADY_DONE, gettext("이미 출고 확인된 상품입니다."),
                                       order_id, inv.channel_line_id))
            else:
                send.append((inv, int(item["QuantityOrdered"]) - int(item.get("QuantityShipped")
                                                                    or 0)))
        if not send:
            return out
        first = send[0][0]
        code, name = mapping.CARRIERS.get(first.courier_code.upper(),
                                          ("Other", first.courier_code))
        package = {"packageReferenceId": mapping.package_reference(first.tracking_number),
                   "carrierCode": code,
                   "trackingNumber": first.tracking_number,
                   "shipDate": mapping.iso(first.shipped_at or self.now()),
                   "orderItems": [{"orderItemId": inv.channel_line_id, "quantity": qty}
                                  for inv, qty in send]}
        if name:
            package["carrierName"] = name
        try:
            self.api.orders().confirm_shipment(
                order_id, {"marketplaceId": mapping.JP_MARKETPLACE, "packageDetail": package},
                _preload_content=False)
        except ChannelError as exc:
            return out + [self.line_failure(exc, order_id, inv.channel_line_id)
                          for inv, _ in send]
        return out + [LineOutcome(Outcome.OK, gettext("출고 확인(confirmShipment)을 전송했습니다."),
                                  order_id, inv.channel_line_id) for inv, _ in send]

    cancel_sale = not_supported(N_("Amazon 주문 취소는 Seller Central에서 직접 처리해 주세요. "
                                "SP-API Orders v0에는 판매자 취소 호출이 없습니다."))
    fetch_claims = not_supported(N_("Amazon 반품·취소 요청은 SP-API Orders v0로 제공되지 않습니다. "
                                 "Seller Central의 반품 관리에서 확인해 주세요."))
    fetch_inquiries = not_supported(N_("Amazon SP-API는 구매자 메시지를 읽는 기능을 제공하지 않습니다 "
                                    "(Messaging API는 판매자가 먼저 보내는 용도뿐입니다). "
                                    "Seller Central 메시지 센터에서 확인해 주세요."))

    # ------------------------------------------------------------ stock
    def update_stock(self, listing_ids_and_quantities: list[tuple[str, int]]) -> list[LineOutcome]:
        """patchListingsItem: replace /attributes/fulfillment_availability of the SKU."""
        out = []
        for sku, qty in listing_ids_and_quantities:
            seller = self.credential("seller_id")
            if not seller:
                out.append(LineOutcome(Outcome.REJECTED, gettext("Amazon 재고 수정에는 판매자 토큰(Merchant "
                                       "Token)이 필요합니다. 제휴몰 계정정보에서 입력해 주세요."),
                                       key=str(sku)))
                continue
            body = {"productType": "PRODUCT", "patches": [{
                "op": "replace", "path": "/attributes/fulfillment_availability",
                "value": [{"fulfillment_channel_code": "DEFAULT", "quantity": int(qty)}]}]}
            try:
                answer = self.api.listings().patch_listings_item(
                    seller, str(sku), [mapping.JP_MARKETPLACE], body,
                    _preload_content=False).json()
            except ChannelError as exc:
                out.append(self.line_failure(exc, key=str(sku)))
                continue
            if answer.get("status") == "ACCEPTED":
                out.append(LineOutcome(Outcome.OK, gettext("재고 수정이 접수되었습니다."), key=str(sku)))
            else:
                issues = " / ".join(i.get("message", "") for i in answer.get("issues") or [])
                out.append(LineOutcome(Outcome.REJECTED, issues or gettext("Amazon이 재고 수정을 받지 "
                                       "않았습니다."), key=str(sku)))
        return out


adapter = AmazonJpAdapter
