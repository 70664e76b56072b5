"""Upload safety for 상품대량등록/수정: the xlsx and the image zip are checked before use.

One pass over the compressed parts, with our own inflater so no declared size is trusted:
not an xlsx, a zip or XML bomb, an empty sheet or more rows than MAX_ROWS are refused with
a Korean message; cells holding a formula are reported per row so the row can be refused.
The optional image zip gets the same bomb guards, an entry limit, and no path that could
point outside a folder (it is never unpacked to disk, but such a zip is no honest upload).
"""
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field

from defusedxml import ElementTree

from . import RuleViolation

MAX_ROWS = 20_000  # data rows in one upload (the documented limit on the page and template)
MAX_UNPACKED = 200 * 1024 * 1024  # all parts together, uncompressed
MAX_RATIO = 100  # a real sheet packs 5-20 to 1; bombs pack thousands to 1
CHUNK = 1024 * 1024
MAX_IMAGE_FILES = 1_000  # entries in one image zip, folders included
MAX_IMAGES_UNPACKED = 500 * 1024 * 1024  # the image zip's files together, uncompressed

MSG_NOT_XLSX = ("엑셀(xlsx) 파일이 아닙니다. 상품대량등록 양식을 내려받아 입력한 뒤 "
                "'Excel 통합 문서(*.xlsx)'로 저장해 올려 주세요.")
MSG_BOMB = "압축을 풀면 지나치게 커지는 파일이라 열지 않았습니다. 엑셀에서 새 파일로 저장해 올려 주세요."
MSG_DTD = "엑셀 파일에 허용되지 않는 XML 선언(DTD/ENTITY)이 있어 열지 않았습니다."
MSG_EMPTY = "엑셀 파일에 상품 행이 없습니다. 양식의 2행부터 한 행에 상품 하나씩 입력해 주세요."
MSG_TOO_MANY = ("한 번에 올릴 수 있는 상품은 최대 {limit:,}행입니다. "
                "파일을 {limit:,}행 이하로 나누어 올려 주세요.")
MSG_ZIP_BAD = ("이미지 압축파일을 열 수 없습니다. jpg 파일들을 zip 형식으로 다시 압축해 "
               "올려 주세요. (암호가 걸린 압축파일은 열 수 없습니다)")
MSG_ZIP_BOMB = ("이미지 압축파일이 압축을 풀면 지나치게 커지는 파일이라 열지 않았습니다. "
                "jpg 파일들을 zip으로 다시 압축해 올려 주세요.")
MSG_ZIP_TOO_MANY = ("이미지 압축파일에는 파일을 최대 {limit:,}개까지 넣을 수 있습니다. "
                    "엑셀 파일과 이미지 압축파일을 나누어 올려 주세요.")
MSG_ZIP_PATH = ("이미지 압축파일에 허용되지 않는 경로({name})가 있어 열지 않았습니다. "
                "'..'이나 절대경로 없이 jpg 파일들만 압축해 올려 주세요.")
MSG_ZIP_TWICE = ("이미지 압축파일에 같은 이름의 파일({name})이 여러 개 있습니다. "
                 "파일명이 서로 다르게 압축해 올려 주세요.")
MSG_FORMULA = "수식이 들어 있는 셀({cells})은 읽지 않습니다. 수식 대신 값을 입력해 주세요."

REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
ROOT = re.compile(rb"<(\w+:)?worksheet[\s>]")
ROW_NO = re.compile(rb'<(?:\w+:)?row\s[^>]*?\br="(\d+)"')
FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
CELL_REF = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]+)(\d+)"')
DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


@dataclass
class SheetScan:
    rows: int = 0  # data rows present in the sheet (the header row not counted)
    formulas: dict[int, list[str]] = field(default_factory=dict)  # row number -> ["D5", ...]

    def formula_reason(self, row_number: int) -> str | None:
        cells = self.formulas.get(row_number)
        return MSG_FORMULA.format(cells=", ".join(cells)) if cells else None


def inspect(path: str) -> SheetScan:
    """Raise RuleViolation with the seller's message, or describe the first sheet."""
    try:
        with open(path, "rb") as raw, zipfile.ZipFile(raw) as zf:
            infos = {i.filename: i for i in zf.infolist()}
            if "xl/workbook.xml" not in infos:
                raise RuleViolation(MSG_NOT_XLSX)
            if sum(i.file_size for i in infos.values()) > MAX_UNPACKED or any(
                    i.file_size > CHUNK and i.file_size > MAX_RATIO * max(1, i.compress_size)
                    for i in infos.values()):
                raise RuleViolation(MSG_BOMB)
            sheet = _first_sheet(raw, infos)
            scan, budget = SheetScan(), [MAX_UNPACKED]
            for name, info in infos.items():
                if name == sheet:
                    _scan_sheet(_inflate(raw, info, budget), scan)
                elif name.endswith((".xml", ".rels", ".vml")):
                    for chunk in _inflate(raw, info, budget):
                        if DTD.search(chunk):
                            raise RuleViolation(MSG_DTD)
                else:
                    for _ in _inflate(raw, info, budget):
                        pass
    except (zipfile.BadZipFile, zlib.error, struct.error, OSError, KeyError):
        raise RuleViolation(MSG_NOT_XLSX) from None
    if scan.rows < 1:
        raise RuleViolation(MSG_EMPTY)
    return scan


