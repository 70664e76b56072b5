"""팩킹라벨 PDF: the shipments' labels in one of the manual's layouts (A1–A11, L1–L10).

Every label carries the 접수번호 as a Code128 barcode (except L1–L3, which print it as text), the
label's number within its shipment (1/2), the registration date and channel, then its items: a
number, the fields of the layout each wrapped and cut to its line count, and the quantity at the
right. Text is measured before it is drawn, so nothing leaves its label.
"""
from dataclasses import dataclass, field

from portal.i18n import ko
from portal.services.pdf import Measure, draw_code128, fit_lines, new_document

from .layouts import FIELD_TITLES, LAYOUTS, Layout
from .rows import Line, Shipment, split_option_codes

PT = 0.3528  # mm per point
PAD = 2.5
BAR_MAX_WIDTH = 80.0
HEADER_PT = 7.0
BODY_MAX_PT = 9.0
LINE_FACTOR = 0.78  # font size as a share of the line height: glyphs stay inside their line
BASELINE = 0.84  # baseline position within a line, from its top


@dataclass(slots=True)
class LabelPrint:
    pdf: bytes
    pages: int
    cells: list = field(default_factory=list)  # (page index, (x, y, w, h), barcode value or None)


def label_chunks(shipment: Shipment, layout: Layout) -> list[list[Line]]:
    """The items of each label of `shipment`: `layout.items` per label; a line with several option
    codes prints one label per code."""
    if not layout.items:
        return [[]]
    chunks: list[list[Line]] = []
    current: list[Line] = []
    for line in shipment.lines:
        parts = split_option_codes(line)
        if len(parts) > 1 or line.own_label:
            if current:
                chunks.append(current)
                current = []
            chunks.extend([part] for part in parts)
            continue
        current.append(line)
        if len(current) == layout.items:
            chunks.append(current)
            current = []
    if current or not chunks:
        chunks.append(current)
    return chunks


def label_count(shipments, layout_code: str) -> int:
    layout = LAYOUTS[layout_code]
    return sum(len(label_chunks(shipment, layout)) for shipment in shipments)


def render_labels(shipments, layout_code: str, progress=None) -> LabelPrint:
    """One PDF of every label of `shipments` in the given layout; `progress(done)` after each shipment."""
    layout = LAYOUTS[layout_code]
    sheet = layout.sheet
    pdf = new_document(sheet.page, HEADER_PT)
    painter = _Painter(pdf, layout)
    result = LabelPrint(pdf=b"", pages=0)
    index = 0
    for done, shipment in enumerate(shipments, start=1):
        chunks = label_chunks(shipment, layout)
        for number, items in enumerate(chunks, start=1):
            if index % sheet.per_page == 0:
                pdf.add_page()
            cell = sheet.cell(index)
            painter.label(cell, shipment, items, number, len(chunks))
            result.cells.append((pdf.page - 1, cell, shipment.receipt_no if layout.barcode else None))
            index += 1
        if progress:
            progress(done)
    if index == 0:
        pdf.add_page()
    result.pages = pdf.page
    result.pdf = bytes(pdf.output())
    return result


class _Painter:
    def __init__(self, pdf, layout: Layout):
        self.pdf, self.layout, self.measure = pdf, layout, Measure(pdf)
        width, height = layout.sheet.label
        self.pad = 2.0 if layout.code == "A1" else PAD
        self.inner_w, inner_h = width - 2 * self.pad, height - 2 * self.pad
        header_h = HEADER_PT * PT / LINE_FACTOR
        if layout.code == "A1":
            self.bar_h = inner_h - header_h - 0.5
        elif layout.barcode:
            self.bar_h = min(14.0, max(8.0, inner_h * 0.2))
        else:
            self.bar_h = 0.0
        self.header_pt = HEADER_PT if layout.barcode else 10.0
        self.header_h = self.header_pt * PT / LINE_FACTOR
        self.body_top = self.bar_h + (0.5 if layout.barcode else 0) + self.header_h + 1.0
        total = max(1, layout.items * layout.lines_per_item)
        self.line_h = min(BODY_MAX_PT * PT / LINE_FACTOR, (inner_h - self.body_top) / total)
        self.body_pt = self.line_h * LINE_FACTOR / PT
        self.number_w = 4.0 if layout.items > 1 else 0.0
        self.pdf.set_font_size(self.body_pt)
        self.qty_w = self.measure.text("×9999") + 1.0

    def label(self, cell, shipment: Shipment, items: list[Line], number: int, count: int) -> None:
        pdf, layout = self.pdf, self.layout
        x, y = cell[0] + self.pad, cell[1] + self.pad
        if layout.barcode:
            draw_code128(pdf, shipment.receipt_no, x, y, min(self.inner_w, BAR_MAX_WIDTH), self.bar_h)
        header = " ".join(part for part in (shipment.receipt_no, f"({number}/{count})",
                                            shipment.registered_on, shipment.channel) if part)
        top = y + self.bar_h + (0.5 if layout.barcode else 0)
        pdf.set_font_size(self.header_pt)
        self._line(x, top, self.header_h, fit_lines(self.measure, header, self.inner_w, 1))
        if not layout.items:
            return
        pdf.set_font_size(self.body_pt)
        top = y + self.body_top
        text_x = x + self.number_w
        text_w = self.inner_w - self.number_w - self.qty_w
        first_no = (number - 1) * layout.items
        for position, item in enumerate(items, start=1):
            block_top = top
            if self.number_w:
                self._line(x, top, self.line_h, [f"{first_no + position}."])
            quantity = f"×{item.quantity}"
            pdf.text(x + self.inner_w - self.measure.text(quantity),
                     top + self.line_h * BASELINE, quantity)
            for name, lines in layout.fields:
                text = _field_text(item, name, len(layout.fields) > 1)
                self._line(text_x, top, self.line_h, fit_lines(self.measure, text, text_w, lines))
                top += lines * self.line_h
            top = block_top + layout.lines_per_item * self.line_h

    def _line(self, x: float, top: float, height: float, lines: list[str]) -> None:
        for offset, text in enumerate(lines):
            self.pdf.text(x, top + offset * height + height * BASELINE, text)


def _field_text(item: Line, name: str, several: bool) -> str:
    value = getattr(item, name) or ""
    if name == "name" and item.gift:
        value = f"{ko('[사은품]')} {value}"  # the warehouse label layout of the manual, Korean
    if several and name != "name" and value:
        value = f"{FIELD_TITLES[name]}: {value}"
    return value
