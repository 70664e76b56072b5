"""The one validation service: every 상품 기본정보 rule, used alike by the form and the Excel jobs."""
import re
import unicodedata
from datetime import date
from functools import lru_cache

from flask_babel import gettext as _
import nh3

from models import Product
from portal.marketplaces import ChannelType, discover_adapters
from portal.tenancy import tenant_query
from portal.i18n import N_, ko

from . import addons, images, notices, options, reference
from .draft import ORIGIN_CHOICES, REGION_CHOICES, STATUS_CHOICES, TAX_CHOICES

NAME_LIMIT = 40  # Hangul counts 2, everything else 1: 20 Hangul or 40 Latin
NAME_ALLOWED_SPECIAL = "()/+-~"
OWN_CODE = re.compile(r"[A-Za-z0-9_-]+")
# Names made only of these (the usual case) need no character-by-character look.
PLAIN_NAME = re.compile(r"[A-Za-z0-9\uac00-\ud7a3 ()/+~-]*")
DATE_SEPARATORS = re.compile(r"[-./ ]")
EIGHT_DIGITS = re.compile(r"\d{8}")
MAX_PRICE = 1_000_000_000

MSG_NAME_REQUIRED = N_("상품명을 입력해 주세요.")
MSG_NAME_SPECIAL = N_("상품명에는 특수문자 ( ) / + - ~ 만 사용할 수 있습니다. 사용할 수 없는 문자: {chars}")
MSG_NAME_LENGTH = N_("상품명은 최대 한글 20자, 영문 40자까지 입력할 수 있습니다. (현재 {width}/40)")
MSG_STATUS = N_("상품상태를 선택해 주세요.")
MSG_CATEGORY = N_("카테고리를 선택한 후 적용 + 버튼을 눌러 주세요.")
MSG_CATEGORY_UNKNOWN = N_("존재하지 않는 카테고리입니다: {code}")
MSG_CATEGORY_LEAF = N_("카테고리는 최하위 분류까지 선택해 주세요: {path}")
MSG_OWN_CODE_LENGTH = N_("자체상품코드는 최대 10자까지 입력할 수 있습니다.")
MSG_OWN_CODE_CHARS = N_("자체상품코드는 영문, 숫자, -, _ 만 사용할 수 있습니다.")
MSG_OWN_CODE_TAKEN = N_("이미 사용 중인 자체상품코드입니다. (삭제된 상품은 상품복원에서 확인하세요)")
MSG_MODEL_NAME = N_("모델명은 최대 30자까지 입력할 수 있습니다.")
MSG_MODEL_NO = N_("모델NO는 최대 30자까지 입력할 수 있습니다.")
MSG_MAKER = N_("제조사를 입력해 주세요.")
MSG_BRAND = N_("브랜드를 입력해 주세요.")
MSG_TOO_LONG = N_("{label}은(는) 최대 {n}자까지 입력할 수 있습니다.")
MSG_DATE = N_("{label} 형식이 올바르지 않습니다. 예) 20141023")
MSG_DATE_ORDER = N_("유효일자는 제조일자 이후여야 합니다.")
MSG_ORIGIN = N_("원산지를 선택해 주세요.")
MSG_ORIGIN_DETAIL = N_("농산물/수산물은 원산지(생산지)를 입력해 주세요. 예) 국내산, 노르웨이산")
MSG_RAW_REQUIRED = N_("가공품은 원재료(원료명/원산지/함량)를 1개 이상 등록해야 합니다.")
MSG_RAW_ROW = N_("원재료 {no}행: 원료명, 원산지, 함량을 모두 입력해 주세요.")
MSG_RAW_CONTENT = N_("원재료 {no}행: 함량은 0~100 사이의 숫자(%)로 입력해 주세요.")
MSG_RAW_TOTAL = N_("원재료 함량의 합계가 100%를 넘을 수 없습니다.")
MSG_CERT_MAX = N_("인증정보는 최대 5개까지 등록할 수 있습니다.")
MSG_CERT_ROW = N_("인증정보 {no}행: 인증기관과 인증번호를 모두 입력해 주세요.")
MSG_CERT_REQUIRED = N_("어린이제품과 전기제품은 인증정보를 1개 이상 입력해야 합니다.")
MSG_KEYWORDS = N_("상품 키워드는 최대 200자까지 입력할 수 있습니다.")
MSG_PRICE_REQUIRED = N_("대표가격(공급원가)을 입력해 주세요.")
MSG_PRICE = N_("대표가격은 10원 이상 1,000,000,000원 이하의 숫자로 입력해 주세요.")
MSG_TAX = N_("과세구분을 선택해 주세요.")
MSG_REGION = N_("판매지역을 선택해 주세요.")
MSG_STOCK = N_("재고수량은 0 이상의 숫자로 입력해 주세요.")
MSG_FIRST_STOCK = (N_("제휴몰마다 품절 정책이 달라 재고수량은 최소 1개 입력해 등록해 주세요. "
                   "품절은 등록 후 재고를 0으로 바꿔 처리합니다."))


