"""A4 pages with ruled tables for the packing list, picking list and parcel receipt.

Columns have a width in mm and a line count; a cell's text is wrapped and cut to it, so a row's
height is known before it is drawn and a row never splits across pages.
"""
from dataclasses import dataclass

from portal.services.pdf import Measure, draw_code128, fit_lines, new_document

PT = 0.3528
A4 = (210.0, 297.0)
MARGIN = 10.0
LINE_FACTOR = 0.78
BASELINE = 0.84


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    width: float
    lines: int = 1
    align: str = "L"  # L or R


class Page:
    """An A4 document written top to bottom: titles, key-value lines, barcodes and table rows."""

    def __init__(self, font_pt: float = 8.5):
        self.pdf = new_document(A4, font_pt)
        self.measure = Measure(self.pdf)
        self.font_pt = font_pt
        self.line_h = font_pt * PT / LINE_FACTOR
        self.y = 0.0
        self.width = A4[0] - 2 * MARGIN
        self.new_page()

    def new_page(self) -> None:
        self.pdf.add_page()
        self.y = MARGIN

    def room(self, height: float) -> None:
        """Start a new page unless `height` mm still fit on this one."""
        if self.y + height > A4[1] - MARGIN:
            self.new_page()

    def text(self, text: str, size: float | None = None, x: float = MARGIN, width: float | None = None,
             lines: int = 1) -> float:
        size = size or self.font_pt
        self.pdf.set_font_size(size)
        height = size * PT / LINE_FACTOR
        fitted = fit_lines(self.measure, text, width or (A4[0] - MARGIN - x), lines)
        for offset, line in enumerate(fitted):
            self.pdf.text(x, self.y + offset * height + height * BASELINE, line)
        self.pdf.set_font_size(self.font_pt)
        return max(1, len(fitted)) * height

    def line(self, text: str, size: float | None = None) -> None:
        self.y += self.text(text, size)

    def barcode(self, value: str, width: float = 60.0, height: float = 12.0, x: float = MARGIN) -> None:
        draw_code128(self.pdf, value, x, self.y, width, height)

    def rule(self) -> None:
        self.pdf.line(MARGIN, self.y, A4[0] - MARGIN, self.y)

    def header(self, columns: list[Column]) -> None:
        self.room(self.line_h * 2)
        self.pdf.set_fill_color(221, 228, 238)
        self.pdf.rect(MARGIN, self.y, self.width, self.line_h + 1, style="F")
        self.pdf.set_fill_color(0, 0, 0)
        self._cells(columns, [column.title for column in columns], 1)
        self.y += self.line_h + 1

    def row(self, columns: list[Column], values: list) -> None:
        fitted = [fit_lines(self.measure, str(value if value is not None else ""), column.width - 1.5,
                            column.lines) for column, value in zip(columns, values)]
        lines = max([1, *(len(cell) for cell in fitted)])
        height = lines * self.line_h + 1
        if self.y + height > A4[1] - MARGIN:
            self.new_page()
            self.header(columns)
        x = MARGIN
        for column, cell in zip(columns, fitted):
            for offset, text in enumerate(cell):
                left = x + 0.75 if column.align == "L" else x + column.width - 0.75 - self.measure.text(text)
                self.pdf.text(left, self.y + 0.5 + offset * self.line_h + self.line_h * BASELINE, text)
            x += column.width
        self.y += height
        self.pdf.set_draw_color(190, 190, 190)
        self.rule()
        self.pdf.set_draw_color(0, 0, 0)

    def _cells(self, columns, values, lines) -> None:
        x = MARGIN
        for column, value in zip(columns, values):
            for offset, text in enumerate(fit_lines(self.measure, value, column.width - 1.5, lines)):
                self.pdf.text(x + 0.75, self.y + 0.5 + offset * self.line_h + self.line_h * BASELINE, text)
            x += column.width

    def output(self) -> bytes:
        return bytes(self.pdf.output())
