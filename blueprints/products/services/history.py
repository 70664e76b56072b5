"""상품수정이력: a product flattened to labelled text, field-level diffs, and the history rows."""
from flask_babel import gettext as _

from models import ProductHistory
from portal.extensions import db
from portal.i18n import N_

from . import reference
from .draft import ORIGIN_CHOICES, REGION_CHOICES, STATUS_CHOICES, TAX_CHOICES


# The history stores its field names, kinds and the system's name in Korean (N_/ko: the record as written);
# the screen shows them in the reader's language through field_label() and _().
SYSTEM = N_("시스템")  # user_name of a change no person made
# Field names that carry the changed item after a space: "옵션 빨강/L", "추가상품재고 포장/상자".
PREFIXES = (N_("추가상품재고"), N_("추가상품"), N_("옵션재고"), N_("옵션"), N_("품목고시"))


def field_label(field: str) -> str:
    """A stored field name in the reader's language; the option, add-on or 고시 item it names stays as typed."""
    if not field:
        return field
    translated = _(field)
    if translated != field:
        return translated
    for prefix in PREFIXES:
        if field.startswith(prefix + " "):
            return f"{_(prefix)}{field[len(prefix):]}"
    return field


def snapshot(product) -> dict[str, str]:
    """What a seller would compare: one labelled text per field, option and add-on item."""
    snap = {
        N_("상품명"): product.name, N_("상품상태"): STATUS_CHOICES.get(product.status, product.status),
        N_("카테고리"): product.category_path, N_("자체상품코드"): product.own_code or "",
        N_("모델명"): product.model_name, N_("모델NO"): product.model_no, N_("제조사"): product.maker,
        N_("브랜드"): product.brand,
        N_("제조일자"): product.made_on.isoformat() if product.made_on else "",
        N_("유효일자"): product.expires_on.isoformat() if product.expires_on else "",
        N_("원산지"): " ".join(x for x in (ORIGIN_CHOICES.get(product.origin_type, ""),
                                      product.origin_detail) if x),
        N_("원재료"): ", ".join(f"{r['name']}({r['origin']}) {r['content']}%"
                           for r in product.raw_materials or []),
        N_("인증정보"): ", ".join(f"{c['kind']} {c['authority']} {c['number']}"
                             for c in product.certifications or []),
        N_("키워드"): product.keywords, N_("상세설명"): product.description,
        N_("대표이미지"): product.main_image, N_("추가이미지"): ", ".join(product.extra_images or []),
        N_("상세이미지"): product.detail_image or "",
        N_("대표가격"): (_("%(price)s원", price=format(product.rep_price, ","))
                        if product.rep_price is not None else ""),
        N_("과세구분"): TAX_CHOICES.get(product.tax_type, product.tax_type),
        N_("판매지역"): REGION_CHOICES.get(product.sale_region, product.sale_region),
        N_("성인인증"): _("필요") if product.adult_only else _("불필요"),
        N_("옵션명"): ", ".join(product.option_names or []),
        N_("구매자 입력형 옵션명"): ", ".join(product.input_option_names or []),
    }
    group = reference.notice_group(product.notice_group)
    snap[N_("품목고시 품목")] = group["name"] if group else ""
    for fld in group["fields"] if group else []:
        answer = (product.notice or {}).get(fld["key"], {})
        mark = " (%s)" % _("상세정보 별도표기") if answer.get("separate") else ""
        snap[f"{N_('품목고시')} {fld['label']}"] = f"{answer.get('value', '')}{mark}"
    if not product.options:
        snap[N_("재고")] = str(product.stock)
    for opt in product.options:
        snap[f"{N_('옵션')} {opt.values}"] = _("%(extra_price)s원 %(get)s",
                                     extra_price=format(opt.extra_price, '+,'), get=STATUS_CHOICES.get(opt.status))
        snap[f"{N_('옵션재고')} {opt.values}"] = str(opt.stock)
    for group_ in product.addon_groups:
        for item in group_.items:
            key = f"{N_('추가상품')} {group_.name}/{item.name}"
            snap[key] = _("%(price)s원 %(get)s",
                          price=format(item.price, ','), get=STATUS_CHOICES.get(item.status))
            snap[f"{N_('추가상품재고')} {group_.name}/{item.name}"] = str(item.stock)
    return snap


def diff(before: dict[str, str], after: dict[str, str]) -> list[dict]:
    changes = []
    for key in list(before) + [k for k in after if k not in before]:
        old, new = before.get(key, ""), after.get(key, "")
        if old != new:
            changes.append({"field": key, "before": _short(old), "after": _short(new)})
    return changes


def _short(text: str) -> str:
    return text if len(text) <= 300 else text[:297] + "..."


def record(product, action: str, user=None, changes=None) -> ProductHistory:
    entry = ProductHistory(tenant_id=product.tenant_id, product=product, action=action,
                           user_id=getattr(user, "id", None),
                           user_name=str(user) if user is not None else SYSTEM,
                           changes=changes or [])
    db.session.add(entry)
    return entry