class Check:
    """The verdict on one draft: errors per section, warnings, and the typed values to store."""

    def __init__(self):
        self.errors: dict[str, list[str]] = {}
        self.warnings: list[str] = []
        self.values: dict = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, []).append(message)

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    @property
    def ok(self) -> bool:
        return not self.errors

    def messages(self) -> list[str]:
        return [m for msgs in self.errors.values() for m in msgs]


def name_width(name: str) -> int:
    """Hangul (and other full-width letters) count 2, everything else 1."""
    if PLAIN_NAME.fullmatch(name):
        # Latin letters, digits and the allowed marks are 1 byte in UTF-8 and Hangul syllables
        # (all wide) 3, so the byte count gives the Hangul count without a look per letter.
        return len(name) + (len(name.encode()) - len(name)) // 2
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in name)


def name_bad_chars(name: str) -> str:
    if PLAIN_NAME.fullmatch(name):
        return ""
    bad = []
    for ch in name:
        if ch.isalnum() and (ch.isascii() or "가" <= ch <= "힣"):
            continue
        if ch == " " or ch in NAME_ALLOWED_SPECIAL:
            continue
        if ch not in bad:
            bad.append(ch)
    return "".join(bad)


def check_name(name: str, result: Check) -> None:
    name = (name or "").strip()
    if not name:
        result.add("name", _(MSG_NAME_REQUIRED))
        return
    bad = name_bad_chars(name)
    if bad:
        result.add("name", _(MSG_NAME_SPECIAL).format(chars=" ".join(bad)))
    width = name_width(name)
    if width > NAME_LIMIT:
        result.add("name", _(MSG_NAME_LENGTH).format(width=width))
    result.values["name"] = name


def own_code_problem(code: str, tenant, product_id=None, taken=None) -> str | None:
    """중복체크 and save share this: length, characters, unique per seller (deleted ones too)."""
    if len(code) > 10:
        return _(MSG_OWN_CODE_LENGTH)
    if not OWN_CODE.fullmatch(code):
        return _(MSG_OWN_CODE_CHARS)
    if taken is not None:
        return _(MSG_OWN_CODE_TAKEN) if taken(code, product_id) else None
    query = tenant_query(Product, tenant).filter(Product.own_code == code)
    if product_id:
        query = query.filter(Product.id != product_id)
    return _(MSG_OWN_CODE_TAKEN) if query.first() else None


def parse_int(text) -> int | None:
    if text.__class__ is str and text.isdigit() and text.isascii() and len(text) < 16:
        return int(text)  # the common case, the same number the general parse below gives
    return options._int(text)


def parse_date(text: str) -> date | None | bool:
    """None for empty, False for unreadable; accepts 20141023, 2014-10-23 and 2014.10.23."""
    if not text:
        return None
    digits = DATE_SEPARATORS.sub("", str(text).strip())[:8]
    if not digits:
        return None
    if not EIGHT_DIGITS.fullmatch(digits):
        return False
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return False


def sanitize_html(html: str) -> str:
    """상세설명 HTML: scripts, handlers and foreign schemes removed before it is ever stored."""
    if not html:
        return ""
    return nh3.clean(html or "", url_schemes={"http", "https"}, link_rel="noopener noreferrer")


