"""A minimal Excel 97-2003 (.xls, BIFF8) workbook written by the tests: one sheet of text and number cells in
an OLE2 compound file, as older channel back offices still download. Nothing in the environment writes .xls,
so the tests build the few records a reader needs: BOF, CODEPAGE (UTF-16), fonts and cell formats, the sheet
entry, DIMENSIONS, LABEL / NUMBER cells, EOF."""
import struct

END, FREE, FAT = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD


def _record(kind: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _text(value: str, long: bool = True) -> bytes:
    """XLUnicodeString (2-byte length) or ShortXLUnicodeString, stored as UTF-16."""
    return struct.pack("<H" if long else "<B", len(value)) + b"\x01" + value.encode("utf-16-le")


def _workbook(rows: list[list], sheet: str) -> bytes:
    font = _record(0x0031, struct.pack("<HHHHHBBBB", 200, 0, 0x7FFF, 400, 0, 0, 0, 0, 0) + _text("Arial", False))
    style_xf = _record(0x00E0, struct.pack("<HHHBBBBIIH", 0, 0, 0xFFF5, 0x20, 0, 0, 0, 0, 0, 0x20C0))
    cell_xf = _record(0x00E0, struct.pack("<HHHBBBBIIH", 0, 0, 0x0001, 0x20, 0, 0, 0, 0, 0, 0x20C0))
    head = (_record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0, 0, 0, 0)) + _record(0x0042, struct.pack("<H", 1200))
            + font * 5 + style_xf * 15 + cell_xf)
    name, eof = _text(sheet, False), _record(0x000A)
    cells = b""
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                cells += _record(0x0203, struct.pack("<HHHd", r, c, 15, float(value)))
            elif value not in (None, ""):
                cells += _record(0x0204, struct.pack("<HHH", r, c, 15) + _text(str(value)))
    body = (_record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0, 0, 0, 0))
            + _record(0x0200, struct.pack("<IIHHH", 0, len(rows), 0, max(map(len, rows)), 0)) + cells + eof)
    position = len(head) + 4 + 6 + len(name) + len(eof)  # the sheet's BOF, after BOUNDSHEET and EOF
    return head + _record(0x0085, struct.pack("<IBB", position, 0, 0) + name) + eof + body


def _entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
    raw = name.encode("utf-16-le") + b"\x00\x00" if name else b""
    return (raw.ljust(64, b"\x00") + struct.pack("<HBB", len(raw), kind, 1 if kind else 0)
            + struct.pack("<III", FREE, FREE, child) + b"\x00" * 36 + struct.pack("<IQ", start, size))


def xls(rows: list[list], sheet: str = "Sheet1") -> bytes:
    """The .xls file's bytes: header, one FAT sector, the Workbook stream (padded to the 4,096-byte mini
    stream cutoff, so it lives in ordinary sectors), one directory sector."""
    stream = _workbook(rows, sheet)
    stream += b"\x00" * (max(4096, -(-len(stream) // 512) * 512) - len(stream))
    n = len(stream) // 512
    fat = [FAT] + list(range(2, n + 1)) + [END, END]
    assert len(fat) <= 128, "a test sheet fits in one FAT sector"
    fat += [FREE] * (128 - len(fat))
    directory = (_entry("Root Entry", 5, 1, END, 0) + _entry("Workbook", 2, FREE, 1, len(stream))
                 + _entry("", 0, FREE, 0, 0) * 2)
    header = (bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\x00" * 6 + struct.pack("<9I", 0, 1, n + 1, 0, 4096, END, 0, END, 0)
              + struct.pack("<I", 0) + struct.pack("<I", FREE) * 108)
    return header + struct.pack("<128I", *fat) + stream + directory
