"""수기주문 services: saving one order, column-mapping profiles, the batch store of an upload, 강제취소."""
import json

from sqlalchemy import select

from models import ImportProfile, ManualOrder, ManualOrderLine
from models.base import utcnow
from portal.extensions import db
from portal.tenancy import tenant_query

from .rules import FIELDS, Invalid, ManualDraft, validate


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
    order = ManualOrder(tenant_id=tenant.id, source="form", **clean)
    order.lines = [ManualOrderLine(tenant_id=tenant.id, sku=s, quantity=q) for s, q in _merged(lines)]
    db.session.add(order)
    db.session.commit()
    return order


def _merged(lines):
    """A repeated SKU adds quantity instead of making a second line."""
    out: dict[str, int] = {}
    for sku, qty in lines:
        out[sku] = out.get(sku, 0) + qty
    return list(out.items())


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
    row = db.session.query(ImportProfile).filter_by(tenant_id=tenant_id, platform=platform).one_or_none()
    return {**default_mapping(), **json.loads(row.mapping_json)} if row else default_mapping()


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


# --- upload batches --------------------------------------------------------------------------

def store_batch(tenant_id: int, run_id: int, orders: list[dict], *, commit: bool = True) -> set[str]:
    """Insert validated orders of one chunk; returns the order numbers already registered.

    One duplicate lookup per platform, one multi-row INSERT of orders (ids back through RETURNING) and one
    of lines, through Core: no ORM object per row. Without commit the caller commits (with its progress line).
    """
    from blueprints.orders.services.store import _insert

    if not orders:
        return set()
    by_platform: dict[str, list[str]] = {}
    for o in orders:
        by_platform.setdefault(o["platform"], []).append(o["order_no"])
    taken: set[tuple[str, str]] = set()
    for platform, numbers in by_platform.items():
        taken.update(tuple(r) for r in db.session.execute(select(ManualOrder.platform, ManualOrder.order_no).where(
            ManualOrder.tenant_id == tenant_id, ManualOrder.platform == platform,
            ManualOrder.order_no.in_(numbers))).all())
    fresh = [o for o in orders if (o["platform"], o["order_no"]) not in taken]
    now = utcnow()
    extra = {"tenant_id": tenant_id, "source": "excel", "run_id": run_id, "created_at": now, "updated_at": now,
             "canceled_at": None, "canceled_by_id": None}
    rows = [{k: v for k, v in o.items() if k != "lines"} | extra for o in fresh]
    table = ManualOrder.__table__
    inserted = {(p, n): i for p, n, i in db.session.execute(
        _insert(table).on_conflict_do_nothing(index_elements=["tenant_id", "platform", "order_no"])
        .returning(table.c.platform, table.c.order_no, table.c.id), rows)} if rows else {}
    lines = [{"tenant_id": tenant_id, "order_id": order_id, "sku": s, "quantity": q}
             for o in fresh if (order_id := inserted.get((o["platform"], o["order_no"]))) is not None
             for s, q in _merged(o["lines"])]
    if lines:
        db.session.execute(_insert(ManualOrderLine.__table__), lines)
    if commit:
        db.session.commit()
    return {n for _, n in taken} | {o["order_no"] for o in fresh if (o["platform"], o["order_no"]) not in inserted}
