"""Reading uploaded sheets row by row: Excel through python-calamine, CSV/TSV through the csv module."""
import codecs
import csv
import os

from portal.services.threads import in_background

from flask import current_app
from flask_babel import gettext

from portal.services.upload_guard import UploadRefused, check_upload

from . import RuleViolation

EXCEL = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
TEXT = (".csv", ".tsv", ".txt")


def check_name(filename: str) -> str:
    ext = os.path.splitext(filename or "")[1].lower()
    if not filename:
        raise RuleViolation(gettext("업로드할 파일을 선택해 주세요."))
    if ext not in EXCEL + TEXT:
        raise RuleViolation(gettext("엑셀(xlsx, xls) 또는 CSV/TSV 파일만 업로드할 수 있습니다."))
    return ext


def cell_text(value) -> str:
    """Excel hands numbers back as floats: 640012345678.0 is the tracking number 640012345678."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_rows(path: str, filename: str):
    """Yield each row as a list of text cells, streaming (the file is never loaded whole)."""
    for row in read_raw(path, filename):
        yield [cell_text(v) for v in row]


def read_raw(path: str, filename: str, encoding: str | None = None, sheet: str | None = None):
    """Yield each row as the reader gives it (Excel values untouched, CSV cells stripped text): for callers
    that turn only the cells they use into text (cell_text). `encoding` fixes a text file's encoding (else
    it is found: text_encoding), `sheet` picks a workbook's sheet by name or 1-based number (else the first)."""
    ext = check_name(filename)
    if ext in EXCEL:
        yield from _excel_sheet(path, sheet).iter_rows()
        return
    yield from _text_rows(path, ext, encoding)


def read_raw_soon(path: str, filename: str, encoding: str | None = None, sheet: str | None = None):
    """read_raw with the parse of an Excel file started now, on a thread (python-calamine parses without
    the interpreter lock): the caller goes on with its own work and calls the returned function for the
    rows, which waits for the parse (and raises what read_raw would)."""
    ext = check_name(filename)
    if ext not in EXCEL:
        return lambda: _text_rows(path, ext, encoding)
    parsed = in_background(_excel_sheet, path, sheet, name="sheet-parse")
    return lambda: parsed.result().iter_rows()


def _excel_sheet(path: str, sheet: str | None = None):
    """The chosen sheet (by name, or by its number counted from 1) or the first, parsed whole
    (python-calamine keeps it in Rust and hands rows out one by one)."""
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError, XmlError, ZipError

    try:
        book = CalamineWorkbook.from_path(path)
        if not sheet:
            return book.get_sheet_by_index(0)
        names = book.sheet_names
        if sheet in names:
            return book.get_sheet_by_name(sheet)
        if str(sheet).isdigit() and 1 <= int(sheet) <= len(names):
            return book.get_sheet_by_index(int(sheet) - 1)
        raise RuleViolation(gettext("엑셀 파일에 '%(sheet)s' 시트가 없습니다. 이 파일의 시트: %(join)s",
                                    sheet=sheet, join=', '.join(names)))
    except PasswordError:
        raise RuleViolation(gettext("암호가 걸린 엑셀 파일은 읽을 수 없습니다. 암호를 해제한 뒤 올려 주세요.")) from None
    except (CalamineError, XmlError, ZipError, ValueError, OSError):
        raise RuleViolation(gettext("엑셀 파일을 읽을 수 없습니다. 엑셀에서 열어 본 뒤 xlsx 또는 xls로 다시 저장해 올려 "
                            "주세요.")) from None


# A text file's encoding: what its BOM says, else the first of these that reads the whole file.
ENCODINGS = (("utf-8", "UTF-8"), ("cp949", "CP949(EUC-KR)"), ("cp932", "CP932(Shift_JIS)"))
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
ENCODING_NAMES = dict(ENCODINGS) | {"utf-8-sig": "UTF-8", "utf-16": "UTF-16"}
BLOCK = 1 << 20


