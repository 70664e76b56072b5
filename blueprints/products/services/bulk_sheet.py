"""상품대량등록/수정 sheet layout: the documented columns, the template, and row → ProductDraft."""
import hashlib
from datetime import date, datetime
from functools import lru_cache

from flask_babel import gettext
from python_calamine import CalamineError, load_workbook

from portal.i18n import N_, ko

from . import RuleViolation, reference
from .draft import (
    ORIGIN_CHOICES,
    REGION_CHOICES,
    STATUS_CHOICES,
    TAX_CHOICES,
    AddonGroupDraft,
    AddonItemDraft,
    ProductDraft,
)
from .options import generate_rows

# (header, key, how to fill it in) — one row per product; "*" marks required on 등록.
# The headers stay Korean in every language (ko): they are the file's keys, matched on upload, and a file
# made in one language imports in the other. The 작성요령 sheet explains each one in the reader's language
# (its English text names the column); values the importer matches (판매가능, 과세, ...) are quoted as typed.
COLUMNS = [
    (ko("상품명*"), "name", N_("한글 20자/영문 40자 이내, 특수문자는 ( ) / + - ~ 만")),
    (ko("상품상태*"), "status", N_("판매가능 / 판매불가")),
    (ko("카테고리*"), "category", N_("카테고리 코드(예: 090104) 또는 경로(예: 스포츠/레저/취미 > 스포츠용품 > 자전거용품)")),
    (ko("자체상품코드"), "own_code", N_("최대 10자, 판매자별 중복 불가")),
    (ko("모델명"), "model_name", N_("최대 30자")),
    (ko("모델NO"), "model_no", N_("최대 30자")),
    (ko("제조사*"), "maker", N_("비워두면 회사명")),
    (ko("브랜드*"), "brand", N_("비워두면 회사명")),
    (ko("제조일자"), "made_on", N_("예) 20141023")),
    (ko("유효일자"), "expires_on", N_("예) 20151023")),
    (ko("원산지구분*"), "origin_type", N_("농산물 / 수산물 / 가공품 / 원산지표시대상아님")),
    (ko("원산지"), "origin_detail", N_("농산물/수산물의 생산지 예) 국내산")),
    (ko("원재료"), "raw_materials", N_("가공품 필수: 원료명:원산지:함량 을 | 로 구분 예) 배추:국내산:80|고춧가루:국내산:5")),
    (ko("인증정보"), "certifications", N_("인증구분:인증기관:인증번호 를 | 로 구분 (최대 5개)")),
    (ko("품목고시품목*"), "notice_group", N_("품목고시 품목명 예) 스포츠용품 (작성요령 시트의 품목 목록)")),
    (ko("품목고시내용"), "notice", N_("항목 순서대로 값을 | 로 구분. 비워둔 항목은 '상세정보 별도표기'")),
    (ko("키워드"), "keywords", N_("최대 200자")),
    (ko("상세설명"), "description", N_("HTML 가능 (스크립트는 제거됨)")),
    (ko("대표이미지"), "main_image", N_("jpg 파일명 예) bike1.jpg (파일은 이미지 압축파일(zip)에 담아 함께 업로드)")),
    (ko("추가이미지"), "extra_images", N_("jpg 파일명을 쉼표로 구분, 최대 2개 예) bike2.jpg,bike3.jpg")),
    (ko("대표가격*"), "rep_price", N_("공급원가, 숫자만")),
    (ko("과세구분*"), "tax_type", N_("과세 / 면세")),
    (ko("판매지역"), "sale_region", N_("전국 / 전국(제주 제외) / 전국(제주/도서산간 제외) / 서울/경기/인천")),
    (ko("성인인증"), "adult_only", N_("Y / N")),
    (ko("재고수량"), "stock", N_("옵션이 없는 상품의 재고")),
    (ko("옵션명1"), "opt_name_1", N_("조합형 옵션명 예) 색상")),
    (ko("옵션값1"), "opt_values_1", N_("쉼표로 구분 예) 핑크,블루")),
    (ko("옵션명2"), "opt_name_2", N_("조합형 옵션명 2")),
    (ko("옵션값2"), "opt_values_2", N_("옵션명2의 값, 쉼표로 구분")),
    (ko("옵션명3"), "opt_name_3", N_("조합형 옵션명 3")),
    (ko("옵션값3"), "opt_values_3", N_("옵션명3의 값, 쉼표로 구분")),
    (ko("옵션추가금액"), "opt_extra", N_("조합 순서대로 쉼표로 구분, 값 하나면 모든 조합에 적용, 비우면 0")),
    (ko("옵션재고"), "opt_stock", N_("조합 순서대로 쉼표로 구분, 값 하나면 모든 조합에 적용")),
    (ko("옵션판매여부"), "opt_status", N_("판매가능/판매불가, 쉼표로 구분, 비우면 판매가능")),
]
for _n in range(1, 6):
    COLUMNS += [(f"{ko('추가상품그룹명')}{_n}", f"addon_group_{_n}", N_("추가상품 그룹명, 최대 5개 그룹")),
                (f"{ko('추가상품목록')}{_n}", f"addon_items_{_n}",
                 N_("상품명:가격:재고[:판매불가] 를 | 로 구분 예) 번호키:1000:10|자물쇠:2000:5"))]
