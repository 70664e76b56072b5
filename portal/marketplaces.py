"""Marketplace adapter contract: ChannelAdapter, normalized DTOs, outcomes, errors and discovery."""
from __future__ import annotations

import enum
import importlib
import pkgutil
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from importlib import metadata
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

if TYPE_CHECKING:  # the transport is injected; importing it here would be a cycle
    from portal.channel_http import ChannelHttp

KST = timezone(timedelta(hours=9), "KST")
ENTRY_POINT_GROUP = "seller_portal.marketplaces"
MARKETPLACES_PACKAGE = "marketplaces"


# --------------------------------------------------------------------------- vocabulary

class ChannelType(enum.Enum):
    OPEN_MARKET = "오픈마켓"
    GENERAL_MALL = "종합몰"
    CROSS_BORDER = "해외몰"

    @property
    def label(self) -> str:
        return self.value


class OrderStatus(enum.Enum):
    """Normalized order-line status; the order of members is the order of the normal flow."""

    PAYMENT_WAITING = "입금대기"
    NEW = "신규주문"
    CONFIRMED = "발주확인"
    SHIPPING = "배송중"
    DELIVERED = "배송완료"
    PURCHASE_DECIDED = "구매확정"
    CANCEL_REQUESTED = "취소요청"
    CANCELED = "취소완료"
    RETURN_REQUESTED = "반품요청"
    RETURNED = "반품완료"
    RETURN_REJECTED = "반품거부"
    EXCHANGE_REQUESTED = "교환요청"
    EXCHANGED = "교환완료"
    EXCHANGE_REJECTED = "교환거부"
    UNKNOWN = "확인필요"

    @property
    def label_ko(self) -> str:
        return self.value


class ClaimKind(enum.Enum):
    CANCEL = "취소"
    RETURN = "반품"
    EXCHANGE = "교환"

    @property
    def label_ko(self) -> str:
        return self.value


class ClaimAction(enum.Enum):
    APPROVE = "승인"
    REJECT = "거부"

    @property
    def label_ko(self) -> str:
        return self.value


class Outcome(enum.Enum):
    """Result of one line of a write.

    AMBIGUOUS means the request was sent but no answer came back (timeout, 504 after
    sending). The channel may or may not have applied it: callers must read the line's
    state back (fetch_orders / fetch_claims) before resending, never resend blindly.
    """

    OK = "성공"
    ALREADY_DONE = "이미 처리됨"
    REJECTED = "거부됨"
    RETRYABLE = "재시도 필요"
    AMBIGUOUS = "처리 여부 확인 필요"

    @property
    def label_ko(self) -> str:
        return self.value


# --------------------------------------------------------------------------- errors

class ChannelError(Exception):
    """A channel answered with an error (or did not answer). message_ko is shown to sellers."""

    def __init__(self, message_ko: str, code: str = "", *, http_status: int | None = None):
        super().__init__(message_ko)
        self.message_ko = message_ko
        self.code = code
        self.http_status = http_status


class AuthError(ChannelError):
    """Keys are wrong, expired, or the calling IP/app lacks permission."""


class RetryableError(ChannelError):
    """Transient: the same call may succeed later (5xx before processing, connection refused)."""


class RateLimited(RetryableError):
    def __init__(self, message_ko: str, code: str = "", *, retry_after: float | None = None,
                 http_status: int | None = 429):
        super().__init__(message_ko, code, http_status=http_status)
        self.retry_after = retry_after


class AmbiguousError(RetryableError):
    """The request was sent but the answer was lost; the channel may have applied it."""


class PermanentError(ChannelError):
    """The channel refused the request; resending the same request will fail the same way."""


class NotSupported(ChannelError):
    def __init__(self, message_ko: str = "이 제휴몰은 해당 기능을 제공하지 않습니다.", code: str = ""):
        super().__init__(message_ko, code)


# --------------------------------------------------------------------------- DTOs

@dataclass(frozen=True)
class CredentialField:
    name: str
    label_ko: str
    secret: bool
    required: bool = True
    help_ko: str = ""


