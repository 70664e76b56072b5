"""Excel output with openpyxl's write-only mode, for list downloads and job result files.

A cell that starts like a formula (= + - @, tab, CR) is written as a quoted text cell, so a file
never carries a live formula and the seller still sees exactly what was typed; CSV cells (the
support panel's exports) get a leading quote instead.
"""
import io
from urllib.parse import quote

from flask import Response
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill

HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert_text(value):
    """A value for a CSV cell: text that starts like a formula gets a leading quote (OWASP's advice),
    so a spreadsheet opening the file shows it as text instead of running it."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _cell(ws, value):
    if not (isinstance(value, str) and value.startswith(FORMULA_START)):
        return value
    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"  # openpyxl would make "=..." a formula
    cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
    return cell


def write_workbook(target, headers: list[str], rows, sheet_title: str = "Sheet1") -> int:
    """Stream rows into `target` (a path or file object); returns the number of data rows."""
    return write_sheets(target, [(sheet_title, headers, rows)])[0]


def write_sheets(target, sheets, widths: dict | None = None) -> list[int]:
    """Several sheets of (title, headers, rows) in one file; `widths` {(sheet index, column letter): width}.
    Returns the number of data rows of each sheet."""
    wb = Workbook(write_only=True)
    counts = []
    for number, (title, headers, rows) in enumerate(sheets):
        ws = wb.create_sheet(title)
        for (sheet, column), width in (widths or {}).items():
            if sheet == number:
                ws.column_dimensions[column].width = width
        header_cells = []
        for text in headers:
            cell = WriteOnlyCell(ws, value=text)
            cell.font, cell.fill = Font(bold=True), HEADER_FILL
            header_cells.append(cell)
        ws.append(header_cells)
        count = 0
        for row in rows:
            ws.append([_cell(ws, v) for v in row])
            count += 1
        counts.append(count)
    wb.save(target)
    return counts


def xlsx_response(filename: str, headers: list[str], rows, sheet_title: str = "Sheet1") -> Response:
    buf = io.BytesIO()
    write_workbook(buf, headers, rows, sheet_title)
    return xlsx_download(filename, buf.getvalue())


def xlsx_download(filename: str, data: bytes) -> Response:
    """An .xlsx built elsewhere, as a download under its Korean file name."""
    disposition = f"attachment; filename*=UTF-8''{quote(filename)}"
    return Response(data, mimetype=XLSX_MIME, headers={"Content-Disposition": disposition})