MODIFY_COLUMNS = [(ko("상품코드"), "code", N_("수정할 상품의 상품코드 (없으면 자체상품코드로 찾음)"))] + COLUMNS
# What each column holds, in the reader's language: the 작성요령 sheet names the Korean header with it.
NAMES = {"code": N_("상품코드"), "name": N_("상품명"), "status": N_("상품상태"), "category": N_("카테고리"),
         "own_code": N_("자체상품코드"), "model_name": N_("모델명"), "model_no": N_("모델NO"), "maker": N_("제조사"),
         "brand": N_("브랜드"), "made_on": N_("제조일자"), "expires_on": N_("유효일자"),
         "origin_type": N_("원산지구분"), "origin_detail": N_("원산지"), "raw_materials": N_("원재료"),
         "certifications": N_("인증정보"), "notice_group": N_("품목고시품목"), "notice": N_("품목고시내용"),
         "keywords": N_("키워드"), "description": N_("상세설명"), "main_image": N_("대표이미지"),
         "extra_images": N_("추가이미지"), "rep_price": N_("대표가격"), "tax_type": N_("과세구분"),
         "sale_region": N_("판매지역"), "adult_only": N_("성인인증"), "stock": N_("재고수량"),
         "opt_name": N_("옵션명%(n)s"), "opt_values": N_("옵션값%(n)s"), "opt_extra": N_("옵션추가금액"),
         "opt_stock": N_("옵션재고"), "opt_status": N_("옵션판매여부"), "addon_group": N_("추가상품그룹명%(n)s"),
         "addon_items": N_("추가상품목록%(n)s")}
HEADER_KEYS = {h.rstrip("*"): key for h, key, _ in MODIFY_COLUMNS}
PLAIN_KEYS = ("name", "own_code", "model_name", "model_no", "maker", "brand", "made_on",
              "expires_on", "origin_detail", "keywords", "description", "rep_price", "stock")
ADDON_KEYS = tuple(key for _, key, _ in COLUMNS if key.startswith("addon_"))
REASON = N_("실패사유")  # the failure file's added column, in the reader's language (the importer skips it)
IMAGE_GUIDE = [
    [N_("이미지 압축파일(zip)"), N_("대표이미지/추가이미지에 적은 jpg 파일들을 zip 하나로 압축해 엑셀 파일과 함께 업로드 "
                        "(폴더 안에 있어도 파일명으로 찾음)")],
    [N_("이미지 규칙"), N_("상품등록 화면과 같음: jpg 파일만, 파일당 3MB 이하, 파일명은 영문/숫자의 조합만 가능"
               "(특수문자, 공백 사용불가). 1000×1000으로 맞춰 저장")],
    [N_("이미지 실패"), N_("zip에 없는 파일이나 규칙에 맞지 않는 이미지를 적은 행은 등록/수정하지 않고 "
               "실패사유에 컬럼과 파일명을 적어 돌려드림")],
    [N_("이미지 수정"), N_("상품대량수정: 대표이미지를 적으면 대표이미지를, 추가이미지를 적으면 추가이미지 전체를 바꿈. "
               "비워 두면 기존 이미지 유지")],
]
MSG_UNREADABLE = N_("엑셀 파일을 읽을 수 없습니다. 엑셀에서 열어 xlsx로 다시 저장한 뒤 올려 주세요.")


def _reverse(choices: dict) -> dict:
    found = {label: code for code, label in choices.items()}
    found.update({code: code for code in choices})
    return found


