"""SKU master Excel: the download of both lists and their upload, with a failure file of every refused
row and all its reasons. The download is the upload's layout, so a seller edits the file and sends it back."""
import io

from flask_babel import gettext as _
from openpyxl import load_workbook

from models.fulfilment_sku import COMBO, SINGLE
from portal.extensions import db
from portal.i18n import N_
from portal.services.excel import write_workbook

from . import services
from .rules import Invalid

SINGLE_COLUMNS = [("code", "SKU"), ("name", N_("상품명(한글)")), ("name_en", N_("영문상품명")),
                  ("customs_name_en", N_("수출통관용(영문)")), ("brand", N_("브랜드")),
                  ("barcode", N_("바코드")), ("weight_kg", N_("무게(kg)")), ("hs_code", N_("HS코드")),
                  ("origin", N_("원산지")), ("location", N_("로케이션")), ("is_gift", N_("사은품(Y/N)")),
                  ("product_code", N_("연결상품코드")), ("memo", N_("메모"))]
COMBO_COLUMNS = [("code", "SKU"), ("name", N_("상품명(한글)")), ("components", N_("구성(SKU*수량)")),
                 ("brand", N_("브랜드")), ("memo", N_("메모"))]
REASON = N_("실패 사유")  # the failure file's last column, titled when the file is made
MAX_ROWS = 20000


def columns(kind: str):
    return SINGLE_COLUMNS if kind == SINGLE else COMBO_COLUMNS


def _value(sku, field: str):
    if field == "is_gift":
        return "Y" if sku.is_gift else "N"
    if field == "components":
        return ", ".join(f"{c.sku.code}*{c.quantity}" for c in sku.components)
    if field == "product_code":
        if sku.product is None:
            return ""
        code = sku.product.own_code or sku.product.code or ""
        return f"{code}:{sku.product_option.values}" if sku.product_option else code
    value = getattr(sku, field)
    return "" if value is None else value


def download(tenant, kind: str) -> bytes:
    cols = columns(kind)
    rows = ([_value(s, f) for f, _h in cols] for s in services.live(tenant, kind).order_by("id").yield_per(1000))
    buf = io.BytesIO()
    write_workbook(buf, [h for _f, h in cols], rows, "SKU")
    return buf.getvalue()


def _text(value) -> str:
    """A cell as the seller typed it: 8809667983242.0 (a barcode Excel keeps as a number) → "8809667983242"."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def upload(tenant, user, kind: str, stream) -> tuple[int, bytes | None, int]:
    """Register or update every good row; returns (saved, failure file or None, refused rows).
    A row is refused for all of its reasons, written beside it in the failure file."""
    try:
        ws = load_workbook(stream, read_only=True, data_only=True).worksheets[0]
    except Exception:  # openpyxl raises many kinds for a file that is no workbook
        raise Invalid([_("엑셀(.xlsx) 파일을 읽을 수 없습니다. 다운로드한 양식에 입력해 올려 주세요.")])
    rows = ws.iter_rows(values_only=True)
    header = [str(h or "").strip() for h in next(rows, ())]
    cols = columns(kind)
    wanted = {h: f for f, h in cols}
    if "SKU" not in header:
        raise Invalid([_("첫 줄에 SKU 열이 없습니다. 다운로드한 양식의 제목 줄을 그대로 사용해 주세요.")])
    saved, failed = 0, []
    save = services.save_single if kind == SINGLE else services.save_combo
    for number, row in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            raise Invalid([_("한 번에 %(n)s줄까지 올릴 수 있습니다.", n=MAX_ROWS)])
        if not any(v not in (None, "") for v in row):
            continue
        values = {wanted[h]: ("" if v is None else v) for h, v in zip(header, row) if h in wanted}
        values = {k: _text(v) for k, v in values.items()}
        values["_upsert"] = True
        try:
            with db.session.begin_nested():
                save(tenant, user, values)
            saved += 1
        except Invalid as exc:
            failed.append([values.get(f, "") for f, _h in cols] + [" / ".join(exc.reasons)])
    db.session.commit()
    if not failed:
        return saved, None, 0
    buf = io.BytesIO()
    write_workbook(buf, [h for _f, h in cols] + [_(REASON)], failed, _("실패"))
    return saved, buf.getvalue(), len(failed)


__all__ = ["COMBO", "SINGLE", "download", "upload"]
