"""샌드박스몰 and the channels without a real client yet, on the sandbox's generic protocol.

G마켓·옥션 (marketplaces/esm) and Qoo10 (marketplaces/qoo10) have real clients and are not here.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

from flask_babel import gettext

from portal.i18n import N_
from portal.marketplaces import (
    ChannelAdapter, ChannelError, ChannelType, Claim, ClaimAction, ConnectionResult,
    CredentialField, DispatchDelay,
    Inquiry, Invoice, LineOutcome, Notice, Order, OrderLine, Outcome, dedupe,
    not_supported, split_windows, to_kst,
)

from . import mapping
from .client import GenericClient
from .products import GenericProducts

API_KEY = CredentialField("api_key", N_("API 키"), secret=True)
LOGIN_ID = CredentialField("login_id", N_("판매자 아이디"), secret=False, required=False)
PASSWORD = CredentialField("password", N_("비밀번호"), secret=True, required=False,
                           help_ko=N_("API 키만으로 연동되는 제휴몰은 비워 두어도 됩니다."))
RESULT = {"OK": Outcome.OK, "ALREADY_DONE": Outcome.ALREADY_DONE}


class GenericAdapter(GenericProducts, ChannelAdapter):
    """Client of the sandbox's generic JSON protocol; `auth_fields` are sent joined as the key."""

    code = "sandbox"
    display_name = "샌드박스몰"
    channel_type = ChannelType.OPEN_MARKET
    credential_fields = (API_KEY,)
    auth_fields: tuple[str, ...] = ("api_key",)
    default_base_url = "http://127.0.0.1:5001/generic"
    live_api = False
    offered = False
    key_help_ko = N_("1. 샌드박스 마켓 운영 화면(/_ops/)에서 상점을 만듭니다.\n"
                     "2. 데모 상점의 API 키는 demo-sandbox-key 입니다.\n"
                     "3. 키를 입력하고 저장한 뒤 목록의 [접속 테스트]를 누르면 '인증되었습니다'가 표시됩니다.")
    max_order_window = timedelta(days=7)
    honours_option_prices = True
    sends_dispatch_delay = True
    reads_key_expiry = False

    @property
    def client(self) -> GenericClient:
        key = ":".join(self.credential(name) for name in self.auth_fields)
        return GenericClient(self.base_url, self.code, key, self.http, self.account_key)

    def test_connection(self) -> ConnectionResult:
        try:
            self.client.call("GET", "/auth/check")
            expires = self.key_expiry()
        except ChannelError as exc:
            return ConnectionResult(False, exc.message_ko)
        return ConnectionResult(True, ConnectionResult.OK_MESSAGE, key_expires_on=expires)

    def key_expiry(self) -> date | None:
        """The key's expiry date where the channel answers it (reads_key_expiry)."""
        if not self.reads_key_expiry:
            return None
        return date.fromisoformat(self.client.call("GET", "/license/expiry")["expiry_date"])

    def _paged(self, path, key, since, until, span):
        rows = []
        for start, end in split_windows(since, until, span):
            page = 1
            while True:
                body = self.client.call("GET", path, params={"from": to_kst(start).isoformat(),
                                                             "to": to_kst(end).isoformat(),
                                                             "page": page})
                rows.extend(body[key])
                if not body.get("page", {}).get("has_next"):
                    break
                page += 1
        return rows

    def fetch_orders(self, since: datetime, until: datetime) -> list[Order]:
        rows = self._paged("/orders", "orders", since, until, self.max_order_window)
        return [mapping.order(r, self.code, self.account_key)
                for r in dedupe(rows, lambda r: r["order_id"])]

    def _line_results(self, path, payload, lines):
        try:
            results = {r["line_id"]: r
                       for r in self.client.call("POST", path, json=payload, write=True)["results"]}
        except ChannelError as exc:
            return [self.line_failure(exc, x.channel_order_id, x.channel_line_id) for x in lines]
        out = []
        for x in lines:
            r = results.get(x.channel_line_id,
                            {"result": "ERROR", "message": gettext("응답에 없는 주문입니다.")})
            out.append(LineOutcome(RESULT.get(r["result"], Outcome.REJECTED), r.get("message", ""),
                                   x.channel_order_id, x.channel_line_id))
        return out

    def confirm_orders(self, lines: list[OrderLine], ship_at: datetime | None = None,
                       delay: DispatchDelay | None = None) -> list[LineOutcome]:
        payload = {"line_ids": [x.channel_line_id for x in lines]}
        if ship_at is not None:
            payload["ship_at"] = to_kst(ship_at).isoformat()
        if delay is not None:
            payload.update(delay_reason=delay.reason, delay_detail=delay.detail)
        return self._line_results("/orders/confirm", payload, lines)

    def cancel_sale(self, lines: list[OrderLine], reason: str) -> list[LineOutcome]:
        return self._line_results("/orders/cancel", {"line_ids": [x.channel_line_id for x in lines],
                                                     "reason": reason}, lines)

    def send_invoices(self, invoices: list[Invoice]) -> list[LineOutcome]:
        items = [{"line_id": i.channel_line_id, "courier": i.courier_code,
                  "tracking_number": i.tracking_number}
                 for i in invoices]
        lines = [OrderLine(self.code, self.account_key, i.channel_order_id, i.channel_line_id,
                           "", 0) for i in invoices]
        return self._line_results("/orders/invoices", {"items": items}, lines)

    def fetch_claims(self, since: datetime, until: datetime) -> list[Claim]:
        rows = self._paged("/claims", "claims", since, until, self.max_order_window)
        return [mapping.claim(r) for r in dedupe(rows, lambda r: r["claim_id"])]

    def process_claim(self, claim: Claim, action: ClaimAction,
                      reason: str | None = None) -> list[LineOutcome]:
        verb = "approve" if action is ClaimAction.APPROVE else "reject"
        try:
            body = self.client.call("POST", f"/claims/{claim.channel_claim_id}/{verb}",
                                    json={"reason": reason or ""}, write=True)
        except ChannelError as exc:
            return [self.line_failure(exc, claim.channel_order_id, claim.channel_line_id,
                                      key=claim.channel_claim_id)]
        return [LineOutcome(RESULT.get(body["result"], Outcome.REJECTED), body.get("message", ""),
                            claim.channel_order_id, claim.channel_line_id,
                            key=claim.channel_claim_id)]

    def fetch_inquiries(self, since: datetime, until: datetime) -> list[Inquiry]:
        rows = self._paged("/inquiries", "inquiries", since, until, self.max_order_window)
        return [mapping.inquiry(r) for r in dedupe(rows, lambda r: r["inquiry_id"])]

    def answer_inquiry(self, inquiry_id: str, text: str) -> list[LineOutcome]:
        try:
            self.client.call("POST", f"/inquiries/{inquiry_id}/answer", json={"text": text},
                             write=True)
        except ChannelError as exc:
            return [self.line_failure(exc, key=inquiry_id)]
        return [LineOutcome(Outcome.OK, gettext("답변이 등록되었습니다."), key=inquiry_id)]

    def fetch_notices(self, since: datetime | None = None) -> list[Notice]:
        params = {"since": to_kst(since).isoformat()} if since else None
        return [mapping.notice(r)
                for r in self.client.call("GET", "/notices", params=params)["notices"]]


