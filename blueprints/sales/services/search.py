"""판매상품조회, 상품 연동현황 and 재고연동이력 lists: filters, paging and the Excel rows."""
from sqlalchemy import or_

from models import ChannelAccount, Listing, ListingEvent, Product, StockPush
from models.listing import STATUS_LABELS
from portal.extensions import db
from portal.i18n import N_
from portal.tenancy import tenant_query

from .listings import channel_name

PER_PAGE = 50
# Shown with _() where the file is written.
EXPORT_HEADERS = [N_("상태"), N_("제휴몰"), N_("판매자 ID"), N_("상품코드"), N_("상품명"), N_("제휴몰 상품번호"), N_("판매가"),
                  N_("시중가"), N_("재고"), N_("판매시작일"), N_("판매종료일"), N_("최근 결과")]


def listing_query(tenant, args):
    query = tenant_query(Listing, tenant).join(Product, Product.id == Listing.product_id)
    status = args.get("status", "")
    if status in STATUS_LABELS:
        query = query.filter(Listing.status == status)
    if args.get("channel"):
        query = query.filter(Listing.channel == args["channel"])
    if args.get("account_id", "").isdigit():
        query = query.filter(Listing.account_id == int(args["account_id"]))
    text = (args.get("q") or "").strip()
    if text:
        query = query.filter(or_(Product.name.ilike(f"%{text}%"), Product.code == text, Product.own_code == text,
                                 Listing.channel_product_id == text))
    if args.get("ends_before"):
        query = query.filter(Listing.sale_end <= args["ends_before"])
    return query.order_by(Listing.id.desc())


def export_rows(query):
    for x in query.yield_per(500):
        yield [x.status_label, channel_name(x.channel), x.account.alias, x.product.code, x.product.name,
               x.channel_product_id or "", x.sale_price, x.market_price, x.product.total_stock,
               x.sale_start.isoformat() if x.sale_start else "", x.sale_end.isoformat() if x.sale_end else "",
               x.last_message]


def accounts(tenant):
    return tenant_query(ChannelAccount, tenant).order_by(ChannelAccount.channel, ChannelAccount.id).all()


def link_status(tenant, args):
    """상품 연동현황: per product, every listing with its status and its latest 연동이력 line."""
    products = tenant_query(Product, tenant).filter(Product.deleted_at.is_(None))
    text = (args.get("q") or "").strip()
    if text:
        products = products.filter(or_(Product.name.ilike(f"%{text}%"), Product.code == text))
    linked_ids = db.session.query(Listing.product_id).filter(Listing.tenant_id == tenant.id)
    products = products.filter(Product.id.in_(linked_ids)).order_by(Product.id.desc())
    page = products.paginate(page=args.get("page", 1, type=int), per_page=PER_PAGE, error_out=False)
    ids = [p.id for p in page.items]
    listings = tenant_query(Listing, tenant).filter(Listing.product_id.in_(ids)).order_by(Listing.channel).all()
    last = {}
    if listings:
        latest = (db.session.query(db.func.max(ListingEvent.id)).filter(
            ListingEvent.tenant_id == tenant.id, ListingEvent.listing_id.in_([x.id for x in listings]))
            .group_by(ListingEvent.listing_id))
        for event in db.session.query(ListingEvent).filter(ListingEvent.id.in_(latest)):
            last[event.listing_id] = event
    by_product: dict[int, list] = {}
    for x in listings:
        by_product.setdefault(x.product_id, []).append((x, last.get(x.id)))
    return page, by_product


def stock_pushes(tenant, args):
    query = tenant_query(StockPush, tenant)
    if args.get("result") in ("ok", "fail", "skipped"):
        query = query.filter(StockPush.result == args["result"])
    if args.get("listing_id", "").isdigit():
        query = query.filter(StockPush.listing_id == int(args["listing_id"]))
    text = (args.get("q") or "").strip()
    if text:
        query = query.join(Product, Product.id == StockPush.product_id).filter(
            or_(Product.name.ilike(f"%{text}%"), Product.code == text))
    return query.order_by(StockPush.id.desc())
