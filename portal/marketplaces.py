"""Marketplace adapter contract: ChannelAdapter, adapter discovery and build_adapter.

The vocabulary, errors and window helpers live in channel_types, channel_errors and
channel_windows; they are re-exported here so `from portal.marketplaces import ...` keeps working.
"""
from __future__ import annotations

import functools
import importlib
import pkgutil
import sys
from datetime import datetime, timedelta, timezone
from importlib import metadata
from typing import TYPE_CHECKING, Callable

from flask_babel import gettext as _
from flask_babel import pgettext

from portal.channel_delay import DELAY_REASONS, DispatchDelay
from portal.channel_errors import (
    AmbiguousError, AuthError, ChannelError, NotSupported, PermanentError, RateLimited,
    RetryableError, outcome_for_error,
)
from portal.channel_types import (
    Category, ChannelType, Claim, ClaimAction, ClaimKind, ConnectionResult, CredentialField,
    Inquiry, Invoice, LineOutcome, Listing, ListingItem, Notice, Order, OrderLine, OrderStatus,
    Outcome, ShippingTerms, detail_html,
)
from portal.channel_windows import KST, chunks, dedupe, split_windows, to_kst

if TYPE_CHECKING:  # the transport is injected; importing it here would be a cycle
    from portal.channel_http import ChannelHttp

__all__ = [
    # contract and discovery (this module)
    "CAPABILITY_METHODS", "ENTRY_POINT_GROUP", "MARKETPLACES_PACKAGE", "ChannelAdapter",
    "build_adapter", "discover_adapters", "get_adapter_class", "listing_settings_message",
    "not_supported",
    # portal.channel_delay
    "DELAY_REASONS", "DispatchDelay",
    # portal.channel_types
    "Category", "ChannelType", "Claim", "ClaimAction", "ClaimKind", "ConnectionResult",
    "CredentialField", "Inquiry", "Invoice", "LineOutcome", "Listing", "ListingItem", "Notice",
    "Order", "OrderLine", "OrderStatus", "Outcome", "ShippingTerms", "detail_html",
    # portal.channel_errors
    "AmbiguousError", "AuthError", "ChannelError", "NotSupported", "PermanentError",
    "RateLimited", "RetryableError", "outcome_for_error",
    # portal.channel_windows
    "KST", "chunks", "dedupe", "split_windows", "to_kst",
]

ENTRY_POINT_GROUP = "seller_portal.marketplaces"
MARKETPLACES_PACKAGE = "marketplaces"


def listing_settings_message(display_name: str, missing: list[str]) -> str:
    return _("%(display_name)s 상품 연동에 필요한 제휴몰 계정정보가 없습니다: %(missing)s. "
             "제휴몰 계정정보에서 입력해 주세요.", display_name=display_name,
             missing=", ".join(_(label) for label in missing))


def not_supported(reason_ko: str) -> Callable:
    """A method body for a capability the channel lacks, with the channel-specific reason."""

    def method(self, *args, **kwargs):
        raise NotSupported(_(reason_ko))  # reason_ko is marked N_() where the adapter defines it

    method.__not_supported__ = True
    return method


# --------------------------------------------------------------------------- adapter

CAPABILITY_METHODS = (
    "test_connection", "fetch_categories", "push_listing", "update_listing", "update_stock",
    "end_listing", "resume_listing", "fetch_listing", "fetch_listings", "fetch_orders",
    "confirm_orders", "cancel_sale", "send_invoices",
    "fetch_claims", "process_claim", "fetch_inquiries", "answer_inquiry", "fetch_notices",
)


