"""Saving products: create and update from a checked draft, codes, soft delete, restore, listings."""
from datetime import UTC
from zoneinfo import ZoneInfo

from flask_babel import gettext as _

from models import AddonGroup, AddonItem, Product, ProductOption
from models.base import utcnow
from portal.extensions import db
from portal.i18n import N_

from . import RuleViolation, history, images

KST = ZoneInfo("Asia/Seoul")
SCALARS = ("name", "status", "category_code", "category_path", "own_code", "model_name",
           "model_no", "is_isbn", "maker", "brand", "made_on", "expires_on", "origin_type",
           "origin_detail", "raw_materials", "certifications", "notice_group", "notice",
           "keywords", "description", "rep_price", "tax_type", "sale_region", "adult_only",
           "stock")


def code_for(product_id: int) -> str:
    """상품코드: the KST registration date and the row id, e.g. 201811160050198."""
    today = utcnow().replace(tzinfo=UTC).astimezone(KST).strftime("%Y%m%d")
    return f"{today}{product_id:07d}"


def assign_code(product) -> None:
    product.code = code_for(product.id)


def create(tenant, user, check, draft=None, action=N_("등록"), import_key=None,
           flush=True) -> Product:
    """flush=False lets a bulk job insert a whole batch at once, then call assign_code on each."""
    product = Product(tenant_id=tenant.id, import_key=import_key)
    apply(product, check, draft)
    db.session.add(product)
    history.record(product, action, user)
    if flush:
        db.session.flush()
        assign_code(product)
    return product


def update(product, user, check, draft=None, action=N_("수정")) -> list[dict]:
    """Apply and record the field-level changes; nothing changed means no history row."""
    before = history.snapshot(product)
    apply(product, check, draft)
    db.session.flush()
    changes = history.diff(before, history.snapshot(product))
    if changes:
        history.record(product, action, user, changes)
    return changes


def apply(product, check, draft=None) -> None:
    v = check.values
    for key in SCALARS:
        if key in v:
            setattr(product, key, v[key])
    product.option_names = list(v.get("option_names", []))
    product.input_option_names = list(v.get("input_option_names", []))
    if v.get("options"):
        product.stock = 0  # stock lives on the combinations once options are used
    _apply_images(product, draft)
    _apply_options(product, v.get("options", []))
    _apply_addons(product, v.get("addon_groups", []))


def _apply_images(product, draft) -> None:
    if draft is None:
        return
    if images.is_given(draft.main_upload):
        product.main_image = images.store(product.tenant_id, draft.main_upload)
    else:
        product.main_image = draft.main_image or ""
    if images.is_given(draft.detail_upload):
        product.detail_image = images.store_detail(product.tenant_id, draft.detail_upload)
    else:
        product.detail_image = draft.detail_image or ""
    kept = list(draft.extra_images)
    kept += [images.store(product.tenant_id, u) for u in draft.extra_uploads if images.is_given(u)]
    product.extra_images = kept[:images.MAX_EXTRA]


def _apply_options(product, rows) -> None:
    """Combinations that survive keep their row (and id, which stock sync refers to)."""
    current = {o.values: o for o in product.options}
    wanted = []
    for row in rows:
        opt = current.pop(row["values"], None) or ProductOption(tenant_id=product.tenant_id,
                                                                values=row["values"])
        opt.no, opt.extra_price, opt.status, opt.stock = (row["no"], row["extra_price"],
                                                          row["status"], row["stock"])
        wanted.append(opt)
    product.options = wanted


def _apply_addons(product, groups) -> None:
    current = {(g.name, i.name): i for g in product.addon_groups for i in g.items}
    new_groups = []
    for pos, group in enumerate(groups, 1):
        g = AddonGroup(tenant_id=product.tenant_id, position=pos, name=group["name"])
        for ipos, item in enumerate(group["items"], 1):
            old = current.get((group["name"], item["name"]))
            image = item.get("image") or (old.image if old else "")
            if images.is_given(item.get("upload")):
                image = images.store(product.tenant_id, item["upload"])
            g.items.append(AddonItem(tenant_id=product.tenant_id, product=product, position=ipos,
                                     name=item["name"], status=item["status"], price=item["price"],
                                     stock=item["stock"], image=image))
        new_groups.append(g)
    product.addon_groups = new_groups


def delete(product, user) -> None:
    """삭제 is soft: the product waits in 상품복원. A product live on a channel stays."""
    if product.on_sale:
        raise RuleViolation(_("판매중인 상품은 삭제할 수 없습니다. 판매종료 후 삭제해 주세요."))
    product.deleted_at = utcnow()
    product.deleted_by_id = getattr(user, "id", None)
    history.record(product, N_("삭제"), user)


def restore(product, user) -> None:
    product.deleted_at = None
    product.deleted_by_id = None
    history.record(product, N_("복원"), user)


def set_listing_count(product, count: int) -> None:
    """The hook 판매상품관리 drives: while a product is live anywhere its options are frozen."""
    product.listing_count = max(0, int(count))
