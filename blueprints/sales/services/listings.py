"""Listing rules: 연동대기 from a product, edits, what will be sent, the field diff, starting link jobs."""
from datetime import date, timedelta

from flask_babel import gettext as _
from flask_login import current_user

from blueprints.products.sales_info_services import (
    GENERAL_MALL_WARNING,
    is_general_mall,
    option_problems,
    price_problem,
)
from models import Listing, ListingEvent, Product, SalesInfo
from models.base import kst_today
from models.listing import ENDED, FAILED, LINKING, LIVE, WAITING
from portal.extensions import db
from portal.marketplaces import Listing as ChannelListing
from portal.marketplaces import (
    ListingItem, ShippingTerms, discover_adapters, listing_settings_message,
)
from portal.queues import enqueue
from portal.tenancy import tenant_query
from portal.i18n import N_

from blueprints.products.services import RuleViolation
from blueprints.products.services import price_currency
from . import listing_images
from . import notice as notices
from .stock import apply_buffer, buffer_of, sellable

MSG_LIVE = N_("이미 이 판매자 ID로 연동된 상품입니다. 판매상품조회에서 수정 후 재연동해 주세요.")
MSG_TEMPLATE = N_("선택한 판매자 ID의 상품판매정보(그룹명)를 선택해 주세요.")
MSG_NONE = N_("연동할 상품을 선택해 주세요.")
MSG_DELETED = N_("삭제된 상품은 연동할 수 없습니다. 상품복원 후 연동해 주세요.")
FIELD_LABELS = {"name": N_("상품명"), "price": N_("판매가"), "stock": N_("재고"), "category_id": N_("카테고리"),
                "seller_code": N_("판매자상품코드"), "status": N_("판매상태")}


def channel_name(code: str) -> str:
    cls = discover_adapters().get(code)
    return cls.display_name if cls else code


def can(channel: str, method: str) -> bool:
    """Whether the channel's adapter really implements a contract method (update_listing ...)."""
    cls = discover_adapters().get(channel)
    return cls is not None and method in cls.capabilities()


def shipping_terms(info: SalesInfo | None) -> ShippingTerms | None:
    """배송비, 반품/교환배송비, 출고지/반품지, A/S 정보 of the 판매정보, as the adapters take them."""
    if info is None:
        return None
    return ShippingTerms(fee_type=info.fee_type, fee=info.fee, free_over=info.free_over,
                         return_fee=info.return_fee, exchange_fee=info.return_fee * 2,
                         ship_from_zip=info.ship_zip, ship_from_address=info.ship_address,
                         return_zip=info.return_zip, return_address=info.return_address,
                         courier=info.courier, as_info=info.as_info)


def sale_end_for(listing: Listing) -> date:
    """The end date sent: the running period while live, else a new period from today."""
    if listing.status == LIVE and listing.sale_end:
        return listing.sale_end
    return kst_today() + timedelta(days=listing.sale_days or 90)


def request_link(tenant, product: Product, template: SalesInfo) -> Listing:
    """상품 → 판매자 ID + 판매정보 → 연동대기상품 (one listing per product and account)."""
    if product.deleted_at is not None:
        raise RuleViolation(_(MSG_DELETED))
    general = is_general_mall(template.channel)
    problems = option_problems(product, template.sale_price, general,
                               price_currency.currency_of(template.channel))
    if problems:
        raise RuleViolation(problems[0])
    cls = discover_adapters().get(template.channel)
    missing = cls.missing_listing_settings(template.account.settings) if cls else []
    if missing:
        raise RuleViolation(listing_settings_message(cls.display_name, missing))
    wrong_currency = price_currency.stored_currency_problem(template)
    if wrong_currency:
        raise RuleViolation(wrong_currency)
    listing = tenant_query(Listing, tenant).filter_by(product_id=product.id,
                                                      account_id=template.account_id).one_or_none()
    if listing is not None and listing.status in (LIVE, LINKING):
        raise RuleViolation(_(MSG_LIVE))
    if listing is None:
        listing = Listing(tenant_id=tenant.id, product_id=product.id, account_id=template.account_id,
                          channel=template.channel)
        db.session.add(listing)
    listing.sales_info_id = template.id
    listing.market_price, listing.sale_price = template.market_price, template.sale_price
    listing.price_currency = template.price_currency
    listing.sale_days = template.sale_days
    if not listing.channel_product_id and not listing.generation:
        # The category is only taken while the channel has never had this product.
        listing.category_id, listing.category_path = template.category_id, template.category_path
    if listing.status != ENDED:
        listing.status = WAITING
    listing.product = product
    notices.start_from_product(listing)
    db.session.commit()
    return listing


