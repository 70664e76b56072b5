"""이벤트관리: an event's conditions read from the form (every wrong field named), and the Rule they make."""
from datetime import date
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _

from models import FulfilmentSku, GiftEvent, GiftEventGift
from models.base import utcnow
from portal.extensions import db
from portal.tenancy import tenant_query

from .conditions import CART, LINE, Rule, split_codes

CHANNELS = ("qoo10jp", "rakuten", "amazonjp", "buyma")  # the manual's 적용마켓 boxes; others are typed
CURRENCIES = ("JPY", "KRW", "USD")
MAX_GIFT_QUANTITY = 999


class Invalid(Exception):
    """The form's mistakes, one Korean line per field."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


def rule_of(event: GiftEvent) -> Rule:
    return Rule(basis=event.basis, date_from=event.starts_on, date_to=event.ends_on,
                channels=tuple(event.channels or ()), amount_min=event.amount_min, amount_max=event.amount_max,
                currency=event.currency or "", codes=tuple(c.lower() for c in event.product_codes or ()),
                quantity_min=event.quantity_min, quantity_max=event.quantity_max, proportional=event.proportional)


def _day(text, label, errors):
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors.append(_("%(label)s은(는) 2026-12-01 형식으로 입력해 주세요: %(value)s", label=label, value=text))
        return None


def _amount(text, label, errors):
    text = (text or "").replace(",", "").strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        errors.append(_("%(label)s은(는) 숫자로 입력해 주세요: %(value)s", label=label, value=text))
        return None
    if value < 0 or value >= Decimal("1e12"):
        errors.append(_("%(label)s은(는) 0 이상의 금액으로 입력해 주세요: %(value)s", label=label, value=text))
        return None
    return value


def _count(text, label, errors, least=0):
    text = (text or "").replace(",", "").strip()
    if not text:
        return None
    if not text.isdigit() or int(text) < least or int(text) > 1_000_000:
        errors.append(_("%(label)s은(는) %(least)s 이상의 정수로 입력해 주세요: %(value)s", label=label, least=least,
                        value=text))
        return None
    return int(text)


def read_form(tenant, form) -> dict:
    """The event's fields from the 이벤트 등록 form; raises Invalid naming every wrong field."""
    errors = []
    name = (form.get("name") or "").strip()
    if not name:
        errors.append(_("이벤트명을 입력해 주세요."))
    elif len(name) > 100:
        errors.append(_("이벤트명은 100자 이내로 입력해 주세요."))
    basis = form.get("basis") or LINE
    if basis not in (LINE, CART):
        errors.append(_("주문기준을 선택해 주세요."))
    starts = _day(form.get("starts_on"), _("주문 기준일(시작)"), errors)
    ends = _day(form.get("ends_on"), _("주문 기준일(끝)"), errors)
    if starts and ends and ends < starts:
        errors.append(_("주문 기준일의 끝은 시작일과 같거나 뒤여야 합니다."))
    channels = [c for c in form.getlist("channels") if c in CHANNELS]
    channels += [c for c in split_codes(form.get("channels_other", "")) if c not in channels]
    amount_min = _amount(form.get("amount_min"), _("최소 주문금액"), errors)
    amount_max = _amount(form.get("amount_max"), _("최대 주문금액"), errors)
    currency = (form.get("currency") or "").strip().upper()
    if (amount_min is not None or amount_max is not None) and currency not in CURRENCIES:
        errors.append(_("주문금액 조건에는 통화(JPY, KRW, USD)를 선택해 주세요."))
    if amount_min is not None and amount_max is not None and amount_max < amount_min:
        errors.append(_("최대 주문금액은 최소 주문금액보다 작을 수 없습니다."))
    quantity_min = _count(form.get("quantity_min"), _("최소 주문수량"), errors, 1)
    quantity_max = _count(form.get("quantity_max"), _("최대 주문수량"), errors, 1)
    if quantity_min and quantity_max and quantity_max < quantity_min:
        errors.append(_("최대 주문수량은 최소 주문수량보다 작을 수 없습니다."))
    per_quantity = _count(form.get("per_quantity") or "1", _("비율 지급 기준 수량"), errors, 1)
    gifts = _gifts(tenant, form, errors)
    if errors:
        raise Invalid(errors)
    return dict(name=name, active=form.get("active", "1") == "1", basis=basis, starts_on=starts, ends_on=ends,
                channels=channels, amount_min=amount_min, amount_max=amount_max,
                currency=currency if amount_min is not None or amount_max is not None else "",
                product_codes=list(split_codes(form.get("product_codes", ""))), quantity_min=quantity_min,
                quantity_max=quantity_max, proportional=form.get("proportional") == "1", per_quantity=per_quantity,
                gifts=gifts)


