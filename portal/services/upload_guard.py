"""Upload safety for every spreadsheet upload, checked before its job starts, in bounded memory.

Type by content (not by name), declared and real size, zip and XML bombs (our own inflater, so
no declared size is trusted), DTD/ENTITY declarations in any XML part, and a row limit with its
own message. 상품대량등록 adds its own messages and image checks (products' sheet_guard);
수기주문 and 송장대량등록 call check_upload() on the saved file.
"""
import os
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field, fields

from defusedxml import ElementTree
from flask_babel import gettext

from portal.i18n import N_

MAX_UNPACKED = 200 * 1024 * 1024  # all parts together, uncompressed
MAX_RATIO = 100  # a real sheet packs 5-20 to 1; bombs pack thousands to 1
CHUNK = 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (BIFF in an OLE2 container)
ZIPPED = (".xlsx", ".xlsm", ".xlsb", ".ods")
TEXT = (".csv", ".tsv", ".txt")

REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
ROOT = re.compile(rb"<(\w+:)?worksheet[\s>]")
ROW_NO = re.compile(rb'<(?:\w+:)?row\s[^>]*?\br="(\d+)"')
FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
CELL_REF = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]+)(\d+)"')
DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


class UploadRefused(ValueError):
    """The upload is refused before any job reads it; the message is for the seller."""


@dataclass(frozen=True)
class Messages:
    """The refusals, in Korean as marked; translated() gives them in the reader's language."""

    not_sheet: str = N_("엑셀(xlsx, xls) 또는 CSV 파일이 아닙니다. 파일 이름만 바꾼 다른 형식의 파일은 읽을 수 "
                        "없습니다. 엑셀에서 'Excel 통합 문서(*.xlsx)'로 저장해 올려 주세요.")
    bomb: str = N_("압축을 풀면 지나치게 커지는 파일이라 열지 않았습니다. 엑셀에서 새 파일로 저장해 올려 주세요.")
    dtd: str = N_("엑셀 파일에 허용되지 않는 XML 선언(DTD/ENTITY)이 있어 열지 않았습니다.")
    empty: str = N_("파일에 데이터 행이 없습니다. 2행부터 한 행에 하나씩 입력해 주세요.")
    too_many: str = N_("한 번에 올릴 수 있는 파일은 최대 {limit:,}행입니다. "
                       "파일을 {limit:,}행 이하로 나누어 올려 주세요.")
    too_big: str = N_("파일이 너무 큽니다. 한 번에 {mb:,}MB까지 올릴 수 있습니다. 파일을 나누어 올려 주세요.")

    def translated(self) -> "Messages":
        """Each message through the catalogue (a message without an entry stays as it is)."""
        return Messages(**{f.name: gettext(getattr(self, f.name)) for f in fields(self)})


GENERIC = Messages()


@dataclass
class SheetScan:
    rows: int = 0  # data rows present in the sheet (the header row not counted)
    formulas: dict[int, list[str]] = field(default_factory=dict)  # row number -> ["D5", ...]


