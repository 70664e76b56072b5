"""피킹리스트: the items to pick across the selected shipments, summed per SKU with its 한글 picking
name and location, sorted for walking the shelves (location A17-A2 before A17-A10, then SKU)."""
import io
import re
from dataclasses import dataclass, replace

from flask_babel import gettext as _
from flask_babel import pgettext

from portal.i18n import N_
from portal.services.excel import write_sheets

from .packing import translated
from .rows import Shipment, split_option_codes
from .table import Column, Page

COLUMNS = [Column(N_("로케이션"), 25), Column("SKU", 35), Column(N_("상품명"), 100, 2), Column(N_("수량"), 15, align="R"),
           Column(N_("확인"), 15)]
EXCEL_HEADERS = [N_("로케이션"), "SKU", N_("상품명"), N_("수량")]


@dataclass(slots=True)
class Pick:
    location: str
    sku: str
    name: str
    quantity: int


def _walk_key(text: str):
    """Natural order: numbers compare as numbers, so A17-A2 comes before A17-A10; no location last."""
    parts = re.split(r"(\d+)", text.upper())
    return (not text, [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in parts])


def picks(shipments: list[Shipment]) -> list[Pick]:
    """Quantities summed per SKU (the option code when a line has no SKU), gifts included."""
    summed: dict[str, Pick] = {}
    for shipment in shipments:
        for original in shipment.lines:
            for line in split_option_codes(original):
                key = (line.sku or line.option_code or line.item_code or line.name).strip()
                pick = summed.get(key.lower())
                if pick is None:
                    pick = summed[key.lower()] = Pick(line.location, key, line.name, 0)
                pick.quantity += line.quantity
                pick.location = pick.location or line.location
    return sorted(summed.values(), key=lambda pick: (_walk_key(pick.location), pick.sku.lower()))


def picking_pdf(shipments: list[Shipment], title_day: str = "") -> bytes:
    page = Page(9)
    rows = picks(shipments)
    page.line(f"{_('피킹리스트')} {title_day}".strip(), size=14)
    page.y += 2
    page.line(_("배송건 %(shipments)s건 · 품목 %(items)s종 · 수량 %(quantity)s개", shipments=len(shipments),
                items=len(rows), quantity=sum(p.quantity for p in rows)))
    page.y += 3
    columns = translated(COLUMNS[:-1]) + [replace(COLUMNS[-1], title=pgettext("picking list column", "확인"))]
    page.header(columns)
    for pick in rows:
        page.row(columns, [pick.location, pick.sku, pick.name, pick.quantity, "□"])
    return page.output()


def picking_xlsx(shipments: list[Shipment]) -> bytes:
    buffer = io.BytesIO()
    rows = ([p.location, p.sku, p.name, p.quantity] for p in picks(shipments))
    write_sheets(buffer, [(_("피킹리스트"), [_(h) for h in EXCEL_HEADERS], rows)], widths={(0, "B"): 20, (0, "C"): 60})
    return buffer.getvalue()
