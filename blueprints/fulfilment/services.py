"""수기주문 services: saving one order from the form, column-mapping profiles, 강제취소."""
import json

from sqlalchemy import text

from models import ImportProfile, ManualOrder, ManualOrderLine
from models.base import utcnow
from portal.extensions import db
from portal.tenancy import tenant_query

from .rules import FIELDS, Invalid, ManualDraft, validate
from .skus import Resolver


def draft_from_form(form) -> ManualDraft:
    skus, qtys = form.getlist("sku"), form.getlist("quantity")
    return ManualDraft(**{k: form.get(k, "") for k in ManualDraft.__dataclass_fields__ if k != "lines"},
                       lines=list(zip(skus, qtys)))


def create_order(tenant, user, draft: ManualDraft) -> ManualOrder:
    clean = validate(draft)
    exists = tenant_query(ManualOrder, tenant).filter_by(platform=clean["platform"], order_no=clean["order_no"])
    if exists.first():
        raise Invalid(f"이미 등록된 주문번호입니다: {clean['order_no']}")
    lines = clean.pop("lines")
    lines = mapped(Resolver(tenant.id).resolve({sku for sku, _ in lines}), lines)
    if isinstance(lines, str):
        raise Invalid(lines)
    order = ManualOrder(tenant_id=tenant.id, source="form", **clean)
    order.lines = [ManualOrderLine(tenant_id=tenant.id, sku=sku, quantity=qty, product_id=product_id,
                                   option_id=option_id) for sku, qty, product_id, option_id in lines]
    db.session.add(order)
    db.session.commit()
    return order


def mapped(known: dict, lines: list[tuple[str, int]]) -> list[tuple] | str:
    """(sku, quantity) lines → [(sku, quantity, product_id, option_id)] through the SKUs a Resolver knows, or
    the reason of the first SKU that names no product of the seller. A SKU repeated (also under its other
    code) adds quantity to one line."""
    if len(lines) == 1:
        sku, qty = lines[0]
        match = known[sku]
        return match if type(match) is str else [(match.sku, qty, match.product_id, match.option_id)]
    merged: dict[tuple, list] = {}
    for sku, qty in lines:
        match = known[sku]
        if type(match) is str:
            return match
        key = (match.product_id, match.option_id)
        if key in merged:
            merged[key][1] += qty
        else:
            merged[key] = [match.sku, qty, match.product_id, match.option_id]
    return [tuple(line) for line in merged.values()]



def force_cancel(tenant, user, order_ids) -> int:
    ids = {int(i) for i in order_ids or [] if str(i).isdigit()}
    if not ids:
        raise Invalid("취소할 주문을 선택해 주세요.")
    orders = tenant_query(ManualOrder, tenant).filter(ManualOrder.id.in_(ids)).all()
    if len(orders) != len(ids):
        raise Invalid("선택한 주문을 찾을 수 없습니다.")
    done = [o.order_no for o in orders if o.canceled_at]
    if done:
        raise Invalid(f"이미 강제 취소된 주문입니다: {', '.join(done)}")
    for order in orders:
        order.canceled_at, order.canceled_by_id = utcnow(), user.id
    db.session.commit()
    return len(orders)


# --- 주문서 매칭 (column mapping per sales channel) --------------------------------------------

def default_mapping() -> dict:
    return {k: header for k, (header, _) in FIELDS.items()}


def profile_for(tenant_id: int, platform: str) -> dict:
    row = db.session.execute(PROFILE_SQL, {"tenant": tenant_id, "platform": platform}).first()
    return {**default_mapping(), **json.loads(row[0])} if row else default_mapping()


# Read at the start of every upload job: plain SQL, nothing for the ORM to build first.
PROFILE_SQL = text("SELECT mapping_json FROM import_profile WHERE tenant_id = :tenant AND platform = :platform")


def save_profile(tenant, platform: str, form) -> ImportProfile:
    platform = (platform or "").strip()
    if not platform:
        raise Invalid("판매 플랫폼을 입력해 주세요.")
    mapping = {k: (form.get(f"col_{k}") or "").strip() for k in FIELDS}
    missing = [FIELDS[k][0] for k, (_, required) in FIELDS.items() if required and not mapping[k]]
    if missing:
        raise Invalid(f"필수 항목의 열 이름을 입력해 주세요: {', '.join(missing)}")
    row = tenant_query(ImportProfile, tenant).filter_by(platform=platform).one_or_none()
    if row is None:
        row = ImportProfile(tenant_id=tenant.id, platform=platform)
        db.session.add(row)
    row.mapping_json = json.dumps({k: v for k, v in mapping.items() if v}, ensure_ascii=False)
    db.session.commit()
    return row