def check(draft, tenant, product=None, taken=None, blocks=None) -> Check:
    """Judge a whole draft. `taken(code, product_id)` lets bulk jobs check codes without a query;
    `blocks` (bulk_blocks) lets them judge a 품목고시 or 옵션 block once for identical cells."""
    result = Check()
    v = result.values
    check_name(draft.name, result)
    if draft.status not in STATUS_CHOICES:
        result.add("status", _(MSG_STATUS))
    v["status"] = draft.status
    category = reference.category(draft.category_code)
    if not draft.category_code:
        result.add("category_code", _(MSG_CATEGORY))
    elif category is None:
        result.add("category_code", _(MSG_CATEGORY_UNKNOWN).format(code=draft.category_code))
    elif not category["leaf"]:
        result.add("category_code", _(MSG_CATEGORY_LEAF).format(path=category["path"]))
    else:
        v["category_code"], v["category_path"] = category["code"], category["path"]
    own = (draft.own_code or "").strip()
    if own:
        problem = own_code_problem(own, tenant, product.id if product else None, taken)
        if problem:
            result.add("own_code", problem)
    v["own_code"] = own or None
    for key, msg in (("model_name", _(MSG_MODEL_NAME)), ("model_no", _(MSG_MODEL_NO))):
        text = (getattr(draft, key) or "").strip()
        if len(text) > 30:
            result.add(key, msg)
        v[key] = text
    v["is_isbn"] = bool(draft.is_isbn)
    for key, label, msg in (("maker", _("제조사"), _(MSG_MAKER)), ("brand", _("브랜드"), _(MSG_BRAND))):
        text = (getattr(draft, key) or "").strip()
        if not text:
            result.add(key, msg)
        elif len(text) > 50:
            result.add(key, _(MSG_TOO_LONG).format(label=label, n=50))
        v[key] = text
    _check_dates(draft, result)
    _check_origin(draft, result)
    (blocks.notice if blocks else notices.check)(draft, result)
    _check_certifications(draft, result)
    keywords = (draft.keywords or "").strip()
    if len(keywords) > 200:
        result.add("keywords", _(MSG_KEYWORDS))
    v["keywords"] = keywords
    v["description"] = sanitize_html(draft.description)
    price = _check_price(draft, result)
    if draft.tax_type not in TAX_CHOICES:
        result.add("tax_type", _(MSG_TAX))
    if draft.sale_region not in REGION_CHOICES:
        result.add("sale_region", _(MSG_REGION))
    v["tax_type"], v["sale_region"], v["adult_only"] = draft.tax_type, draft.sale_region, bool(
        draft.adult_only)
    stock = parse_int(draft.stock)
    if stock is None or stock < 0:
        result.add("stock", _(MSG_STOCK))
    v["stock"] = stock or 0
    _check_images(draft, result)
    # Option and add-on prices are judged against the 판매가, which 판매정보 sets per channel; 대표가격
    # (공급원가) has nothing to do with it. Until a listing gives one, 판매정보 judges them when linking.
    sale_price = known_sale_price(product)
    (blocks.options if blocks else options.check)(draft, result, sale_price, product)
    addons.check(draft, result, sale_price, images)
    if product is None and not result.errors.get("stock") and not result.errors.get("options"):
        _check_first_stock(result)
    return result


def _check_first_stock(result: Check) -> None:
    """최소 1개 입력 후 품절 처리: a new product starts with stock (its options' when it has them)."""
    rows = result.values.get("options") or []
    stock = sum(r["stock"] for r in rows if r["status"] == "on") if rows else result.values["stock"]
    if stock < 1:
        result.add("options" if rows else "stock", _(MSG_FIRST_STOCK))


def known_sale_price(product) -> int | None:
    """The lowest 판매가 of the product's open-market listings (the strictest ±50 %), if any."""
    if product is None or product.id is None:
        return None
    from models import Listing
    from models.listing import ENDED


    prices = [x.sale_price for x in Listing.query.filter(Listing.tenant_id == product.tenant_id,
                                                         Listing.product_id == product.id, Listing.status != ENDED)
              if x.sale_price and not is_general_mall(x.channel)]
    return min(prices) if prices else None


