"""Bench: 1,000 packing labels of the 100×80 mm layout L6 with Korean/Japanese/Chinese names and barcodes.

    .venv/bin/python bench/labels.py [--labels 1000] [--repeat 3]

Prints, best of `repeat` runs: the time of render_labels (font load, measuring and wrapping, bars, PDF
output with the subset font) against fpdf2 drawing the same text lines and the same bars bare (the
lines and bar positions computed beforehand, nothing measured), their ratio, and the peak Python
memory of each (tracemalloc, in a separate untimed run). Target: under 1.5 s, ratio at most 1.25×.
"""
import argparse
import os
import sys
import time
import tracemalloc

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from blueprints.fulfilment.documents.labels import PAD, render_labels  # noqa: E402
from blueprints.fulfilment.documents.layouts import LAYOUTS  # noqa: E402
from blueprints.fulfilment.documents.rows import Line, Shipment  # noqa: E402
from portal.services.pdf import QUIET_MODULES, code128_runs, new_document  # noqa: E402

TARGET_S = 1.5
NAMES = ["[A17-A1][5525] [에뛰드] AC 클린업 핑크 파우더 스팟 15ml 대용량 기획세트",
         "ハイドロセラインテンスクリーム 50ml 美容液 キルカバークッション リフィル",
         "韩国进口爱丽小屋粉刺净化粉末祛痘精华液十五毫升大容量礼盒装"]


def shipments(count: int) -> list[Shipment]:
    return [Shipment(receipt_no=f"K2211070{n:06d}", registered_on="2022-11-07", channel="qoo10jp",
                     lines=tuple(Line(name=f"{name} {n}", quantity=n % 7 + 1, option_code=f"88096679{n:05d}")
                                 for name in NAMES)) for n in range(count)]


def drawn_text(pdf_bytes_rows, layout_code):
    """What the labels print, line by line with positions, to draw bare: rendered once, read back."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf_bytes_rows)
    pages = []
    for index in range(len(doc)):
        text = doc[index].get_textpage()
        pages.append([(rect, text.get_text_bounded(*rect)) for rect in
                      (text.get_rect(i) for i in range(text.count_rects()))])
    doc.close()
    return pages


def bare(rows: list[Shipment], pages, layout_code: str) -> bytes:
    """fpdf2 alone: the same page size, font, bars and already-wrapped text lines."""
    layout = LAYOUTS[layout_code]
    width, height = layout.sheet.page
    pdf = new_document((width, height), 7)
    bars = [code128_runs(row.receipt_no) for row in rows]
    for (runs, total), lines in zip(bars, pages):
        pdf.add_page()
        module = min(width - 2 * PAD, 80.0) / (total + 2 * QUIET_MODULES)
        left = PAD + QUIET_MODULES * module
        for start, count in runs:
            pdf.rect(left + start * module, PAD, count * module, 14.0, style="F")
        for (x0, y0, x1, y1), text in lines:
            pdf.set_font_size(max(4.0, (y1 - y0) * 0.9))
            pdf.text(x0 * 25.4 / 72, height - y0 * 25.4 / 72, text)
    return bytes(pdf.output())


def best(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def peak_mib(func) -> float:
    tracemalloc.start()
    func()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--labels", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = shipments(args.labels)
    layout = "L6"
    printed = render_labels(rows, layout)
    assert printed.pages == args.labels, "one L6 label per shipment of three items"
    pages = drawn_text(printed.pdf, layout)
    ours = best(lambda: render_labels(rows, layout), args.repeat)
    plain = best(lambda: bare(rows, pages, layout), args.repeat)
    print(f"labels: {args.labels} of {LAYOUTS[layout].title}, {len(printed.pdf) / 2**20:.2f} MiB PDF")
    print(f"render_labels: {ours:.3f} s (target < {TARGET_S} s: {'met' if ours < TARGET_S else 'NOT met'})")
    print(f"fpdf2 bare, same text and bars: {plain:.3f} s")
    print(f"ratio: {ours / plain:.2f}x (aim <= 1.25x)")
    print(f"peak Python memory: render_labels {peak_mib(lambda: render_labels(rows, layout)):.1f} MiB, "
          f"bare {peak_mib(lambda: bare(rows, pages, layout)):.1f} MiB")


if __name__ == "__main__":
    main()
