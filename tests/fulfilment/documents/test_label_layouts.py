"""Every label layout of the manual, printed with long Korean, Japanese and Chinese names: exact page
size, every glyph inside its label, line counts kept, every barcode scanned back to its 접수번호."""
import pytest

from blueprints.fulfilment.documents.labels import label_count, render_labels
from blueprints.fulfilment.documents.layouts import LAYOUTS
from blueprints.fulfilment.documents.rows import Line, Shipment

from .pages import characters, keep, open_pdf, page_size_mm, render, scan, text_in

KO = "[A17-A1][5525] [에뛰드] AC 클린업 핑크 파우더 스팟 15ml 대용량 기획세트 한정판 증정품 포함"
JA = "ハイドロセラインテンスクリーム 50ml 美容液 キルカバークッションファンデーション リフィル 15g"
ZH = "韩国进口爱丽小屋粉刺净化粉末祛痘精华液十五毫升大容量礼盒装限量版"


def shipments() -> list[Shipment]:
    lines = (Line(name=KO, quantity=2, option="Type:AC Clean Up Pink Powder Spot 15ml / 色:ピンク",
                  option_code="8809667983242", item_code="747022710"),
             Line(name=JA, quantity=1, option="カラー:ナチュラルベージュ 21号 (既存とnewリニューアルお選び)",
                  option_code="8809685810315", item_code="747022711"),
             Line(name=ZH, quantity=12, option="颜色:粉红色 规格:十五毫升", option_code="2093606889870",
                  item_code="747022712", gift=True),
             Line(name="짧은 이름", quantity=1, option="", option_code="8801051462845", item_code="1"))
    return [Shipment(receipt_no="K2211070200452", lines=lines, registered_on="2022-11-07", channel="qoo10jp"),
            Shipment(receipt_no="K2211070200153", lines=lines[:1], registered_on="2022-11-07",
                     channel="rakuten")]


def body_lines(doc, page: int, box) -> int:
    """How many text lines are printed inside the label: distinct baselines of its glyphs."""
    x, y, w, h = box
    bottoms = sorted({round(bottom, 0) for _, (left, top, right, bottom) in characters(doc, page)
                      if x <= left <= x + w and y <= top <= y + h})
    merged = []
    for value in bottoms:
        if not merged or value - merged[-1] > 1.0:
            merged.append(value)
    return len(merged)


@pytest.mark.parametrize("code", list(LAYOUTS))
def test_every_layout_keeps_its_size_cells_lines_and_barcodes(code):
    layout = LAYOUTS[code]
    printed = render_labels(shipments(), code)
    doc = open_pdf(printed.pdf)
    assert len(doc) == printed.pages
    for page in range(len(doc)):
        width, height = page_size_mm(doc, page)
        assert abs(width - layout.sheet.page[0]) < 0.01 and abs(height - layout.sheet.page[1]) < 0.01
    cells = {}
    for page, box, _ in printed.cells:
        cells.setdefault(page, []).append(box)
    for page in range(len(doc)):
        for ch, (left, top, right, bottom) in characters(doc, page):
            assert any(x <= left and right <= x + w and y <= top and bottom <= y + h
                       for x, y, w, h in cells[page]), f"{code}: '{ch}' printed outside every label"
    for page, box, _ in printed.cells:
        assert body_lines(doc, page, box) <= 1 + layout.items * layout.lines_per_item
    image = render(doc, 0)
    keep(image, f"label-{code}")
    for page, box, value in printed.cells:
        if page:
            image = render(doc, page) if page != getattr(image, "_page", 0) else image
            image._page = page
        if layout.barcode:
            assert scan(image, box) == [value], f"{code}: label on page {page + 1} did not scan"
        else:
            assert scan(image, box) == [] and value is None
            assert "K22110702" in text_in(doc, page, box)


def test_long_names_are_cut_with_an_ellipsis_and_short_ones_printed_whole():
    printed = render_labels(shipments()[:1], "A5")  # the name in one line: long ones are cut
    doc = open_pdf(printed.pdf)
    first = text_in(doc, 0, printed.cells[0][1])
    assert "…" in first and "짧은이름" not in first
    assert "짧은이름" in text_in(doc, *printed.cells[1][:2])
    assert "×12" in first


def test_a_line_with_several_option_codes_prints_one_label_per_code():
    line = Line(name="세트 상품", quantity=1, option_code="TEST-01,TEST-02")
    shipment = Shipment(receipt_no="K2211070200999", lines=(line,))
    assert label_count([shipment], "A2") == 2
    printed = render_labels([shipment], "A2")
    doc = open_pdf(printed.pdf)
    texts = [text_in(doc, page, box) for page, box, _ in printed.cells]
    assert ["TEST-01" in texts[0], "TEST-02" in texts[1]] == [True, True]
    assert "TEST-02" not in texts[0]


def test_a1_prints_one_barcode_label_per_shipment_24_to_a_page():
    many = [Shipment(receipt_no=f"K22110702{n:05d}", lines=()) for n in range(25)]
    printed = render_labels(many, "A1")
    assert printed.pages == 2 and len(printed.cells) == 25
    doc = open_pdf(printed.pdf)
    image = render(doc, 1)
    assert scan(image, printed.cells[24][1]) == ["K2211070200024"]


def test_fitting_breaks_latin_words_at_spaces_cjk_anywhere_and_cuts_with_an_ellipsis():
    from portal.services.pdf import Measure, fit_lines, new_document

    pdf = new_document((100, 80), 9)
    measure = Measure(pdf)
    lines = fit_lines(measure, "MAKE UP COSMETIC SKIN CARE COSMETIC EYE PATCH", 30, 2)
    assert lines == ["MAKE UP COSMETIC", "SKIN CARE…"]
    lines = fit_lines(measure, ZH, 30, 2)
    assert len(lines) == 2 and lines[1].endswith("…") and all(measure.text(line) <= 30 for line in lines)
    assert fit_lines(measure, "  짧은   이름 ", 30, 2) == ["짧은 이름"]
