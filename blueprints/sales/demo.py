"""Demo listings: part of the demo catalogue linked to the demo accounts on the sandbox, one failing on purpose."""
import logging

import requests
from flask import current_app

from models import ChannelAccount, Listing, Product, SalesInfo
from portal.extensions import db
from portal.queues import execute
from portal.tenancy import tenant_query

log = logging.getLogger(__name__)

# (own code of a demo product, channel, sale price, market price); FAILING has no category
# yet, so the channel refuses it: the seller fixes the 판매정보 category and links again.
# G마켓 (ESM) takes products without options only, so it gets two of those.
LINKS = (("DEMO03", "interpark", 19900, 25000), ("DEMO07", "interpark", 45000, 52000),
         ("DEMO12", "interpark", 9900, 12000), ("DEMO07", "hmall", 46000, 52000),
         ("DEMO05", "hmall", 28000, 33000), ("DEMO13", "naver", 34000, 42000), ("DEMO12", "naver", 9900, 12000),
         ("DEMO09", "coupang", 42000, 50000), ("DEMO17", "coupang", 19900, 25000),
         ("DEMO16", "11st", 29000, 35000), ("DEMO19", "11st", 13500, 16000),
         ("DEMO07", "gmarket", 45000, 52000), ("DEMO12", "gmarket", 9900, 12000))
FAILING = "DEMO05"
SHIPPING = {"ship_policy": "순차발송", "ship_days": 3, "delivery_method": "parcel", "fee_type": "conditional",
            "fee": 3000, "free_over": 30000, "fee_payment": "prepaid", "jeju_fee": 3000, "island_fee": 5000,
            "courier": "CJ대한통운", "return_fee": 3000, "as_info": "판매자에게 문의 (02-1234-5678, 평일 10~17시)"}


def _run_now(func, tenant, kind, **kwargs):
    """Run a job synchronously, recorded like any other, so `portal demo` ends with it done."""
    from models import JobRun

    path = f"{func.__module__}.{func.__qualname__}"
    run = JobRun(kind=kind, func=path, queue="channel", tenant_id=tenant.id)
    db.session.add(run)
    db.session.commit()
    execute(run.id, path, {**kwargs, "tenant_id": tenant.id})


def _sandbox_up() -> bool:
    try:
        requests.get(current_app.config["SANDBOX_URL"].rstrip("/") + "/_ops/api/clock", timeout=1)
        return True
    except requests.RequestException:
        return False


def load_demo_listings(tenant) -> None:
    """Idempotent: a product already listed on an account is left alone."""
    from blueprints.account.demo import load_demo_accounts
    from jobs.listings import fetch_categories, link_listings
    from models import ChannelCategory

    from .services.notice import start_from_product

    load_demo_accounts(tenant)  # 기본정보관리 loads after this menu; its accounts are needed now
    accounts = {a.channel: a for a in tenant_query(ChannelAccount, tenant)}
    products = {p.own_code: p for p in tenant_query(Product, tenant).filter(Product.deleted_at.is_(None))}
    online = _sandbox_up()
    new = []
    for own_code, channel, price, market in LINKS:
        account, product = accounts.get(channel), products.get(own_code)
        if account is None or product is None:
            continue
        if tenant_query(Listing, tenant).filter_by(product_id=product.id, account_id=account.id).first():
            continue
        if online and not tenant_query(ChannelCategory, tenant).filter_by(account_id=account.id).first():
            _run_now(fetch_categories, tenant, "카테고리 가져오기", account_id=account.id)
        leaf = tenant_query(ChannelCategory, tenant).filter_by(account_id=account.id, is_leaf=True).first()
        category = (leaf.category_id, leaf.path) if leaf and own_code != FAILING else ("", "")
        info = SalesInfo(tenant_id=tenant.id, account_id=account.id, channel=channel,
                         group_name=f"{product.name[:40]} 기본", category_id=category[0], category_path=category[1],
                         market_price=market, sale_price=price, sale_days=90, **SHIPPING,
                         ship_zip=tenant.zipcode or "07583", ship_address=tenant.address or "서울특별시 강서구",
                         return_zip=tenant.zipcode or "07583", return_address=tenant.address or "서울특별시 강서구")
        db.session.add(info)
        db.session.flush()
        listing = Listing(tenant_id=tenant.id, product_id=product.id, account_id=account.id, channel=channel,
                          sales_info_id=info.id, market_price=market, sale_price=price, sale_days=90,
                          category_id=category[0], category_path=category[1])
        db.session.add(listing)
        listing.product = product
        start_from_product(listing)  # a 종합몰 listing gets its own 품목고시, from the product's
        db.session.commit()
        new.append(listing.id)
    if new and online:
        _run_now(link_listings, tenant, "상품연동처리", listing_ids=new)
    elif new:
        log.warning("샌드박스 마켓(%s)에 연결할 수 없어 데모 판매상품을 연동대기로 두었습니다.",
                    current_app.config["SANDBOX_URL"])
