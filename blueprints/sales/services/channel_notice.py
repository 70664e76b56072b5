"""A channel's own 상품고시정보 and category attributes for one listing (쿠팡: 카테고리 메타정보 조회).

The category meta is read by a job (views never call a channel) and kept on the listing with the seller's
entries: listing.notice = {"meta": {category_id, notice_categories, attributes}, "category": notice category,
"fields": {detail: answer}, "attributes": {name: value}}. What 연동 sends starts from the product's 품목고시
(its labels matched to the channel's details by the adapter) with the seller's entries over it.
"""
from flask_babel import gettext as _

from blueprints.products.services import RuleViolation, reference
from blueprints.products.services.notices import SEE_DETAIL
from models import Listing
from portal.marketplaces import discover_adapters


def uses_category_meta(channel: str) -> bool:
    cls = discover_adapters().get(channel)
    return bool(cls is not None and getattr(cls, "category_meta", False))


def uses_product_notice(channel: str) -> bool:
    """A channel whose adapter maps the product's 품목고시 onto its own notice types (notice_by_group)."""
    cls = discover_adapters().get(channel)
    return bool(cls is not None and getattr(cls, "notice_by_group", False))


def product_fields(listing: Listing) -> tuple[str, dict[str, str]]:
    """The product's 품목고시 group name and {label: answer} (별도표기 → 상세페이지 참조)."""
    product = listing.product
    group = reference.notice_group(product.notice_group or "") if product is not None else None
    if group is None:
        return "", {}
    answers = product.notice or {}
    fields = {}
    for fld in group["fields"]:
        answer = answers.get(fld["key"]) or {}
        value = SEE_DETAIL if answer.get("separate") else (answer.get("value") or "").strip()
        if value:
            fields[fld["label"]] = value
    return group["name"], fields


def stored(listing: Listing) -> dict:
    return dict(listing.notice or {}) if uses_category_meta(listing.channel) else {}


def meta_of(listing: Listing):
    """The category meta read for the listing's current category, or None (not read, or another category)."""
    from portal.channel_meta import CategoryMeta

    kept = stored(listing).get("meta") or {}
    if not kept or kept.get("category_id") != listing.category_id:
        return None
    return CategoryMeta.from_dict(kept)


def channel_sent(listing: Listing) -> dict:
    group, fields = product_fields(listing)
    own = stored(listing)
    return {"group": own.get("category") or group,
            "fields": {**fields, **{k: v for k, v in (own.get("fields") or {}).items() if v}},
            "attributes": {k: v for k, v in (own.get("attributes") or {}).items() if v}}


def keep_meta(listing: Listing, found) -> None:
    """The job's read of the category meta, kept for the form (the seller's entries stay)."""
    own = stored(listing)
    own["meta"] = {"category_id": listing.category_id, **found.as_dict()}
    listing.notice = own


def form_values(listing: Listing) -> dict:
    """What the 판매상품 page shows: the chosen category, each detail's answer, each attribute's value."""
    from portal.channel_meta import answer_for, choose_category

    found = meta_of(listing)
    if found is None:
        return {}
    own = stored(listing)
    sent = channel_sent(listing)
    category = own.get("category") or choose_category(found, sent["group"])
    chosen = own.get("fields") or {}
    return {"meta": found, "category": category,
            "fields": {d: chosen.get(d) or answer_for(d, sent["fields"])
                       for d, _req in found.notice_categories.get(category, [])},
            "attributes": own.get("attributes") or {}}


def save(listing: Listing, form) -> None:
    """The seller's notice category, answers and attribute values; every required attribute must be given."""
    found = meta_of(listing)
    if found is None:
        raise RuleViolation(_("먼저 [고시정보·속성 불러오기]로 카테고리의 고시정보를 불러와 주세요."))
    category = (form.get("channel_notice_category") or "").strip()
    if category not in found.notice_categories:
        raise RuleViolation(_("상품고시정보 카테고리를 선택해 주세요."))
    # Answers belong to the category the form showed; another category starts from the product's again.
    shown = category == (form.get("channel_notice_shown") or "").strip()
    fields = {d: (form.get(f"channel_notice_{n}") or "").strip() if shown else ""
              for n, (d, _req) in enumerate(found.notice_categories[category])}
    attributes = {a.name: (form.get(f"channel_attr_{n}") or "").strip() for n, a in enumerate(found.attributes)}
    missing = [a.name for a in found.required_attributes if not attributes[a.name]]
    if missing:
        raise RuleViolation(_("필수 속성을 입력해 주세요: %(names)s", names=", ".join(missing)))
    wrong = [a.name for a in found.attributes if a.values and attributes[a.name] and attributes[a.name] not in a.values]
    if wrong:
        raise RuleViolation(_("목록에 있는 값을 선택해 주세요: %(names)s", names=", ".join(wrong)))
    own = stored(listing)
    own.update(category=category, fields={k: v for k, v in fields.items() if v},
               attributes={k: v for k, v in attributes.items() if v})
    listing.notice = own