@dataclass(frozen=True)
class ConnectionResult:
    ok: bool
    message_ko: str

    OK_MESSAGE = "인증되었습니다"


@dataclass
class Category:
    channel_category_id: str
    name: str
    parent_id: str | None = None
    is_leaf: bool = False


@dataclass
class ListingItem:
    channel_item_id: str
    option_name: str = ""
    stock: int = 0
    price: int = 0


@dataclass
class Listing:
    """A product on a channel. For push_listing, channel_product_id is empty."""

    name: str
    price: int
    stock: int = 0
    category_id: str = ""
    seller_code: str = ""
    channel_product_id: str = ""
    status: str = ""
    description_html: str = ""
    image_urls: tuple[str, ...] = ()
    items: list[ListingItem] = field(default_factory=list)


@dataclass
class OrderLine:
    channel: str
    account_key: str
    channel_order_id: str
    channel_line_id: str
    product_name: str
    quantity: int
    unit_price: int = 0
    amount: int = 0
    status: OrderStatus = OrderStatus.UNKNOWN
    raw_status: str = ""
    option_name: str = ""
    channel_product_id: str = ""
    channel_item_id: str = ""
    seller_code: str = ""
    ship_unit_id: str = ""       # the channel's shipping unit (Coupang shipmentBoxId, 11번가 dlvNo)
    courier_code: str = ""
    tracking_number: str = ""

    @property
    def idempotency_key(self) -> tuple[str, str, str, str]:
        return (self.channel, self.account_key, self.channel_order_id, self.channel_line_id)


_FLOW = list(OrderStatus)


@dataclass
class Order:
    channel: str
    account_key: str
    channel_order_id: str
    ordered_at: datetime | None
    buyer_name: str = ""
    buyer_phone: str = ""
    recipient_name: str = ""
    recipient_phone: str = ""
    address: str = ""
    address_detail: str = ""
    zip_code: str = ""
    delivery_message: str = ""
    total_amount: int = 0
    shipping_fee: int = 0
    raw_status: str = ""
    lines: list[OrderLine] = field(default_factory=list)

    @property
    def status(self) -> OrderStatus:
        """The least advanced line status: what still needs the seller's attention."""
        if not self.lines:
            return OrderStatus.UNKNOWN
        return min((line.status for line in self.lines), key=_FLOW.index)


@dataclass
class Claim:
    channel_claim_id: str
    kind: ClaimKind
    status: OrderStatus
    raw_status: str
    channel_order_id: str
    channel_line_id: str
    reason: str = ""
    detail: str = ""
    quantity: int = 1
    requested_at: datetime | None = None
    extra: dict[str, str] = field(default_factory=dict)  # protocol ids needed to act on it


@dataclass
class Inquiry:
    channel_inquiry_id: str
    question: str
    asked_at: datetime | None = None
    channel_product_id: str = ""
    channel_order_id: str = ""
    product_name: str = ""
    writer: str = ""             # masked by the channel
    answer: str = ""
    answered: bool = False
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class Notice:
    channel_notice_id: str
    title: str
    body: str = ""
    posted_at: datetime | None = None
    important: bool = False


@dataclass
class Invoice:
    channel_order_id: str
    channel_line_id: str
    courier_code: str            # Naver/Coupang-style codes: CJGLS, HANJIN, HYUNDAI, KGB, EPOST ...
    tracking_number: str
    ship_unit_id: str = ""
    shipped_at: datetime | None = None


@dataclass
class LineOutcome:
    outcome: Outcome
    message: str = ""
    channel_order_id: str = ""
    channel_line_id: str = ""
    key: str = ""                # non-order writes: seller code, product id, claim id, inquiry id
    channel_ref: str = ""        # id the channel created (new product number, answer id)

    @property
    def label_ko(self) -> str:
        return self.outcome.label_ko

    @property
    def ok(self) -> bool:
        return self.outcome in (Outcome.OK, Outcome.ALREADY_DONE)


