"""SKU master services: save, delete and list single and combination SKUs, remember a code's match."""
from flask_babel import gettext as _

from models import FulfilmentOrder, FulfilmentSku, FulfilmentSkuComponent, Product, ProductOption, SkuMatch
from models.base import utcnow
from models.fulfilment_order import MATCH_OK
from models.fulfilment_sku import COMBO, SINGLE
from portal.extensions import db
from portal.tenancy import tenant_query

from . import matching, rules
from .rules import Invalid


def live(tenant, kind: str | None = None):
    query = tenant_query(FulfilmentSku, tenant).filter(FulfilmentSku.deleted_at.is_(None))
    return query.filter(FulfilmentSku.kind == kind) if kind else query


def _existing(tenant, code_key: str):
    return tenant_query(FulfilmentSku, tenant).filter(FulfilmentSku.code_key == code_key).one_or_none()


def _link(tenant, own_code: str) -> tuple[int | None, int | None]:
    """연결 상품: our product's 자체상품코드 or 상품코드, optionally ":옵션값" for a 조합형 option."""
    own_code = (own_code or "").strip()
    if not own_code:
        return None, None
    code, _sep, option = own_code.partition(":")
    product = (tenant_query(Product, tenant).filter(Product.deleted_at.is_(None))
               .filter((Product.own_code == code.strip()) | (Product.code == code.strip())).first())
    if product is None:
        raise Invalid([_("연결할 상품을 찾을 수 없습니다: %(code)s", code=own_code)])
    if not option:
        return product.id, None
    wanted = "/".join(p.strip() for p in option.split("/"))
    for opt in db.session.query(ProductOption).filter(ProductOption.product_id == product.id):
        if "/".join(p.strip() for p in (opt.values or "").split("/")) == wanted:
            return product.id, opt.id
    raise Invalid([_("연결할 상품의 옵션을 찾을 수 없습니다: %(code)s", code=own_code)])


def save_single(tenant, user, values: dict, sku: FulfilmentSku | None = None) -> FulfilmentSku:
    """Create (or, with `sku`, edit) a single SKU; an upload row with a known code edits that SKU."""
    clean = rules.single(values)
    product_id, option_id = _link(tenant, values.get("product_code", ""))
    other = _existing(tenant, clean["code_key"])
    if sku is None and other is not None and other.deleted_at is None and not values.get("_upsert"):
        raise Invalid([_("이미 등록된 SKU입니다: %(code)s", code=clean["code"])])
    if sku is not None and other is not None and other.id != sku.id:
        raise Invalid([_("이미 등록된 SKU입니다: %(code)s", code=clean["code"])])
    if sku is None and other is not None and other.kind != SINGLE:
        raise Invalid([_("조합형상품으로 등록된 SKU입니다: %(code)s", code=clean["code"])])
    sku = sku or other or FulfilmentSku(tenant_id=tenant.id, kind=SINGLE, created_by_id=user.id)
    for k, v in clean.items():
        setattr(sku, k, v)
    sku.product_id, sku.option_id, sku.updated_by_id, sku.deleted_at = product_id, option_id, user.id, None
    db.session.add(sku)
    db.session.flush()
    return sku