def update_listing(listing: Listing, form) -> list[str]:
    """판매상품 수정: prices and the stock buffer; returns warnings for the page."""
    from .stock import parse_buffer

    currency = price_currency.currency_of(listing.channel)
    if currency == price_currency.JPY:
        sale, market = (price_currency.parse_yen(form.get("sale_price")),
                        price_currency.parse_yen(form.get("market_price")))
        problem = price_currency.yen_problem(sale, market, check_market=True)
    else:
        try:
            sale, market = int(form.get("sale_price", "").replace(",", "")), int(
                form.get("market_price", "").replace(",", ""))
        except ValueError:
            raise RuleViolation(_("판매가와 시중가를 숫자로 입력해 주세요.")) from None
        problem = price_problem(sale, market)
    if problem:
        raise RuleViolation(problem)
    general = is_general_mall(listing.channel)
    problems = option_problems(listing.product, sale, general, currency)
    if problems:
        raise RuleViolation(problems[0])
    if notices.takes_notice(listing) and "notice_group" in form:
        problems = notices.check_and_keep(listing, form)
        if problems:
            db.session.rollback()
            raise RuleViolation(" ".join(problems))
    kind, value = parse_buffer(form.get("buffer_kind", "inherit"), form.get("buffer_value", "0"))
    listing.sale_price, listing.market_price, listing.price_currency = sale, market, currency
    listing.buffer_kind, listing.buffer_value = kind, value
    if listing.status == FAILED and not listing.channel_product_id:
        listing.status = WAITING
    db.session.commit()
    return [_(GENERAL_MALL_WARNING)] if general and listing.product.options else []


def seller_code(listing: Listing) -> str:
    """The code the channel keys the product on: the same link never makes a second product."""
    base = listing.product.code or f"P{listing.product_id}"
    return base if listing.generation == 0 else f"{base}-{listing.generation}"


def options_go_to(listing: Listing) -> bool:
    """Options go to open markets; to a 종합몰 only when its 판매정보 chose "종합몰에도 사용"."""
    if not is_general_mall(listing.channel):
        return True
    return bool(listing.sales_info and listing.sales_info.option_scope == "general_too")


def build_channel_listing(listing: Listing) -> ChannelListing:
    """Exactly what push_listing receives for this listing now."""
    product = listing.product
    kind, value = buffer_of(listing)
    general = is_general_mall(listing.channel)
    items = []
    if product.options and options_go_to(listing):
        # 종합몰 do not honour option prices: every option sells at the 판매가 there.
        items = [ListingItem("", o.values, apply_buffer(o.stock if o.status == "on" else 0, kind, value),
                             listing.sale_price + (0 if general else o.extra_price)) for o in product.options]
    dto = ChannelListing(name=product.name, price=listing.sale_price,
                         stock=apply_buffer(sellable(product), kind, value), category_id=listing.category_id,
                         seller_code=seller_code(listing), description_html=product.description or "",
                         items=items, sale_end=sale_end_for(listing),
                         shipping=shipping_terms(listing.sales_info), notice=notices.sent(listing))
    cls = discover_adapters().get(listing.channel)
    # Only a channel with an image store of its own answers uploads with addresses worth keeping.
    own_store = getattr(cls, "image_transfer", "") == "files"
    listing_images.fill(dto, product, listing.account_id if own_store else None)
    return dto


