"""Reading printed PDFs back as a user would: page sizes, where each character landed, barcodes scanned."""
import os

import pypdfium2
import zxingcpp

PT = 25.4 / 72  # mm per point
SCAN_DPI = 300
ARTIFACTS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))), "test-artifacts", "documents")


def open_pdf(data: bytes) -> pypdfium2.PdfDocument:
    return pypdfium2.PdfDocument(data)


def page_size_mm(doc, index: int = 0) -> tuple[float, float]:
    width, height = doc[index].get_size()
    return width * PT, height * PT


def characters(doc, index: int) -> list[tuple[str, tuple[float, float, float, float]]]:
    """(character, (left, top, right, bottom) in mm from the page's top left) of every printed glyph."""
    page = doc[index]
    height = page.get_size()[1]
    text = page.get_textpage()
    found = []
    for number in range(text.count_chars()):
        ch = text.get_text_range(number, 1)
        if not ch.strip():
            continue
        left, bottom, right, top = text.get_charbox(number, loose=True)  # the line box: ascent to descent
        found.append((ch, (left * PT, (height - top) * PT, right * PT, (height - bottom) * PT)))
    return found


def text_in(doc, index: int, box) -> str:
    """The characters printed inside `box` (x, y, w, h) on the page, in reading order, spaces left out."""
    x, y, w, h = box
    return "".join(ch for ch, (left, top, right, bottom) in characters(doc, index)
                   if x <= left and right <= x + w and y <= top and bottom <= y + h)


def render(doc, index: int, dpi: int = SCAN_DPI):
    return doc[index].render(scale=dpi / 72, grayscale=True).to_pil()


def scan(image, box, dpi: int = SCAN_DPI) -> list[str]:
    """The Code128 values a scanner reads inside `box` (mm) of a rendered page."""
    x, y, w, h = (value * dpi / 25.4 for value in box)
    crop = image.crop((int(x), int(y), int(x + w), int(y + h)))
    return [result.text for result in zxingcpp.read_barcodes(crop, formats=zxingcpp.BarcodeFormat.Code128)]


def keep(image, name: str) -> str:
    """Save a rendered page with the test run's artifacts (test-artifacts/, ignored by git)."""
    os.makedirs(ARTIFACTS, exist_ok=True)
    path = os.path.join(ARTIFACTS, f"{name}.png")
    image.save(path)
    return path
