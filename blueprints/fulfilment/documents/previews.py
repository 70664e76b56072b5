"""Preview images of the label layouts: a sample shipment printed in the layout, its first label
rendered to PNG (pypdfium2), kept in memory per process."""
import io
from functools import lru_cache

import pypdfium2

from portal.i18n import ko
from .labels import render_labels
from .layouts import LAYOUTS
from .rows import Line, Shipment

PREVIEW_DPI = 110
# A sample shipment: its products' names are data (the manual's own example), shown as they are.
SAMPLE = Shipment(
    receipt_no="K2211070200452", registered_on="2022-11-07", channel="qoo10jp",
    lines=(Line(name=ko("[A17-A1][5525] [에뛰드] AC 클린업 핑크 파우더 스팟 15ml"), quantity=1,
                option="Type:AC Clean Up Pink Powder Spot 15ml", option_code="8809667983242",
                item_code="747022710"),
           Line(name="ハイドロセラインテンスクリーム 50ml", quantity=2, option="容量:50ml",
                option_code="8809685810315", item_code="747022711"),
           Line(name="韩国进口精华液 十五毫升", quantity=1, option="颜色:粉红色", option_code="2093606889870",
                item_code="747022712", gift=True)))


@lru_cache(maxsize=len(LAYOUTS))
def preview_png(code: str) -> bytes:
    """The first label of the sample in layout `code`, cropped to the label, as PNG bytes."""
    printed = render_labels([SAMPLE], code)
    _, (x, y, width, height), _ = printed.cells[0]
    document = pypdfium2.PdfDocument(printed.pdf)
    try:
        scale = PREVIEW_DPI / 72
        image = document[0].render(scale=scale).to_pil()
        per_mm = PREVIEW_DPI / 25.4
        image = image.crop((int(x * per_mm), int(y * per_mm), int((x + width) * per_mm),
                            int((y + height) * per_mm)))
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=True)
        return buffer.getvalue()
    finally:
        document.close()
