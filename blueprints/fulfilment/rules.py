"""수기주문 rules from the Poomgo manual: one validation for the form and for every uploaded row."""
import re
from dataclasses import dataclass, field

MAX_QUANTITY = 1_000_000
PHONE_RE = re.compile(r"[0-9()+\-]{1,15}")
COUNTRY_RE = re.compile(r"[A-Z]{2}")

# field -> (default column header of the template, required)
FIELDS = {
    "order_no": ("주문번호", True), "recipient_name": ("수취인명", True), "recipient_phone": ("전화번호", True),
    "zip_code": ("우편번호", True), "address": ("주소", True), "address_detail": ("상세주소", False),
    "message": ("배송메세지", False), "sku": ("SKU", True), "quantity": ("수량", True),
    "order_amount": ("주문금액", False), "paid_amount": ("결제금액", False), "total_paid": ("총결제금액", False),
    "product_url": ("상품URL", False), "country": ("국가코드", False),
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


def _amount(text: str, label: str) -> int | None:
    text = (text or "").replace(",", "").strip()
    if not text:
        return None
    try:
        value = int(float(text))
    except ValueError:
        raise Invalid(f"{label}은 숫자로 입력해 주세요.") from None
    if value < 0:
        raise Invalid(f"{label}은 0 이상으로 입력해 주세요.")
    return value


def quantity(text: str) -> int:
    clean = (text or "").replace(",", "").strip()
    try:
        value = int(float(clean))
    except ValueError:
        raise Invalid("수량을 숫자로 입력해 주세요.") from None
    if not 1 <= value <= MAX_QUANTITY:
        raise Invalid("수량은 1개부터 1,000,000개까지 입력할 수 있어요.")
    return value


def validate(d: ManualDraft) -> dict:
    """Clean values ready to store, or Invalid with the first reason."""
    platform, order_no = d.platform.strip(), d.order_no.strip()
    if not platform:
        raise Invalid("판매 플랫폼을 입력해 주세요.")
    country = (d.country or "").strip().upper() or "KR"
    if not COUNTRY_RE.fullmatch(country):
        raise Invalid("도착국가는 영문 대문자 2자리 국가코드로 입력해 주세요. (예: JP)")
    if country == "JP" and not d.product_url.strip():
        raise Invalid("일본 해외 배송 시 판매 상품 URL을 입력해 주세요.")
    if not order_no:
        raise Invalid("주문 번호를 입력해 주세요.")
    if len(order_no) > 60:
        raise Invalid("주문 번호는 60자 이내로 입력해 주세요.")
    name = d.recipient_name.strip()
    if not name:
        raise Invalid("수취인명을 입력해 주세요.")
    if len(name) > 20:
        raise Invalid("수취인명은 20자 이내로 입력이 가능해요.")
    phone = d.recipient_phone.strip()
    if not phone:
        raise Invalid("전화번호를 입력해 주세요.")
    if not PHONE_RE.fullmatch(phone):
        raise Invalid("전화번호는 15자 이내이고 숫자, (, ), +, - 만 입력이 가능해요.")
    if not d.zip_code.strip() or not d.address.strip():
        raise Invalid("우편번호와 기본 주소를 입력해야 해요.")
    lines = [(s.strip(), q) for s, q in d.lines if (s or "").strip() or (q or "").strip()]
    if not lines:
        raise Invalid("출고할 SKU를 추가하고 수량을 입력해 주세요.")
    clean_lines = []
    for sku, qty in lines:
        if not sku:
            raise Invalid("SKU를 입력해 주세요.")
        clean_lines.append((sku[:60], quantity(qty)))
    return {"platform": platform[:50], "brand": d.brand.strip()[:50], "country": country,
            "product_url": d.product_url.strip()[:500], "order_no": order_no, "recipient_name": name,
            "recipient_phone": phone, "zip_code": d.zip_code.strip()[:10], "address": d.address.strip()[:300],
            "address_detail": d.address_detail.strip()[:200], "message": d.message.strip()[:300],
            "order_amount": _amount(d.order_amount, "주문 금액"), "paid_amount": _amount(d.paid_amount, "결제 금액"),
            "total_paid": _amount(d.total_paid, "총 결제 금액"), "lines": clean_lines}
