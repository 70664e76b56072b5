"""G마켓 and 옥션 adapters: the ESM Trading API (sa2.esmplus.com), one protocol for both sites."""
from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import gettext

from portal.i18n import N_, ko
from portal.marketplaces import (
    AuthError, ChannelAdapter, ChannelError, ChannelType, ConnectionResult, CredentialField,
    DispatchDelay,
    Invoice, LineOutcome, Order, OrderLine, Outcome, dedupe, split_windows, to_kst,
)

from . import mapping
from .claims import EsmClaims
from .client import ORDER_LIST_INTERVAL, EsmClient
from .products import EsmProducts

PAGE_SIZE = 100
# "31일 이내 조회 가능" (G마켓; 옥션 180일), by the minute; rounding keeps every query inside.
WINDOW = timedelta(days=30)
ALREADY_CONFIRMED = ko("이미 주문확인 처리된 건입니다")  # ESM's answer to a repeat, matched


def minute(value: datetime, *, up: bool = False) -> str:
    value = to_kst(value)
    if up and (value.second or value.microsecond):
        value = value.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return value.strftime("%Y-%m-%d %H:%M")


# The site's name goes in as %(site)s when the help is shown (ChannelAdapter.key_help_lines).
KEY_HELP = N_("1. ESM PLUS(www.esmplus.com)에 마스터 ID로 로그인합니다. 마스터 ID가 없으면 먼저 만들고 "
              "%(site)s 판매자 아이디를 연결합니다.\n"
              "2. ESM Trading API 사용 신청 메일을 etapihelp@gmail.com 으로 보냅니다 (개발 API 범위, "
              "ESM 마스터 ID, 판매 사이트 주소 등). 승인되면 Secret Key가 발급되고, 호출하는 서버 IP를 "
              "등록해야 합니다.\n"
              "3. 마스터 ID, 발급받은 Secret Key, %(site)s 판매자 아이디를 입력하고 저장한 뒤 "
              "목록의 [접속 테스트]를 누릅니다.")


