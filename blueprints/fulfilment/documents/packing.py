"""팩킹리스트: per selected shipment its 접수번호 barcode, items, options, quantities, gifts and memo,
as a PDF for the packing table and as an Excel file."""
import io
from dataclasses import replace

from flask_babel import gettext as _

from portal.i18n import N_
from portal.services.excel import write_sheets

from .rows import Shipment
from .table import Column, Page

# Titles in the language of whoever makes the file (the seller's packing table reads them).
COLUMNS = [Column("No", 8), Column(N_("아이템코드"), 24), Column(N_("상품명"), 66, 2), Column(N_("옵션명"), 38, 2),
           Column(N_("옵션코드"), 30), Column(N_("수량"), 10, align="R"), Column(N_("사은품"), 12)]
EXCEL_HEADERS = [N_("접수번호"), N_("장바구니번호"), N_("마켓"), N_("주문번호"), N_("등록일"), N_("수취인"), N_("합포장수량"),
                 "No", N_("아이템코드"), N_("상품명"), N_("상품명(Market)"), N_("옵션명"), N_("옵션코드"), "SKU", N_("수량"),
                 N_("사은품"), N_("메모")]


def translated(columns: list[Column]) -> list[Column]:
    """The columns with their titles in the current language."""
    return [replace(column, title=_(column.title)) for column in columns]


def packing_pdf(shipments: list[Shipment], progress=None) -> bytes:
    """The packing list of `shipments` in the given order, one block per shipment."""
    page = Page()
    columns = translated(COLUMNS)
    for done, shipment in enumerate(shipments, start=1):
        page.room(14 + page.line_h * 4)
        top = page.y
        page.barcode(shipment.receipt_no, width=55, height=11)
        page.y += page.text(shipment.receipt_no, size=11, x=70, width=130) + 0.5
        page.y += page.text(_("합포장수량 %(n)s  ·  %(channel)s  ·  %(day)s", n=shipment.bundle_quantity,
                              channel=shipment.channel, day=shipment.registered_on), x=70, width=130)
        page.text(_("장바구니번호 %(cart)s  주문번호 %(order)s  수취인 %(name)s", cart=shipment.cart_no,
                    order=shipment.order_no, name=shipment.recipient), x=70, width=130)
        page.y = top + 13
        page.header(columns)
        for number, line in enumerate(shipment.lines, start=1):
            page.row(columns, [number, line.item_code, line.name, line.option, line.option_code,
                               line.quantity, "○" if line.gift else ""])
        if shipment.memo:
            page.room(page.line_h * 2)
            page.y += page.text(_("메모: %(memo)s", memo=shipment.memo), lines=2, width=page.width)
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
    write_sheets(buffer, [(_("팩킹리스트"), [_(h) for h in EXCEL_HEADERS], packing_rows(shipments))],
                 widths={(0, "A"): 17, (0, "J"): 40, (0, "K"): 40, (0, "L"): 30})
    return buffer.getvalue()