def _reads_whole(path: str, encoding: str) -> bool:
    """Whether every byte of the file decodes (strictly) in the encoding: a block at a time, so a
    character cut by a block's end is completed by the next, and a wrong guess stops at its first
    bad byte."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    try:
        with open(path, "rb") as fh:
            while block := fh.read(BLOCK):
                decoder.decode(block)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def text_encoding(path: str, fixed: str | None = None) -> str:
    """A BOM decides; otherwise strict UTF-8 over the whole file, then CP949, then CP932 (Shift_JIS).
    `fixed` (the 주문서 매칭's choice) is used as it is, but must read the file too."""
    with open(path, "rb") as fh:
        head = fh.read(4)
    for bom, encoding in BOMS:
        if head.startswith(bom):
            return encoding
    tried = [(fixed, ENCODING_NAMES.get(fixed, fixed))] if fixed else list(ENCODINGS)
    for encoding, _ in tried:
        try:
            if _reads_whole(path, encoding):
                if encoding == "cp949" and not fixed and _japanese(path):
                    return "cp932"
                return encoding
        except LookupError:
            raise RuleViolation(gettext("주문서 매칭의 문자 인코딩을 알 수 없습니다: %(fixed)s", fixed=fixed)) from None
    raise RuleViolation(gettext("파일의 문자 인코딩을 알 수 없습니다. %(join)s(으)로 읽어 보았으나 읽을 수 없는 글자가 있습니다. "
                                "엑셀에서 'CSV UTF-8'로 다시 저장해 올려 주세요.",
                                join=', '.join((name for _, name in tried))))


def _japanese(path: str) -> bool:
    """A file that reads as CP949 may be Shift_JIS all the same (東京都千代田区 does): Korean text read as
    CP949 is mostly the 2,350 common Hangul syllables (KS X 1001), Shift_JIS read as CP949 is rare
    syllables and hanja. Then it is CP932 if it reads as that too."""
    with open(path, "rb") as fh:
        sample = fh.read(BLOCK)
    text = sample.decode("cp949", "ignore")
    wide = [c for c in text if ord(c) > 0x7F]
    if not wide:
        return False
    common = sum(1 for c in wide if c in _common_hangul())
    return common * 2 < len(wide) and _reads_whole(path, "cp932")


_COMMON: set[str] = set()


def _common_hangul() -> set[str]:
    if not _COMMON:
        for code in range(0xAC00, 0xD7A4):
            try:
                if len(chr(code).encode("euc_kr")) == 2:  # the codec spells rare ones as 8-byte jamo sequences
                    _COMMON.add(chr(code))
            except UnicodeEncodeError:
                continue
    return _COMMON


def _text_rows(path: str, ext: str, encoding: str | None = None):
    """CSV/TSV rows as stripped text in the file's encoding (text_encoding); tab-separated when the
    file says .tsv or its first line has more tabs than commas (Amazon's .txt reports)."""
    encoding = text_encoding(path, encoding)
    with open(path, encoding=encoding, newline="") as fh:
        first = fh.readline()
        fh.seek(0)
        delimiter = "\t" if ext == ".tsv" or first.count("\t") > first.count(",") else ","
        strip = str.strip
        for row in csv.reader(fh, delimiter=delimiter):
            yield list(map(strip, row))


def save_upload(storage, folder: str, prefix: str) -> str:
    """Keep the uploaded file in the job-files folder until the job has read it, once the shared
    upload guard has found it a real spreadsheet of a sane size and row count."""
    check_name(storage.filename)
    os.makedirs(folder, exist_ok=True)
    ext = os.path.splitext(storage.filename)[1].lower()
    path = os.path.join(folder, f"{prefix}-{os.urandom(8).hex()}{ext}")
    storage.save(path)
    try:
        if os.path.getsize(path) == 0:
            raise RuleViolation(gettext("빈 파일입니다. 내용을 확인해 주세요."))
        config = current_app.config
        check_upload(path, storage.filename, max_rows=config["UPLOAD_MAX_ROWS"],
                     max_bytes=config["MAX_CONTENT_LENGTH"])
    except (RuleViolation, UploadRefused) as refused:
        os.remove(path)  # checked before any job starts: nothing is read from a refused file
        raise RuleViolation(str(refused)) from None
    return path
