"""수기주문 rules from the Poomgo manual: one validation for the form and for every uploaded row."""
import re
from dataclasses import dataclass, field
from decimal import Decimal

from flask_babel import gettext as _

import blueprints.fulfilment.cleanup as cleanup
from portal.i18n import N_

MAX_QUANTITY = 1_000_000
MAX_AMOUNT = 2 ** 31 - 1  # what the amount columns hold
SKU_MAX = 220  # 15-digit 상품코드, ":" and a combination of option values (200)
PHONE_RE = re.compile(r"[0-9()+\-]{1,15}")
COUNTRY_RE = re.compile(r"[A-Z]{2}")

# field -> (default column header of the template, required)
FIELDS = {
    "order_no": (N_("주문번호"), True), "recipient_name": (N_("수취인명"), True), "recipient_phone": (N_("전화번호"), True),
    "zip_code": (N_("우편번호"), True), "address": (N_("주소"), True), "address_detail": (N_("상세주소"), False),
    "message": (N_("배송메세지"), False), "sku": ("SKU", True), "quantity": (N_("수량"), True),
    "order_amount": (N_("주문금액"), False), "paid_amount": (N_("결제금액"), False), "total_paid": (N_("총결제금액"), False),
    "product_url": (N_("상품URL"), False), "country": (N_("국가코드"), False),
    "platform": (N_("판매 플랫폼"), False), "brand": (N_("브랜드"), False),  # per row; else the upload form's
}
# Fields a channel's file may hold beside the template's: kept in the 주문서 매칭 (the presets name them).
EXTRA_FIELDS = {
    "currency": N_("통화"), "order_date": N_("주문일시"), "buyer_name": N_("구매자명"), "product_name": N_("상품명"),
    "option_name": N_("옵션명"), "unit_price": N_("판매단가"), "line_amount": N_("상품별 금액"),
    "line_no": N_("상품주문번호"),
}


class Invalid(Exception):
    """The first reason a manual order is refused, in the seller's words."""


@dataclass
class ManualDraft:
    platform: str = ""
    brand: str = ""
    country: str = "KR"
    product_url: str = ""
    order_no: str = ""
    recipient_name: str = ""
    recipient_phone: str = ""
    zip_code: str = ""
    address: str = ""
    address_detail: str = ""
    message: str = ""
    order_amount: str = ""
    paid_amount: str = ""
    total_paid: str = ""
    lines: list[tuple[str, str]] = field(default_factory=list)  # (sku, quantity text)


def _number(value, label: str, message: str) -> int:
    """Excel hands numbers back as floats; CSV cells and typed fields are text ("19,900")."""
    kind = type(value)
    try:
        if kind is float or kind is int:
            return int(value)
        text = value if kind is str else str(value)
        return int(float(text.replace(",", "").strip()))
    except (ValueError, OverflowError):
        raise Invalid(message.format(label=label)) from None


def _blank(value) -> bool:
    return value is None or (type(value) is str and not value.strip())


def _amount(value, label: str) -> Decimal | None:
    """An amount keeps its decimals (19.99 USD); "19,900", "￥1,500" and full-width digits read too."""
    try:
        amount = cleanup.amount(value)
    except ValueError:
        raise Invalid(_("%(label)s은 숫자로 입력해 주세요.", label=label)) from None
    if amount is None:
        return None
    if amount < 0:
        raise Invalid(_("%(label)s은 0 이상으로 입력해 주세요.", label=label))
    if amount > MAX_AMOUNT:
        raise Invalid(_("%(label)s은 %(max)s 이하로 입력해 주세요.", label=label, max=format(MAX_AMOUNT, ",")))
    return amount


def quantity(value) -> int:
    count = _number(value, _("수량"), _("수량을 숫자로 입력해 주세요."))
    if not 1 <= count <= MAX_QUANTITY:
        raise Invalid(_("수량은 1개부터 1,000,000개까지 입력할 수 있어요."))
    return count


# The order of a checked order's values: the columns of manual_order an upload stores.
ORDER_COLUMNS = ("platform", "order_no", "brand", "country", "product_url", "recipient_name", "recipient_phone",
                 "zip_code", "address", "address_detail", "message", "order_amount", "paid_amount", "total_paid")


