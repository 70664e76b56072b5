"""수출신고 상세정보 수정: the seller's edits of one shipped shipment's declaration data, checked field by
field (recipient kana and English name, per item the 50-character English name, HS code, weight)."""
from decimal import Decimal, InvalidOperation

from models import ExportDeclaration, Shipment
from models.base import utcnow
from portal.extensions import db
from portal.i18n import N_
from portal.tenancy import tenant_query

from .documents.declaration import KANA, ASCII_TEXT, FIELD_MESSAGES, check_english_name, check_hs_code


def save_edits(tenant, shipment: Shipment, form, user_id: int) -> dict[str, str]:
    """Store what `form` holds for `shipment`; returns {field name: Korean reason} and stores nothing
    when any field is wrong. Empty item fields fall back to the SKU master."""
    errors: dict[str, str] = {}
    kana = " ".join((form.get("recipient_kana") or "").split())
    english = " ".join((form.get("recipient_en") or "").split()).upper()
    if kana and not KANA.match(kana):
        errors["recipient_kana"] = N_("수취인 요미가나는 가타카나로 입력해 주세요.")
    if english and not ASCII_TEXT.match(english):
        errors["recipient_en"] = N_("수취인 영문 이름은 영문으로 입력해 주세요.")
    items = {}
    for item in shipment.items:
        key = str(item.id)
        name = " ".join((form.get(f"name_en_{key}") or "").split())
        hs_code = (form.get(f"hs_code_{key}") or "").strip().replace(".", "").replace("-", "")
        weight = (form.get(f"weight_{key}") or "").strip()
        if name and (reason := check_english_name(name)):
            errors[f"name_en_{key}"] = reason
        if hs_code and check_hs_code(hs_code):
            errors[f"hs_code_{key}"] = FIELD_MESSAGES["hs_code"]
        if weight:
            try:
                if Decimal(weight) <= 0 or Decimal(weight) > 1000:
                    raise InvalidOperation
            except InvalidOperation:
                errors[f"weight_{key}"] = N_("무게는 0보다 크고 1000 이하인 kg 숫자로 입력해 주세요 (예: 0.15).")
        entry = {k: v for k, v in (("name_en", name), ("hs_code", hs_code), ("weight_kg", weight)) if v}
        if entry:
            items[key] = entry
    if errors:
        return errors
    shipment.recipient_kana, shipment.recipient_name_en = kana, english
    shipment.updated_by_id = user_id
    row = tenant_query(ExportDeclaration, tenant).filter_by(shipment_id=shipment.id).one_or_none()
    if row is None:
        row = ExportDeclaration(tenant_id=tenant.id, shipment_id=shipment.id)
        db.session.add(row)
    row.items, row.updated_by_id, row.updated_at = items, user_id, utcnow()
    db.session.commit()
    return {}


def edits_of(tenant, shipment: Shipment) -> dict:
    row = tenant_query(ExportDeclaration, tenant).filter_by(shipment_id=shipment.id).one_or_none()
    return (row.items or {}) if row else {}
