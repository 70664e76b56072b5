"""Excel files the product menus hand out: write-only (streamed rows) and text that stays text.

A cell that starts like a formula (= + - @, tab, CR) is written as a quoted text cell, so the
file never carries a live formula and the seller still sees exactly what was typed.
"""
import io
from urllib.parse import quote

from flask import Response
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")


def _text_cell(ws, value: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"  # openpyxl would make "=..." a formula
    cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
    return cell


def write(target, headers: list[str], rows, sheet_title: str) -> int:
    """Stream rows into `target` (a path or file object); returns the number of data rows."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_title)
    head = []
    for text in headers:
        cell = WriteOnlyCell(ws, value=text)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        head.append(cell)
    ws.append(head)
    count = 0
    for row in rows:
        ws.append([_text_cell(ws, v) if isinstance(v, str) and v.startswith(FORMULA_START) else v
                   for v in row])
        count += 1
    wb.save(target)
    return count


def response(filename: str, headers: list[str], rows, sheet_title: str) -> Response:
    buf = io.BytesIO()
    write(buf, headers, rows, sheet_title)
    return Response(buf.getvalue(), mimetype=XLSX_MIME, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"})
