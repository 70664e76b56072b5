"""What the printed documents read: plain rows of a shipment (접수번호) and its lines, free of the database.

Services turn shipments into these rows; every document (packing list, labels, picking list, export
declaration, parcel receipt) renders from them, so the layouts are tested without a database.
"""
from dataclasses import dataclass, field, replace
from decimal import Decimal

from portal.i18n import N_

SORTS = {
    "bundle_desc": N_("합포장수량 많은 순"),
    "bundle_asc": N_("합포장수량 적은 순"),
    "option_code": N_("옵션코드 순"),
    "receipt_no": N_("접수번호 순"),
}
THEN_SORTS = {"option_code": N_("옵션코드 순"), "item_code": N_("아이템코드 순"), "none": N_("정렬 안 함")}


@dataclass(frozen=True, slots=True)
class Line:
    """One item of a shipment as the warehouse floor sees it."""
    name: str  # 상품명 (the Korean picking name when the SKU master has one)
    quantity: int
    option: str = ""  # 옵션명
    option_code: str = ""  # 옵션코드 (a SKU; several comma separated codes print one label each)
    item_code: str = ""  # 아이템코드 (the channel's item number)
    sku: str = ""
    market_name: str = ""  # 상품명(Market): the channel's wording, often Japanese
    location: str = ""  # 로케이션 for picking
    gift: bool = False  # 사은품
    unit_price: Decimal = Decimal(0)
    currency: str = ""
    english_name: str = ""  # 수출용 영문 품명
    hs_code: str = ""
    weight_kg: Decimal | None = None  # unit weight
    own_label: bool = False  # one code of an order naming several: prints on a label of its own
    item_id: int | None = None  # the shipment item it was read from (수출신고 edits)


@dataclass(frozen=True, slots=True)
class Shipment:
    """One 접수번호 with its lines and the people on it."""
    receipt_no: str  # 접수번호 (K…), the barcode on every label
    lines: tuple[Line, ...]
    cart_no: str = ""  # 장바구니번호
    order_no: str = ""
    channel: str = ""
    registered_on: str = ""  # 등록일 (YYYY-MM-DD)
    recipient: str = ""
    recipient_kana: str = ""
    recipient_en: str = ""
    country: str = ""
    address: str = ""
    zip_code: str = ""
    phone: str = ""
    tracking_no: str = ""
    delivery_type: str = ""  # KSE / KSE Light
    memo: str = ""
    sender: dict = field(default_factory=dict)  # 보내는 사람: name, address, phone

    @property
    def bundle_quantity(self) -> int:
        """합포장수량: every item packed in the box, gifts included."""
        return sum(line.quantity for line in self.lines)

    @property
    def first_option_code(self) -> str:
        return min((line.option_code for line in self.lines if line.option_code), default="")


def split_option_codes(line: Line) -> list[Line]:
    """A line naming several option codes ("TEST-01,TEST-02") becomes one line per code, as the
    manual warns: the labels print once per code."""
    codes = [code.strip() for code in (line.option_code or "").split(",") if code.strip()]
    if len(codes) < 2:
        return [line]
    return [replace(line, option_code=code) for code in codes]


def sort_shipments(shipments, first: str = "bundle_desc", then: str = "option_code") -> list[Shipment]:
    """출력 정렬: e.g. the shipments with the most items first, then by option code, as the seller picks."""
    def key(shipment: Shipment):
        primary = {"bundle_desc": -shipment.bundle_quantity, "bundle_asc": shipment.bundle_quantity,
                   "option_code": shipment.first_option_code,
                   "receipt_no": shipment.receipt_no}.get(first, 0)
        secondary = {"option_code": shipment.first_option_code,
                     "item_code": min((line.item_code for line in shipment.lines), default="")
                     }.get(then, "")
        return (primary, secondary, shipment.receipt_no)
    return sorted(shipments, key=key)