STATUS_IN = _reverse(STATUS_CHOICES)
# Spellings sellers type, matched as typed.
ORIGIN_IN = _reverse(ORIGIN_CHOICES) | {ko("원산지표시대상이님"): "none", ko("표기대상아님"): "none"}
TAX_IN = _reverse(TAX_CHOICES) | {ko("과세"): "taxable", ko("면세"): "free", ko("비과세"): "free"}
REGION_IN = _reverse(REGION_CHOICES)


def cell_text(value) -> str:
    """Excel hands back floats, dates and text; the rules read text."""
    if value.__class__ is str:  # most cells, including every empty one
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def read_rows(path: str):
    """Stream (header, [(row number, [text...])...]) from the first sheet."""
    try:
        sheet = load_workbook(path).get_sheet_by_index(0)
    except CalamineError as exc:
        raise RuleViolation(gettext(MSG_UNREADABLE)) from exc
    rows = sheet.iter_rows()
    header = [cell_text(v).rstrip("*").strip() for v in next(rows, [])]
    # Most cells are empty: they are text already, and skipping the call for them is most
    # of the cost of turning a sheet into text.
    return header, ((n, [v if v == "" else v.strip() if v.__class__ is str else cell_text(v)
                         for v in row])
                    for n, row in enumerate(rows, 2))


def first_row(path: str) -> list[str]:
    """The header alone, for the upload's immediate answer (openpyxl streams; no full parse)."""
    from openpyxl import load_workbook as open_streaming

    try:
        wb = open_streaming(path, read_only=True, data_only=True)
        row = next(wb.worksheets[0].iter_rows(max_row=1, values_only=True), ())
        wb.close()
    except Exception as exc:  # a zip that passed the guard but no parser can read
        raise RuleViolation(gettext(MSG_UNREADABLE)) from exc
    return [cell_text(v).rstrip("*").strip() for v in row]


def column_keys(header) -> list[str | None]:
    """The key of each header cell (None for columns we do not read), once per upload."""
    return [HEADER_KEYS.get(h) for h in header]


def row_dict(keys, values) -> dict:
    """Column key -> text of the row's filled cells (read_rows strips them); keys: column_keys."""
    row = {key: value for key, value in zip(keys, values) if value}
    row.pop(None, None)
    return row


def fingerprint(values) -> str:
    return hashlib.sha256("\x1f".join(values).encode("utf-8")).hexdigest()


def _split(text: str, sep: str = "|") -> list[str]:
    return [p.strip() for p in (text or "").split(sep) if p.strip()]


def _aligned(text: str, count: int, default: str) -> list[str]:
    parts = [p.strip() for p in (text or "").split(",")] if (text or "").strip() else []
    if len(parts) == 1:
        return parts * count
    return (parts + [default] * count)[:count] if parts else [default] * count


@lru_cache(maxsize=4096)
def category_code(text: str) -> str:
    """카테고리 cell (code or path) -> code; unknown text stays as typed for the rules to name."""
    node = reference.category(text) or reference.category_by_path(text)
    return node["code"] if node else text


def draft_from_row(row: dict, company_name: str, base: ProductDraft | None = None,
                   blocks: bool = True) -> ProductDraft:
    """등록: a fresh draft. 수정: `base` is the stored product; blank cells keep what is stored.

    blocks=False leaves the 품목고시 and 옵션 cells unread: bulk_blocks reads them when needed.
    """
    d = base or ProductDraft(maker=company_name, brand=company_name, origin_type="none")

    def given(key):
        return row.get(key) or ""

    get = row.get
    for key in PLAIN_KEYS:
        value = get(key)
        if value:
            setattr(d, key, value)
    if value := get("status"):
        d.status = STATUS_IN.get(value, value)
    if value := get("category"):
        d.category_code = category_code(value)
    if value := get("origin_type"):
        d.origin_type = ORIGIN_IN.get(value, value)
    if given("raw_materials"):
        d.raw_materials = [dict(zip(("name", "origin", "content"), (p.split(":") + ["", ""])[:3]))
                           for p in _split(given("raw_materials"))]
    if given("certifications"):
        d.certifications = [dict(zip(("kind", "authority", "number"), (p.split(":") + ["", ""])[:3]))
                            for p in _split(given("certifications"))]
    if blocks:
        notice_from_row(d, given)
    if value := get("tax_type"):
        d.tax_type = TAX_IN.get(value, value)
    if value := get("sale_region"):
        d.sale_region = REGION_IN.get(value, value)
    if value := get("adult_only"):
        d.adult_only = value.upper() in ("Y", "YES", "O", "필요")
    if blocks:
        options_from_row(d, given)
    if any(map(get, ADDON_KEYS)):
        _addons_from_row(d, given)
    return d


