"""해외소포수령증 (parcel receipt): one A4 page per shipment, for one shipment or a day's shipments,
showing what was handed over for export: 접수번호 barcode, sender, recipient, items with English
names, quantities, values and weights, and the international tracking number."""
from decimal import Decimal

from portal.i18n import ko

from .declaration import line_amount, line_weight
from .rows import Shipment
from .table import MARGIN, Column, Page

# The receipt is the handover record for Korean export proof, laid out in Korean with English beside it
# (the manual's 해외배송 소포 수령증): it reads the same whoever prints it (ko).
COLUMNS = [Column("No", 8), Column(ko("품명 (Description)"), 82, 2), Column("HS", 22),
           Column(ko("수량"), 12, align="R"), Column(ko("금액 (Value)"), 28, align="R"),
           Column(ko("중량 (kg)"), 38, align="R")]


def receipt_pdf(shipments: list[Shipment], issued_on: str) -> bytes:
    page = Page(9)
    for index, shipment in enumerate(shipments):
        if index:
            page.new_page()
        page.line(ko("해외소포수령증  PARCEL RECEIPT"), size=16)
        page.y += 3
        page.barcode(shipment.receipt_no, width=70, height=14)
        page.y += 15
        page.line(ko("접수번호 %s   발행일 %s   배송타입 %s") % (shipment.receipt_no, issued_on, shipment.delivery_type))
        page.line(ko("국제송장번호 %s   마켓 %s   주문번호 %s") % (shipment.tracking_no or "-", shipment.channel,
                                                         shipment.order_no))
        page.y += 3
        sender = shipment.sender or {}
        half = page.width / 2
        top = page.y
        page.text(ko("보내는 사람 (Sender)"), size=10)
        page.y += 5
        for text in (sender.get("name", ""), sender.get("address", ""), sender.get("phone", "")):
            page.y += page.text(text, width=half - 4, lines=2)
        left_end, page.y = page.y, top
        x = MARGIN + half
        page.text(ko("받는 사람 (Recipient)"), size=10, x=x)
        page.y += 5
        for text in (shipment.recipient, shipment.recipient_en, f"{shipment.zip_code} {shipment.address}",
                     f"{shipment.country} {shipment.phone}".strip()):
            page.y += page.text(text, x=x, width=half, lines=2)
        page.y = max(page.y, left_end) + 4
        page.header(COLUMNS)
        total, weight = Decimal(0), Decimal(0)
        for number, line in enumerate(shipment.lines, start=1):
            amount = line_amount(line)
            total += amount
            weight += line_weight(line)
            page.row(COLUMNS, [number, line.english_name or line.name, line.hs_code, line.quantity,
                               f"{amount:,.2f} {line.currency}", f"{line_weight(line) or ''}"])
        page.y += 2
        currency = shipment.lines[0].currency if shipment.lines else ""
        page.line(ko("합계 %s개 · %s %s · %s kg") % (sum(line.quantity for line in shipment.lines), f"{total:,.2f}",
                                                    currency, weight))
        page.y += 12
        page.line(ko("위 물품을 해외배송 소포로 접수하였음을 확인합니다."))
        page.y += 10
        page.line(ko("접수 확인                                      (서명)"))
    return page.output()