def as_fields(dto: ChannelListing) -> dict:
    ship = dto.shipping
    return {"name": dto.name, "price": dto.price, "stock": dto.stock, "category_id": dto.category_id,
            "seller_code": dto.seller_code, "sale_end": dto.sale_end.isoformat() if dto.sale_end else "",
            "shipping": ({"fee_type": ship.fee_type, "fee": ship.fee, "free_over": ship.free_over,
                          "return_fee": ship.return_fee, "exchange_fee": ship.exchange_fee,
                          "ship_from": f"({ship.ship_from_zip}) {ship.ship_from_address}",
                          "return_to": f"({ship.return_zip}) {ship.return_address}", "as_info": ship.as_info}
                         if ship else None),
            "items": [{"option": i.option_name, "price": i.price, "stock": i.stock} for i in dto.items]}


def preview_rows(listing: Listing) -> list[tuple[str, str]]:
    """The 미리보기 table: label and value of every field the channel will receive."""
    fields = as_fields(build_channel_listing(listing))
    currency = price_currency.currency_of(listing.channel)
    rows = [(_("상품명"), fields["name"]), (_("판매가"), price_currency.money(fields["price"], currency)),
            (_("판매가 통화"), price_currency.sent_in(listing.channel)),
            (_("재고(안전재고 반영)"), _("%(n)s개", n=format(fields["stock"], ","))),
            (_("카테고리"), f"{listing.category_path} ({fields['category_id']})"),
            (_("판매자상품코드"), fields["seller_code"])]
    cls = discover_adapters().get(listing.channel)
    rows += listing_images.preview_rows(listing, cls, channel_name(listing.channel))
    for item in fields["items"]:
        rows.append((_("옵션 %(option)s", option=item["option"]),
                     _("%(price)s / %(n)s개", price=price_currency.money(item["price"], currency),
                       n=format(item["stock"], ","))))
    rows.append((_("판매종료일"), fields["sale_end"]))
    sent = notices.sent(listing)
    if sent:
        rows.append((_("종합몰 품목고시") if notices.takes_notice(listing) else _("품목고시"), sent["group"]))
        rows += [(f"{_('품목고시')} {label}", value) for label, value in sent["fields"].items()]
        rows += [(f"{_('속성')} {name}", value) for name, value in (sent.get("attributes") or {}).items()]
    ship = fields["shipping"]
    if ship:
        rows += [(_("배송비"), price_currency.fee_label(listing.sales_info)),
                 (_("반품/교환 배송비"), _("반품 %(return_fee)s / 교환 %(exchange_fee)s",
                                        return_fee=price_currency.money(ship["return_fee"], currency),
                                        exchange_fee=price_currency.money(ship["exchange_fee"], currency))),
                 (_("출고지"), ship["ship_from"]), (_("반품/교환지"), ship["return_to"]),
                 (_("A/S 정보"), ship["as_info"])]
    return rows


def diff(listing: Listing) -> list[dict]:
    """Field-by-field: what the channel has now (last read) against what would be sent."""
    if not listing.snapshot:
        return []
    want = as_fields(build_channel_listing(listing))
    have = listing.snapshot
    out = []
    for key in ("name", "price", "stock", "category_id"):
        if str(have.get(key, "")) != str(want[key]):
            out.append({"field": key, "label": FIELD_LABELS[key], "channel": have.get(key, ""),
                        "portal": want[key]})
    if have.get("status") and have["status"] not in ("SALE", "판매중", "ON_SALE"):
        out.append({"field": "status", "label": FIELD_LABELS["status"], "channel": have["status"],
                    "portal": "SALE"})
    return out