def check(platform: str, brand: str, country: str, product_url: str, order_no: str, name: str, phone: str,
          zip_code: str, address: str, address_detail: str, message: str, order_amount, paid_amount, total_paid,
          lines) -> tuple[tuple, list[tuple[str, int]]]:
    """The Poomgo rules for one order, in the manual's order: (values in ORDER_COLUMNS order, [(sku, quantity)])
    or Invalid with every reason, joined with REASONS_JOIN. Texts may come unstripped; amounts and quantities
    as text or numbers. Called once per uploaded order, so it stays flat: no objects, one pass."""
    reasons = []
    platform, order_no = platform.strip(), order_no.strip()
    if not platform:
        reasons.append(_("판매 플랫폼을 입력해 주세요."))
    country = country.strip().upper() or "KR"
    if len(country) != 2 or not COUNTRY_RE.fullmatch(country):
        reasons.append(_("도착국가는 영문 대문자 2자리 국가코드로 입력해 주세요. (예: JP)"))
    product_url = product_url.strip()
    if country == "JP" and not product_url:
        reasons.append(_("일본 해외 배송 시 판매 상품 URL을 입력해 주세요."))
    if not order_no:
        reasons.append(_("주문 번호를 입력해 주세요."))
    elif len(order_no) > 60:
        reasons.append(_("주문 번호는 60자 이내로 입력해 주세요."))
    name = name.strip()
    if not name:
        reasons.append(_("수취인명을 입력해 주세요."))
    elif len(name) > 20:
        reasons.append(_("수취인명은 20자 이내로 입력이 가능해요."))
    phone = phone.strip()
    if not phone:
        reasons.append(_("전화번호를 입력해 주세요."))
    elif not PHONE_RE.fullmatch(phone):
        reasons.append(_("전화번호는 15자 이내이고 숫자, (, ), +, - 만 입력이 가능해요."))
    zip_code, address = zip_code.strip(), address.strip()
    if not zip_code or not address:
        reasons.append(_("우편번호와 기본 주소를 입력해야 해요."))
    clean_lines = []
    several = len(lines) > 1  # a line's reason then names the line (its row within the order, its SKU)
    for n, (sku, qty) in enumerate(lines, 1):
        sku = sku.strip()
        if not sku:
            if _blank(qty):
                continue  # an unused line of the form
            reasons.append(line_reason(n, "", _("SKU를 입력해 주세요.")) if several else _("SKU를 입력해 주세요."))
            continue
        try:
            clean_lines.append((sku[:SKU_MAX], quantity(qty)))
        except Invalid as refused:
            reasons.append(line_reason(n, sku, str(refused)) if several else str(refused))
    if not clean_lines and not reasons:
        reasons.append(_("출고할 SKU를 추가하고 수량을 입력해 주세요."))
    amounts = []
    for value, label in ((order_amount, _("주문 금액")), (paid_amount, _("결제 금액")), (total_paid, _("총 결제 금액"))):
        try:
            amounts.append(_amount(value, label))
        except Invalid as refused:
            reasons.append(str(refused))
    if reasons:
        raise Invalid(REASONS_JOIN.join(dict.fromkeys(reasons)))
    return ((platform[:50], order_no, brand.strip()[:50], country, product_url[:500], name, phone, zip_code[:10],
             address[:300], address_detail.strip()[:200], message.strip()[:300], *amounts),
            clean_lines)


REASONS_JOIN = " / "  # a row's reasons in one cell of the failure file


def line_reason(n: int, sku: str, reason: str) -> str:
    """The reason of one line of an order of several rows, naming the line: its row within the order and
    its SKU, so the seller finds the row that made the whole order fail."""
    if sku:
        return _("이 주문의 %(n)s번째 행(SKU %(sku)s): %(reason)s", n=n, sku=sku, reason=reason)
    return _("이 주문의 %(n)s번째 행: %(reason)s", n=n, reason=reason)


def validate(d: ManualDraft) -> dict:
    """The form's draft: clean values ready to store, or Invalid with the first reason."""
    values, lines = check(d.platform or "", d.brand or "", d.country or "", d.product_url or "", d.order_no or "",
                          d.recipient_name or "", d.recipient_phone or "", d.zip_code or "", d.address or "",
                          d.address_detail or "", d.message or "", d.order_amount, d.paid_amount, d.total_paid,
                          [(s or "", q) for s, q in d.lines])
    return dict(zip(ORDER_COLUMNS, values), lines=lines)
