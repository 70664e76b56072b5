"""수기주문 rules over a chunk of sheet columns at once: the orders that surely pass come out cleaned in a
few passes per column (min/max of lengths, one regex over the joined column, numbers converted by map),
and only the orders with a suspect cell go through rules.check, one by one, for their exact reason.

The screen mirrors rules.check: a cell it does not flag passes check with the same cleaned value (texts
arrive stripped, as read by the job). tests/fulfilment compare the two on sheets with every kind of cell.
"""
import re
from bisect import bisect_right
from operator import itemgetter

import blueprints.fulfilment.cleanup as cleanup

from .rules import COUNTRY_RE, MAX_AMOUNT, MAX_QUANTITY, PHONE_RE, SKU_MAX, Invalid, check

PHONES_RE = re.compile(rf"(?:{PHONE_RE.pattern}\n)*{PHONE_RE.pattern}")
LIMITS = {"order_no": 60, "recipient_name": 20, "zip_code": None, "address": None, "sku": SKU_MAX}
CUT = {"product_url": 500, "zip_code": 10, "address": 300, "address_detail": 200, "message": 300}  # cut, not refused
AMOUNT_MAX = MAX_AMOUNT + 1  # a bigger amount is left to the rule one by one (and refused there)


def _lengths_bad(col: list[str], most: int | None) -> list[int]:
    """Rows whose text is empty or longer than `most` (none when min/max of the lengths say so)."""
    lengths = list(map(len, col))
    if min(lengths) > 0 and (most is None or max(lengths) <= most):
        return []
    return [i for i, n in enumerate(lengths) if n == 0 or (most is not None and n > most)]


def _numbers(col: list, low: float, high: float, blank_ok: bool) -> tuple[list, list[int]]:
    """A column of quantities or amounts as ints within [low, high) (blanks as None where allowed), and the
    rows left to the one-by-one rule: "19,900", out of range, anything but a plain number."""
    kinds = set(map(type, col))
    if kinds <= {float, int}:  # Excel's numbers: within range before int() cuts 0.5 down to 0
        if min(col) >= low and max(col) < high:
            try:
                return list(map(int, col)), []
            except ValueError:  # not a number (NaN)
                pass
    elif kinds == {str}:  # CSV text
        if blank_ok and not any(col):
            return [None] * len(col), []
        try:
            numbers = list(map(int, col))
        except ValueError:
            numbers = None
        if numbers is not None and min(numbers) >= low and max(numbers) < high:
            return numbers, []
    numbers, bad = [], []
    for i, v in enumerate(col):
        number = None
        if v is None or v == "":
            if not blank_ok:
                bad.append(i)
        elif (type(v) is float or type(v) is int) and low <= v < high:
            number = int(v)
        elif type(v) is str:
            try:
                number = int(v)
            except ValueError:
                pass
            if number is None or not low <= number < high:
                bad.append(i)
        else:
            bad.append(i)
        numbers.append(number)
    return numbers, bad


def _per_row(col: list[str] | None, default: str, n: int):
    """A per-row column with the upload's value where blank, cut as rules.check cuts it."""
    if col is None or not any(col):
        return [default] * n
    return [v[:50] if v else default for v in col]


def _amounts(col: list) -> tuple[list, list[int]]:
    """An amount column: whole numbers within range as they are (Excel's), anything else as a Decimal
    (decimals kept) or, when it is no amount or out of range, a row left to the one-by-one rule."""
    kinds = set(map(type, col))
    if kinds <= {float, int} and min(col) >= 0 and max(col) < AMOUNT_MAX and all(v == v // 1 for v in col):
        return list(map(int, col)), []
    out, bad = [], []
    for i, v in enumerate(col):
        try:
            number = cleanup.amount(v) if type(v) is not bool else cleanup.amount(str(v))
        except ValueError:
            number = None
            bad.append(i)
        else:
            if number is not None and not 0 <= number < AMOUNT_MAX:
                bad.append(i)
        out.append(number)
    return out, bad


def screen(c: dict[str, list], starts: list[int], n: int, platform: str, brand: str):
    """(good, bad): good = [(start, end, values, lines)] cleaned as rules.check cleans them, bad =
    [(start, end, reason)]; `c` holds the chunk's columns (texts stripped, numbers as read). A "platform"
    or "brand" column (the Poomgo template's per-row 판매 플랫폼 and 브랜드) wins over the upload's where
    it is filled."""
    platforms, brands = _per_row(c.get("platform"), platform, n), _per_row(c.get("brand"), brand, n)
    suspect: set[int] = set(_lengths_bad(platforms, None))  # no platform: the order gets the reason
    for key, most in LIMITS.items():
        suspect.update(_lengths_bad(c[key], most))
    phones = c["recipient_phone"]
    if not PHONES_RE.fullmatch("\n".join(phones)):
        suspect.update(i for i, p in enumerate(phones) if not PHONE_RE.fullmatch(p))
    country_of = {v: v.upper() or "KR" for v in set(c["country"])}
    wrong = {v for v, up in country_of.items() if len(up) != 2 or not COUNTRY_RE.fullmatch(up)}
    jp = {v for v, up in country_of.items() if up == "JP"}
    if wrong or jp:
        url = c["product_url"]
        suspect.update(i for i, v in enumerate(c["country"]) if v in wrong or (v in jp and not url[i]))
    qty, bad_rows = _numbers(c["quantity"], 1, MAX_QUANTITY + 1, False)
    suspect.update(bad_rows)
    amounts = []
    for key in ("order_amount", "paid_amount", "total_paid"):
        values, bad_rows = _amounts(c[key])
        amounts.append(values)
        suspect.update(bad_rows)
    texts = {k: [v[:most] for v in c[k]] if max(map(len, c[k])) > most else c[k] for k, most in CUT.items()}
    countries = list(map(country_of.__getitem__, c["country"]))

    ends = starts[1:] + [n]
    end_of = dict(zip(starts, ends))
    slow = {starts[bisect_right(starts, i) - 1] for i in suspect}
    single = len(starts) == n  # one row per order: the columns are the orders
    firsts = itemgetter(*starts) if len(starts) > 1 else (lambda col: (col[0],))
    pick = (lambda col: col) if single else firsts
    values = zip(pick(platforms), pick(c["order_no"]), pick(brands), pick(countries), pick(texts["product_url"]),
                 pick(c["recipient_name"]), pick(c["recipient_phone"]), pick(texts["zip_code"]),
                 pick(texts["address"]), pick(texts["address_detail"]), pick(texts["message"]),
                 *map(pick, amounts))
    skus = c["sku"]
    good, bad = [], []
    for s, e, order in zip(starts, ends, values):
        if s in slow:
            continue
        lines = [(skus[s], qty[s])] if e - s == 1 else list(zip(skus[s:e], qty[s:e]))
        good.append((s, e, order, lines))
    for s in sorted(slow):
        e = end_of[s]
        try:
            order, lines = check(platforms[s], brands[s], c["country"][s], c["product_url"][s], c["order_no"][s],
                                 c["recipient_name"][s], phones[s], c["zip_code"][s], c["address"][s],
                                 c["address_detail"][s], c["message"][s], c["order_amount"][s],
                                 c["paid_amount"][s], c["total_paid"][s],
                                 list(zip(skus[s:e], c["quantity"][s:e])))
        except Invalid as refused:
            bad.append((s, e, str(refused)))
        else:
            good.append((s, e, order, lines))
    return good, bad
