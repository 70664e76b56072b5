"""PDF basics for printed documents: one CJK font found on the machine, Code128 bars, fitted text lines.

Font: Noto Sans CJK (Debian package fonts-noto-cjk, which `portal up` and the test runner install
when missing). The Regular .ttc collection holds the JP, KR, SC, TC and HK faces over one glyph set,
so the KR face (Korean forms of the shared ideographs) prints Hangul, kana and Chinese alike; fpdf2
reads the face out of the collection (`collection_font_number`) and embeds only the glyphs a document
uses. `PORTAL_CJK_FONT` (a .ttc/.otf/.ttf path, optionally `path:face-index`) overrides the search.

Code128: python-barcode computes the symbol (code sets, check digit, stop pattern); the bars are
drawn here as filled rectangles, one per run of dark modules, with the quiet zone kept free.
"""
import glob
import os
import shutil
import subprocess
from functools import lru_cache

from barcode.codex import Code128
from flask_babel import gettext
from fpdf import FPDF

FONT = "cjk"
FAMILY = "Noto Sans CJK KR"
KNOWN_FILES = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
               "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
               "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc")
KR_FACE = 1  # face order in NotoSansCJK-Regular.ttc: JP, KR, SC, TC, HK, then the Mono faces
QUIET_MODULES = 10  # Code128 needs 10 module widths of blank on either side
ELLIPSIS = "…"


class FontMissing(RuntimeError):
    """No CJK font on this machine: documents cannot be printed until fonts-noto-cjk is installed."""


@lru_cache(maxsize=1)
def cjk_font() -> tuple[str, int]:
    """(file, face index) of Noto Sans CJK KR: the override, fontconfig's answer, then known paths."""
    override = os.environ.get("PORTAL_CJK_FONT", "").strip()
    if override:
        path, _, face = override.rpartition(":") if override.rpartition(":")[2].isdigit() else (
            override, "", "")
        return path, int(face or (KR_FACE if path.endswith(".ttc") else 0))
    if shutil.which("fc-match"):
        found = subprocess.run(["fc-match", "-f", "%{file}:%{index}", f"{FAMILY}:style=Regular"],
                               capture_output=True, text=True, check=False).stdout
        path, _, face = found.rpartition(":")
        if path and "NotoSansCJK" in os.path.basename(path) and os.path.exists(path):
            return path, int(face or 0)
    for path in (*KNOWN_FILES, *sorted(glob.glob("/usr/share/fonts/**/NotoSansCJK-Regular.ttc",
                                                 recursive=True))):
        if os.path.exists(path):
            return path, KR_FACE
    raise FontMissing(gettext("한글·일본어·중국어를 인쇄할 글꼴(Noto Sans CJK)이 없습니다. "
                              "서버에 fonts-noto-cjk 패키지를 설치해 주세요."))


def font_available() -> bool:
    try:
        cjk_font()
    except FontMissing:
        return False
    return True


def new_document(page_size: tuple[float, float], font_size: float = 9) -> FPDF:
    """An fpdf2 document in millimetres on pages of exactly `page_size` (width, height) with the CJK font."""
    width, height = page_size
    pdf = FPDF(orientation="P", unit="mm", format=(width, height))  # fpdf2 keeps (w, h) as given in "P"
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    path, face = cjk_font()
    pdf.add_font(FONT, fname=path, collection_font_number=face)
    pdf.set_font(FONT, size=font_size)
    pdf.set_creator("seller-portal")
    return pdf


@lru_cache(maxsize=4096)
def code128_runs(value: str) -> tuple[tuple[tuple[int, int], ...], int]:
    """((first module, width in modules) of every bar, symbol width in modules) of `value`'s Code128
    symbol, quiet zone excluded."""
    modules = Code128(value).build()[0]
    runs, start = [], None
    for index, module in enumerate(modules + "0"):
        if module == "1" and start is None:
            start = index
        elif module == "0" and start is not None:
            runs.append((start, index - start))
            start = None
    return tuple(runs), len(modules)


def draw_code128(pdf: FPDF, value: str, x: float, y: float, width: float, height: float) -> float:
    """Bars of `value` centred in the box (x, y, width, height) with the quiet zone inside it.
    Returns the module width used (mm), so callers can refuse a box too narrow to scan."""
    runs, total = code128_runs(value)
    module = width / (total + 2 * QUIET_MODULES)
    left = x + (width - total * module) / 2
    for start, count in runs:
        pdf.rect(left + start * module, y, count * module, height, style="F")
    return module


class Measure:
    """String widths in the document's current font and size, remembered per size and character."""

    def __init__(self, pdf: FPDF):
        self.pdf = pdf
        self._sizes: dict[float, dict[str, float]] = {}

    def _table(self) -> dict[str, float]:
        size = self.pdf.font_size_pt
        table = self._sizes.get(size)
        if table is None:
            table = self._sizes[size] = {}
        return table

    def widths(self, text: str) -> list[float]:
        table = self._table()
        missing = [ch for ch in set(text) if ch not in table]
        for ch in missing:
            table[ch] = self.pdf.get_string_width(ch)
        return [table[ch] for ch in text]

    def char(self, ch: str) -> float:
        return self.widths(ch)[0]

    def text(self, text: str) -> float:
        return sum(self.widths(text))


def fit_lines(measure: Measure, text: str, width: float, max_lines: int) -> list[str]:
    """`text` wrapped into at most `max_lines` lines no wider than `width`; what does not fit is cut
    and the last line ends with "…". Latin words break at a space when one is near; CJK anywhere."""
    text = " ".join((text or "").split())
    if max_lines < 1 or not text:
        return []
    widths = measure.widths(text)
    size = len(text)
    lines: list[str] = []
    start = 0
    while start < size:
        total, end = 0.0, start
        while end < size and (total + widths[end] <= width or end == start):
            total += widths[end]
            end += 1
        if end == size:
            lines.append(text[start:end])
            break
        space = text.rfind(" ", start, end)
        cut = space if text[end] != " " and space > start + (end - start) // 2 else end
        lines.append(text[start:cut].rstrip())
        if len(lines) == max_lines:
            lines[-1] = _shorten(measure, lines[-1], width)
            break
        start = cut
        while start < size and text[start] == " ":
            start += 1
    return lines


def _shorten(measure: Measure, line: str, width: float) -> str:
    room = width - measure.char(ELLIPSIS)
    widths = measure.widths(line)
    total = sum(widths)
    while line and total > room:
        total -= widths.pop()
        line = line[:-1]
    return line.rstrip() + ELLIPSIS