def notice_from_row(d, given) -> None:
    if given("notice_group") or given("notice"):
        group = reference.notice_group_by_name(given("notice_group") or d.notice_group)
        d.notice_group = group["code"] if group else given("notice_group")
        if group:
            answers = [p.strip() for p in given("notice").split("|")] if given("notice") else []
            d.notice = {}
            for i, fld in enumerate(group["fields"]):
                value = answers[i] if i < len(answers) else ""
                separate = value in ("", "상세정보 별도표기")
                d.notice[fld["key"]] = {"value": "" if separate else value, "separate": separate}


def options_from_row(d, given) -> None:
    names = [given(f"opt_name_{n}") for n in (1, 2, 3)]
    values = [given(f"opt_values_{n}") for n in (1, 2, 3)]
    if any(names) or any(values):
        # 수정: a blank name or value cell keeps the stored one beside it.
        old_names, old_values = list(d.option_names), list(d.option_values)
        names = [n or (old_names[i] if i < len(old_names) and values[i] else "")
                 for i, n in enumerate(names)]
        values = [v or (old_values[i] if i < len(old_values) and names[i] else "")
                  for i, v in enumerate(values)]
        d.use_options = True
        d.option_names = [n for n, v in zip(names, values) if n or v]
        d.option_values = [v for n, v in zip(names, values) if n or v]
        d.option_rows = generate_rows(d.option_names, d.option_values, d.option_rows)
    if not d.use_options:
        return
    count = len(d.option_rows)
    if given("opt_extra"):
        for row, text in zip(d.option_rows, _aligned(given("opt_extra"), count, "0")):
            row.extra_price = text
    if given("opt_stock"):
        for row, text in zip(d.option_rows, _aligned(given("opt_stock"), count, "0")):
            row.stock = text
    if given("opt_status"):
        for row, text in zip(d.option_rows, _aligned(given("opt_status"), count, ko("판매가능"))):
            row.status = STATUS_IN.get(text, text)


def _addons_from_row(d, given) -> None:
    old = {(g.name, i.name): i.image for g in d.addon_groups for i in g.items}
    d.use_addons, d.addon_groups = True, []
    for n in range(1, 6):
        name, items = given(f"addon_group_{n}"), given(f"addon_items_{n}")
        if not (name or items):
            continue
        group = AddonGroupDraft(name=name)
        for part in _split(items):
            bits = [b.strip() for b in part.split(":")] + ["", "", ""]
            status = STATUS_IN.get(bits[3], "on") if bits[3] else "on"
            group.items.append(AddonItemDraft(bits[0], status, bits[1], bits[2] or "0",
                                              old.get((name, bits[0]), "")))
        d.addon_groups.append(group)


def column_name(key: str) -> str:
    """The column's name in the reader's language: 옵션명2 -> "Option name 2" in English."""
    base, _sep, number = key.rpartition("_")
    if number.isdigit():
        return gettext(NAMES[base], n=number)
    return gettext(NAMES[key])


def guide_text(header: str, key: str, how: str) -> str:
    """How to fill a column in; in a language other than Korean it first names what the Korean header holds."""
    name = column_name(key)
    if name == header.rstrip("*"):
        return gettext(how)
    return f"{name}: {gettext(how)}"


def template_rows(example: bool = False):
    """The 작성요령 sheet: every column with how to fill it, then the item groups' fields."""
    yield from ([h, guide_text(h, key, how)] for h, key, how in MODIFY_COLUMNS)
    yield ["", ""]
    yield from ([gettext(what), gettext(how)] for what, how in IMAGE_GUIDE)
    yield ["", ""]
    for group in reference.notice_groups():  # 품목 and 항목 names as the 품목고시품목 cell takes them
        yield [gettext("품목고시: %(name)s", name=group["name"]), " | ".join(f["label"] for f in group["fields"])]


def write_template(target, modify: bool = False) -> None:
    """Sheet 1 takes the products (headers only, so an untouched template imports nothing)."""
    from portal.services.excel import write_sheets

    headers = [h for h, _, _ in (MODIFY_COLUMNS if modify else COLUMNS)]
    write_sheets(target, [(gettext("상품수정") if modify else gettext("상품등록"), headers, []),
                          (gettext("작성요령"), [gettext("컬럼"), gettext("작성방법")], template_rows())],
                 widths={(1, "A"): 28, (1, "B"): 110})