GENERAL_MALL_CANCEL = not_supported(N_("종합몰은 포털에서 판매취소를 연동할 수 없습니다. "
                                    "제휴몰 판매자 화면에서 직접 취소해 주세요."))


# The channel's name and menu go in as %(name)s and %(menu)s when the help is shown
# (ChannelAdapter.key_help_lines).
GENERIC_HELP = N_("1. %(name)s 판매자 화면에 로그인합니다.\n"
                  "2. %(menu)s 메뉴에서 Open API(연동) 키 발급을 신청합니다.\n"
                  "3. 발급된 키를 복사해 이 화면에 붙여 넣고 저장한 뒤 목록의 [접속 테스트]를 누릅니다.\n"
                  "※ 아직 실제 연동 전이므로 샌드박스 마켓 주소로만 연결됩니다.")
NO_API_HELP = N_("1. %(name)s은(는) 판매자용 API를 공개하지 않아 실제 제휴몰과는 연동할 수 없습니다.\n"
                 "2. 주문은 %(name)s 판매자 페이지에서 내려받은 파일을 [주문서 가져오기]로 올려 주세요.\n"
                 "3. 여기에 등록하는 계정은 샌드박스 마켓(연습/데모)에만 연결됩니다.")


# code, display name, type, real API/seller URL, where the key is issued
CHANNELS = (
    ("interpark", "인터파크", ChannelType.OPEN_MARKET, "https://www.interpark.com",
     N_("판매자센터 > 연동관리")),
    ("wemakeprice", "위메프", ChannelType.OPEN_MARKET, "https://www.wemakeprice.com",
     N_("파트너센터 > API 연동")),
    ("hmall", "현대몰", ChannelType.GENERAL_MALL, "https://www.hmall.com",
     N_("협력사 시스템 > 연동관리")),
    ("cjmall", "CJ mall", ChannelType.GENERAL_MALL, "https://www.cjonstyle.com",
     N_("협력사 포털 > API 관리")),
    ("lotte", "롯데닷컴", ChannelType.GENERAL_MALL, "https://www.lotteon.com",
     N_("파트너 센터 > API 연동")),
    ("lottehomeshopping", "롯데홈쇼핑", ChannelType.GENERAL_MALL, "https://www.lotteimall.com",
     N_("협력사 시스템 > 연동관리")),
    ("gsshop", "GS SHOP", ChannelType.GENERAL_MALL, "https://www.gsshop.com",
     N_("협력사 시스템 > API 관리")),
    ("publichomeshopping", "공영홈쇼핑", ChannelType.GENERAL_MALL, "https://www.gongyoungshop.kr",
     N_("협력사 시스템 > 연동관리")),
    ("buyma", "BUYMA", ChannelType.CROSS_BORDER, "https://www.buyma.com", ""),
)
# Channels that publish no seller API at all: their orders come in through 주문서 가져오기 with
# the export layout named here; the adapter only keeps the sandbox practice shop.
NO_SELLER_API = {"buyma": "buyma"}


def _make(code, name, channel_type, url, menu) -> type[GenericAdapter]:
    attrs = {"code": code, "display_name": name, "offered": True, "channel_type": channel_type,
             "default_base_url": url, "key_help_ko": GENERIC_HELP, "__module__": __name__,
             "key_help_args": {"name": name, "menu": menu},
             "credential_fields": (LOGIN_ID, PASSWORD, API_KEY),
             "__doc__": f"{name}: generic sandbox protocol."}
    if code in NO_SELLER_API:
        attrs.update(seller_api=False, order_file_preset=NO_SELLER_API[code],
                     key_help_ko=NO_API_HELP)
    if channel_type is ChannelType.GENERAL_MALL:
        # 종합몰: option prices and add-on products are not honoured, and sales cannot be
        # cancelled here.
        attrs.update(cancel_sale=GENERAL_MALL_CANCEL, honours_option_prices=False)
    return type(f"{code.title().replace('_', '')}Adapter", (GenericAdapter,), attrs)


adapters = [GenericAdapter] + [_make(*row) for row in CHANNELS]
