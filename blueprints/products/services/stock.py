"""재고관리: stock per combination, add-on item or plain product; the per-seller 재고부족 threshold."""
from flask import current_app
from flask_babel import gettext

from models import AddonItem, Product, ProductOption, ProductSettings
from portal.extensions import db
from portal.signals import stock_changed
from portal.tenancy import tenant_query
from portal.i18n import N_

from . import RuleViolation, history
from .rules import parse_int

EXPORT_HEADERS = [N_("상품코드"), N_("자체상품코드"), N_("상품명"), N_("구분"), N_("옵션/추가상품"), N_("재고수량"),
                  N_("재고부족")]  # shown with _()
MSG_STOCK = N_("재고수량은 0 이상의 숫자로 입력해 주세요.")
MSG_THRESHOLD = N_("재고부족 기준 개수는 0 이상의 숫자로 입력해 주세요.")
MAX_QUANTITY = 99_999_999  # what a stock column holds with room to spare
MSG_STOCK_RANGE = N_("재고수량은 %(n)s개까지 입력할 수 있습니다.")
MSG_THRESHOLD_RANGE = N_("재고부족 기준 개수는 %(n)s개까지 입력할 수 있습니다.")


def settings_for(tenant, keep: bool = False) -> ProductSettings:
    """The seller's 재고부족 settings, made with the defaults the first time; keep=True commits a row made here
    (and only then: a commit would make the rest of the page read the user and the company again)."""
    found = tenant_query(ProductSettings, tenant).first()
    if found is None:
        found = ProductSettings(tenant_id=tenant.id)
        db.session.add(found)
        db.session.flush()
        if keep:
            db.session.commit()
    return found


def save_threshold(tenant, threshold_text, enabled: bool) -> ProductSettings:
    threshold = parse_int(threshold_text)
    if threshold is None or threshold < 0:
        raise RuleViolation(gettext(MSG_THRESHOLD))
    if threshold > MAX_QUANTITY:
        raise RuleViolation(gettext(MSG_THRESHOLD_RANGE, n=format(MAX_QUANTITY, ",")))
    settings = settings_for(tenant)
    settings.low_stock_threshold, settings.low_stock_enabled = threshold, enabled
    db.session.commit()
    return settings


MODELS = {"option": ProductOption, "addon": AddonItem, "product": Product}


def _label(kind: str, row) -> str:
    """The same field names 상품수정이력 uses for a full edit (stored in Korean, shown through field_label)."""
    if kind == "option":
        return f"{N_('옵션재고')} {row.values}"
    if kind == "addon":
        return f"{N_('추가상품재고')} {row.group.name}/{row.name}"
    return N_("재고")


def update_stock(tenant, user, changes: dict[tuple[str, int], str]) -> int:
    """Inline edit: {(kind, id): text}. Unknown or foreign ids are refused, as a 404 would be."""
    parsed = {}
    for (kind, row_id), text in changes.items():
        qty = parse_int(text)
        if qty is None or qty < 0:
            raise RuleViolation(gettext(MSG_STOCK))
        if qty > MAX_QUANTITY:
            raise RuleViolation(gettext(MSG_STOCK_RANGE, n=format(MAX_QUANTITY, ",")))
        parsed[(kind, row_id)] = qty
    touched = {}
    for (kind, row_id), qty in parsed.items():
        model = MODELS.get(kind)
        row = tenant_query(model, tenant).filter(model.id == row_id).one_or_none() if model else None
        if row is None:
            raise LookupError(row_id)
        if row.stock == qty:
            continue
        product = row if kind == "product" else row.product
        label = _label(kind, row)
        touched.setdefault(product.id, (product, []))[1].append(
            {"field": label, "before": str(row.stock), "after": str(qty)})
        row.stock = qty
    for product, changes_ in touched.values():
        history.record(product, N_("재고수정"), user, changes_)
    db.session.commit()
    if touched:  # 판매상품관리 pushes the new quantities to the channels
        stock_changed.send(current_app._get_current_object(), tenant_id=tenant.id, product_ids=sorted(touched))
    return sum(len(c) for _, c in touched.values())
