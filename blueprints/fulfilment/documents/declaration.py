"""수출신고 자료: per shipped 접수번호 the declaration lines, filled from the SKU master, checked, and
written as the Excel file a customs broker or the 수출목록 변환 upload (UNI-PASS / uTradeHub) takes.

The rules the manual's 상세정보 수정 screen states: the export (English) item name at most 50 characters,
spaces included (e.g. MAKE-UP COSMETIC, SKIN CARE COSMETIC, EYE PATCH); the HS code 10 digits; the
recipient in kana (요미가나, Japan) and in English. What could not be filled is reported per field, so
the page and the Excel file can mark it (yellow, as the manual shows).
"""
import io
import re
from dataclasses import dataclass
from decimal import Decimal

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill

from portal.i18n import N_, ko
from portal.services.excel import HEADER_FILL

from .rows import Line, Shipment

NAME_LIMIT = 50
MISSING_FILL = PatternFill("solid", fgColor="FFF2A8")
ASCII_TEXT = re.compile(r"^[\x20-\x7E]+$")
KANA = re.compile(r"^[\u30A0-\u30FF\u3000\s・ー]+$")
HS_CODE = re.compile(r"^\d{10}$")
# One row per item, the columns of the manual's 수출신고 screen (접수번호, 장바구니번호, 수취인 and its
# 요미가나 / 영문, 상품명, 수량, 단가, 총량, 수출용영문, HSCode 10자리) plus what the 전자상거래 수출신고서
# (GOVCBRDJP) requires since 2022-04-28: 주문번호 mandatory, 배송번호 (KCS notice on the 수출목록 변환
# system, summarised at https://www.commdx.kr/forum/beob-beobryul-gosi/jeonjasanggeorae-suculsingoseo-mic-
# ihaengwanryo-singoseo-byeongyeong). A broker's or uTradeHub's own upload template was not published
# where it could be read, so the headers say plainly what each column holds.
# The file goes to a Korean customs broker or the 수출목록 변환 upload, whatever the seller's language: its
# headers stay Korean (ko).
HEADERS = [ko("배송번호(접수번호)"), ko("주문번호"), ko("장바구니번호"), ko("마켓"), ko("목적국"), ko("수취인"),
           ko("수취인(요미가나)"), ko("수취인(영문)"), ko("우편번호"), ko("주소"), "No", ko("상품명"), ko("품명(영문)"),
           ko("HS부호(10자리)"), ko("원산지"), ko("수량"), ko("단가"), ko("통화"), ko("금액"), ko("순중량(kg)"),
           ko("국제송장번호")]
# Which column shows which checked field (for the yellow marks).
FIELD_COLUMNS = {"recipient_kana": 6, "recipient_en": 7, "english_name": 12, "hs_code": 13, "weight": 19}
FIELD_MESSAGES = {
    "recipient_kana": N_("수취인 요미가나(가타카나)를 입력해 주세요."),
    "recipient_en": N_("수취인 영문 이름을 입력해 주세요."),
    "english_name": N_("수출용 영문 품명을 입력해 주세요 (영문 50자 이내, 공백 포함)."),
    "hs_code": N_("HS코드 10자리를 숫자로 입력해 주세요."),
    "weight": N_("무게(kg)를 입력해 주세요."),
}


@dataclass(slots=True)
class Problem:
    field: str
    message: str
    line: int | None = None  # 1-based item number; None for the shipment's own fields


def check_english_name(text: str) -> str | None:
    """None when `text` is a valid export item name, else the Korean reason."""
    text = (text or "").strip()
    if not text:
        return FIELD_MESSAGES["english_name"]
    if len(text) > NAME_LIMIT:
        return _("수출용 영문 품명은 공백 포함 %(limit)s자 이내로 입력해 주세요 (지금 %(n)s자).", limit=NAME_LIMIT,
                 n=len(text))
    if not ASCII_TEXT.match(text):
        return N_("수출용 영문 품명은 영문, 숫자와 기호로만 입력해 주세요.")
    return None


def check_hs_code(text: str) -> str | None:
    return None if HS_CODE.match((text or "").strip()) else FIELD_MESSAGES["hs_code"]


def problems(shipment: Shipment) -> list[Problem]:
    """Every field of the shipment's declaration that is missing or wrong, with its reason."""
    found = []
    if shipment.country == "JP" and not KANA.match(shipment.recipient_kana or ""):
        found.append(Problem("recipient_kana", FIELD_MESSAGES["recipient_kana"]))
    if not ASCII_TEXT.match((shipment.recipient_en or "").strip() or "\u3000"):
        found.append(Problem("recipient_en", FIELD_MESSAGES["recipient_en"]))
    for number, line in enumerate(shipment.lines, start=1):
        reason = check_english_name(line.english_name)
        if reason:
            found.append(Problem("english_name", reason, number))
        if check_hs_code(line.hs_code):
            found.append(Problem("hs_code", FIELD_MESSAGES["hs_code"], number))
        if not line.weight_kg or line.weight_kg <= 0:
            found.append(Problem("weight", FIELD_MESSAGES["weight"], number))
    return found


def line_amount(line: Line) -> Decimal:
    return (line.unit_price or Decimal(0)) * line.quantity


def line_weight(line: Line) -> Decimal:
    """Net weight of the line: the SKU's unit weight × quantity."""
    return (line.weight_kg or Decimal(0)) * line.quantity


def declaration_rows(shipment: Shipment):
    """(values, marked column indexes) per item of the shipment, in HEADERS order."""
    marks: dict[int | None, set[int]] = {}
    for problem in problems(shipment):
        marks.setdefault(problem.line, set()).add(FIELD_COLUMNS[problem.field])
    for number, line in enumerate(shipment.lines, start=1):
        weight = line_weight(line) or None
        values = [shipment.receipt_no, shipment.order_no, shipment.cart_no, shipment.channel, shipment.country,
                  shipment.recipient, shipment.recipient_kana, shipment.recipient_en, shipment.zip_code,
                  shipment.address, number, line.market_name or line.name, line.english_name, line.hs_code,
                  "KR", line.quantity, line.unit_price, line.currency, line_amount(line), weight,
                  shipment.tracking_no]
        yield values, marks.get(None, set()) | marks.get(number, set())


def declaration_xlsx(shipments: list[Shipment]) -> bytes:
    """The declaration file: a header row, one row per item, missing fields filled yellow."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(ko("수출신고"))
    for letter, width in (("A", 17), ("B", 16), ("F", 16), ("H", 20), ("J", 40), ("L", 40), ("M", 30)):
        ws.column_dimensions[letter].width = width
    header = []
    for text in HEADERS:
        cell = WriteOnlyCell(ws, value=text)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        header.append(cell)
    ws.append(header)
    for shipment in shipments:
        for values, marked in declaration_rows(shipment):
            row = []
            for index, value in enumerate(values):
                cell = WriteOnlyCell(ws, value=float(value) if isinstance(value, Decimal) else value)
                if isinstance(value, str):
                    cell.data_type = "s"  # codes keep their leading zeros; nothing becomes a formula
                if index in marked:
                    cell.fill = MISSING_FILL
                row.append(cell)
            ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
