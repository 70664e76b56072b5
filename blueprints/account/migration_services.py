"""데이터이전 서비스신청 rules: which accounts can be collected, requests, and matching listings to products."""
from flask_babel import gettext as _

from models import ChannelAccount, Listing, MigrationRequest, Product
from models.base import utcnow
from portal.extensions import db
from portal.marketplaces import discover_adapters
from portal.tenancy import tenant_query
from portal.i18n import N_

from .services import RuleViolation

MSG_NONE = N_("수집신청할 제휴몰 계정을 선택해 주세요.")
MSG_UNSUPPORTED = N_("{name}은(는) 판매중인 상품 목록을 가져오는 연동을 제공하지 않아 데이터이전을 신청할 수 없습니다.")


def supports(channel: str) -> bool:
    cls = discover_adapters().get(channel)
    return cls is not None and "fetch_listings" in cls.capabilities()


def rows(tenant) -> list[tuple[ChannelAccount, MigrationRequest | None, bool]]:
    accounts = tenant_query(ChannelAccount, tenant).order_by(ChannelAccount.channel, ChannelAccount.id).all()
    requests = {r.account_id: r for r in tenant_query(MigrationRequest, tenant)}
    return [(a, requests.get(a.id), supports(a.channel)) for a in accounts]


def request_collection(tenant, account_ids) -> list[MigrationRequest]:
    """수집신청: one request per account (asking again re-collects; it never duplicates)."""
    ids = [int(i) for i in account_ids if str(i).isdigit()]
    if not ids:
        raise RuleViolation(_(MSG_NONE))
    accounts = tenant_query(ChannelAccount, tenant).filter(ChannelAccount.id.in_(ids)).all()
    if len(accounts) != len(set(ids)):
        raise LookupError("another tenant's account")
    for account in accounts:
        if not supports(account.channel):
            cls = discover_adapters().get(account.channel)
            raise RuleViolation(_(MSG_UNSUPPORTED).format(name=cls.display_name if cls else account.channel))
    out = []
    for account in accounts:
        req = tenant_query(MigrationRequest, tenant).filter_by(account_id=account.id).one_or_none()
        req = req or MigrationRequest(tenant_id=tenant.id, account_id=account.id)
        req.requested_at, req.status, req.result = utcnow(), "requested", ""
        db.session.add(req)
        out.append(req)
    db.session.commit()
    return out


def match_product(tenant_id: int, row) -> Product | None:
    """자체상품코드, then 모델명, then the exact product name: the first that matches one product."""
    base = db.session.query(Product).filter(Product.tenant_id == tenant_id, Product.deleted_at.is_(None))
    code = (row.seller_code or "").strip()
    if code:
        found = base.filter(Product.own_code == code).first()
        if found:
            return found
        found = base.filter(Product.model_name == code).order_by(Product.id).first()
        if found:
            return found
    return base.filter(Product.name == row.name.strip()).order_by(Product.id).first()


def existing_listing(tenant_id: int, account_id: int, channel_product_id: str) -> Listing | None:
    return db.session.query(Listing).filter_by(tenant_id=tenant_id, account_id=account_id,
                                               channel_product_id=channel_product_id).first()