# --------------------------------------------------------------------------- helpers

def split_windows(since: datetime, until: datetime, max_span: timedelta,
                  overlap: timedelta = timedelta(minutes=5)) -> list[tuple[datetime, datetime]]:
    """Cut [since, until) into windows of at most max_span, each starting `overlap` early.

    The overlap makes sure a row stamped right at a boundary is not missed; reads therefore
    return duplicates which callers remove with dedupe().
    """
    if until <= since:
        return []
    if overlap >= max_span:
        raise ValueError("overlap must be shorter than max_span")
    windows = []
    start = since
    while start < until:
        end = min(start + max_span, until)
        windows.append((start, end))
        if end >= until:
            break
        start = end - overlap
    return windows


def dedupe(rows: Iterable[Any], key: Callable[[Any], Any]) -> list[Any]:
    """Keep the first row per channel id, in order."""
    seen: set = set()
    out = []
    for row in rows:
        k = key(row)
        if k not in seen:
            seen.add(k)
            out.append(row)
    return out


def chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def not_supported(reason_ko: str) -> Callable:
    """A method body for a capability the channel lacks, with the channel-specific reason."""

    def method(self, *args, **kwargs):
        raise NotSupported(reason_ko)

    method.__not_supported__ = True
    return method


# --------------------------------------------------------------------------- adapter

CAPABILITY_METHODS = (
    "test_connection", "fetch_categories", "push_listing", "update_stock", "end_listing",
    "fetch_listings", "fetch_orders", "confirm_orders", "cancel_sale", "send_invoices",
    "fetch_claims", "process_claim", "fetch_inquiries", "answer_inquiry", "fetch_notices",
)


class ChannelAdapter:
    """Protocol of one marketplace. Knows HTTP, signing, paging and mapping; never the database."""

    code: str = ""
    display_name: str = ""
    channel_type: ChannelType = ChannelType.OPEN_MARKET
    credential_fields: tuple[CredentialField, ...] = ()
    default_base_url: str = ""
    key_help_ko: str = ""
    max_order_window: timedelta = timedelta(days=1)

    def __init__(self, credentials: dict, *, base_url: str | None = None,
                 http: "ChannelHttp | None" = None, account_key: str = ""):
        from portal.channel_http import ChannelHttp  # local: keeps the contract import-light

        self.credentials = dict(credentials or {})
        self.base_url = (base_url or self.default_base_url).rstrip("/")
        self.http = http or ChannelHttp()
        self.account_key = account_key or f"{self.code}:{self.credentials.get(self._first_key(), '')}"
        self.now: Callable[[], datetime] = lambda: datetime.now(timezone.utc)

    def _first_key(self) -> str:
        return self.credential_fields[0].name if self.credential_fields else ""

    def credential(self, name: str) -> str:
        value = str(self.credentials.get(name) or "").strip()
        spec = {f.name: f for f in self.credential_fields}.get(name)
        if not value and (spec is None or spec.required):
            label = spec.label_ko if spec else name
            raise AuthError(f"{label}을(를) 입력해 주세요.", "MISSING_CREDENTIAL")
        return value

    @classmethod
    def capabilities(cls) -> frozenset[str]:
        """Names of contract methods this adapter really implements."""
        found = set()
        for name in CAPABILITY_METHODS:
            impl = getattr(cls, name)
            if impl is getattr(ChannelAdapter, name) or getattr(impl, "__not_supported__", False):
                continue
            found.add(name)
        return frozenset(found)

    def _unsupported(self, what_ko: str):
        raise NotSupported(f"{self.display_name}은(는) {what_ko} 기능을 제공하지 않습니다.")

    # -- the contract; each raises NotSupported unless a subclass implements it
    def test_connection(self) -> ConnectionResult:
        self._unsupported("연결 확인")

    def fetch_categories(self, parent_id: str | None = None) -> list[Category]:
        self._unsupported("카테고리 조회")

    def push_listing(self, listing: Listing) -> list[LineOutcome]:
        self._unsupported("상품 등록")

    def update_stock(self, listing_ids_and_quantities: list[tuple[str, int]]) -> list[LineOutcome]:
        self._unsupported("재고 수정")

    def end_listing(self, channel_product_ids: list[str]) -> list[LineOutcome]:
        self._unsupported("판매 종료")

    def fetch_listings(self) -> list[Listing]:
        self._unsupported("상품 목록 조회")

    def fetch_orders(self, since: datetime, until: datetime) -> list[Order]:
        self._unsupported("주문 수집")

    def confirm_orders(self, lines: list[OrderLine], ship_at: datetime | None = None) -> list[LineOutcome]:
        self._unsupported("발주확인")

    def cancel_sale(self, lines: list[OrderLine], reason: str) -> list[LineOutcome]:
        self._unsupported("판매취소")

    def send_invoices(self, invoices: list[Invoice]) -> list[LineOutcome]:
        self._unsupported("송장 전송")

    def fetch_claims(self, since: datetime, until: datetime) -> list[Claim]:
        self._unsupported("취소/반품/교환 수집")

    def process_claim(self, claim: Claim, action: ClaimAction, reason: str | None = None) -> list[LineOutcome]:
        self._unsupported("취소/반품/교환 처리")

    def fetch_inquiries(self, since: datetime, until: datetime) -> list[Inquiry]:
        self._unsupported("문의 수집")

    def answer_inquiry(self, inquiry_id: str, text: str) -> list[LineOutcome]:
        self._unsupported("문의 답변")

    def fetch_notices(self, since: datetime | None = None) -> list[Notice]:
        self._unsupported("공지사항 수집")


