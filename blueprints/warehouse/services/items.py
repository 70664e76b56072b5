"""상품정보관리: the manual's item fields and rules, registering several items at once, editing, linking."""
import re
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _
from sqlalchemy import or_

from models import Product, ProductOption, WarehouseItem, WarehouseItemCount
from models.warehouse import ITEM_ACTIVE
from portal.extensions import db
from portal.tenancy import tenant_query
from portal.i18n import N_

from . import CURRENCIES, WAREHOUSES, FieldErrors, RuleViolation
from .files import check_image, is_given, store_image

TEXT_FIELDS = ("fnsku", "warehouse", "owner_name", "seller_sku", "platform_sku", "name_zh", "name_en",
               "name_ko", "origin", "customs_value", "currency", "hs_code", "option", "url", "color",
               "description", "weight_kg", "width_cm", "depth_cm", "height_cm", "has_battery", "link")
REQUIRED = ("fnsku", "warehouse", "owner_name", "seller_sku", "name_zh", "name_en", "customs_value",
            "weight_kg", "width_cm", "depth_cm", "height_cm")
LIMITS = {"fnsku": 40, "owner_name": 50, "seller_sku": 50, "platform_sku": 60, "name_zh": 200,
          "name_en": 200, "name_ko": 200, "origin": 50, "option": 200, "url": 500, "color": 50,
          "description": 500}
BARCODE = re.compile(r"[A-Za-z0-9\-]{5,40}")
HAN = re.compile(r"[\u3400-\u9fff]")
PRINTABLE_ASCII = re.compile(r"[\x20-\x7e]+")
URL = re.compile(r"https?://[^\s]+")
HS = re.compile(r"\d{4}(\.?\d{2}){1,3}")
# 검색선택 of 상품정보목록 / 재고관리 / 입고·출고상품추가.
SEARCH_FIELDS = {"name_zh": N_("중문상품명"), "fnsku": N_("바코드"), "seller_sku": "Seller SKU",
                 "name_ko": N_("한글상품명"), "owner_name": N_("화주명")}


def blank_row(tenant) -> dict:
    return {"warehouse": next(iter(WAREHOUSES)), "owner_name": tenant.name, "currency": "USD",
            "has_battery": "no"}


def positive_decimal(text: str, places: int, most: Decimal) -> Decimal | None:
    try:
        value = Decimal(str(text).strip().replace(",", ""))
    except InvalidOperation:
        return None
    if not value.is_finite() or value <= 0 or value > most or -value.as_tuple().exponent > places:
        return None
    return value


def check_row(row: dict) -> tuple[dict, dict]:
    """(clean values, {field: message}) for one item of 신규상품정보등록 or 상품정보수정."""
    row = {k: str(row.get(k) or "").strip() for k in TEXT_FIELDS}
    errors, clean = {}, {}
    for name in REQUIRED:
        if not row[name]:
            errors[name] = _("필수 입력 항목입니다.")
    for name, most in LIMITS.items():
        if len(row[name]) > most and name not in errors:
            errors[name] = _("%(n)d자 이내로 입력해 주세요.", n=most)
        clean[name] = row[name]
    if row["fnsku"] and "fnsku" not in errors and not BARCODE.fullmatch(row["fnsku"]):
        errors["fnsku"] = _("바코드(Fnsku)는 영문, 숫자, - 로 5~40자 입력해 주세요.")
    if row["warehouse"] not in WAREHOUSES:
        errors["warehouse"] = _("입고창고를 선택해 주세요.")
    clean["warehouse"] = row["warehouse"]
    if row["name_zh"] and not HAN.search(row["name_zh"]):
        errors["name_zh"] = _("중문상품명은 중국어(한자)로 입력해 주세요.")
    if row["name_en"] and not PRINTABLE_ASCII.fullmatch(row["name_en"]):
        errors["name_en"] = _("영문상품명은 영문, 숫자와 기호로만 입력해 주세요.")
    if row["customs_value"]:
        clean["customs_value"] = positive_decimal(row["customs_value"], 2, Decimal("99999999"))
        if clean["customs_value"] is None:
            errors["customs_value"] = _("세관신고가격은 0보다 큰 숫자(소수점 둘째 자리까지)로 입력해 주세요.")
    clean["currency"] = row["currency"] or "USD"
    if clean["currency"] not in CURRENCIES:
        errors["currency"] = _("통화를 선택해 주세요.")
    hs = row["hs_code"]
    if hs and not HS.fullmatch(hs):
        errors["hs_code"] = _("HS CODE는 숫자 6~10자리로 입력해 주세요. (예: 6104.43)")
    clean["hs_code"] = hs.replace(".", "")
    if row["url"] and not URL.fullmatch(row["url"]):
        errors["url"] = _("상품URL은 http:// 또는 https:// 로 시작하는 주소로 입력해 주세요.")
    if row["weight_kg"]:
        clean["weight_kg"] = positive_decimal(row["weight_kg"], 3, Decimal("999"))
        if clean["weight_kg"] is None:
            errors["weight_kg"] = _("무게는 0보다 큰 숫자(kg, 소수점 셋째 자리까지)로 입력해 주세요.")
    for name in ("width_cm", "depth_cm", "height_cm"):
        clean[name] = positive_decimal(row[name], 1, Decimal("999"))
        errors.pop(name, None)
        if clean[name] is None:
            errors["volume"] = _("부피는 가로, 세로, 높이를 0보다 큰 숫자(cm, 소수점 첫째 자리까지)로 입력해 주세요.")
    if row["has_battery"] not in ("yes", "no"):
        errors["has_battery"] = _("배터리포함여부를 선택해 주세요.")
    clean["has_battery"] = row["has_battery"] == "yes"
    clean["link"] = row["link"]
    return clean, errors