class EsmAdapter(EsmClaims, EsmProducts, ChannelAdapter):
    """One site of the ESM Trading API; `site` is the ssi letter (A 옥션, G G마켓)."""

    channel_type = ChannelType.OPEN_MARKET
    default_base_url = "https://sa2.esmplus.com"
    max_order_window = WINDOW
    site = ""
    site_type = 0          # 주문조회/주문확인/클레임 처리: 1 옥션, 2 G마켓
    claim_site_type = 0    # 취소조회: 1 옥션, 3 G마켓
    sends_dispatch_delay = True
    order_list_spacing = ORDER_LIST_INTERVAL
    listing_settings = ("place_no", "delivery_tmpl_id", "return_addr_no", "dispatch_policy_no",
                        "notice_group_no")

    @property
    def client(self) -> EsmClient:
        return EsmClient(self.base_url, self.credential("master_id"),
                         self.credential("secret_key"), self.site, self.credential("seller_id"),
                         self.http, self.account_key)

    def test_connection(self) -> ConnectionResult:
        """A 판매자문의 list of today: any authenticated seller may read it."""
        today = to_kst(self.now()).date()
        try:
            self._list("/item/v1/communications/customer/bulletin-board",
                       {"qnaType": 3, "status": 1, "type": 1, "startDate": today.isoformat(),
                        "endDate": (today + timedelta(days=1)).isoformat()})
        except ChannelError as exc:
            return ConnectionResult(False, exc.message_ko)
        return ConnectionResult(True, ConnectionResult.OK_MESSAGE)

    # ------------------------------------------------------------ orders
    def _order_page(self, client: EsmClient, status: int, start: datetime, end: datetime,
                    page: int) -> tuple[list[dict], bool]:
        """One 주문조회 call (the caller has its 5-second slot): the rows, and whether a next page follows."""
        body = client.call("POST", "/shipping/v1/Order/RequestOrders", json={
            "siteType": self.site_type, "orderStatus": status, "requestDateType": 1,
            "requestDateFrom": minute(start), "requestDateTo": minute(end, up=True),
            "pageIndex": page, "pageSize": PAGE_SIZE})
        data = body.get("Data") or {}
        found = data.get("RequestOrders") or []
        return found, bool(found) and page * PAGE_SIZE < int(data.get("TotalCount") or 0)

    def _order_rows(self, status: int, start: datetime, end: datetime) -> list[dict]:
        rows, page = [], 1
        client = self.client
        while True:
            client.pace_order_list()
            found, more = self._order_page(client, status, start, end, page)
            rows.extend(found)
            if not more:
                return rows
            page += 1

    def fetch_orders_page(self, since: datetime, until: datetime,
                          cursor: dict | None) -> tuple[list[Order] | None, dict | None, float]:
        """fetch_orders one 주문조회 call at a time, for a job that waits out the 5 seconds in the queue.

        `cursor` (None at first) names the call: window, status and page. Answers (orders, the next call's
        cursor or None after the last, 0) once the call is made, or (None, cursor, seconds) without calling
        while this seller's slot is not free yet. An order met again on a later page or status is the
        same order: storing it twice changes nothing."""
        cursor = cursor or {"window": 0, "status": 0, "page": 1}
        client = self.client
        wait = client.order_list_wait()
        if wait > 0:
            return None, cursor, wait
        windows = list(split_windows(since, until, WINDOW))
        start, end = windows[cursor["window"]]
        found, more = self._order_page(client, mapping.LIST_STATUSES[cursor["status"]], start, end,
                                       cursor["page"])
        if more:
            following = {**cursor, "page": cursor["page"] + 1}
        elif cursor["status"] + 1 < len(mapping.LIST_STATUSES):
            following = {**cursor, "status": cursor["status"] + 1, "page": 1}
        elif cursor["window"] + 1 < len(windows):
            following = {"window": cursor["window"] + 1, "status": 0, "page": 1}
        else:
            following = None
        orders = mapping.orders(dedupe(found, lambda r: str(r["OrderNo"])), self.code, self.account_key)
        return orders, following, 0.0

    def fetch_orders(self, since: datetime, until: datetime) -> list[Order]:
        rows = []
        for start, end in split_windows(since, until, WINDOW):
            for status in mapping.LIST_STATUSES:
                rows.extend(self._order_rows(status, start, end))
        return mapping.orders(dedupe(rows, lambda r: str(r["OrderNo"])), self.code,
                              self.account_key)

    def _write(self, path, payload, x_order, x_line, ok_ko, already=()) -> LineOutcome:
        ids = dict(channel_order_id=x_order, channel_line_id=x_line)
        try:
            self.client.call("POST", path, json=payload, write=True)
        except ChannelError as exc:
            if any(words in exc.message_ko for words in already):
                return LineOutcome(Outcome.ALREADY_DONE, exc.message_ko, **ids)
            return self.line_failure(exc, **ids)
        return LineOutcome(Outcome.OK, ok_ko, **ids)

    def confirm_orders(self, lines: list[OrderLine], ship_at: datetime | None = None,
                       delay: DispatchDelay | None = None) -> list[LineOutcome]:
        """주문확인 per ESM order number (POST without a body when no 자사몰 numbers are sent); with
        a delay, 발송예정일 등록 follows for each confirmed line."""
        out = []
        for x in lines:
            done = self._write(f"/shipping/v1/Order/OrderCheck/{x.channel_line_id}", None,
                               x.channel_order_id, x.channel_line_id, gettext("주문확인 처리되었습니다."),
                               (ALREADY_CONFIRMED,))
            if delay is not None and done.ok:
                done.message = f"{done.message} {self._expected_date(x, ship_at, delay)}".strip()
            out.append(done)
        return out

    def _expected_date(self, x: OrderLine, ship_at: datetime | None, delay: DispatchDelay) -> str:
        """발송예정일 등록: from tomorrow on, reason 1 상품준비중 / 2 고객요청 / 3 기타, ≤ 150 chars."""
        if ship_at is None:
            return gettext("예상 발송일이 없어 발송예정일을 등록하지 않았습니다.")
        day = max(to_kst(ship_at).date(), to_kst(self.now()).date() + timedelta(days=1))
        try:
            self.client.call("POST", "/shipping/v1/Order/ShippingExpectedDate", json={
                "OrderNo": int(x.channel_line_id),
                "ReasonType": mapping.DELAY_TYPES.get(delay.reason, 3),
                "ShippingExpectedDate": day.isoformat(), "ReasonDetail": delay.text_ko[:150]},
                write=True)
        except ChannelError as exc:
            if isinstance(exc, AuthError):
                raise
            return gettext("발송예정일을 등록하지 못했습니다: %(message)s", message=exc.message_ko)
        return gettext("발송예정일(%(day)s, %(reason)s)을 등록했습니다.", day=day.isoformat(),
                       reason=gettext(delay.label_ko))

    def send_invoices(self, invoices: list[Invoice]) -> list[LineOutcome]:
        """발송처리; sending it again with other values replaces them ("최종 입력한 정보로 업데이트")."""
        out = []
        for inv in invoices:
            code = mapping.COURIERS.get(inv.courier_code)
            if code is None and not str(inv.courier_code).isdigit():
                out.append(LineOutcome(Outcome.REJECTED, gettext("ESM 택배사 코드로 바꿀 수 없는 택배사입니다: "
                                                                 "%(courier)s", courier=inv.courier_code),
                                       inv.channel_order_id, inv.channel_line_id))
                continue
            shipped = to_kst(inv.shipped_at or self.now())
            out.append(self._write("/shipping/v1/Delivery/ShippingInfo", {
                "OrderNo": int(inv.channel_line_id), "ShippingDate": f"{shipped:%Y-%m-%dT%H:%M:%S}",
                "DeliveryCompanyCode": code or int(inv.courier_code),
                "InvoiceNo": inv.tracking_number}, inv.channel_order_id, inv.channel_line_id,
                gettext("발송처리되었습니다.")))
        return out

    def cancel_sale(self, lines: list[OrderLine], reason: str) -> list[LineOutcome]:
        """판매취소 (품절): the buyer is refunded and the product or option is marked sold out."""
        out = []
        for x in lines:
            result = self._write(f"/claim/v1/sa/Cancel/{x.channel_line_id}/SoldOut",
                                 {"SiteType": self.site_type}, x.channel_order_id,
                                 x.channel_line_id, gettext("판매취소되었습니다. ESM에서 해당 상품(옵션)이 "
                                                    "품절 처리됩니다."))
            out.append(result)
        return out