# --------------------------------------------------------------------------- discovery

def _classes_from(module) -> list[type[ChannelAdapter]]:
    found = []
    single = getattr(module, "adapter", None)
    if single is not None:
        found.append(single)
    found.extend(getattr(module, "adapters", None) or ())
    return [c for c in found if isinstance(c, type) and issubclass(c, ChannelAdapter) and c.code]


def discover_adapters() -> dict[str, type[ChannelAdapter]]:
    """Every adapter under the top-level `marketplaces` package plus installed entry points."""
    registry: dict[str, type[ChannelAdapter]] = {}
    try:
        root = importlib.import_module(MARKETPLACES_PACKAGE)
    except ModuleNotFoundError:
        root = None
    if root is not None:
        for info in sorted(pkgutil.iter_modules(root.__path__), key=lambda i: i.name):
            if not info.ispkg:
                continue
            module = importlib.import_module(f"{MARKETPLACES_PACKAGE}.{info.name}")
            for cls in _classes_from(module):
                registry.setdefault(cls.code, cls)
    for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
        loaded = ep.load()
        candidates = loaded if isinstance(loaded, (list, tuple)) else [loaded]
        for obj in candidates:
            if isinstance(obj, type) and issubclass(obj, ChannelAdapter) and obj.code:
                registry.setdefault(obj.code, obj)
            else:
                for cls in _classes_from(obj):
                    registry.setdefault(cls.code, cls)
    return registry


def get_adapter_class(code: str) -> type[ChannelAdapter]:
    try:
        return discover_adapters()[code]
    except KeyError:
        raise NotSupported(f"알 수 없는 제휴몰입니다: {code}") from None


def build_adapter(code: str, credentials: dict, base_url: str | None = None,
                  http: "ChannelHttp | None" = None, account_key: str = "") -> ChannelAdapter:
    return get_adapter_class(code)(credentials, base_url=base_url, http=http, account_key=account_key)


def to_kst(value: datetime) -> datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=KST)
    return value.astimezone(KST)


def outcome_for_error(exc: ChannelError) -> Outcome:
    """How a failed write call reads per line: lost answer, try later, or refused."""
    if isinstance(exc, AmbiguousError):
        return Outcome.AMBIGUOUS
    if isinstance(exc, RetryableError):
        return Outcome.RETRYABLE
    return Outcome.REJECTED
