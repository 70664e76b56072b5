"""The 수기주문 upload template: the columns, a greyed example row, and a 작성안내 sheet."""
import io

from flask_babel import gettext as _
from flask_babel import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from portal.i18n import N_, ko

from .rules import FIELDS

HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
EXAMPLE_FONT = Font(color="808080", italic=True)
# The example row is an order as a seller's file holds it (ko: data, not a message); its numbered SKU no seller
# has makes an example left in place fail as unknown, never become an order.
EXAMPLE = {
    "order_no": ko("예시-20260101-0001"), "recipient_name": ko("홍길동"), "recipient_phone": "010-1234-5678",
    "zip_code": "07583", "address": ko("서울특별시 강서구 강서로56가길 31"), "address_detail": ko("101동 1001호"),
    "message": ko("문 앞에 놓아 주세요"), "sku": ko("예시SKU-001:블랙/M"), "quantity": 2, "order_amount": 39800,
    "paid_amount": 36800, "total_paid": 39800, "product_url": "", "country": "KR", "platform": "", "brand": "",
}
GUIDE = {  # how to fill each column, shown with _() in the starter's language
    "order_no": N_("판매처의 주문번호 (60자 이내). 같은 주문의 상품이 여러 개면 주문번호를 같게 해서 한 행씩 아래로 이어 적습니다."),
    "recipient_name": N_("받는 분 이름 (20자 이내)"),
    "recipient_phone": N_("숫자, (, ), +, - 만 15자 이내 (예: 010-1234-5678)"),
    "zip_code": N_("우편번호 5자리"), "address": N_("기본 주소"), "address_detail": N_("동/호수 등 나머지 주소"),
    "message": N_("배송 요청사항"), "sku": N_("상품의 자체상품코드 또는 상품코드. 옵션 상품은 콜론 뒤에 옵션값 (예: DEMO02:블랙/M)"),
    "quantity": N_("1 ~ 1,000,000 사이의 숫자"), "order_amount": N_("숫자 (원, 0 이상)"), "paid_amount": N_("숫자 (원, 0 이상)"),
    "total_paid": N_("숫자 (원, 0 이상)"), "product_url": N_("판매 상품 페이지 주소. 도착국가가 JP(일본)이면 필수"),
    "country": N_("도착국가 영문 2자리 코드. 비우면 KR (예: JP)"),
    "platform": N_("주문이 들어온 판매처. 비우면 업로드 화면에서 입력한 판매 플랫폼"),
    "brand": N_("브랜드(스토어)명. 비워도 됩니다"),
}


def template_workbook() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("수기주문")
    keys = list(FIELDS)
    ws.append([FIELDS[k][0] for k in keys])
    ws.append([EXAMPLE.get(k, "") for k in keys])
    for cell in ws[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for cell in ws[2]:
        cell.font = EXAMPLE_FONT
    for column in ws.columns:
        ws.column_dimensions[column[0].column_letter].width = 16
    guide = wb.create_sheet(_("작성안내"))
    guide.append([_("항목"), _("필수"), _("작성 방법"), _("예시")])
    for cell in guide[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for k in keys:
        guide.append([FIELDS[k][0], _("필수") if FIELDS[k][1] else pgettext("required or optional", "선택"), _(GUIDE[k]) if k in GUIDE else "",
                      EXAMPLE.get(k, "")])
    guide.append([])
    guide.append([_("※ %(sheet)s 시트 2행(회색)은 작성 예시입니다. 지우고 주문을 적어 주세요. 지우지 않으면 등록되지 않은 "
                    "SKU로 실패 처리되고 주문으로 등록되지 않습니다.", sheet=ws.title)])
    guide.append([_("※ 실패한 행은 실패사유와 함께 실패파일로 내려받아 고친 뒤 그대로 다시 업로드할 수 있습니다.")])
    for letter, width in (("A", 14), ("B", 6), ("C", 80), ("D", 28)):
        guide.column_dimensions[letter].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
