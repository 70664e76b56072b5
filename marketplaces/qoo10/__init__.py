"""Qoo10 (JP) adapter: QAPI with an API key and the seller authorization key it issues."""
from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import gettext

from portal.i18n import N_
from portal.marketplaces import (
    ChannelAdapter, ChannelError, ChannelType, ConnectionResult, CredentialField, DispatchDelay,
    Invoice, LineOutcome, Order, OrderLine, Outcome, dedupe, not_supported, split_windows, to_kst,
)

from . import mapping
from .client import Qoo10Client
from .cs import Qoo10Cs

WINDOW = timedelta(days=30)
NO_CLAIM_ACTION = N_("Qoo10 QAPI에는 구매자의 취소/반품 요청을 승인·거부하는 Method가 없습니다. "
                   "QSM에서 처리해 주세요. 판매자 사정의 취소는 판매취소로 보낼 수 있습니다.")


class Qoo10Adapter(Qoo10Cs, ChannelAdapter):
    code = "qoo10jp"
    price_currency = "JPY"  # PROTOCOL.md: prices are yen
    display_name = "Qoo10"
    channel_type = ChannelType.CROSS_BORDER
    credential_fields = (
        CredentialField("api_key", "QAPI API Key", secret=True,
                        help_ko=N_("Qoo10에 신청해 발급받은 API Key (판매자 인증키 발급에 쓰입니다)")),
        CredentialField("login_id", N_("QSM 아이디"), secret=False,
                        help_ko=N_("QSM(Qoo10 Sales Manager)에 로그인하는 판매자 아이디")),
        CredentialField("password", N_("QSM 비밀번호"), secret=True,
                        help_ko=N_("QSM 비밀번호. 바꾸면 판매자 인증키가 무효가 되니 여기서도 바꿔 주세요.")),
    )
    default_base_url = "https://api.qoo10.jp/GMKT.INC.Front.QAPIService/ebayjapan.qapi"
    key_help_ko = N_("1. QSM(qsm.qoo10.jp)에 로그인해 [Qoo10へのお問い合わせ] > 카테고리 [システム] > "
                     "[API・FTP・QSM権限]으로 API Key 발급을 신청합니다 (판매자 ID, 메일, 상품 카테고리, "
                     "이용 목적, 연동 회사명).\n"
                     "2. 발급된 API Key와 QSM 아이디, 비밀번호를 입력하고 저장합니다. 포털이 이 값으로 "
                     "판매자 인증키(CertificationAPI.CreateCertificationKey)를 받아 씁니다.\n"
                     "3. 목록의 [접속 테스트]를 눌러 '인증되었습니다'가 나오는지 확인합니다. API Key는 "
                     "1년마다 갱신해야 하니 만료일을 적어 두세요.")
    max_order_window = WINDOW
    sends_dispatch_delay = True

    _seller_key: str = ""

    @property
    def client(self) -> Qoo10Client:
        return Qoo10Client(self.base_url, self.http, self.account_key)

    def seller_key(self) -> str:
        """판매자 인증키 (SAK) from the API key and the QSM login, once per adapter."""
        if not self._seller_key:
            body = self.client.call("CertificationAPI.CreateCertificationKey",
                                    self.credential("api_key"),
                                    {"user_id": self.credential("login_id"),
                                     "pwd": self.credential("password")})
            self._seller_key = str(body.get("ResultObject") or "")
        return self._seller_key

    def _call(self, method: str, params: dict, *, write: bool = False) -> dict:
        return self.client.call(method, self.seller_key(), params, write=write)

    def test_connection(self) -> ConnectionResult:
        try:
            self.seller_key()
        except ChannelError as exc:
            return ConnectionResult(False, exc.message_ko)
        return ConnectionResult(True, ConnectionResult.OK_MESSAGE)

    # ------------------------------------------------------------ orders
    def fetch_orders(self, since: datetime, until: datetime) -> list[Order]:
        pairs = []
        for start, end in split_windows(since, until, WINDOW):
            for stat in mapping.LIST_STATS:
                body = self._call("ShippingBasic.GetShippingInfo_v2", {
                    "ShippingStat": stat, "search_Sdate": f"{to_kst(start):%Y%m%d%H%M%S}",
                    "search_Edate": f"{to_kst(end):%Y%m%d%H%M%S}", "search_condition": "1"})
                pairs.extend((stat, r) for r in body.get("ResultObject") or [])
        pairs = dedupe(pairs, lambda p: str(p[1]["orderNo"]))
        return mapping.orders(pairs, self.code, self.account_key)

    def _line_write(self, method, params, x_order, x_line, ok_ko, already=()) -> LineOutcome:
        ids = dict(channel_order_id=x_order, channel_line_id=x_line)
        try:
            body = self._call(method, params, write=True)
        except ChannelError as exc:
            if exc.code in already:
                return LineOutcome(Outcome.ALREADY_DONE, exc.message_ko, **ids)
            return self.line_failure(exc, **ids)
        return LineOutcome(Outcome.OK, body.get("ResultMsg") or ok_ko, **ids)

    def confirm_orders(self, lines: list[OrderLine], ship_at: datetime | None = None,
                       delay: DispatchDelay | None = None) -> list[LineOutcome]:
        """発注確認 (SetSellerCheckYN_V2) per order line with its 発送予定日; a delay's reason
        travels as DelayType/DelayMemo."""
        ship_day = to_kst(max(ship_at or self.now(), self.now()))
        params = {"EstShipDt": f"{ship_day:%Y%m%d}", "DelayType": "", "DelayMemo": ""}
        if delay is not None:
            params.update(DelayType=mapping.DELAY_TYPES.get(delay.reason, "4"),
                          DelayMemo=(delay.text_ko or "")[:100])
        return [self._line_write("ShippingBasic.SetSellerCheckYN_V2",
                                 {"OrderNo": x.channel_line_id, **params}, x.channel_order_id,
                                 x.channel_line_id, gettext("발주확인 처리되었습니다."), ("-10012",))
                for x in lines]

    def send_invoices(self, invoices: list[Invoice]) -> list[LineOutcome]:
        return [self._line_write("ShippingBasic.SetSendingInfo", {
            "OrderNo": inv.channel_line_id,
            "ShippingCorp": mapping.CARRIERS.get(inv.courier_code, inv.courier_code),
            "TrackingNo": inv.tracking_number}, inv.channel_order_id, inv.channel_line_id,
            gettext("송장이 등록되었습니다.")) for inv in invoices]

    # ------------------------------------------------------------ stock and price
    def update_stock(self, listing_ids_and_quantities: list[tuple[str, int]]) -> list[LineOutcome]:
        """ItemsOrder.SetGoodsPriceQty with the Qoo10 item code and the new quantity only."""
        out = []
        for item_code, qty in listing_ids_and_quantities:
            try:
                self._call("ItemsOrder.SetGoodsPriceQty", {"ItemCode": item_code, "Qty": str(qty)},
                           write=True)
            except ChannelError as exc:
                out.append(self.line_failure(exc, key=item_code))
                continue
            out.append(LineOutcome(Outcome.OK, gettext("재고가 수정되었습니다."), key=item_code))
        return out

    def update_price(self, item_code: str, price: int) -> LineOutcome:
        """판매가 of one item (ItemsOrder.SetGoodsPriceQty with Price)."""
        try:
            self._call("ItemsOrder.SetGoodsPriceQty", {"ItemCode": item_code, "Price": str(price)},
                       write=True)
        except ChannelError as exc:
            return self.line_failure(exc, key=item_code)
        return LineOutcome(Outcome.OK, gettext("판매가가 수정되었습니다."), key=item_code)

    process_claim = not_supported(NO_CLAIM_ACTION)


adapter = Qoo10Adapter
