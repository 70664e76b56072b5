"""SKU codes learned without the seller: the codes of a collected order line that got matched to a product,
and the channel product and option codes of a listing that went live, remembered through skus.teach; and the
item page a Japan order needs, found from the product's listings when the file gives none.

A code the seller taught by picking (learned_from "pick") is never overwritten by a learned one.
"""
from models import ChannelOrderLine, Listing, Product, SkuMapping, Tenant
from portal.extensions import db
from portal.i18n import ko

from .rules import Invalid
from .skus import SEPARATOR, teach

# The 판매 플랫폼 words a seller's order files use for the channels we collect from (the presets' platform
# names), besides the adapter's own display name: a code learned from one is found from the other.
CHANNEL_PLATFORMS = {"naver": (ko("스마트스토어"),), "coupang": (ko("쿠팡"),), "elevenst": (ko("11번가"),)}  # matched
# Public item pages of a channel's product number (the address a buyer opens).
ITEM_PAGES = {"naver": "https://smartstore.naver.com/main/products/{id}",
              "coupang": "https://www.coupang.com/vp/products/{id}",
              "elevenst": "https://www.11st.co.kr/products/{id}"}


def platforms_of(channel_code: str) -> list[str]:
    from blueprints.orders.services.collection import channel_name

    names = [channel_name(channel_code), *CHANNEL_PLATFORMS.get(channel_code, ())]
    return list(dict.fromkeys(n for n in names if n))


def item_page(channel_code: str, product_no: str) -> str:
    pattern = ITEM_PAGES.get(channel_code)
    return pattern.format(id=product_no) if pattern and product_no else ""


def _our_sku(product: Product, option_values: str = "") -> str:
    code = product.own_code or product.code or ""
    return f"{code}{SEPARATOR}{option_values}" if option_values else code


def _teach(tenant, platforms, code: str, sku: str, learned_from: str, url: str = "") -> bool:
    code = (code or "").strip()
    if not code or not sku or code == sku:
        return False
    taught = False
    for platform in platforms:
        picked = (db.session.query(SkuMapping.id)
                  .filter_by(tenant_id=tenant.id, channel=platform[:50], code_key=code.lower()[:200],
                             learned_from="pick").first())
        if picked:
            continue
        try:
            teach(tenant, platform, code, sku, learned_from, url, commit=False)
            taught = True
        except Invalid:  # the product's SKU no longer resolves (deleted, options changed): nothing to learn
            return False
    return taught


def learn_from_order_lines(tenant_id: int, line_ids) -> int:
    """Collected lines matched to a product (stock_link): their seller code, channel product numbers and
    item number name that product (and the option the line names). Commits; returns the codes taught."""
    ids = list(line_ids or [])
    if not ids:
        return 0
    lines = (db.session.query(ChannelOrderLine)
             .filter(ChannelOrderLine.tenant_id == tenant_id, ChannelOrderLine.id.in_(ids),
                     ChannelOrderLine.product_id.isnot(None), ChannelOrderLine.account_id.isnot(None)).all())
    if not lines:
        return 0
    tenant = db.session.get(Tenant, tenant_id)
    taught = 0
    for line in lines:
        product = db.session.get(Product, line.product_id)
        if product is None or product.deleted_at is not None:
            continue
        platforms = platforms_of(line.channel)
        if product.options:
            option = next((o.values for o in product.options if o.values and o.values == line.option_name), None)
            if option is None:
                continue
            # only the option-level code names one combination; the product numbers name several
            taught += _teach(tenant, platforms, line.channel_item_id, _our_sku(product, option), "order")
            continue
        sku = _our_sku(product)
        url = item_page(line.channel, line.origin_product_id or line.channel_product_id)
        for code in {line.seller_code, line.channel_product_id, line.origin_product_id, line.channel_item_id}:
            taught += _teach(tenant, platforms, code, sku, "order", url)
    db.session.commit()
    return taught


def learn_from_listing(listing: Listing) -> int:
    """A live listing: its channel product number names the product (a product without options), each of
    its item (option) ids the combination it sells. In the caller's transaction; returns the codes taught."""
    product = listing.product
    if product is None or product.deleted_at is not None or not listing.channel_product_id:
        return 0
    tenant = db.session.get(Tenant, listing.tenant_id)
    platforms = platforms_of(listing.channel)
    url = item_page(listing.channel, listing.channel_product_id)
    taught = 0
    if not product.options:
        taught += _teach(tenant, platforms, listing.channel_product_id, _our_sku(product), "listing", url)
    values = {"/".join(v.strip() for v in o.values.split("/")): o.values for o in product.options if o.values}
    for key in listing.stock_keys or []:
        # "item": the code order lines carry when the stock key is another (스마트스토어 options)
        code = str(key.get("item") or key.get("id") or "")
        option = "/".join(p.strip() for p in str(key.get("option") or "").split("/"))
        if option and option in values:
            taught += _teach(tenant, platforms, code, _our_sku(product, values[option]), "listing", url)
        elif not option and not product.options and code != listing.channel_product_id:
            taught += _teach(tenant, platforms, code, _our_sku(product), "listing", url)
    return taught


def product_pages(tenant_id: int, product_ids) -> dict[int, str]:
    """An item page per product, for Japan orders whose file and SKU mapping give none: a page the mapping
    table keeps for the product under any code, else the page of one of the product's live listings."""
    ids = sorted({i for i in product_ids if i})
    if not ids:
        return {}
    pages: dict[int, str] = {}
    for product_id, url in (db.session.query(SkuMapping.product_id, SkuMapping.product_url)
                            .filter(SkuMapping.tenant_id == tenant_id, SkuMapping.product_id.in_(ids),
                                    SkuMapping.product_url != "").order_by(SkuMapping.id)):
        pages.setdefault(product_id, url)
    rest = [i for i in ids if i not in pages]
    if rest:
        for product_id, channel, number in (db.session.query(Listing.product_id, Listing.channel,
                                                             Listing.channel_product_id)
                                            .filter(Listing.tenant_id == tenant_id, Listing.product_id.in_(rest),
                                                    Listing.channel_product_id.isnot(None))
                                            .order_by(Listing.id)):
            if item_page(channel, number):
                pages.setdefault(product_id, item_page(channel, number))
    return pages