def resolve_link(tenant, text: str) -> tuple[int | None, int | None]:
    """연결상품: "상품코드" for a product without options, "상품코드/옵션번호" for one combination."""
    text = text.strip()
    if not text:
        return None, None
    code, _sep, no = text.partition("/")
    product = tenant_query(Product, tenant).filter(Product.code == code.strip(),
                                                   Product.deleted_at.is_(None)).one_or_none()
    if product is None:
        raise RuleViolation(_("연결할 상품을 찾을 수 없습니다. 상품코드를 확인해 주세요."))
    if not product.option_names:
        return product.id, None
    option = (tenant_query(ProductOption, tenant)
              .filter(ProductOption.product_id == product.id, ProductOption.no == int(no))
              .one_or_none() if no.strip().isdigit() else None)
    if option is None:
        raise RuleViolation(_("옵션이 있는 상품은 '상품코드/옵션번호'로 입력해 주세요. (예: %(code)s/1)",
                              code=product.code))
    return product.id, option.id


def link_text(item: WarehouseItem) -> str:
    if item.product_option is not None:
        return f"{item.product.code}/{item.product_option.no}"
    return item.product.code if item.product is not None else ""


def register(tenant, rows: list[dict], images: list) -> list[WarehouseItem]:
    """신규상품정보등록: every item is checked first; one refused item saves none of them."""
    if not rows:
        raise RuleViolation(_("등록할 상품정보를 입력해 주세요."))
    errors, cleaned, seen = {}, [], {}
    taken = {f for (f,) in tenant_query(WarehouseItem, tenant).with_entities(WarehouseItem.fnsku)
             .filter(WarehouseItem.fnsku.in_([str(r.get("fnsku", "")).strip() for r in rows]))}
    for index, (row, image) in enumerate(zip(rows, images)):
        clean, row_errors = check_row(row)
        fnsku = clean["fnsku"]
        if fnsku in taken:
            row_errors["fnsku"] = _("이미 등록된 바코드(Fnsku)입니다.")
        elif fnsku in seen:
            row_errors["fnsku"] = _("#%(n)d 상품과 바코드(Fnsku)가 같습니다.", n=seen[fnsku] + 1)
        seen.setdefault(fnsku, index)
        if not is_given(image):
            row_errors["image"] = _("상품이미지를 등록해 주세요.")
        elif (problem := check_image(image)):
            row_errors["image"] = problem
        if "link" not in row_errors:
            try:
                clean["product_id"], clean["option_id"] = resolve_link(tenant, clean["link"])
            except RuleViolation as refused:
                row_errors["link"] = str(refused)
        errors.update({(index, f): m for f, m in row_errors.items()})
        cleaned.append(clean)
    if errors:
        raise FieldErrors(errors)
    items = []
    for clean, image in zip(cleaned, images):
        clean.pop("link")
        items.append(WarehouseItem(tenant_id=tenant.id, image=store_image(tenant.id, image), **clean))
    db.session.add_all(items)
    db.session.commit()
    return items


def edit(tenant, item: WarehouseItem, row: dict, image) -> None:
    """상품정보수정 (popup). The barcode stays; 입고창고 changes only while nothing is stocked.
    A refused item that is saved again goes back to the warehouse as a new request."""
    row = {**row, "fnsku": item.fnsku}
    clean, errors = check_row(row)
    if clean["warehouse"] != item.warehouse and item.available:
        errors["warehouse"] = _("재고가 있는 상품은 입고창고를 바꿀 수 없습니다.")
    if is_given(image) and (problem := check_image(image)):
        errors["image"] = problem
    if "link" not in errors:
        try:
            clean["product_id"], clean["option_id"] = resolve_link(tenant, clean["link"])
        except RuleViolation as refused:
            errors["link"] = str(refused)
    if errors:
        raise FieldErrors({(0, f): m for f, m in errors.items()})
    clean.pop("link")
    for name, value in clean.items():
        setattr(item, name, value)
    if is_given(image):
        item.image = store_image(tenant.id, image)
    if item.status != ITEM_ACTIVE:
        item.status, item.refused_reason = ITEM_ACTIVE, ""
    db.session.commit()


def rows_from_product(tenant, code: str) -> list[dict]:
    """상품에서 불러오기: one item row per option of our product (or one for a plain product)."""
    product = tenant_query(Product, tenant).filter(Product.code == code.strip(),
                                                   Product.deleted_at.is_(None)).one_or_none()
    if product is None:
        raise RuleViolation(_("상품코드에 해당하는 상품이 없습니다."))
    base = {**blank_row(tenant), "seller_sku": product.own_code or product.code, "name_ko": product.name}
    if not product.option_names:
        return [{**base, "link": product.code}]
    return [{**base, "option": o.values, "link": f"{product.code}/{o.no}",
             "seller_sku": f"{base['seller_sku']}-{o.no}"} for o in product.options]


def search(query, args):
    """검색어 + 검색선택 over the item columns; no 검색선택 looks in every one of them."""
    words = (args.get("q") or "").strip()
    if not words:
        return query
    field = args.get("field")
    columns = ([getattr(WarehouseItem, field)] if field in SEARCH_FIELDS
               else [getattr(WarehouseItem, f) for f in SEARCH_FIELDS])
    if field == "fnsku":
        return query.filter(WarehouseItem.fnsku == words)
    return query.filter(or_(*[c.contains(words, autoescape=True) for c in columns]))


def count(tenant, status: str) -> int:
    """The seller's 상품정보 in a state, from the counts the database's triggers keep."""
    return db.session.query(WarehouseItemCount.items).filter_by(tenant_id=tenant.id, status=status).scalar() or 0
