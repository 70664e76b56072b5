"""11번가 adapter: Seller Open API (openapikey header, EUC-KR XML, writes as path GETs)."""
from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import quote

from flask_babel import gettext

from portal.i18n import N_, ko
from portal.marketplaces import (
    AuthError, Category, PermanentError, ChannelAdapter, ChannelError, ChannelType, Claim,
    ClaimAction, ClaimKind,
    ConnectionResult, CredentialField, DispatchDelay, Inquiry, Invoice, LineOutcome, Notice, Order,
    OrderLine,
    Outcome, dedupe, outcome_for_error, split_windows, to_kst,
)

from . import mapping
from .client import ElevenstClient, rows, to_xml
from .addresses import ElevenstAddressBook
from .products import ElevenstProducts

ALIMI_WINDOW = timedelta(days=30)

CANCEL_CODES = (("지연", "06"), ("정보", "07"), ("옵션", "09"), ("품절", "08"), ("변심", "10"))
SHIPPED = {"shipping", "dlvcompleted", "completed"}


def stamp(value: datetime, *, up: bool = False) -> str:
    """yyyyMMddHHmm in KST; window ends round up so the last partial minute is not lost."""
    value = to_kst(value)
    if up and (value.second or value.microsecond):
        value = value.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return value.strftime("%Y%m%d%H%M")


# Minute rounding at both ends must keep each query inside the 7-day limit.
WINDOW = timedelta(days=7) - timedelta(minutes=2)


