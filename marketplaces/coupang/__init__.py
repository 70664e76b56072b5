"""쿠팡 adapter: Coupang WING Open API (CEA HMAC-SHA256 signed requests, JSON, per-box results)."""
from __future__ import annotations

from datetime import datetime, timedelta

from portal.marketplaces import (
    AuthError, Category, ChannelAdapter, ChannelError, ChannelType, Claim, ClaimAction, ClaimKind,
    ConnectionResult, CredentialField, Inquiry, Invoice, LineOutcome, Listing, Order, OrderLine, Outcome,
    chunks, dedupe, not_supported, outcome_for_error, split_windows, to_kst,
)

from . import mapping
from .client import CoupangClient

OPENAPI = "/v2/providers/openapi/apis/api"
SELLER = "/v2/providers/seller_api/apis/api/v1/marketplace"
SHEET_STATUSES = ("ACCEPT", "INSTRUCT", "DEPARTURE", "DELIVERING", "FINAL_DELIVERY")


def minute(value: datetime, *, up: bool = False) -> str:
    """yyyy-MM-ddTHH:mm in KST; window ends round up so the last partial minute is not lost."""
    value = to_kst(value)
    if up and (value.second or value.microsecond):
        value = value.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return value.strftime("%Y-%m-%dT%H:%M")


