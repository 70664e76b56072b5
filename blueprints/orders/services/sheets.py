"""Reading uploaded sheets row by row: Excel through python-calamine, CSV/TSV through the csv module."""
import csv
import os

from portal.services.threads import in_background

from . import RuleViolation

EXCEL = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
TEXT = (".csv", ".tsv", ".txt")


def check_name(filename: str) -> str:
    ext = os.path.splitext(filename or "")[1].lower()
    if not filename:
        raise RuleViolation("업로드할 파일을 선택해 주세요.")
    if ext not in EXCEL + TEXT:
        raise RuleViolation("엑셀(xlsx, xls) 또는 CSV/TSV 파일만 업로드할 수 있습니다.")
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


def read_raw(path: str, filename: str):
    """Yield each row as the reader gives it (Excel values untouched, CSV cells stripped text): for callers
    that turn only the cells they use into text (cell_text)."""
    ext = check_name(filename)
    if ext in EXCEL:
        yield from _excel_sheet(path).iter_rows()
        return
    yield from _text_rows(path, ext)


def read_raw_soon(path: str, filename: str):
    """read_raw with the parse of an Excel file started now, on a thread (python-calamine parses without
    the interpreter lock): the caller goes on with its own work and calls the returned function for the
    rows, which waits for the parse (and raises what read_raw would)."""
    ext = check_name(filename)
    if ext not in EXCEL:
        return lambda: _text_rows(path, ext)
    sheet = in_background(_excel_sheet, path, name="sheet-parse")
    return lambda: sheet.result().iter_rows()


def _excel_sheet(path: str):
    """The first sheet, parsed whole (python-calamine keeps it in Rust and hands rows out one by one)."""
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError, XmlError, ZipError

    try:
        return CalamineWorkbook.from_path(path).get_sheet_by_index(0)
    except PasswordError:
        raise RuleViolation("암호가 걸린 엑셀 파일은 읽을 수 없습니다. 암호를 해제한 뒤 올려 주세요.") from None
    except (CalamineError, XmlError, ZipError, ValueError, OSError) as exc:
        raise RuleViolation(f"엑셀 파일을 읽을 수 없습니다: {exc}") from None


def _text_rows(path: str, ext: str):
    """CSV/TSV rows as stripped text, in UTF-8 or (as Korean Excel saves it) CP949."""
    with open(path, "rb") as fh:
        raw = fh.read(4096)
    encoding = "utf-8-sig"
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        encoding = "cp949"  # Korean Excel saves CSV in CP949
    with open(path, encoding=encoding, newline="") as fh:
        sample = fh.read(4096)
        fh.seek(0)
        delimiter = "\t" if ext == ".tsv" or sample.count("\t") > sample.count(",") else ","
        for row in csv.reader(fh, delimiter=delimiter):
            yield [c.strip() for c in row]


def save_upload(storage, folder: str, prefix: str) -> str:
    """Keep the uploaded file in the job-files folder until the job has read it."""
    check_name(storage.filename)
    os.makedirs(folder, exist_ok=True)
    ext = os.path.splitext(storage.filename)[1].lower()
    path = os.path.join(folder, f"{prefix}-{os.urandom(8).hex()}{ext}")
    storage.save(path)
    if os.path.getsize(path) == 0:
        os.remove(path)
        raise RuleViolation("빈 파일입니다. 내용을 확인해 주세요.")
    return path