def _check_dates(draft, result) -> None:
    made = parse_date(draft.made_on)
    expires = parse_date(draft.expires_on)
    if made is False:
        result.add("made_on", _(MSG_DATE).format(label=_("제조일자")))
    if expires is False:
        result.add("expires_on", _(MSG_DATE).format(label=_("유효일자")))
    if made and expires and expires < made:
        result.add("expires_on", _(MSG_DATE_ORDER))
    result.values["made_on"] = made or None
    result.values["expires_on"] = expires or None


def _check_origin(draft, result) -> None:
    v = result.values
    v["origin_type"], v["origin_detail"], v["raw_materials"] = draft.origin_type, "", []
    if draft.origin_type not in ORIGIN_CHOICES:
        result.add("origin", _(MSG_ORIGIN))
        return
    detail = (draft.origin_detail or "").strip()
    if draft.origin_type in ("agri", "fishery") and not detail:
        result.add("origin", _(MSG_ORIGIN_DETAIL))
    v["origin_detail"] = detail if draft.origin_type != "none" else ""
    if draft.origin_type != "processed":
        return
    rows = [r for r in draft.raw_materials if any(str(x).strip() for x in r.values())]
    if not rows:
        result.add("origin", _(MSG_RAW_REQUIRED))
    total = 0.0
    for no, row in enumerate(rows, 1):
        name, origin = str(row.get("name", "")).strip(), str(row.get("origin", "")).strip()
        content = str(row.get("content", "")).replace("%", "").strip()
        if not (name and origin and content):
            result.add("origin", _(MSG_RAW_ROW).format(no=no))
            continue
        try:
            percent = float(content)
        except ValueError:
            percent = -1
        if not 0 <= percent <= 100:
            result.add("origin", _(MSG_RAW_CONTENT).format(no=no))
            continue
        total += percent
        v["raw_materials"].append({"name": name, "origin": origin, "content": content})
    if total > 100:
        result.add("origin", _(MSG_RAW_TOTAL))


def _check_certifications(draft, result) -> None:
    rows = [c for c in draft.certifications
            if str(c.get("authority", "")).strip() or str(c.get("number", "")).strip()]
    if len(rows) > 5:
        result.add("certifications", _(MSG_CERT_MAX))
    typed = []
    for no, row in enumerate(rows[:5], 1):
        authority, number = str(row.get("authority", "")).strip(), str(row.get("number", "")).strip()
        if not (authority and number):
            result.add("certifications", _(MSG_CERT_ROW).format(no=no))
            continue
        # 인증구분 is stored and sent as the channels name it.
        typed.append({"kind": str(row.get("kind") or ko("기타")), "authority": authority[:50],
                      "number": number[:50]})
    if not typed and _cert_required(draft.notice_group):
        result.add("certifications", _(MSG_CERT_REQUIRED))
    result.values["certifications"] = typed


@lru_cache(maxsize=256)
def _cert_required(group_code: str) -> bool:
    return notices.cert_required(group_code)  # reference data: fixed while the process runs


def _check_price(draft, result) -> int | None:
    text = str(draft.rep_price or "").strip()
    if not text:
        result.add("rep_price", _(MSG_PRICE_REQUIRED))
        return None
    price = parse_int(text)
    if price is None or not 10 <= price <= MAX_PRICE:
        result.add("rep_price", _(MSG_PRICE))
        return None
    result.values["rep_price"] = price
    return price


def _check_images(draft, result) -> None:
    for upload, key in ((draft.main_upload, "main_image"), (draft.detail_upload, "detail_image")):
        problem = images.check_upload(upload) if images.is_given(upload) else None
        if problem:
            result.add(key, problem)
    uploads = [u for u in draft.extra_uploads if images.is_given(u)]
    if len(draft.extra_images) + len(uploads) > images.MAX_EXTRA:
        result.add("extra_images", images.MSG_EXTRA)
    for upload in uploads:
        problem = images.check_upload(upload)
        if problem:
            result.add("extra_images", problem)


def is_general_mall(channel_code: str) -> bool:
    """종합몰: option prices and 추가상품 are not honoured there."""
    cls = discover_adapters().get(channel_code)
    return cls is not None and cls.channel_type is ChannelType.GENERAL_MALL
