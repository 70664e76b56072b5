"""SKU master rules: what a single or combination SKU must hold, every reason of a bad one in Korean.

Used by the forms and by the Excel upload alike, so a row of a file is refused for exactly the
reasons the form would give (all of them at once).
"""
import re
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _

from portal.i18n import ko

CODE = re.compile(r"^[A-Za-z0-9_-]+$")
HS = re.compile(r"^[0-9.]{4,12}$")
ORIGIN = re.compile(r"^[A-Za-z]{2}$")
YES = {"y", "yes", "o", "1", "true", ko("예"), ko("사용")}  # a cell's yes, matched


class Invalid(Exception):
    """A SKU refused: `reasons` lists every reason, joined in str()."""

    def __init__(self, reasons: list[str]):
        super().__init__(" / ".join(reasons))
        self.reasons = reasons


def code_reasons(code: str) -> list[str]:
    if not code:
        return [_("SKU를 입력해 주세요.")]
    if len(code) > 60:
        return [_("SKU는 60자 이내로 입력해 주세요.")]
    if not CODE.match(code):
        return [_("SKU는 영문, 숫자, 하이픈(-), 밑줄(_)만 사용할 수 있습니다 (공백, 한글, 콤마 불가): %(code)s",
                  code=code)]
    return []


def single(values: dict) -> dict:
    """Clean a single SKU's fields (strings as typed); raises Invalid with every reason."""
    v = {k: (str(values.get(k) or "")).strip() for k in (
        "code", "name", "name_en", "customs_name_en", "brand", "barcode", "weight_kg", "hs_code", "origin",
        "location", "memo", "is_gift")}
    reasons = code_reasons(v["code"])
    if not v["name"]:
        reasons.append(_("상품명(한글 피킹용)을 입력해 주세요."))
    elif len(v["name"]) > 200:
        reasons.append(_("상품명은 200자 이내로 입력해 주세요."))
    for field, label in (("name_en", _("영문상품명")), ("customs_name_en", _("수출통관용(영문)"))):
        if v[field] and not v[field].isascii():
            reasons.append(_("%(label)s은(는) 영문으로 입력해 주세요.", label=label))
        if len(v[field]) > 200:
            reasons.append(_("%(label)s은(는) 200자 이내로 입력해 주세요.", label=label))
    weight = None
    if v["weight_kg"]:
        try:
            weight = Decimal(v["weight_kg"].replace(",", ""))
            if weight <= 0 or weight >= 1000000:
                raise InvalidOperation
        except InvalidOperation:
            reasons.append(_("무게(kg)는 0보다 큰 숫자로 입력해 주세요: %(value)s", value=v["weight_kg"]))
            weight = None
    if v["hs_code"] and not HS.match(v["hs_code"]):
        reasons.append(_("HS코드는 숫자 4~12자리로 입력해 주세요: %(value)s", value=v["hs_code"]))
    origin = (v["origin"] or "KR").upper()
    if not ORIGIN.match(origin):
        reasons.append(_("원산지는 국가코드 2자리(예: KR)로 입력해 주세요: %(value)s", value=v["origin"]))
    if len(v["barcode"]) > 40:
        reasons.append(_("바코드는 40자 이내로 입력해 주세요."))
    if reasons:
        raise Invalid(reasons)
    return {"code": v["code"], "code_key": v["code"].lower(), "name": v["name"], "name_en": v["name_en"],
            "customs_name_en": v["customs_name_en"], "brand": v["brand"][:100], "barcode": v["barcode"],
            "weight_kg": weight, "hs_code": v["hs_code"], "origin": origin, "location": v["location"][:50],
            "memo": v["memo"][:300], "is_gift": v["is_gift"].lower() in YES}


def components(text: str) -> list[tuple[str, int]]:
    """"A*2, B" → [("A", 2), ("B", 1)]; a repeated SKU adds its quantity. Raises Invalid."""
    parts, reasons = parse_components(text)
    if reasons:
        raise Invalid(reasons)
    return parts


def parse_components(text: str) -> tuple[list[tuple[str, int]], list[str]]:
    """The good parts of "A*2, B" and the reasons of the bad ones."""
    out: dict[str, tuple[str, int]] = {}
    reasons = []
    for part in [p.strip() for p in (text or "").replace("\n", ",").split(",") if p.strip()]:
        code, _sep, qty = part.partition("*")
        code = code.strip()
        reasons += code_reasons(code)
        try:
            n = int(qty.strip()) if qty.strip() else 1
            if n < 1 or n > 9999:
                raise ValueError
        except ValueError:
            reasons.append(_("구성 수량은 1 이상의 정수로 입력해 주세요: %(part)s", part=part))
            continue
        if code_reasons(code):
            continue
        known = out.get(code.lower())
        out[code.lower()] = (code, (known[1] if known else 0) + n)
    if not out and not reasons:
        reasons.append(_("구성 상품(SKU*수량)을 하나 이상 입력해 주세요."))
    return list(out.values()), reasons