class ChannelAdapter:
    """Protocol of one marketplace. Knows HTTP, signing, paging and mapping; never the database."""

    code: str = ""
    display_name: str = ""
    channel_type: ChannelType = ChannelType.OPEN_MARKET
    credential_fields: tuple[CredentialField, ...] = ()
    default_base_url: str = ""
    key_help_ko: str = ""  # N_()-marked; may hold %(name)s placeholders filled from key_help_args
    key_help_args: dict[str, str] = {}  # values are names or N_()-marked words
    max_order_window: timedelta = timedelta(days=1)
    # Seconds the channel wants between order-list calls of one seller (ESM "5초당 1회"): such an adapter
    # also offers fetch_orders_page(since, until, cursor), and 자동수집 waits for the slot in the queue.
    order_list_spacing: float = 0.0
    max_options: int | None = None  # the most option combinations one product may carry there
    # How push_listing sends product images: "urls" (public addresses: needs PUBLIC_BASE_URL),
    # "files" (uploads the stored files itself), "" (sends none), "refused" (the channel takes only
    # paths in its own image storage, so a product with images is refused, saying why).
    image_transfer: str = ""
    # True: the channel refuses a product without a 대표 image (the portal says so before any call).
    requires_main_image: bool = False
    live_api: bool = True  # False: no client of the channel's real API yet, only the sandbox speaks it
    offered: bool = True  # False: a practice channel sellers are not offered (kept for existing accounts)
    # False: the channel publishes no seller API at all (BUYMA); its orders come in by file.
    seller_api: bool = True
    # 주문서 가져오기 preset (blueprints/fulfilment/presets.py key) of the channel's own order export.
    order_file_preset: str = ""
    # Whether confirm_orders passes a DispatchDelay on to the channel; when not, the channel's
    # own reason (dispatch_delay_note_ko) goes into the job log so the seller knows.
    sends_dispatch_delay: bool = False
    dispatch_delay_note_ko: str = ""
    # 제휴몰 계정정보 items (credential_fields names) the channel needs to register a product;
    # 연동 is refused, with every missing one named, until they are filled in.
    listing_settings: tuple[str, ...] = ()
    # True: 교환완료 sends the re-delivery invoice (courier + number) with the approval, so the
    # claims screen asks for one (스마트스토어 교환 재배송, 11번가 교환승인).
    exchange_needs_invoice: bool = False
    # The currency the channel takes listing prices in (ISO 4217): the 판매정보's 판매가 is entered
    # and sent in it, never converted. "JPY" channels (라쿠텐, Qoo10 JP, Amazon JP) take whole yen.
    price_currency: str = "KRW"

    @classmethod
    def missing_listing_settings(cls, settings: dict) -> list[str]:
        """Labels of the listing_settings that are empty in these account settings."""
        labels = {f.name: f.label_ko for f in cls.credential_fields}
        return [labels[name] for name in cls.listing_settings
                if not str((settings or {}).get(name) or "").strip()]

    def listing_settings_refusal(self, key: str = "") -> list[LineOutcome]:
        """[the refusal] of a product registration while listing_settings are missing, else []."""
        missing = self.missing_listing_settings(self.credentials)
        if not missing:
            return []
        return [LineOutcome(Outcome.REJECTED, listing_settings_message(self.display_name, missing),
                            key=key)]

    @classmethod
    def key_help_lines(cls) -> list[str]:
        """The 키 발급방법 steps in the reader's language, one line per step."""
        args = {key: _(value) if value else value for key, value in cls.key_help_args.items()}
        return [line for line in _(cls.key_help_ko, **args).splitlines() if line.strip()]

    def __init__(self, credentials: dict, *, base_url: str | None = None,
                 http: "ChannelHttp | None" = None, account_key: str = ""):
        from portal.channel_http import ChannelHttp  # local: keeps the contract import-light

        self.credentials = dict(credentials or {})
        self.base_url = (base_url or self.default_base_url).rstrip("/")
        self.http = http or ChannelHttp()
        self.account_key = (account_key
                            or f"{self.code}:{self.credentials.get(self._first_key(), '')}")
        self.now: Callable[[], datetime] = lambda: datetime.now(timezone.utc)

    def _first_key(self) -> str:
        return self.credential_fields[0].name if self.credential_fields else ""

    def credential(self, name: str) -> str:
        value = str(self.credentials.get(name) or "").strip()
        spec = {f.name: f for f in self.credential_fields}.get(name)
        if not value and (spec is None or spec.required):
            label = spec.label_ko if spec else name
            raise AuthError(_("%(label)s을(를) 입력해 주세요.", label=label), "MISSING_CREDENTIAL")
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

    @staticmethod
    def line_failure(exc: ChannelError, *refs, **keys) -> LineOutcome:
        """A write the channel refused (or whose answer was lost) as the outcome of one line.

        Called from `except ChannelError as exc:`; an AuthError concerns the whole account, not
        the line, so it is raised again for the job to stop on.
        """
        if isinstance(exc, AuthError):
            raise exc
        return LineOutcome(outcome_for_error(exc), exc.message_ko, *refs, **keys)

    def _unsupported(self, what_ko: str):
        raise NotSupported(_("%(display_name)s은(는) %(what_ko)s 기능을 제공하지 않습니다.",
                             display_name=self.display_name, what_ko=what_ko))

    # -- the contract; each raises NotSupported unless a subclass implements it
    def test_connection(self) -> ConnectionResult:
        self._unsupported(_("연결 확인"))

    def fetch_categories(self, parent_id: str | None = None) -> list[Category]:
        self._unsupported(_("카테고리 조회"))

    def push_listing(self, listing: Listing) -> list[LineOutcome]:
        self._unsupported(_("상품 등록"))

    def update_listing(self, listing: Listing) -> list[LineOutcome]:
        """Change the product `listing.channel_product_id` in place; the number stays the same."""
        self._unsupported(_("상품 수정"))

    def update_stock(self, listing_ids_and_quantities: list[tuple[str, int]]) -> list[LineOutcome]:
        self._unsupported(_("재고 수정"))

    def end_listing(self, channel_product_ids: list[str]) -> list[LineOutcome]:
        self._unsupported(_("판매 종료"))

    def resume_listing(self, channel_product_ids: list[str]) -> list[LineOutcome]:
        """Put ended (stopped) products on sale again under the same product numbers."""
        self._unsupported(_("판매 재개"))

    def fetch_listing(self, channel_product_id: str) -> Listing:
        """Read one product back: resolves AMBIGUOUS writes and names the item (stock) ids."""
        self._unsupported(_("상품 조회"))

    def fetch_listings(self) -> list[Listing]:
        self._unsupported(_("상품 목록 조회"))

    def dispatch_delay_gap_ko(self) -> str:
        """Why a 배송지연사유 given with 발주확인 does not reach this channel ('' when it does)."""
        if self.sends_dispatch_delay:
            return ""
        if self.dispatch_delay_note_ko:
            return _(self.dispatch_delay_note_ko)  # marked N_() where the adapter defines it
        return _("%(display_name)s은(는) 배송지연사유를 받는 API를 제공하지 않아 포털에만 기록합니다.",
                 display_name=self.display_name)

    def fetch_orders(self, since: datetime, until: datetime) -> list[Order]:
        self._unsupported(_("주문 수집"))

    def confirm_orders(self, lines: list[OrderLine], ship_at: datetime | None = None,
                       delay: DispatchDelay | None = None) -> list[LineOutcome]:
        """발주확인 of these lines, shipping at ship_at; with a delay the channel is also told
        the shipment is late and why (발송지연), when it can be (sends_dispatch_delay)."""
        self._unsupported(pgettext("기능", "발주확인"))

    def cancel_sale(self, lines: list[OrderLine], reason: str) -> list[LineOutcome]:
        self._unsupported(pgettext("기능", "판매취소"))

    def send_invoices(self, invoices: list[Invoice]) -> list[LineOutcome]:
        self._unsupported(_("송장 전송"))

    def fetch_claims(self, since: datetime, until: datetime) -> list[Claim]:
        self._unsupported(_("취소/반품/교환 수집"))

    def process_claim(self, claim: Claim, action: ClaimAction,
                      reason: str | None = None, invoice: Invoice | None = None) -> list[LineOutcome]:
        """invoice: the re-delivery of an approved exchange, where exchange_needs_invoice."""
        self._unsupported(_("취소/반품/교환 처리"))

    def fetch_inquiries(self, since: datetime, until: datetime) -> list[Inquiry]:
        self._unsupported(_("문의 수집"))

    def answer_inquiry(self, inquiry_id: str, text: str) -> list[LineOutcome]:
        self._unsupported(_("문의 답변"))

    def fetch_notices(self, since: datetime | None = None) -> list[Notice]:
        self._unsupported(_("공지사항 수집"))


# --------------------------------------------------------------------------- discovery

def _classes_from(module) -> list[type[ChannelAdapter]]:
    found = []
    single = getattr(module, "adapter", None)
    if single is not None:
        found.append(single)
    found.extend(getattr(module, "adapters", None) or ())
    return [c for c in found if isinstance(c, type) and issubclass(c, ChannelAdapter) and c.code]


@functools.lru_cache(maxsize=4)
def _entry_points(path: tuple) -> tuple:
    """Installed adapters' entry points, read once per import path (scanning every distribution costs tens of
    milliseconds, and pages call discover_adapters on every request)."""
    return tuple(metadata.entry_points(group=ENTRY_POINT_GROUP))


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
    for ep in _entry_points(tuple(sys.path)):
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
        raise NotSupported(_("알 수 없는 제휴몰입니다: %(code)s", code=code)) from None


def build_adapter(code: str, credentials: dict, base_url: str | None = None,
                  http: "ChannelHttp | None" = None, account_key: str = "") -> ChannelAdapter:
    return get_adapter_class(code)(credentials, base_url=base_url, http=http,
                                   account_key=account_key)
