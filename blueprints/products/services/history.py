"""상품수정이력: a product flattened to labelled text, field-level diffs, and the history rows."""
from flask_babel import gettext as _

from models import ProductHistory
from portal.extensions import db

from . import reference
from .draft import ORIGIN_CHOICES, REGION_CHOICES, STATUS_CHOICES, TAX_CHOICES


def snapshot(product) -> dict[str, str]:
    """What a seller would compare: one labelled text per field, option and add-on item."""
    snap = {
        "상품명": product.name, "상품상태": STATUS_CHOICES.get(product.status, product.status),
        "카테고리": product.category_path, "자체상품코드": product.own_code or "",
        "모델명": product.model_name, "모델NO": product.model_no, "제조사": product.maker,
        "브랜드": product.brand,
        "제조일자": product.made_on.isoformat() if product.made_on else "",
        "유효일자": product.expires_on.isoformat() if product.expires_on else "",
        "원산지": " ".join(x for x in (ORIGIN_CHOICES.get(product.origin_type, ""),
                                      product.origin_detail) if x),
        "원재료": ", ".join(f"{r['name']}({r['origin']}) {r['content']}%"
                           for r in product.raw_materials or []),
        "인증정보": ", ".join(f"{c['kind']} {c['authority']} {c['number']}"
                             for c in product.certifications or []),
        "키워드": product.keywords, "상세설명": product.description,
        "대표이미지": product.main_image, "추가이미지": ", ".join(product.extra_images or []),
        "상세이미지": product.detail_image or "",
        "대표가격": f"{product.rep_price:,}원" if product.rep_price is not None else "",
        "과세구분": TAX_CHOICES.get(product.tax_type, product.tax_type),
        "판매지역": REGION_CHOICES.get(product.sale_region, product.sale_region),
        "성인인증": "필요" if product.adult_only else "불필요",
        "옵션명": ", ".join(product.option_names or []),
        "구매자 입력형 옵션명": ", ".join(product.input_option_names or []),
    }
    group = reference.notice_group(product.notice_group)
    snap["품목고시 품목"] = group["name"] if group else ""
    for fld in group["fields"] if group else []:
        answer = (product.notice or {}).get(fld["key"], {})
        mark = " (상세정보 별도표기)" if answer.get("separate") else ""
        snap[f"품목고시 {fld['label']}"] = f"{answer.get('value', '')}{mark}"
    if not product.options:
        snap["재고"] = str(product.stock)
    for opt in product.options:
        snap[f"옵션 {opt.values}"] = _("%(extra_price)s원 %(get)s",
                                     extra_price=format(opt.extra_price, '+,'), get=STATUS_CHOICES.get(opt.status))
        snap[f"옵션재고 {opt.values}"] = str(opt.stock)
    for group_ in product.addon_groups:
        for item in group_.items:
            key = f"추가상품 {group_.name}/{item.name}"
            snap[key] = _("%(price)s원 %(get)s",
                          price=format(item.price, ','), get=STATUS_CHOICES.get(item.status))
            snap[f"추가상품재고 {group_.name}/{item.name}"] = str(item.stock)
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
                           user_name=str(user) if user is not None else "시스템",
                           changes=changes or [])
    db.session.add(entry)
    return entry