def check_upload(path: str, filename: str, *, max_rows: int, max_bytes: int,
                 messages: Messages = GENERIC) -> None:
    """Refuse (UploadRefused) what no reader should open: by the file's content, whatever its name."""
    messages = messages.translated()
    if os.path.getsize(path) > max_bytes:
        raise UploadRefused(messages.too_big.format(mb=max_bytes // (1024 * 1024)))
    ext = os.path.splitext(filename or "")[1].lower()
    with open(path, "rb") as fh:
        head = fh.read(8)
    if ext in (".xlsx", ".xlsm"):  # the job may read another sheet (a profile chooses): it reports emptiness
        inspect_xlsx(path, max_rows, messages, require_rows=False)
    elif ext in (".xlsb", ".ods"):
        _inspect_zip(path, messages, ods=ext == ".ods", max_rows=max_rows)
    elif ext == ".xls":
        if head != OLE_MAGIC:  # HTML or XML saved as .xls by some exports is no workbook either
            raise UploadRefused(messages.not_sheet)
    elif ext in TEXT:
        _inspect_text(path, max_rows, messages)
    else:
        raise UploadRefused(messages.not_sheet)


def inspect_xlsx(path: str, max_rows: int, messages: Messages = GENERIC, require_rows: bool = True) -> SheetScan:
    """Describe the first sheet of an xlsx, or raise UploadRefused with the seller's message."""
    messages = messages.translated()
    try:
        with open(path, "rb") as raw, zipfile.ZipFile(raw) as zf:
            infos = {i.filename: i for i in zf.infolist()}
            if "xl/workbook.xml" not in infos:
                raise UploadRefused(messages.not_sheet)
            _declared_sizes(infos, messages)
            sheet = _first_sheet(raw, infos, messages)
            scan, budget = SheetScan(), [MAX_UNPACKED]
            for name, info in infos.items():
                if name == sheet:
                    _scan_sheet(inflate(raw, info, budget, messages.bomb), scan, max_rows, messages)
                else:
                    _scan_part(raw, name, info, budget, messages)
    except (zipfile.BadZipFile, zlib.error, struct.error, OSError, KeyError):
        raise UploadRefused(messages.not_sheet) from None
    if require_rows and scan.rows < 1:
        raise UploadRefused(messages.empty)
    return scan


def _inspect_zip(path, messages, *, ods: bool, max_rows: int) -> None:
    """xlsb and ods: the container's bombs and declarations; ods rows counted in content.xml."""
    try:
        with open(path, "rb") as raw, zipfile.ZipFile(raw) as zf:
            infos = {i.filename: i for i in zf.infolist()}
            if ods:
                kind = b"".join(inflate(raw, infos["mimetype"], [CHUNK], messages.bomb))
                if kind != b"application/vnd.oasis.opendocument.spreadsheet":
                    raise UploadRefused(messages.not_sheet)
            elif "xl/workbook.bin" not in infos:
                raise UploadRefused(messages.not_sheet)
            _declared_sizes(infos, messages)
            budget = [MAX_UNPACKED]
            for name, info in infos.items():
                if ods and name == "content.xml":
                    rows, carry = 0, b""
                    for chunk in inflate(raw, info, budget, messages.bomb):
                        if DTD.search(carry + chunk):
                            raise UploadRefused(messages.dtd)
                        rows += (carry + chunk).count(b"<table:table-row") - carry.count(b"<table:table-row")
                        carry = chunk[-32:]
                        if rows - 1 > max_rows:
                            raise UploadRefused(messages.too_many.format(limit=max_rows))
                else:
                    _scan_part(raw, name, info, budget, messages)
    except (zipfile.BadZipFile, zlib.error, struct.error, OSError, KeyError):
        raise UploadRefused(messages.not_sheet) from None


def _inspect_text(path: str, max_rows: int, messages: Messages) -> None:
    """CSV/TSV: text (no NUL byte unless UTF-16, no markup page renamed), at most max_rows lines after
    the header."""
    lines = 0
    with open(path, "rb") as fh:
        first = fh.read(CHUNK)
        start = first.lstrip(b"\xef\xbb\xbf \t\r\n")[:15].lower()
        if start.startswith((b"<!doctype", b"<html", b"<?xml", b"<table", b"{\\rtf")):
            raise UploadRefused(messages.not_sheet)
        wide = first.startswith((b"\xff\xfe", b"\xfe\xff"))  # UTF-16 text has a NUL in every other byte
        chunk = first
        while chunk:
            if not wide and b"\x00" in chunk:
                raise UploadRefused(messages.not_sheet)
            lines += chunk.count(b"\n")
            if lines - 1 > max_rows:
                raise UploadRefused(messages.too_many.format(limit=max_rows))
            chunk = fh.read(CHUNK)


def _declared_sizes(infos, messages) -> None:
    if sum(i.file_size for i in infos.values()) > MAX_UNPACKED or any(
            i.file_size > CHUNK and i.file_size > MAX_RATIO * max(1, i.compress_size) for i in infos.values()):
        raise UploadRefused(messages.bomb)


def _scan_part(raw, name, info, budget, messages) -> None:
    """Any other part is inflated in full (its real size counts); XML parts may declare nothing."""
    xml = name.endswith((".xml", ".rels", ".vml"))
    for chunk in inflate(raw, info, budget, messages.bomb):
        if xml and DTD.search(chunk):
            raise UploadRefused(messages.dtd)


def _first_sheet(raw, infos, messages) -> str:
    """The part calamine reads as sheet 0: the workbook's first <sheet>, through its rel id."""
    workbook = ElementTree.fromstring(b"".join(inflate(raw, infos["xl/workbook.xml"], [CHUNK * 8],
                                                       messages.bomb)))
    first = next((el for el in workbook.iter() if el.tag.endswith("}sheet")), None)
    rels_info = infos.get("xl/_rels/workbook.xml.rels")
    if first is None or rels_info is None:
        raise UploadRefused(messages.not_sheet)
    rels = ElementTree.fromstring(b"".join(inflate(raw, rels_info, [CHUNK * 8], messages.bomb)))
    rid = first.get(f"{REL_NS}id")
    target = next((r.get("Target") for r in rels.iter() if r.get("Id") == rid), None)
    if not target:
        raise UploadRefused(messages.not_sheet)
    path = target.lstrip("/") if target.startswith("/") else "xl/" + target
    if path not in infos:
        raise UploadRefused(messages.not_sheet)
    return path


def inflate(raw, info: zipfile.ZipInfo, budget: list[int], bomb: str):
    """The part's real bytes in chunks; more than declared, or than the budget, is a bomb."""
    raw.seek(info.header_offset)
    header = raw.read(30)
    if header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile("local header")
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    raw.seek(info.header_offset + 30 + name_len + extra_len)
    left = info.compress_size
    if info.compress_type == zipfile.ZIP_STORED:
        inflater = None
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-15)
    else:
        raise zipfile.BadZipFile("compression")
    produced = 0
    while left > 0 or (inflater and inflater.unconsumed_tail):
        if inflater and inflater.unconsumed_tail:
            data = inflater.unconsumed_tail
        else:
            data = raw.read(min(CHUNK, left))
            left -= len(data)
            if not data:
                raise zipfile.BadZipFile("truncated")
        chunk = inflater.decompress(data, CHUNK) if inflater else data
        produced += len(chunk)
        budget[0] -= len(chunk)
        if produced > info.file_size or budget[0] < 0:
            raise UploadRefused(bomb)
        if chunk:
            yield chunk
    rest = inflater.flush() if inflater else b""
    if produced + len(rest) > info.file_size:
        raise UploadRefused(bomb)
    if rest:
        yield rest


def _scan_sheet(chunks, scan: SheetScan, max_rows: int, messages: Messages) -> None:
    """Count rows (stop past the limit) and find <f> cells, across chunk boundaries.

    Plain byte counts, not regexes: this pass runs over every byte of the sheet.
    """
    carry, rows, prefix = b"", 0, None
    for chunk in chunks:
        if prefix is None:
            if DTD.search(chunk):
                raise UploadRefused(messages.dtd)
            root = ROOT.search(chunk)
            prefix = (root.group(1) if root else None) or b""
        data = carry + chunk
        cut = data.rfind(b"<")
        data, carry = (data[:cut], data[cut:]) if cut > 0 else (data, b"")
        found = data.count(b"<" + prefix + b"row ") + data.count(b"<" + prefix + b"row>")
        rows += found
        if rows - 1 > max_rows:
            raise UploadRefused(messages.too_many.format(limit=max_rows))
        if _has_formula(data, b"<" + prefix + b"f"):
            _formulas(data, scan, rows - found)
    scan.rows = max(0, rows - 1)


def _has_formula(data: bytes, tag: bytes) -> bool:
    pos = data.find(tag)
    while pos >= 0:
        if data[pos + len(tag):pos + len(tag) + 1] in (b">", b" ", b"/"):
            return True
        pos = data.find(tag, pos + 1)
    return False


def _formulas(data: bytes, scan: SheetScan, rows_before: int) -> None:
    for match in FORMULA_TAG.finditer(data):
        cell = None
        for pos in _tag_starts(data, match.start()):
            cell = CELL_REF.match(data, pos)
            if cell:
                break
        if cell:
            scan.formulas.setdefault(int(cell.group(2)), []).append(
                (cell.group(1) + cell.group(2)).decode())
        else:  # a cell without its r attribute: blame the row it sits in
            numbers = ROW_NO.findall(data, 0, match.start())
            number = int(numbers[-1]) if numbers else rows_before + 1
            scan.formulas.setdefault(number, []).append(gettext("%(row)s행", row=number))


def _tag_starts(data: bytes, end: int, limit: int = 4):
    """Positions of the last few tags before `end` (the <c> holding an <f> is one of them)."""
    pos = end
    for _ in range(limit):
        pos = data.rfind(b"<", 0, pos)
        if pos < 0:
            return
        yield pos