def _first_sheet(raw, infos) -> str:
    """The part calamine reads as sheet 0: the workbook's first <sheet>, through its rel id."""
    workbook = ElementTree.fromstring(b"".join(_inflate(raw, infos["xl/workbook.xml"], [CHUNK * 8])))
    first = next((el for el in workbook.iter() if el.tag.endswith("}sheet")), None)
    rels_info = infos.get("xl/_rels/workbook.xml.rels")
    if first is None or rels_info is None:
        raise RuleViolation(MSG_NOT_XLSX)
    rels = ElementTree.fromstring(b"".join(_inflate(raw, rels_info, [CHUNK * 8])))
    rid = first.get(f"{REL_NS}id")
    target = next((r.get("Target") for r in rels.iter() if r.get("Id") == rid), None)
    if not target:
        raise RuleViolation(MSG_NOT_XLSX)
    path = target.lstrip("/") if target.startswith("/") else "xl/" + target
    if path not in infos:
        raise RuleViolation(MSG_NOT_XLSX)
    return path


def inspect_images(path: str) -> dict[str, zipfile.ZipInfo]:
    """The image zip's files by lower-case base name (folders in the zip do not matter).

    Raise RuleViolation for a bad zip, a bomb, too many entries or a '..'/absolute path.
    Every file is inflated once here, so the sizes used later are the real ones.
    """
    files = {}
    try:
        with open(path, "rb") as raw, zipfile.ZipFile(raw) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_IMAGE_FILES:
                raise RuleViolation(MSG_ZIP_TOO_MANY.format(limit=MAX_IMAGE_FILES))
            for info in infos:
                if _unsafe_path(info.filename):
                    raise RuleViolation(MSG_ZIP_PATH.format(name=info.filename))
            packed = sum(i.compress_size for i in infos)
            unpacked = sum(i.file_size for i in infos)
            if unpacked > MAX_IMAGES_UNPACKED or unpacked > MAX_RATIO * max(CHUNK, packed) or any(
                    i.file_size > CHUNK and i.file_size > MAX_RATIO * max(1, i.compress_size)
                    for i in infos):
                raise RuleViolation(MSG_ZIP_BOMB)
            budget = [MAX_IMAGES_UNPACKED]
            for info in infos:
                if info.flag_bits & 0x1:
                    raise RuleViolation(MSG_ZIP_BAD)  # encrypted
                for _ in _inflate(raw, info, budget, MSG_ZIP_BOMB):
                    pass
                base = info.filename.rsplit("/", 1)[-1]
                if info.is_dir() or not base or _hidden(info.filename):
                    continue
                if base.lower() in files:
                    raise RuleViolation(MSG_ZIP_TWICE.format(name=base))
                files[base.lower()] = info
    except (zipfile.BadZipFile, zlib.error, struct.error, OSError, KeyError, ValueError):
        raise RuleViolation(MSG_ZIP_BAD) from None
    return files


def read_image(raw, info: zipfile.ZipInfo, limit: int) -> bytes:
    """Up to `limit` bytes of a file inspect_images() listed, from the open zip `raw`."""
    data = bytearray()
    for chunk in _inflate(raw, info, [limit + CHUNK], MSG_ZIP_BOMB):
        data += chunk
        if len(data) >= limit:
            break
    return bytes(data[:limit])


def _unsafe_path(name: str) -> bool:
    parts = re.split(r"[/\\]", name)
    return (name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name) is not None
            or ".." in parts)


def _hidden(name: str) -> bool:
    """Files a Mac or Windows adds by itself when zipping a folder: never a product image."""
    base = name.rsplit("/", 1)[-1]
    return name.startswith("__MACOSX/") or base.startswith("._") or base.lower() in (
        ".ds_store", "thumbs.db")


def _inflate(raw, info: zipfile.ZipInfo, budget: list[int], bomb: str = MSG_BOMB):
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
            raise RuleViolation(bomb)
        if chunk:
            yield chunk
    rest = inflater.flush() if inflater else b""
    if produced + len(rest) > info.file_size:
        raise RuleViolation(bomb)
    if rest:
        yield rest


def _scan_sheet(chunks, scan: SheetScan) -> None:
    """Count rows (stop past the limit) and find <f> cells, across chunk boundaries.

    Plain byte counts, not regexes: this pass runs over every byte of the sheet.
    """
    carry, rows, prefix = b"", 0, None
    for chunk in chunks:
        if prefix is None:
            if DTD.search(chunk):
                raise RuleViolation(MSG_DTD)
            root = ROOT.search(chunk)
            prefix = (root.group(1) if root else None) or b""
        data = carry + chunk
        cut = data.rfind(b"<")
        data, carry = (data[:cut], data[cut:]) if cut > 0 else (data, b"")
        found = data.count(b"<" + prefix + b"row ") + data.count(b"<" + prefix + b"row>")
        rows += found
        if rows - 1 > MAX_ROWS:
            raise RuleViolation(MSG_TOO_MANY.format(limit=MAX_ROWS))
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
            scan.formulas.setdefault(number, []).append(f"{number}행")


def _tag_starts(data: bytes, end: int, limit: int = 4):
    """Positions of the last few tags before `end` (the <c> holding an <f> is one of them)."""
    pos = end
    for _ in range(limit):
        pos = data.rfind(b"<", 0, pos)
        if pos < 0:
            return
        yield pos
