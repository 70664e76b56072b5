"""사은품관리: the seller's gifts are SKUs marked as gifts; adding one registers the SKU, or marks the SKU of
단일상품관리 / 조합형상품관리 with that code as a gift."""
import re

from flask_babel import gettext as _
from werkzeug.exceptions import NotFound

from models import FulfilmentSku
from models.fulfilment_sku import CODE_PATTERN
from portal.extensions import db
from portal.tenancy import tenant_query

from .events import Invalid


def gifts_of(tenant) -> list[FulfilmentSku]:
    return (tenant_query(FulfilmentSku, tenant).filter(FulfilmentSku.is_gift.is_(True),
                                                       FulfilmentSku.deleted_at.is_(None))
            .order_by(FulfilmentSku.id.desc()).all())


def add_gift(tenant, user, form) -> FulfilmentSku:
    errors = []
    code, name = (form.get("code") or "").strip(), (form.get("name") or "").strip()
    name_en = (form.get("name_en") or "").strip()
    if not code:
        errors.append(_("SKU를 입력해 주세요."))
    elif len(code) > 60 or not re.match(CODE_PATTERN, code):
        errors.append(_("SKU는 영문, 숫자, -, _ 만 60자 이내로 입력해 주세요: %(code)s", code=code))
    existing = None
    if code and not errors:
        existing = tenant_query(FulfilmentSku, tenant).filter(FulfilmentSku.code_key == code.lower()).one_or_none()
    if existing is None and not name:
        errors.append(_("상품명을 입력해 주세요."))
    if len(name) > 200 or len(name_en) > 200:
        errors.append(_("상품명은 200자 이내로 입력해 주세요."))
    if existing is not None and existing.deleted_at is not None:
        errors.append(_("삭제된 SKU입니다: %(code)s (단일상품관리에서 복구한 뒤 사은품으로 지정해 주세요)",
                        code=existing.code))
    if existing is not None and existing.is_gift and existing.deleted_at is None:
        errors.append(_("이미 사은품으로 등록된 SKU입니다: %(code)s", code=existing.code))
    if errors:
        raise Invalid(errors)
    if existing is not None:
        existing.is_gift, existing.updated_by_id = True, user.id
        db.session.commit()
        return existing
    sku = FulfilmentSku(tenant_id=tenant.id, code=code, code_key=code.lower(), name=name, customs_name_en=name_en,
                        is_gift=True, created_by_id=user.id, updated_by_id=user.id)
    db.session.add(sku)
    db.session.commit()
    return sku


def remove_gift(tenant, user, sku_id) -> FulfilmentSku:
    """No longer offered as a gift; the SKU and the gifts already given stay."""
    sku = tenant_query(FulfilmentSku, tenant).filter(FulfilmentSku.id == sku_id).one_or_none()
    if sku is None:
        raise NotFound()  # another seller's SKU looks like no SKU
    if not sku.is_gift:
        raise Invalid([_("사은품을 찾을 수 없습니다.")])
    sku.is_gift, sku.updated_by_id = False, user.id
    db.session.commit()
    return sku
