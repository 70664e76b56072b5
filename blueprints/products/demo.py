"""Demo products: 30 realistic items with options, add-ons, filled 품목고시 and drawn images."""
import hashlib
import io

from PIL import Image, ImageDraw, ImageFont
from werkzeug.datastructures import FileStorage

from models import Product
from portal.extensions import db
from portal.tenancy import tenant_query

from .demo_catalog import CERT, PRODUCTS, RAW
from .services import catalog, reference, rules, stock
from .services.draft import AddonGroupDraft, AddonItemDraft, ProductDraft
from .services.options import generate_rows

QUALITY = "소비자분쟁해결기준(공정거래위원회 고시)에 따름"
RELEASED = "2025년 3월"


def _answer(label: str, spec, tenant, cert) -> str:
    """A 품목고시 answer a careful seller would type; "" leaves 상세정보 별도표기."""
    own, name, _, _, _, options, _, _, country, given = spec
    for key, value in given.items():
        if key in label:
            return value
    if "제조자" in label or "제조업" in label or "책임판매업자" in label:
        return f"{tenant.name} / {country}"
    if label.startswith("제조국"):
        return country
    if "A/S" in label or "소비자상담" in label:
        return f"{tenant.name} 고객센터 1588-0000"
    if label.startswith("품질보증"):
        return QUALITY
    if label.startswith("색상"):
        return ", ".join(options.get("색상", "").split(",")) or "상세페이지 참조"
    if "KC" in label:
        return cert[2] if cert else "해당없음"
    if "출시년월" in label or label.startswith("제조연월"):
        return RELEASED
    if label.startswith(("품명", "제품명", "도서명", "품목 또는 명칭")):
        return name
    return ""


def _draft(tenant, spec) -> ProductDraft:
    own, name, category, group, price, options, addons, qty, country, _ = spec
    cert = CERT.get(group)
    notice = {}
    for fld in reference.notice_group(group)["fields"]:
        value = _answer(fld["label"], spec, tenant, cert)
        notice[fld["key"]] = {"value": value, "separate": not value}
    d = ProductDraft(name=name, category_code=category, own_code=own, maker=tenant.name,
                     brand=tenant.name, origin_type="none", notice_group=group, notice=notice,
                     keywords=name, description=f"<p>{name}</p><p>제조국: {country}</p>",
                     rep_price=str(price), stock=str(qty), model_name=own)
    if own in RAW:
        d.origin_type = "processed"
        d.raw_materials = [{"name": n, "origin": o, "content": c} for n, o, c in RAW[own]]
    elif group == "agri_food":
        d.origin_type, d.origin_detail = "agri", "국내산"
    if cert:
        d.certifications = [dict(zip(("kind", "authority", "number"), cert))]
    if options:
        d.use_options, d.option_names = True, list(options)
        d.option_values = list(options.values())
        d.option_rows = generate_rows(d.option_names, d.option_values, [])
        for i, row in enumerate(d.option_rows):
            row.stock = str(qty if i else 1)  # the first combination is nearly sold out
            row.extra_price = "0" if i % 3 == 0 else str(price // 10 // 10 * 10)
    if addons:
        d.use_addons = True
        d.addon_groups = [AddonGroupDraft(g, [AddonItemDraft(n, "on", str(p), "10") for n, p in items])
                          for g, items in addons]
    d.main_upload = picture(own, 0)
    if options:
        d.extra_uploads = [picture(own, 1)]
    return d


def picture(own_code: str, variant: int) -> FileStorage:
    """A product shot drawn from the code alone: the same code always draws the same jpg."""
    seed = hashlib.sha256(f"{own_code}-{variant}".encode()).digest()
    back = tuple(200 + b % 56 for b in seed[:3])
    ink = tuple(40 + b % 120 for b in seed[3:6])
    img = Image.new("RGB", (1000, 1000), back)
    draw = ImageDraw.Draw(img)
    if variant:
        draw.ellipse((220, 220, 780, 780), fill=ink)
    else:
        draw.rounded_rectangle((200, 260, 800, 760), radius=60, fill=ink)
        draw.rectangle((380, 180, 620, 280), fill=tuple(max(0, c - 30) for c in ink))
    draw.text((500, 880), own_code, fill=(60, 60, 60), anchor="mm",
              font=ImageFont.load_default(size=72))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=85)
    buf.seek(0)
    return FileStorage(buf, filename=f"{own_code}{variant}.jpg", content_type="image/jpeg")


def load(tenant) -> None:
    """Idempotent: products already there (by 자체상품코드) are left alone."""
    existing = {c for (c,) in tenant_query(Product, tenant).with_entities(Product.own_code)}
    for spec in PRODUCTS:
        if spec[0] in existing:
            continue
        draft = _draft(tenant, spec)
        check = rules.check(draft, tenant)
        if not check.ok:
            raise ValueError(f"{spec[0]}: {check.messages()}")
        catalog.create(tenant, None, check, draft)
    settings = stock.settings_for(tenant)
    settings.low_stock_enabled, settings.low_stock_threshold = True, 3
    db.session.commit()