class ElevenstAdapter(ElevenstProducts, ElevenstAddressBook, ChannelAdapter):
    code = "11st"
    display_name = "11번가"
    max_options = 99  # "11번가의 경우 옵션이 100개 이상 등록 하실수 없습니다" (상품정보관리 가이드, 옵션정보)
    channel_type = ChannelType.OPEN_MARKET
    credential_fields = (
        CredentialField("openapikey", "Open API Key", secret=True, help_ko=N_("32자리 키")),
        CredentialField("login_id", N_("셀러오피스 아이디"), secret=False, required=False),
        CredentialField("addr_seq_out", N_("출고지 주소 코드"), secret=False, required=False,
                        help_ko=N_("셀러오피스 주소록의 출고지 주소 순번(addrSeq). "
                                   "저장 후 [주소록 불러오기]로 목록에서 고를 수 있습니다.")),
        CredentialField("addr_seq_in", N_("반품/교환지 주소 코드"), secret=False, required=False,
                        help_ko=N_("셀러오피스 주소록의 반품/교환지 주소 순번(addrSeq). "
                                   "저장 후 [주소록 불러오기]로 목록에서 고를 수 있습니다.")),
    )
    listing_settings = ("addr_seq_out", "addr_seq_in")
    default_base_url = "https://api.11st.co.kr/rest"
    key_help_ko = N_("1. 11번가 셀러오피스에 로그인합니다.\n"
                     "2. 셀러오피스 > Open API 관리에서 서비스를 신청하고 호출 IP(개발/운영)를 "
                     "등록합니다.\n"
                     "3. 승인 후(약 1시간) 발급된 32자리 Open API Key를 복사해 입력합니다.\n"
                     "4. 키는 180일마다 갱신이 필요할 수 있으니 만료일을 함께 적어 두세요.")
    max_order_window = timedelta(days=7)
    sends_dispatch_delay = True
    exchange_needs_invoice = True

    @property
    def client(self) -> ElevenstClient:
        return ElevenstClient(self.base_url, self.credential("openapikey"), self.http,
                              self.account_key)

    def test_connection(self) -> ConnectionResult:
        now = self.now()
        try:
            self.client.call("GET", f"/ordservices/complete/{stamp(now - timedelta(hours=1))}/"
                                    f"{stamp(now, up=True)}")
        except ChannelError as exc:
            return ConnectionResult(False, exc.message_ko)
        return ConnectionResult(True, ConnectionResult.OK_MESSAGE)

    # ------------------------------------------------------------ products
    def fetch_categories(self, parent_id: str | None = None) -> list[Category]:
        cats = [mapping.category(r)
                for r in rows(self.client.call("GET", "/cateservice/category"), "category")]
        return [c for c in cats if c.parent_id == parent_id]

    # ------------------------------------------------------------ orders
    def _order_rows(self, since: datetime, until: datetime, kinds) -> list[tuple[str, dict]]:
        out = []
        for start, end in split_windows(since, until, WINDOW):
            for kind in kinds:
                root = self.client.call("GET",
                                        f"/ordservices/{kind}/{stamp(start)}/{stamp(end, up=True)}")
                out.extend((kind, r) for r in rows(root, "order"))
        return dedupe(out, lambda p: (p[1]["ordNo"], p[1]["ordPrdSeq"]))

    def fetch_orders(self, since: datetime, until: datetime) -> list[Order]:
        return mapping.orders(self._order_rows(since, until, list(mapping.LIST_STATUS)), self.code,
                              self.account_key)

    def _line_state(self, order_id: str, seq: str) -> dict | None:
        """Read one line back through claimservice/orderlistall (status per line)."""
        try:
            found = rows(self.client.call("GET", f"/claimservice/orderlistall/{order_id}"), "order")
        except ChannelError:
            return None
        return next((r for r in found if r.get("ordPrdSeq") == str(seq)), None)

    def _write_line(self, path, x: OrderLine, already) -> LineOutcome:
        try:
            root = self.client.call("GET", path, write=True)
        except AuthError:
            raise
        except ChannelError as exc:
            # Only a refusal is worth reading back; a lost answer stays AMBIGUOUS for the caller
            # to check.
            state = (self._line_state(x.channel_order_id, x.channel_line_id)
                     if isinstance(exc, PermanentError) else None)
            outcome = Outcome.ALREADY_DONE if state and already(state) else outcome_for_error(exc)
            return LineOutcome(outcome, exc.message_ko, x.channel_order_id, x.channel_line_id)
        return LineOutcome(Outcome.OK, root.findtext("result_text") or gettext("처리되었습니다."),
                           x.channel_order_id, x.channel_line_id)

    def confirm_orders(self, lines: list[OrderLine], ship_at: datetime | None = None,
                       delay: DispatchDelay | None = None) -> list[LineOutcome]:
        """발주확인 is one GET per line, with the line's own addPrdYn/addPrdNo ("null" without an
        add-on); with a delay, 발송지연안내 (deliveryDelayGuide) follows once per dlvNo."""
        out, told = [], {}
        for x in lines:
            add_no = mapping.add_on(x.raw_status)
            confirmed = self._write_line(
                f"/ordservices/reqpackaging/{x.channel_order_id}/{x.channel_line_id}/"
                f"{'Y' if add_no else 'N'}/{add_no or 'null'}/{x.ship_unit_id}", x,
                lambda s: s.get("ordPrdStat") not in ("", "202"))
            if delay is not None and confirmed.ok:
                key = x.ship_unit_id or x.channel_order_id
                if key not in told:
                    told[key] = self._delay_note(x, ship_at, delay)
                confirmed.message = f"{confirmed.message} {told[key]}".strip()
            out.append(confirmed)
        return out

    def _delay_note(self, x: OrderLine, ship_at: datetime | None, delay: DispatchDelay) -> str:
        if ship_at is None:
            return gettext("예상 발송일이 없어 발송지연 안내를 전송하지 않았습니다.")
        try:
            self.client.call("POST", "/ordservices/deliveryDelayGuide", write=True,
                             body=mapping.delay_xml(x.channel_order_id, x.ship_unit_id, ship_at,
                                                    delay))
        except AuthError:
            raise
        except ChannelError as exc:
            return gettext("발송지연 안내를 전송하지 못했습니다: %(message)s", message=exc.message_ko)
        return gettext("발송지연 안내(%(reason)s)를 전송했습니다.", reason=gettext(delay.label_ko))

    def send_invoices(self, invoices: list[Invoice]) -> list[LineOutcome]:
        """One call ships the whole dlvNo bundle; every line of the bundle gets the same outcome."""
        out, sent = [], {}
        for inv in invoices:
            x = OrderLine(self.code, self.account_key, inv.channel_order_id, inv.channel_line_id,
                          "", 0, ship_unit_id=inv.ship_unit_id)
            if not inv.ship_unit_id:
                out.append(LineOutcome(Outcome.REJECTED,
                                       gettext("11번가 송장 전송에는 배송번호(dlvNo)가 필요합니다."),
                                       inv.channel_order_id, inv.channel_line_id))
                continue
            if inv.ship_unit_id in sent:
                prior = sent[inv.ship_unit_id]
                out.append(LineOutcome(prior.outcome, prior.message, inv.channel_order_id,
                                       inv.channel_line_id))
                continue
            courier = mapping.COURIERS.get(inv.courier_code, inv.courier_code)
            path = (f"/ordservices/reqdelivery/{stamp(inv.shipped_at or self.now())}/01/{courier}/"
                    f"{quote(inv.tracking_number)}/{inv.ship_unit_id}")
            result = self._write_line(path, x, lambda s, n=inv.tracking_number: s.get("invcNo") == n
                                      and s.get("ordPrdStat") not in ("", "202", "301"))
            sent[inv.ship_unit_id] = result
            out.append(result)
        return out

    def cancel_sale(self, lines: list[OrderLine], reason: str) -> list[LineOutcome]:
        code = next((c for word, c in CANCEL_CODES if word in (reason or "")), "99")
        text = quote((reason or ko("판매자 취소"))[:100], safe="")  # the buyer reads it on 11번가
        return [self._write_line(f"/claimservice/reqrejectorder/{x.channel_order_id}/"
                                 f"{x.channel_line_id}/{code}/{text}",
                                 x, lambda s: s.get("ordPrdStat") == "B01") for x in lines]

    # ------------------------------------------------------------ claims
    def fetch_claims(self, since: datetime, until: datetime) -> list[Claim]:
        out = []
        for start, end in split_windows(since, until, WINDOW):
            for kind in mapping.CLAIM_LISTS:
                root = self.client.call(
                    "GET", f"/claimservice/{kind}/{stamp(start)}/{stamp(end, up=True)}")
                out.extend(mapping.claim(kind, r) for r in rows(root, "order"))
        return dedupe(out, lambda c: (c.kind, c.channel_claim_id))

    def process_claim(self, claim: Claim, action: ClaimAction,
                      reason: str | None = None, invoice: Invoice | None = None) -> list[LineOutcome]:
        o, seq, cid = claim.channel_order_id, claim.channel_line_id, claim.channel_claim_id
        exchange = None
        if invoice is not None and invoice.tracking_number:
            # 교환 승인처리 (apiSeq 1649): the re-delivery courier and invoice travel in the path.
            exchange = (f"/claimservice/exchangereqconf/{cid}/{o}/{seq}/"
                        f"{mapping.COURIERS.get(invoice.courier_code, invoice.courier_code)}/"
                        f"{quote(invoice.tracking_number, safe='')}")
        text = quote((reason or ko("판매자 거부"))[:100], safe="")
        code = mapping.refusal_code(claim.kind, reason)
        path = {
            (ClaimKind.CANCEL, True): f"/claimservice/cancelreqconf/{cid}/{o}/{seq}",
            (ClaimKind.RETURN, True): f"/claimservice/returnreqconf/{cid}/{o}/{seq}",
            (ClaimKind.RETURN, False):
                f"/claimservice/returnreqreject/{o}/{seq}/{cid}/{code}/{text}",
            (ClaimKind.EXCHANGE, True): exchange,
            (ClaimKind.EXCHANGE, False):
                f"/claimservice/exchangereqreject/{o}/{seq}/{cid}/{code}/{text}",
        }.get((claim.kind, action is ClaimAction.APPROVE))
        ids = dict(channel_order_id=o, channel_line_id=seq, key=cid)
        if path is None:
            message = (gettext("11번가 교환 승인에는 재발송 택배사와 송장번호가 필요합니다.")
                       if claim.kind is ClaimKind.EXCHANGE else
                       gettext("11번가 취소요청 거부는 발송처리로 대신합니다. 송장을 전송해 주세요."))
            return [LineOutcome(Outcome.REJECTED, message, **ids)]
        try:
            self.client.call("GET", path, write=True)
        except ChannelError as exc:
            return [self.line_failure(exc, **ids)]
        if path == exchange:
            return [LineOutcome(Outcome.OK, gettext("교환 승인과 재배송(%(courier)s %(number)s) 처리되었습니다.",
                                                    courier=invoice.courier_code,
                                                    number=invoice.tracking_number), **ids)]
        return [LineOutcome(Outcome.OK, gettext("%(label_ko)s %(label_ko2)s 처리되었습니다.",
                                                label_ko=claim.kind.label_ko, label_ko2=action.label_ko),
                            **ids)]

    # ------------------------------------------------------------ Q&A
    def fetch_inquiries(self, since: datetime, until: datetime) -> list[Inquiry]:
        out = []
        for start, end in split_windows(since, until, timedelta(days=6), overlap=timedelta(days=1)):
            root = self.client.call("GET", f"/prodqnaservices/prodqnalist/{to_kst(start):%Y%m%d}/"
                                           f"{to_kst(end):%Y%m%d}/00")
            out.extend(mapping.inquiry(r) for r in rows(root, "productQna"))
        return dedupe(out, lambda i: i.channel_inquiry_id)

    def answer_inquiry(self, inquiry_id: str, text: str) -> list[LineOutcome]:
        board_no, _, product_no = inquiry_id.partition("-")
        try:
            # PUT of the whole answer: repeating it leaves the same answer.
            self.client.call("PUT", f"/prodqnaservices/prodqnaanswer/{board_no}/{product_no}",
                             body=to_xml("ProductQna", {"answerCont": text}))
        except ChannelError as exc:
            return [self.line_failure(exc, key=inquiry_id)]
        return [LineOutcome(Outcome.OK, gettext("답변이 등록되었습니다."), key=inquiry_id)]

    def fetch_notices(self, since: datetime | None = None) -> list[Notice]:
        """긴급알리미 of the last 30 days (the call's limit); 11번가 has no API for its other seller notices."""
        until = self.now()
        since = max(since or until - ALIMI_WINDOW, until - ALIMI_WINDOW)
        root = self.client.call("GET", f"/alimi/getalimilist/{to_kst(since):%Y%m%d}/{to_kst(until):%Y%m%d}")
        return dedupe([mapping.alimi(r) for r in rows(root, "alimListInfo")], lambda n: n.channel_notice_id)


adapter = ElevenstAdapter