# 상품 등록 needs the seller's own ESM PLUS numbers (상품등록/수정 API: 출하지번호, 묶음배송비정책번호,
# 반품/교환 판매자주소번호, 발송정책번호, 상품정보고시 상품군코드); the portal cannot invent them.
LISTING_FIELDS = (
    CredentialField("place_no", N_("출하지 번호"), secret=False, required=False,
                    help_ko=N_("ESM PLUS 판매자정보 > 출하지 관리의 출하지 번호(placeNo)")),
    CredentialField("delivery_tmpl_id", N_("묶음배송비 정책번호"), secret=False, required=False,
                    help_ko=N_("ESM PLUS 판매자정보 > 배송비 관리의 묶음배송비 정책번호")),
    CredentialField("return_addr_no", N_("반품/교환 주소번호"), secret=False, required=False,
                    help_ko=N_("ESM PLUS 판매자정보 > 주소록의 반품/교환 주소번호(addrNo)")),
    CredentialField("dispatch_policy_no", N_("발송정책 번호"), secret=False, required=False,
                    help_ko=N_("ESM PLUS 판매자정보 > 발송정책 관리의 이 사이트 발송정책 번호")),
    CredentialField("notice_group_no", N_("상품정보고시 상품군 코드"), secret=False, required=False,
                    help_ko=N_("ESM 고시 상품군 코드(1~41). 고시 항목은 모두 '상품상세설명 참조'로 "
                               "보냅니다.")),
)


class GmarketAdapter(EsmAdapter):
    code = "gmarket"
    display_name = "G마켓"
    site, site_type, claim_site_type = "G", 2, 3
    credential_fields = (
        CredentialField("master_id", N_("ESM+ 마스터 ID"), secret=False,
                        help_ko=N_("ESM PLUS에 로그인하는 마스터 ID")),
        CredentialField("secret_key", "ESM Trading API Secret Key", secret=True,
                        help_ko=N_("API 사용 승인 후 ESM에서 발급한 Secret Key")),
        CredentialField("seller_id", N_("G마켓 판매자 아이디"), secret=False,
                        help_ko=N_("마스터 ID에 연결된 G마켓 판매자 아이디")),
        *LISTING_FIELDS,
    )
    key_help_ko, key_help_args = KEY_HELP, {"site": ko("G마켓")}


class AuctionAdapter(EsmAdapter):
    code = "auction"
    display_name = "옥션"
    site, site_type, claim_site_type = "A", 1, 1
    credential_fields = (
        GmarketAdapter.credential_fields[0], GmarketAdapter.credential_fields[1],
        CredentialField("seller_id", N_("옥션 판매자 아이디"), secret=False,
                        help_ko=N_("마스터 ID에 연결된 옥션 판매자 아이디")),
        *LISTING_FIELDS,
    )
    key_help_ko, key_help_args = KEY_HELP, {"site": ko("옥션")}


adapters = [GmarketAdapter, AuctionAdapter]
