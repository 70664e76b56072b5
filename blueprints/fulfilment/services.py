"""수기주문 services: saving one order from the form, column-mapping profiles, 강제취소 (each flowing on into
주문관리 and the stock, mirror)."""
import json

from flask_babel import gettext as _
from sqlalchemy import text

from models import ImportProfile, ManualOrder, ManualOrderLine
from models.base import utcnow
from portal.extensions import db
from portal.tenancy import tenant_query

from blueprints.orders.services.stock_link import announce

from .mapping import Profile, Source, check_settings
from .mirror import mirror, release_stock
from .presets import BY_KEY
from .rules import EXTRA_FIELDS, FIELDS, Invalid, ManualDraft, line_reason, validate
from .skus import Resolver


def draft_from_form(form) -> ManualDraft:
    skus, qtys = form.getlist("sku"), form.getlist("quantity")
    return ManualDraft(**{k: form.get(k, "") for k in ManualDraft.__dataclass_fields__ if k != "lines"},
                       lines=list(zip(skus, qtys)))


def create_order(tenant, user, draft: ManualDraft) -> ManualOrder:
    clean = validate(draft)
    exists = tenant_query(ManualOrder, tenant).filter_by(platform=clean["platform"], order_no=clean["order_no"])
    if exists.first():
        raise Invalid(_("이미 등록된 주문번호입니다: %(no)s", no=clean["order_no"]))
    lines = clean.pop("lines")
    lines = mapped(Resolver(tenant.id, clean["platform"]).resolve({sku for sku, _qty in lines}), lines)
    if isinstance(lines, str):
        raise Invalid(lines)
    order = ManualOrder(tenant_id=tenant.id, source="form", currency="KRW", **clean)
    order.lines = [ManualOrderLine(tenant_id=tenant.id, sku=sku, quantity=qty, product_id=product_id,
                                   option_id=option_id) for sku, qty, product_id, option_id in lines]
    db.session.add(order)
    db.session.flush()
    touched = mirror(db.session.connection(), tenant.id, [order.id])  # into 주문관리, taking its stock
    db.session.commit()
    announce(tenant.id, touched)
    return order


def mapped(known: dict, lines: list[tuple]) -> list[tuple] | str:
    """(sku, quantity, *extra) lines → [(sku, quantity, product_id, option_id, *extra)] through the SKUs a
    Resolver knows, or the reason of the first SKU that names no product of the seller. A SKU repeated (also
    under its other code) adds quantity to one line, and its line amount (extra's last) when both have one."""
    if len(lines) == 1:
        sku, qty, *extra = lines[0]
        match = known[sku]
        return match if type(match) is str else [(match.sku, qty, match.product_id, match.option_id, *extra)]
    merged: dict[tuple, list] = {}
    for n, (sku, qty, *extra) in enumerate(lines, 1):
        match = known[sku]
        if type(match) is str:
            return line_reason(n, "", match)  # names the line that fails the whole order
        key = (match.product_id, match.option_id)
        if key in merged:
            line = merged[key]
            line[1] += qty
            if extra and line[-1] is not None and extra[-1] is not None:
                line[-1] += extra[-1]
            elif extra:
                line[-1] = None
        else:
            merged[key] = [match.sku, qty, match.product_id, match.option_id, *extra]
    return [tuple(line) for line in merged.values()]


def force_cancel(tenant, user, order_ids) -> int:
    ids = {int(i) for i in order_ids or [] if str(i).isdigit()}
    if not ids:
        raise Invalid(_("취소할 주문을 선택해 주세요."))
    orders = tenant_query(ManualOrder, tenant).filter(ManualOrder.id.in_(ids)).all()
    if len(orders) != len(ids):
        raise Invalid(_("선택한 주문을 찾을 수 없습니다."))
    done = [o.order_no for o in orders if o.canceled_at]
    if done:
        raise Invalid(_("이미 강제 취소된 주문입니다: %(orders)s", orders=", ".join(done)))
    for order in orders:
        order.canceled_at, order.canceled_by_id = utcnow(), user.id
    db.session.flush()
    touched = release_stock(db.session.connection(), [o.id for o in orders])  # 취소완료 in 주문관리, stock back
    db.session.commit()
    announce(tenant.id, touched)
    return len(orders)


# --- 주문서 매칭 (column mapping per sales channel) --------------------------------------------

def default_mapping() -> dict:
    return {k: header for k, (header, _required) in FIELDS.items()}


def default_profile() -> Profile:
    """The Poomgo template's own columns."""
    return Profile.load(default_mapping())


def saved_profile(tenant_id: int, platform: str) -> Profile | None:
    """The seller's own 주문서 매칭 for the platform (None: the file's headers pick a preset)."""
    row = db.session.execute(PROFILE_SQL, {"tenant": tenant_id, "platform": platform}).first()
    return Profile.load(json.loads(row[0]), platform) if row else None


def profile_for(tenant_id: int, platform: str, preset: str = "") -> Profile:
    """What the 주문서 매칭 form shows: the saved one, else a chosen preset, else the template."""
    if preset in BY_KEY:
        return BY_KEY[preset].profile()
    return saved_profile(tenant_id, platform) or default_profile()


# Read at the start of every upload job: plain SQL, nothing for the ORM to build first.
PROFILE_SQL = text("SELECT mapping_json FROM import_profile WHERE tenant_id = :tenant AND platform = :platform")


def save_profile(tenant, platform: str, form) -> ImportProfile:
    """The form's fields ("열A + 열B", "열A | 열B", "=값", each with its separator) and file settings."""
    platform = (platform or "").strip()
    if not platform:
        raise Invalid(_("판매 플랫폼을 입력해 주세요."))
    fields = {}
    for k in list(FIELDS) + list(EXTRA_FIELDS):
        source = Source.parse(form.get(f"col_{k}") or "", form.get(f"sep_{k}"), k)
        if source.columns or source.fallback or source.value:
            fields[k] = source
    missing = [_(FIELDS[k][0]) for k, (_label, required) in FIELDS.items() if required and k not in fields]
    if missing:
        raise Invalid(_("필수 항목의 열 이름을 입력해 주세요: %(fields)s", fields=", ".join(missing)))
    encoding, header_row, sheet = check_settings(form.get("encoding"), form.get("header_row"), form.get("sheet"))
    row = tenant_query(ImportProfile, tenant).filter_by(platform=platform).one_or_none()
    if row is None:
        row = ImportProfile(tenant_id=tenant.id, platform=platform)
        db.session.add(row)
    row.mapping_json = Profile(fields, encoding, header_row, sheet).dump()
    db.session.commit()
    return row