def save_combo(tenant, user, values: dict, sku: FulfilmentSku | None = None) -> FulfilmentSku:
    """Create or edit a combination SKU from its code, name and "SKU*수량, …" components."""
    code, name = (values.get("code") or "").strip(), (values.get("name") or "").strip()
    reasons = rules.code_reasons(code)
    if not name:
        reasons.append(_("상품명(한글 피킹용)을 입력해 주세요."))
    parts, bad = rules.parse_components(values.get("components", ""))
    reasons += bad
    singles = {}
    if parts:
        found = live(tenant, SINGLE).filter(FulfilmentSku.code_key.in_([c.lower() for c, _n in parts])).all()
        singles = {s.code_key: s for s in found}
        reasons += [_("등록되지 않은 단일상품 SKU입니다: %(code)s", code=c) for c, _n in parts
                    if c.lower() not in singles]
    other = _existing(tenant, code.lower()) if code else None
    if other is not None and (sku is None or other.id != sku.id):
        if other.kind != COMBO or (sku is not None) or (other.deleted_at is None and not values.get("_upsert")):
            reasons.append(_("이미 등록된 SKU입니다: %(code)s", code=code))
    if reasons:
        raise Invalid(reasons)
    sku = sku or other or FulfilmentSku(tenant_id=tenant.id, kind=COMBO, created_by_id=user.id)
    sku.code, sku.code_key, sku.name, sku.updated_by_id, sku.deleted_at = code, code.lower(), name[:200], user.id, None
    sku.brand = (values.get("brand") or "").strip()[:100]
    sku.memo = (values.get("memo") or "").strip()[:300]
    sku.components = [FulfilmentSkuComponent(tenant_id=tenant.id, sku_id=singles[c.lower()].id, quantity=n)
                      for c, n in parts]
    db.session.add(sku)
    db.session.flush()
    return sku


def delete(tenant, ids) -> int:
    """선택 삭제: the SKUs stop matching; shipments keep their items."""
    count = 0
    for sku in live(tenant).filter(FulfilmentSku.id.in_([int(i) for i in ids if str(i).isdigit()])):
        sku.deleted_at = utcnow()
        count += 1
    db.session.commit()
    return count


def unmatched(tenant, limit: int = 500) -> list[tuple[str, str, int]]:
    """미매칭 목록: (마켓, code, waiting lines) of waiting lines no SKU answers to, most lines first."""
    rows = (tenant_query(FulfilmentOrder, tenant)
            .filter(FulfilmentOrder.shipment_id.is_(None), FulfilmentOrder.deleted_at.is_(None),
                    FulfilmentOrder.match_state != MATCH_OK)
            .with_entities(FulfilmentOrder.channel, FulfilmentOrder.sku_code, db.func.count())
            .group_by(FulfilmentOrder.channel, FulfilmentOrder.sku_code)
            .order_by(db.func.count().desc()).limit(limit).all())
    return [(channel, code, n) for channel, code, n in rows]


def remember(tenant, user, channel: str, code: str, sku_code: str) -> int:
    """Match a channel's code to a SKU once: every part of the code that names no SKU is remembered
    as this SKU (a comma-separated code needs one pick per part); the waiting lines are matched again.
    Returns how many waiting lines are now matched."""
    sku = live(tenant).filter(FulfilmentSku.code_key == (sku_code or "").strip().lower()).one_or_none()
    if sku is None:
        raise Invalid([_("등록되지 않은 SKU입니다: %(code)s", code=sku_code)])
    channel = (channel or "").strip()
    code_parts = matching.parts(code)
    if not channel or not code_parts:
        raise Invalid([_("마켓과 주문 코드를 확인해 주세요.")])
    matcher = matching.Matcher(tenant.id)
    probe = FulfilmentOrder(channel=channel, option_code=code, seller_code="", item_code="")
    matcher.load([probe])
    for part in code_parts:
        if matcher.sku_for(channel, part) is None:
            existing = tenant_query(SkuMatch, tenant).filter_by(channel=channel, code_key=matching.key(part)).first()
            row = existing or SkuMatch(tenant_id=tenant.id, channel=channel, code=part[:220],
                                       code_key=matching.key(part)[:220], created_by_id=user.id)
            row.sku_id = sku.id
            db.session.add(row)
    db.session.flush()
    return rematch_waiting(tenant, channel)


def rematch_waiting(tenant, channel: str | None = None) -> int:
    """Match the unmatched waiting lines again (after SKUs or matches change); returns the newly matched."""
    query = (tenant_query(FulfilmentOrder, tenant)
             .filter(FulfilmentOrder.shipment_id.is_(None), FulfilmentOrder.deleted_at.is_(None),
                     FulfilmentOrder.match_state != MATCH_OK))
    if channel:
        query = query.filter(FulfilmentOrder.channel == channel)
    rows = query.all()
    matching.apply(tenant.id, rows)
    db.session.commit()
    return sum(1 for r in rows if r.match_state == MATCH_OK)
