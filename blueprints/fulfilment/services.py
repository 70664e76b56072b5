"""수기주문 services: saving one order, column-mapping profiles, the batch store of an upload, 강제취소."""
import json

from sqlalchemy import func, select

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

ORDER_COLUMNS = ("platform", "order_no", "brand", "country", "product_url", "recipient_name", "recipient_phone",
                 "zip_code", "address", "address_detail", "message", "order_amount", "paid_amount", "total_paid")


def _insert_many(table: str, columns, rows, conflict: str = "") -> None:
    """Rows (tuples in `columns` order) in one executemany straight to the driver: SQLite loops in C, psycopg
    pipelines the statements; no per-row work in SQLAlchemy. (Multi-row VALUES of 1,000 rows measured
    slower on psycopg: server-side binding of ~19,000 parameters.)"""
    conn = db.session.connection()
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    conn.exec_driver_sql(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})"
                         f"{conflict}", rows)


def _taken(tenant_id: int, platform: str, numbers: list[str]) -> list[str]:
    """Which of these order numbers are registered. PostgreSQL joins an unnest()ed array so each number is one
    probe of the unique index (a long IN list of parameters is compared row by row instead)."""
    conn = db.session.connection()
    if conn.dialect.name == "postgresql":
        return [n for (n,) in conn.exec_driver_sql(
            "SELECT m.order_no FROM unnest(%s::text[]) AS t(no) JOIN manual_order m"
            " ON m.tenant_id = %s AND m.platform = %s AND m.order_no = t.no", (numbers, tenant_id, platform))]
    return list(db.session.scalars(select(ManualOrder.order_no).where(
        ManualOrder.tenant_id == tenant_id, ManualOrder.platform == platform, ManualOrder.order_no.in_(numbers))))


def store_batch(tenant_id: int, run_id: int, orders: list[dict], *, commit: bool = True) -> set[str]:
    """Insert validated orders of one chunk; returns the order numbers already registered.

    One duplicate lookup per platform, one executemany of orders, one query for their new ids, one
    executemany of lines: no ORM object and no query per row. Without commit the caller commits (with its
    progress line). An order inserted meanwhile by another upload is skipped (ON CONFLICT) and reported taken.
    """
    if not orders:
        return set()
    by_platform: dict[str, list[str]] = {}
    for o in orders:
        by_platform.setdefault(o["platform"], []).append(o["order_no"])

    taken = {(platform, n) for platform, numbers in by_platform.items() for n in _taken(tenant_id, platform, numbers)}
    fresh = [o for o in orders if (o["platform"], o["order_no"]) not in taken]
    mine: dict[tuple[str, str], int] = {}
    if fresh:
        floor = db.session.scalar(select(func.max(ManualOrder.id))) or 0
        stamp = db.DateTime().bind_processor(db.session.connection().dialect)
        now = stamp(utcnow()) if stamp else utcnow()
        tail = (tenant_id, "excel", run_id, now, now)
        _insert_many("manual_order", ORDER_COLUMNS + ("tenant_id", "source", "run_id", "created_at", "updated_at"),
                     [tuple(o[k] for k in ORDER_COLUMNS) + tail for o in fresh],
                     " ON CONFLICT (tenant_id, platform, order_no) DO NOTHING")
        # The new ids: this run's rows above the highest id before the insert (a primary-key range).
        mine = {(p, n): i for p, n, i in db.session.execute(select(
            ManualOrder.platform, ManualOrder.order_no, ManualOrder.id).where(
            ManualOrder.id > floor, ManualOrder.tenant_id == tenant_id, ManualOrder.run_id == run_id))}
    lines = [(tenant_id, order_id, sku, qty) for o in fresh
             if (order_id := mine.get((o["platform"], o["order_no"]))) is not None
             for sku, qty in _merged(o["lines"])]
    if lines:
        _insert_many("manual_order_line", ("tenant_id", "order_id", "sku", "quantity"), lines)
    if commit:
        db.session.commit()
    return {n for _, n in taken} | {o["order_no"] for o in fresh if (o["platform"], o["order_no"]) not in mine}
