"""팩킹리스트: per selected shipment its 접수번호 barcode, items, options, quantities, gifts and memo,
as a PDF for the packing table and as an Excel file."""
import io

from portal.services.excel import write_sheets

from .rows import Shipment
from .table import Column, Page

COLUMNS = [Column("No", 8), Column("아이템코드", 24), Column("상품명", 66, 2), Column("옵션명", 38, 2),
           Column("옵션코드", 30), Column("수량", 10, align="R"), Column("사은품", 12)]
EXCEL_HEADERS = ["접수번호", "장바구니번호", "마켓", "주문번호", "등록일", "수취인", "합포장수량", "No",
                 "아이템코드", "상품명", "상품명(Market)", "옵션명", "옵션코드", "SKU", "수량", "사은품", "메모"]


def packing_pdf(shipments: list[Shipment], progress=None) -> bytes:
    """The packing list of `shipments` in the given order, one block per shipment."""
    page = Page()
    for done, shipment in enumerate(shipments, start=1):
        page.room(14 + page.line_h * 4)
        top = page.y
        page.barcode(shipment.receipt_no, width=55, height=11)
        page.y += page.text(shipment.receipt_no, size=11, x=70, width=130) + 0.5
        page.y += page.text(f"합포장수량 {shipment.bundle_quantity}  ·  {shipment.channel}  ·  "
                            f"{shipment.registered_on}", x=70, width=130)
        page.text(f"장바구니번호 {shipment.cart_no}  주문번호 {shipment.order_no}  수취인 {shipment.recipient}",
                  x=70, width=130)
        page.y = top + 13
        page.header(COLUMNS)
        for number, line in enumerate(shipment.lines, start=1):
            page.row(COLUMNS, [number, line.item_code, line.name, line.option, line.option_code,
                               line.quantity, "○" if line.gift else ""])
        if shipment.memo:
            page.room(page.line_h * 2)
            page.y += page.text(f"메모: {shipment.memo}", lines=2, width=page.width)
        page.y += 4
        if progress:
            progress(done)
    return page.output()


def packing_rows(shipments: list[Shipment]):
    for shipment in shipments:
        for number, line in enumerate(shipment.lines, start=1):
            yield [shipment.receipt_no, shipment.cart_no, shipment.channel, shipment.order_no,
                   shipment.registered_on, shipment.recipient, shipment.bundle_quantity, number,
                   line.item_code, line.name, line.market_name, line.option, line.option_code, line.sku,
                   line.quantity, "Y" if line.gift else "", shipment.memo]


def packing_xlsx(shipments: list[Shipment]) -> bytes:
    buffer = io.BytesIO()
    write_sheets(buffer, [("팩킹리스트", EXCEL_HEADERS, packing_rows(shipments))],
                 widths={(0, "A"): 17, (0, "J"): 40, (0, "K"): 40, (0, "L"): 30})
    return buffer.getvalue()