def needs_product_write(changes: list[dict]) -> bool:
    """Name or price changes go by a product write; stock alone goes by update_stock."""
    return any(c["field"] in ("name", "price") for c in changes)


def needs_reregister(listing: Listing, changes: list[dict]) -> bool:
    """Only for channels without update_listing: the old product is ended and registered anew."""
    return needs_product_write(changes) and not can(listing.channel, "update_listing")


def owned_listings(tenant, ids) -> list[Listing]:
    ids = [int(i) for i in ids if str(i).isdigit()]
    if not ids:
        raise RuleViolation(_(MSG_NONE))
    rows = tenant_query(Listing, tenant).filter(Listing.id.in_(ids)).all()
    if len(rows) != len(set(ids)):
        raise LookupError("another tenant's listing")
    return rows


def _user_id():
    return current_user.id if current_user.is_authenticated else None


def start_link(tenant, listings: list[Listing], *, job, kind=None):
    """Start `job` (상품연동처리, or the `kind` given) on the listings."""
    kind = kind or _("상품연동처리")
    if not listings:
        raise RuleViolation(_(MSG_NONE))
    return enqueue(job, kind=kind, queue="channel", tenant_id=tenant.id, user_id=_user_id(),
                   listing_ids=[x.id for x in listings])


def start_snapshot(tenant, listings: list[Listing], *, job):
    """Start `job` (제휴몰 상품 조회) on the listings the channel knows."""
    live = [x for x in listings if x.channel_product_id]
    if not live:
        raise RuleViolation(_("제휴몰에 등록된 상품번호가 없어 조회할 수 없습니다."))
    return enqueue(job, kind=_("제휴몰 상품 조회"), queue="channel", tenant_id=tenant.id,
                   user_id=_user_id(), listing_ids=[x.id for x in live])


def start_end(tenant, listings: list[Listing], *, job):
    """Start `job` (판매종료) on the live listings."""
    live = [x for x in listings if x.status == LIVE]
    if not live:
        raise RuleViolation(_("판매종료할 판매중(반영완료) 상품을 선택해 주세요."))
    return enqueue(job, kind=_("판매종료 처리"), queue="channel", tenant_id=tenant.id,
                   user_id=_user_id(), listing_ids=[x.id for x in live])


def start_resume(tenant, listings: list[Listing], *, job):
    """판매재개: the same product number where the channel can resume, else registered anew."""
    ended = [x for x in listings if x.status == ENDED]
    if not ended:
        raise RuleViolation(_("판매재개할 판매종료 상품을 선택해 주세요."))
    return start_link(tenant, ended, job=job, kind=_("판매재개 연동"))


def start_extend(tenant, listings: list[Listing], days_text, *, job):
    """Start `job` (판매기간 연장) on the live listings."""
    try:
        days = int(days_text)
    except (TypeError, ValueError):
        days = 0
    if days not in (15, 30, 60, 90):
        raise RuleViolation(_("연장할 판매기간은 15일, 30일, 60일, 90일 중에서 선택해 주세요."))
    live = [x for x in listings if x.status == LIVE]
    if not live:
        raise RuleViolation(_("판매기간을 연장할 판매중(반영완료) 상품을 선택해 주세요."))
    return enqueue(job, kind=_("판매기간 연장"), queue="channel", tenant_id=tenant.id,
                   user_id=_user_id(), listing_ids=[x.id for x in live], days=days)


def events_of(listing: Listing, limit=50) -> list[ListingEvent]:
    return (db.session.query(ListingEvent).filter_by(tenant_id=listing.tenant_id, listing_id=listing.id)
            .order_by(ListingEvent.id.desc()).limit(limit).all())


def ending_within(tenant, days: int):
    limit = kst_today() + timedelta(days=days)
    return (tenant_query(Listing, tenant).filter(Listing.status == LIVE, Listing.sale_end.isnot(None),
                                                 Listing.sale_end <= limit)
            .order_by(Listing.sale_end, Listing.id))
