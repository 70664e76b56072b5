"""Clean-ups of an uploaded order file's cells before the 수기주문 rules, column by column.

What real exports and Excel do to cells: a leading apostrophe (Excel's "keep as text"), "-" written for
nothing, full-width digits and hyphens (Japanese files), +81/+82 in front of phone numbers, ids and
postcodes read as numbers ("7583.0", leading zero lost), country names instead of codes, dates as Excel
serial numbers. Each function takes a column (a list) and returns it cleaned; a column with nothing to
clean is returned as it is after one scan, so a clean file pays almost nothing.
"""
import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from portal.i18n import ko

WIDE = str.maketrans("０１２３４５６７８９－‐‑‒–—―−ー－＋（）．，", "0123456789----------+().,")
DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
NUMBER_ID = re.compile(r"\d+\.0")
INTL = re.compile(r"\+\s*(8[12])[\s\-]*(?:\(0\)|0)?[\s\-]*(\d)")
COUNTRY_NAMES = {  # how sellers and channels write the countries we ship to most (matched, never shown)
    ko("대한민국"): "KR", ko("한국"): "KR", "korea": "KR", "southkorea": "KR", "republicofkorea": "KR", "韓国": "KR",
    "kor": "KR", "日本": "JP", ko("일본"): "JP", "japan": "JP", "jpn": "JP", "にほん": "JP", ko("미국"): "US",
    "usa": "US", "unitedstates": "US", "unitedstatesofamerica": "US", "アメリカ": "US", ko("중국"): "CN",
    "china": "CN", "中国": "CN", ko("대만"): "TW", "taiwan": "TW", "台湾": "TW", "臺灣": "TW", ko("홍콩"): "HK",
    "hongkong": "HK", "香港": "HK", ko("싱가포르"): "SG", "singapore": "SG", ko("베트남"): "VN", "vietnam": "VN",
    ko("태국"): "TH", "thailand": "TH", ko("캐나다"): "CA", "canada": "CA", ko("호주"): "AU", "australia": "AU",
}
CURRENCY_SIGNS = str.maketrans("", "", ko("₩￦¥￥$＄円원,， "))  # signs stripped from amounts
EXCEL_EPOCH = datetime(1899, 12, 30)


def _blank(v: str) -> str:
    return "" if v == "-" or v == "－" else v


def _joined(col: list[str]) -> str:
    """The column as one text, each cell after a newline: one scan in C answers "does any cell …"."""
    return "\n" + "\n".join(col) + "\n"


def texts(col: list[str]) -> list[str]:
    """Any text column: a leading apostrophe goes, a lone "-" means empty."""
    if "\n'" in _joined(col):
        col = [v[1:].strip() if v[:1] == "'" else v for v in col]
    if "-" in col or "－" in col:
        col = list(map(_blank, col))
    return col


def ids(col: list[str]) -> list[str]:
    """Order numbers, SKUs: full-width digits and hyphens made plain, "1234.0" (a number Excel kept) as
    "1234"."""
    col = texts(col)
    joined = _joined(col)
    if not joined.isascii():
        col = [v.translate(WIDE) for v in col]
    if ".0\n" in joined:
        col = [v[:-2] if NUMBER_ID.fullmatch(v) else v for v in col]
    return col


def phones(col: list[str]) -> list[str]:
    """+82 10-1234-5678 → 010-1234-5678, +81-3-1234-5678 → 03-1234-5678; spaces go."""
    col = ids(col)
    joined = _joined(col)
    if " " in joined or "+" in joined:
        col = [INTL.sub(r"0\2", v).replace(" ", "") if "+8" in v else v.replace(" ", "") for v in col]
    return col


def zip_codes(col: list[str], countries: list[str]) -> list[str]:
    """A postcode Excel read as a number lost its leading zero: Korean ones have 5 digits, Japanese 7."""
    col = ids(col)
    out = None
    short = 7 if "JP" in countries else 5
    for i in [i for i, n in enumerate(map(len, col)) if n < short] if min(map(len, col), default=short) < short else []:
        v = col[i]
        if v.isdigit():
            want = 7 if countries[i] == "JP" else 5 if countries[i] == "KR" else 0
            if len(v) < want:
                if out is None:
                    out = list(col)
                out[i] = v.zfill(want)
    return col if out is None else out


def countries(col: list[str]) -> list[str]:
    """Country names (대한민국, 日本, Japan) as their 2-letter codes; codes and unknown names unchanged."""
    col = texts(col)
    names = {v: COUNTRY_NAMES.get("".join(v.split()).lower().rstrip("."), v) for v in set(col)}
    if all(k == v for k, v in names.items()):
        return col
    return [names[v] for v in col]


def numbers(col: list) -> list:
    """Quantities and amounts: numbers stay numbers; text loses full-width digits, currency signs and
    thousands separators ("￥1,500", "19,900원"), and a plain number in text becomes a Decimal."""
    if str not in set(map(type, col)):
        return col
    joined = "\n".join(v for v in col if type(v) is str)
    if joined.isascii() and "'" not in joined and "$" not in joined and " " not in joined:
        return col  # plain numbers as text ("1,000" is read by the rules)
    out = []
    for v in col:
        if type(v) is str:
            v = _blank(v.strip().lstrip("'"))
            text = v.translate(DIGITS).translate(CURRENCY_SIGNS)
            if text != v and text:
                try:
                    v = Decimal(text)
                except InvalidOperation:
                    pass
        out.append(v)
    return out


def amount(value) -> Decimal | None:
    """One amount cell as a Decimal (None when blank); ValueError when it is no number."""
    if value is None or value == "":
        return None
    if type(value) is float:
        number = Decimal(repr(value))
    elif type(value) is int or isinstance(value, Decimal):
        number = Decimal(value)
    else:
        text = str(value).strip().translate(DIGITS).translate(CURRENCY_SIGNS)
        if not text or text == "-":
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(value) from None
    if not number.is_finite():
        raise ValueError(value)
    return number


DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M", "%Y-%m-%d",
                "%Y/%m/%d", "%Y.%m.%d %H:%M:%S", "%Y.%m.%d", "%Y%m%d%H%M%S", "%Y%m%d")


def when(value) -> datetime | None:
    """An order date as the file gives it: a date cell, an Excel serial number, ISO 8601 with its zone
    (Amazon: 2022-03-21T07:33:26+09:00, kept in local time), or the usual written forms."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if type(value) in (int, float) and 20000 < value < 80000:
        return EXCEL_EPOCH + timedelta(days=float(value))
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        pass
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    if NUMBER_ID.fullmatch(text) or text.replace(".", "", 1).isdigit():
        return when(float(text))
    return None
