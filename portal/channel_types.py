"""Marketplace vocabulary: the enums and dataclasses (DTOs) adapters and the portal exchange."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime
from html import escape as html_escape

from flask_babel import gettext as _

from portal.i18n import N_


class ChannelType(enum.Enum):
    OPEN_MARKET = N_("오픈마켓")
    GENERAL_MALL = N_("종합몰")
    CROSS_BORDER = N_("해외몰")

    @property
    def label(self) -> str:
        return _(self.value)


class OrderStatus(enum.Enum):
    """Normalized order-line status; the order of members is the order of the normal flow."""

    PAYMENT_WAITING = N_("입금대기")
    NEW = N_("신규주문")
    CONFIRMED = N_("발주확인")
    SHIPPING = N_("배송중")
    DELIVERED = N_("배송완료")
    PURCHASE_DECIDED = N_("구매확정")
    CANCEL_REQUESTED = N_("취소요청")
    CANCELED = N_("취소완료")
    RETURN_REQUESTED = N_("반품요청")
    RETURNED = N_("반품완료")
    RETURN_REJECTED = N_("반품거부")
    EXCHANGE_REQUESTED = N_("교환요청")
    EXCHANGED = N_("교환완료")
    EXCHANGE_REJECTED = N_("교환거부")
    UNKNOWN = N_("확인필요")

    @property
    def label_ko(self) -> str:
        return self.value


class ClaimKind(enum.Enum):
    CANCEL = N_("취소")
    RETURN = N_("반품")
    EXCHANGE = N_("교환")

    @property
    def label_ko(self) -> str:
        return self.value


class ClaimAction(enum.Enum):
    APPROVE = N_("승인")
    REJECT = N_("거부")

    @property
    def label_ko(self) -> str:
        return self.value


class Outcome(enum.Enum):
    """Result of one line of a write.

    AMBIGUOUS means the request was sent but no answer came back (timeout, 504 after
    sending). The channel may or may not have applied it: callers must read the line's
    state back (fetch_orders / fetch_claims) before resending, never resend blindly.
    """

    OK = N_("성공")
    ALREADY_DONE = N_("이미 처리됨")
    REJECTED = N_("거부됨")
    RETRYABLE = N_("재시도 필요")
    AMBIGUOUS = N_("처리 여부 확인 필요")

    @property
    def label_ko(self) -> str:
        return self.value



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
    key_expires_on: date | None = None  # when the channel tells it (라쿠텐's licenseKey)

    OK_MESSAGE = N_("인증되었습니다")


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
class ShippingTerms:
    """배송/반품 조건 from 판매정보; every field is optional and adapters send what they can."""

    fee_type: str = ""           # free / fixed / conditional / tiered (판매정보 values)
    fee: int = 0                 # 배송비
    free_over: int = 0           # 조건부 무료 기준 금액
    return_fee: int = 0          # 반품배송비 (편도)
    exchange_fee: int = 0        # 교환배송비 (왕복)
    ship_from_zip: str = ""      # 출고지
    ship_from_address: str = ""
    return_zip: str = ""         # 반품/교환지
    return_address: str = ""
    courier: str = ""
    as_info: str = ""            # A/S 안내


@dataclass
class Listing:
    """A product on a channel. For push_listing, channel_product_id is empty.

    For update_listing, channel_product_id names the product to change in place; sale_end and
    shipping are optional (None: leave the channel's value as it is).
    """

    name: str
    price: int
    stock: int = 0
    category_id: str = ""
    seller_code: str = ""
    channel_product_id: str = ""
    status: str = ""
    description_html: str = ""
    # Product images. Channels that take addresses read image_urls (대표 first, then 추가) and
    # detail_image_url (the 상품상세 image, placed in the detail HTML by detail_html); channels that
    # take the files read image_files / detail_image_file (stored jpg paths) and upload them.
    image_urls: tuple[str, ...] = ()
    detail_image_url: str = ""
    image_files: tuple[str, ...] = ()
    detail_image_file: str = ""
    # Channels with an image store of their own (스마트스토어): content sha256 → the address this
    # account's store already answered with; the adapter reuses those and adds what it uploads.
    uploaded_images: dict = field(default_factory=dict)
    items: list[ListingItem] = field(default_factory=list)
    sale_end: date | None = None
    shipping: ShippingTerms | None = None
    notice: dict = field(default_factory=dict)  # 품목고시 {"group": name, "fields": {label: value}} (종합몰)


def detail_html(description: str, image_url: str = "") -> str:
    """The detail page a channel shows: the product's description, then the 상품상세 image."""
    if not image_url:
        return description
    return f'{description}<div><img src="{html_escape(image_url, quote=True)}" alt=""></div>'


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
    origin_product_id: str = ""  # a second product number (스마트스토어 originalProductId)
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
    # ISO 4217 of every amount above and in the lines; "" = the channel's price_currency (KRW, JPY for
    # 라쿠텐/Qoo10 JP/Amazon JP). Amounts are never converted.
    currency: str = ""

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
    product_name: str = ""  # as the claim list names it: the order line may not be collected


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
    # Product writes: the channel's item/stock ids per option, when the answer (or a read-back
    # right after it) names them; update_stock takes these ids.
    items: list[ListingItem] = field(default_factory=list)

    @property
    def label_ko(self) -> str:
        return self.outcome.label_ko

    @property
    def ok(self) -> bool:
        return self.outcome in (Outcome.OK, Outcome.ALREADY_DONE)