def _limit(mode: str, text: str, code: str, errors) -> int | None:
    """제한/무제한 and 제한 개수 of one gift row: None when 무제한."""
    if mode != "1":
        return None
    text = text.replace(",", "").strip()
    if not text:
        errors.append(_("%(code)s: 제한을 선택했으면 제한 개수를 입력해 주세요.", code=code))
        return None
    if not text.isdigit() or not 1 <= int(text) <= 1_000_000:
        errors.append(_("%(code)s의 제한 개수는 1 이상의 정수로 입력해 주세요: %(value)s", code=code, value=text))
        return None
    return int(text)


def _gifts(tenant, form, errors) -> list[tuple[FulfilmentSku, int, int | None]]:
    """사은품 리스트 (Gift Item List): the chosen gift SKUs (gift_sku_id) with their 개수 (gift_quantity), 제한/무제한
    (gift_limited "1"/"0") and 제한 개수 (gift_limit), same position; a row without a gift is left out; each
    wrong row is named."""
    ids, quantities = form.getlist("gift_sku_id"), form.getlist("gift_quantity")
    modes, limits = form.getlist("gift_limited"), form.getlist("gift_limit")

    def at(values, n, default=""):
        return (values[n] if n < len(values) else "").strip() or default

    chosen = [(i.strip(), at(quantities, n, "1"), at(modes, n, "0"), at(limits, n))
              for n, i in enumerate(ids) if (i or "").strip()]
    found = {}
    wanted = [int(c[0]) for c in chosen if c[0].isdigit()]
    if wanted:
        found = {s.id: s for s in tenant_query(FulfilmentSku, tenant).filter(
            FulfilmentSku.id.in_(wanted), FulfilmentSku.is_gift.is_(True), FulfilmentSku.deleted_at.is_(None))}
    gifts, seen = [], set()
    for sku_id, quantity_text, mode, limit_text in chosen:
        sku = found.get(int(sku_id)) if sku_id.isdigit() else None
        if sku is None:
            errors.append(_("사은품관리에 등록된 사은품을 골라 주세요."))
            continue
        if sku.id in seen:
            errors.append(_("같은 사은품을 두 번 고를 수 없습니다: %(code)s", code=sku.code))
            continue
        seen.add(sku.id)
        if not quantity_text.isdigit() or not 1 <= int(quantity_text) <= MAX_GIFT_QUANTITY:
            errors.append(_("%(code)s의 개수는 1~%(max)s 사이의 정수로 입력해 주세요: %(value)s", code=sku.code,
                            max=MAX_GIFT_QUANTITY, value=quantity_text))
            continue
        gifts.append((sku, int(quantity_text), _limit(mode, limit_text, sku.code, errors)))
    if not chosen:
        errors.append(_("지급할 사은품을 선택해 주세요. (사은품관리에 먼저 등록해 주세요)"))
    return gifts


def save_event(tenant, user, form, event: GiftEvent | None = None) -> GiftEvent:
    values = read_form(tenant, form)
    gifts = values.pop("gifts")
    if event is None:
        event = GiftEvent(tenant_id=tenant.id, created_by_id=user.id)
        db.session.add(event)
    for key, value in values.items():
        setattr(event, key, value)
    kept = {g.sku_id: g for g in event.gifts}  # a kept gift keeps its 현재 적용개수
    event.gifts = [kept.get(sku.id) or GiftEventGift(tenant_id=tenant.id, sku_id=sku.id, used_count=0)
                   for sku, _n, _limit in gifts]
    for row, (_sku, quantity, limit) in zip(event.gifts, gifts):
        row.quantity, row.limit_count = quantity, limit
    event.updated_by_id = user.id
    db.session.commit()
    return event


def delete_event(event: GiftEvent, user) -> None:
    """Gone from the list; gifts it already gave stay in their shipments (삭제는 묶음관리에서)."""
    event.deleted_at, event.updated_by_id = utcnow(), user.id
    db.session.commit()


def events_of(tenant):
    return (tenant_query(GiftEvent, tenant).filter(GiftEvent.deleted_at.is_(None))
            .order_by(GiftEvent.id.desc()).all())