class CoupangAdapter(ChannelAdapter):
    code = "coupang"
    display_name = "쿠팡"
    channel_type = ChannelType.OPEN_MARKET
    credential_fields = (
        CredentialField("vendor_id", "업체코드 (Vendor ID)", secret=False, help_ko="예: A00012345"),
        CredentialField("access_key", "Access Key", secret=True),
        CredentialField("secret_key", "Secret Key", secret=True),
        CredentialField("wing_user_id", "WING 로그인 아이디", secret=False, required=False,
                        help_ko="고객문의 답변과 판매취소에 필요합니다."),
    )
    default_base_url = "https://api-gateway.coupang.com"
    key_help_ko = ("1. 쿠팡 WING(wing.coupang.com)에 로그인합니다.\n"
                   "2. 판매자정보 > 추가판매정보 > OPEN API 키 발급에서 [API Key 발급]을 누르고 호출 IP를 등록합니다.\n"
                   "3. 업체코드, Access Key, Secret Key를 복사해 입력합니다.\n"
                   "4. [연결 확인]을 눌러 '인증되었습니다'가 나오는지 확인합니다.")
    max_order_window = timedelta(hours=24)

    @property
    def vendor_id(self) -> str:
        return self.credential("vendor_id")

    @property
    def client(self) -> CoupangClient:
        return CoupangClient(self.base_url, self.vendor_id, self.credential("access_key"),
                             self.credential("secret_key"), self.http, self.account_key, self.now)

    def _vendor(self, path: str) -> str:
        return f"{OPENAPI}/{path.split('/', 1)[0]}/vendors/{self.vendor_id}/{path.split('/', 1)[1]}"

    def test_connection(self) -> ConnectionResult:
        try:
            self.client.call("GET", f"{SELLER}/seller-products", params={"vendorId": self.vendor_id,
                                                                          "maxPerPage": 1})
        except ChannelError as exc:
            return ConnectionResult(False, exc.message_ko)
        return ConnectionResult(True, ConnectionResult.OK_MESSAGE)

    # ------------------------------------------------------------ products
    def fetch_categories(self, parent_id: str | None = None) -> list[Category]:
        body = self.client.call("GET", f"{SELLER}/meta/display-categories/{parent_id or 0}")
        return mapping.categories(body.get("data") or {})

    def push_listing(self, listing: Listing) -> list[LineOutcome]:
        body = mapping.product_body(listing, self.vendor_id, self.credentials.get("wing_user_id", ""))
        try:
            resp = self.client.call("POST", f"{SELLER}/seller-products", json=body, write=True)
        except AuthError:
            raise
        except ChannelError as exc:
            return [LineOutcome(outcome_for_error(exc), exc.message_ko, key=listing.seller_code)]
        return [LineOutcome(Outcome.OK, "상품이 등록되었습니다. 쿠팡 승인 후 판매됩니다.", key=listing.seller_code,
                            channel_ref=str(resp["data"]))]

    def _item_call(self, path: str, key: str, done: str) -> LineOutcome:
        try:
            # Setting an absolute quantity or stopping a sale twice leaves the same state.
            self.client.call("PUT", path, write=True, idempotent=True)
        except AuthError:
            raise
        except ChannelError as exc:
            return LineOutcome(outcome_for_error(exc), exc.message_ko, key=key)
        return LineOutcome(Outcome.OK, done, key=key)

    def update_stock(self, listing_ids_and_quantities: list[tuple[str, int]]) -> list[LineOutcome]:
        """Keyed by vendorItemId (issued once Coupang approves the product)."""
        return [self._item_call(f"{SELLER}/vendor-items/{item}/quantities/{int(qty)}", str(item),
                                "재고가 수정되었습니다.") for item, qty in listing_ids_and_quantities]

    def end_listing(self, channel_product_ids: list[str]) -> list[LineOutcome]:
        out = []
        for pid in channel_product_ids:
            try:
                items = self.client.call("GET", f"{SELLER}/seller-products/{pid}")["data"]["items"]
            except ChannelError as exc:
                out.append(LineOutcome(outcome_for_error(exc), exc.message_ko, key=str(pid)))
                continue
            results = [self._item_call(f"{SELLER}/vendor-items/{i['vendorItemId']}/sales/stop", str(pid),
                                       "판매중지 처리되었습니다.") for i in items]
            out.append(next((r for r in results if r.outcome is not Outcome.OK), results[0]))
        return out

    def fetch_listings(self) -> list[Listing]:
        ids, token = [], ""
        while True:
            body = self.client.call("GET", f"{SELLER}/seller-products", params={
                "vendorId": self.vendor_id, "maxPerPage": 100, "nextToken": token or None})
            ids.extend(str(p["sellerProductId"]) for p in body.get("data") or [])
            token = body.get("nextToken")
            if not token:
                break
        return [mapping.listing(self.client.call("GET", f"{SELLER}/seller-products/{pid}")["data"]) for pid in ids]

    # ------------------------------------------------------------ orders
    def _sheets(self, since: datetime, until: datetime) -> list[dict]:
        sheets, asked = [], set()
        for start, end in split_windows(since, until, self.max_order_window):
            dates = (to_kst(start).strftime("%Y-%m-%d"), to_kst(end).strftime("%Y-%m-%d"))
            for status in SHEET_STATUSES:
                if (dates, status) in asked:
                    continue   # neighbouring windows share calendar days; one call per day range is enough
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
            out.extend(LineOutcome(outcome, entry.get("resultMessage", ""), x.channel_order_id, x.channel_line_id)
                       for x in lines)
        for lines in lines_by_box.values():
            out.extend(LineOutcome(Outcome.REJECTED, "응답에 없는 배송번호입니다.", x.channel_order_id,
                                   x.channel_line_id) for x in lines)
        return out

    def confirm_orders(self, lines: list[OrderLine], ship_at: datetime | None = None) -> list[LineOutcome]:
        """상품준비중 처리, per shipmentBoxId (≤50 per call)."""
        by_box: dict[str, list[OrderLine]] = {}
        for x in lines:
            by_box.setdefault(x.ship_unit_id or mapping.split_line_id(x.channel_line_id)[0], []).append(x)
        out = []
        for boxes in chunks(list(by_box), 50):
            part = {b: by_box[b] for b in boxes}
            try:
                body = self.client.call("PUT", self._vendor("v4/ordersheets/acknowledgement"), write=True,
                                        json={"vendorId": self.vendor_id, "shipmentBoxIds": [int(b) for b in boxes]})
            except AuthError:
                raise
            except ChannelError as exc:
                out.extend(LineOutcome(outcome_for_error(exc), exc.message_ko, x.channel_order_id, x.channel_line_id)
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
                dtos.append({"shipmentBoxId": int(i.ship_unit_id or box), "orderId": int(i.channel_order_id),
                             "vendorItemId": int(item), "deliveryCompanyCode": i.courier_code,
                             "invoiceNumber": i.tracking_number, "splitShipping": False, "preSplitShipped": False,
                             "estimatedShippingDate": ""})
            try:
                body = self.client.call("POST", self._vendor("v4/orders/invoices"), write=True,
                                        json={"vendorId": self.vendor_id, "orderSheetInvoiceApplyDtos": dtos})
            except AuthError:
                raise
            except ChannelError as exc:
                out.extend(LineOutcome(outcome_for_error(exc), exc.message_ko, i.channel_order_id, i.channel_line_id)
                           for i in part)
                continue
            # One result per DTO, in the order sent.
            for invoice, entry in zip(part, body["data"].get("responseList") or []):
                lines = {str(entry["shipmentBoxId"]): [OrderLine(self.code, self.account_key, invoice.channel_order_id,
                                                                 invoice.channel_line_id, "", 0)]}
                out.extend(self._box_results([entry], lines, lambda sheet, n=invoice.tracking_number:
                                             sheet.get("status") in mapping.SHIPPED
                                             and sheet.get("invoiceNumber") == n))
        return out

    def cancel_sale(self, lines: list[OrderLine], reason: str) -> list[LineOutcome]:
        by_order: dict[str, list[OrderLine]] = {}
        for x in lines:
            by_order.setdefault(x.channel_order_id, []).append(x)
        out = []
        for order_id, part in by_order.items():
            items = [int(x.channel_item_id or mapping.split_line_id(x.channel_line_id)[1]) for x in part]
            body = {"orderId": int(order_id), "vendorItemIds": items, "receiptCounts": [x.quantity for x in part],
                    "bigCancelCode": "CANERR", "middleCancelCode": "CCPNER", "vendorId": self.vendor_id,
                    "userId": self.credential("wing_user_id")}
            try:
                self.client.call("POST", self._vendor(f"v5/orders/{order_id}/cancel"), json=body, write=True)
                out.extend(LineOutcome(Outcome.OK, "판매취소되었습니다.", order_id, x.channel_line_id) for x in part)
            except AuthError:
                raise
            except ChannelError as exc:
                out.extend(LineOutcome(outcome_for_error(exc), exc.message_ko, order_id, x.channel_line_id)
                           for x in part)
        return out

    # ------------------------------------------------------------ claims
    def fetch_claims(self, since: datetime, until: datetime) -> list[Claim]:
        claims = []
        # 23 h, not 24: minute rounding at both ends must keep the query within the 24 h limit.
        for start, end in split_windows(since, until, timedelta(hours=23)):
            for cancel_type in ("CANCEL", "RETURN"):
                body = self.client.call("GET", self._vendor("v6/returnRequests"), params={
                    "searchType": "timeFrame", "createdAtFrom": minute(start),
                    "createdAtTo": minute(end, up=True), "cancelType": cancel_type})
                claims.extend(mapping.return_claim({"receiptType": cancel_type, **r}) for r in body.get("data") or [])
        for start, end in split_windows(since, until, timedelta(days=7)):
            body = self.client.call("GET", self._vendor("v4/exchangeRequests"), params={
                "createdAtFrom": minute(start), "createdAtTo": minute(end, up=True)})
            claims.extend(mapping.exchange_claim(r) for r in body.get("data") or [])
        return dedupe(claims, lambda c: (c.kind, c.channel_claim_id))

    def process_claim(self, claim: Claim, action: ClaimAction, reason: str | None = None) -> list[LineOutcome]:
        cid = claim.channel_claim_id
        ids = dict(channel_order_id=claim.channel_order_id, channel_line_id=claim.channel_line_id, key=cid)
        count = int(claim.extra.get("cancelCount", claim.quantity))
        approve = action is ClaimAction.APPROVE
        route = {
            (ClaimKind.CANCEL, True): (f"v4/returnRequests/{cid}/stoppedShipment",
                                       {"vendorId": self.vendor_id, "receiptId": int(cid), "cancelCount": count}),
            (ClaimKind.RETURN, True): (f"v4/returnRequests/{cid}/approval",
                                       {"vendorId": self.vendor_id, "receiptId": int(cid), "cancelCount": count}),
            (ClaimKind.EXCHANGE, True): (f"v4/exchangeRequests/{cid}/receiveConfirmation",
                                         {"vendorId": self.vendor_id, "exchangeId": int(cid)}),
            (ClaimKind.EXCHANGE, False): (f"v4/exchangeRequests/{cid}/rejection",
                                          {"vendorId": self.vendor_id, "exchangeId": int(cid),
                                           "exchangeRejectCode": reason or "SOLDOUT"}),
        }.get((claim.kind, approve))
        if route is None:
            return [LineOutcome(Outcome.REJECTED, "쿠팡은 취소/반품 요청 거부를 API로 제공하지 않습니다. "
                                "쿠팡 WING에서 '쿠팡 확인요청'으로 처리해 주세요.", **ids)]
        try:
            self.client.call("PUT", self._vendor(route[0]), json=route[1], write=True)
        except AuthError:
            raise
        except ChannelError as exc:
            return [LineOutcome(outcome_for_error(exc), exc.message_ko, **ids)]
        return [LineOutcome(Outcome.OK, f"{claim.kind.label_ko} {action.label_ko} 처리되었습니다.", **ids)]

    # ------------------------------------------------------------ Q&A
    def fetch_inquiries(self, since: datetime, until: datetime) -> list[Inquiry]:
        rows = []
        for start, end in split_windows(since, until, timedelta(days=7), overlap=timedelta(days=1)):
            page = 1
            while True:
                data = self.client.call("GET", self._vendor("v5/onlineInquiries"), params={
                    "inquiryStartAt": to_kst(start).strftime("%Y-%m-%d"),
                    "inquiryEndAt": to_kst(end).strftime("%Y-%m-%d"), "answeredType": "ALL",
                    "pageNum": page, "pageSize": 50})["data"]
                rows.extend(data.get("content") or [])
                if page >= (data.get("pagination") or {}).get("totalPages", 1):
                    break
                page += 1
        return [mapping.inquiry(r) for r in dedupe(rows, lambda r: r["inquiryId"])]

    def answer_inquiry(self, inquiry_id: str, text: str) -> list[LineOutcome]:
        body = {"content": text, "vendorId": self.vendor_id, "replyBy": self.credential("wing_user_id")}
        try:
            self.client.call("POST", self._vendor(f"v4/onlineInquiries/{inquiry_id}/replies"), json=body, write=True)
        except AuthError:
            raise
        except ChannelError as exc:
            return [LineOutcome(outcome_for_error(exc), exc.message_ko, key=inquiry_id)]
        return [LineOutcome(Outcome.OK, "답변이 등록되었습니다.", key=inquiry_id)]

    fetch_notices = not_supported("쿠팡 Open API는 판매자 공지사항 조회 API를 제공하지 않습니다.")


adapter = CoupangAdapter
