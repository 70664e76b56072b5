"""Shared pieces of the listing jobs: adapters per account, 연동이력 lines, read-back, live counts."""
from datetime import timedelta
from types import SimpleNamespace

from flask_babel import gettext as _

from models import ChannelAccount, Listing, ListingEvent, Product
from models.base import kst_today, utcnow
from models.listing import LIVE
from portal.extensions import db
from portal.marketplaces import ChannelError, NotSupported

from .channels import job_http

LIST_READ_FROM = 20   # a job over more listings than this reads the channel's list once


def load_listings(tenant_id: int, listing_ids) -> list[Listing]:
    return (db.session.query(Listing).filter(Listing.tenant_id == tenant_id, Listing.id.in_(list(listing_ids)))
            .order_by(Listing.account_id, Listing.id).all())


def by_account(listings: list[Listing]) -> dict[int, list[Listing]]:
    groups: dict[int, list[Listing]] = {}
    for listing in listings:
        groups.setdefault(listing.account_id, []).append(listing)
    return groups


def adapter_for(progress, tenant_id: int, account_id: int):
    """The account's adapter with every call logged into the job; None when it cannot be built."""
    from blueprints.account.channel_services import build_adapter_for
    from blueprints.products.services import RuleViolation

    account = db.session.query(ChannelAccount).filter_by(tenant_id=tenant_id, id=account_id).one()
    try:
        return account, build_adapter_for(account, http=job_http(progress))
    except (RuleViolation, ValueError) as exc:  # unknown channel, or a secret no key decrypts
        progress.log(f"{account.alias}: {exc}", "error")
        return account, None


def label(listing: Listing) -> str:
    return f"{listing.product.name} ({listing.product.code})"


def record(progress, listing: Listing, action: str, ok: bool, message: str) -> None:
    """연동이력 row plus the listing's last message; the job's window shows the same words."""
    listing.last_message = message[:500]
    user = progress.run.started_by
    db.session.add(ListingEvent(tenant_id=listing.tenant_id, listing_id=listing.id, action=action, ok=ok,
                                message=message[:500], run_id=progress.id,
                                user_name=user.name if user else _("시스템")))
    db.session.commit()


def refresh_live_count(product: Product) -> None:
    """상품정보관리 freezes options while a product is live anywhere: keep its count true."""
    from blueprints.products.services.catalog import set_listing_count

    count = db.session.query(Listing).filter_by(tenant_id=product.tenant_id, product_id=product.id,
                                                status=LIVE).count()
    set_listing_count(product, count)
    db.session.commit()


def channel_rows(adapter, cache: dict):
    """The channel's own list of this account's products, read once per job step.

    Returns None (and keeps the reason in cache["error"]) when the channel cannot list them.
    """
    if "rows" not in cache:
        try:
            cache["rows"] = adapter.fetch_listings()
        except NotSupported as exc:
            cache["rows"], cache["list_error"] = None, exc.message_ko
        except ChannelError as exc:
            cache["rows"], cache["list_error"] = None, _("제휴몰 상품 조회 실패: %(message)s", message=exc.message_ko)
    if cache["rows"] is None:
        cache["error"] = cache["list_error"]
    return cache["rows"]


def channel_copy(adapter, listing: Listing, cache: dict, prefer_list: bool = False):
    """The channel's copy of one listed product: fetch_listing where the adapter has it (one
    call, and the only way on channels without a list), else a search of fetch_listings.
    prefer_list: many listings in one job read the list once (cached) before single reads.

    Returns None with the reason in cache["error"] when it cannot be read or is not there.
    """
    cache.pop("error", None)   # the reason is about this product only
    caps = adapter.capabilities() if adapter is not None else frozenset()
    if "fetch_listing" not in caps or (prefer_list and "fetch_listings" in caps):
        rows = channel_rows(adapter, cache) if adapter is not None else None
        found = find_row(rows, product_id=listing.channel_product_id) if rows else None
        if found is not None or "fetch_listing" not in caps:
            if rows is not None and found is None:
                cache["error"] = _("제휴몰에서 상품번호 %(channel_product_id)s을(를) 찾을 수 없습니다.",
                                   channel_product_id=listing.channel_product_id)
            return found
    try:
        return adapter.fetch_listing(listing.channel_product_id)
    except ChannelError as exc:
        cache["error"] = _("제휴몰 상품 조회 실패: %(message_ko)s", message_ko=exc.message_ko)
        return None


def find_row(rows, *, product_id: str = "", seller_code: str = ""):
    for row in rows or []:
        if product_id and row.channel_product_id == product_id:
            return row
    for row in rows or []:
        if seller_code and row.seller_code == seller_code:
            return row
    return None


def snapshot_of(row) -> dict:
    return {"name": row.name, "price": row.price, "stock": row.stock, "category_id": row.category_id,
            "seller_code": row.seller_code, "status": row.status, "product_id": row.channel_product_id,
            "items": [{"id": i.channel_item_id, "option": i.option_name, "stock": i.stock, "price": i.price}
                      for i in row.items]}


def stock_keys_of(channel: str, row) -> list[dict]:
    """Which id update_stock takes: the item ids; 스마트스토어 the origin product number, and for each
    option "원상품번호:옵션ID" (its option stock goes through the origin product), with the option id
    alone as "item" (the code its order lines carry)."""
    if channel == "naver":
        if any(i.option_name for i in row.items):
            return [{"id": f"{row.channel_product_id}:{i.channel_item_id}", "option": i.option_name,
                     "item": i.channel_item_id} for i in row.items]
        return [{"id": row.channel_product_id, "option": ""}]
    if not row.items:
        return [{"id": row.channel_product_id, "option": ""}]
    return [{"id": i.channel_item_id, "option": i.option_name} for i in row.items]


def keys_predate_options(listing: Listing) -> bool:
    """A 스마트스토어 listing of a product with options still keyed by its product number alone."""
    keys = listing.stock_keys or []
    return (listing.channel == "naver" and bool(listing.product.options) and bool(keys)
            and not any(k.get("option") for k in keys))


def remember_channel_copy(listing: Listing, row) -> None:
    listing.snapshot, listing.snapshot_at = snapshot_of(row), utcnow()
    listing.stock_keys = stock_keys_of(listing.channel, row)


def remember_items(listing: Listing, items) -> None:
    """The item (stock) ids a push or update answered with; stock sync needs no list read then."""
    if items:
        listing.stock_keys = stock_keys_of(listing.channel, SimpleNamespace(
            channel_product_id=listing.channel_product_id, items=items))


def start_sale_period(listing: Listing) -> None:
    today = kst_today()
    listing.sale_start = today
    listing.sale_end = today + timedelta(days=listing.sale_days or 90)
