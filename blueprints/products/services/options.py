"""옵션: 조합형 combinations (the cartesian product of up to 3 option names) or 구매자 입력형 names.

옵션형식 구매자 입력형 has no combinations: the buyer types the text (e.g. an engraving) when
ordering, the seller only names the inputs, and stock stays on the product as without options.
"""
import itertools
import re

from flask_babel import gettext

from portal.i18n import N_, ko

from .draft import OptionRow

MAX_NAMES = 3
COMBINATION, INPUT = "combination", "input"
OPTION_TYPES = {COMBINATION: N_("조합형"), INPUT: N_("구매자 입력형")}
ELEVENST_LIMIT = 99  # 11번가: "옵션이 100개 이상 등록 불가"; 연동 refuses it, the form warns
PLAIN = re.compile(ko(r"[0-9A-Za-z가-힣ㄱ-ㅎㅏ-ㅣ ]+"))  # a character class, not text

MSG_TOO_MANY_NAMES = N_("옵션명은 최대 3개까지 입력할 수 있습니다.")
MSG_NAME_MISSING = N_("옵션명을 입력해 주세요.")
MSG_VALUES_MISSING = N_("옵션명 {name}의 옵션값을 쉼표(,)로 구분하여 입력해 주세요.")
MSG_SPECIAL = N_("옵션명과 옵션값에는 특수문자를 입력할 수 없습니다: {text}")
MSG_DUP_NAME = N_("옵션명이 중복되었습니다: {name}")
MSG_DUP_VALUE = N_("옵션값이 중복되었습니다: {value}")
MSG_NO_ROWS = N_("옵션을 사용하려면 옵션명과 옵션값을 입력하고 옵션추가 + 버튼을 눌러 주세요.")
MSG_STALE = N_("옵션명/옵션값이 변경되었습니다. 옵션추가 + 버튼을 눌러 옵션 목록을 다시 만들어 주세요.")
MSG_EXTRA_NUMBER = N_("{no}번 옵션의 추가금액은 숫자로 입력해 주세요.")
MSG_EXTRA_RANGE = (N_("옵션 추가금액은 판매가격의 -50% ~ +50% 범위에서 입력해 주세요. "
                   "(연동된 판매가 {price:,}원 기준: {low:,}원 ~ +{high:,}원, {no}번 옵션 {extra:,}원)"))
MSG_NEED_ZERO = N_("추가금액이 0원인 옵션이 최소 1개 이상 있어야 합니다.")
MSG_STOCK = N_("재고수량은 0 이상의 숫자로 입력해 주세요.")
MSG_STATUS = N_("판매여부는 판매가능 또는 판매불가 중에서 선택해 주세요.")
MSG_ON_SALE = N_("판매중인 상품은 옵션을 수정할 수 없습니다. 판매종료 후 수정해 주세요.")
MSG_ELEVENST = (N_("11번가의 경우 옵션이 100개 이상 등록하실 수 없습니다. (현재 {count}개) "
                "11번가 연동은 옵션을 99개 이하로 줄인 뒤 할 수 있습니다."))
MSG_TYPE = N_("옵션형식은 조합형 또는 구매자 입력형 중에서 선택해 주세요.")
MSG_INPUT_MISSING = N_("구매자 입력형 옵션명을 1개 이상 입력해 주세요.")
MSG_INPUT_TOO_MANY = N_("구매자 입력형 옵션명은 최대 3개까지 입력할 수 있습니다.")
MSG_INPUT_SPECIAL = N_("옵션명에는 특수문자를 입력할 수 없습니다: {text}")


def split_values(csv: str) -> list[str]:
    return [v.strip() for v in (csv or "").split(",") if v.strip()]


def combinations(names: list[str], values_csv: list[str]) -> list[str]:
    """옵션추가: every combination in the order the guide shows (a/핑크/미조립, a/핑크/조립, ...)."""
    columns = [split_values(v) for v in values_csv[:len(names)]]
    if not columns or any(not c for c in columns):
        return []
    return ["/".join(combo) for combo in itertools.product(*columns)]


def generate_rows(names, values_csv, existing: list[OptionRow]) -> list[OptionRow]:
    """New table after 옵션추가; rows that survive keep the price, status and stock typed before."""
    kept = {row.values: row for row in existing}
    return [kept.get(v) or OptionRow(v) for v in combinations(names, values_csv)]


def _int(text) -> int | None:
    text = str(text if text is not None else "").replace(",", "").strip()
    if text in ("", "+"):
        return 0
    try:
        return int(float(text)) if re.fullmatch(r"[+-]?\d+(\.0+)?", text) else None
    except ValueError:
        return None


def _given(names) -> list[str]:
    return [n.strip() for n in names if n and n.strip()]


def is_input(draft) -> bool:
    """구매자 입력형 chosen. Combination names beside it can only come from an Excel row (상품대량수정
    over an 입력형 product), whose 옵션명 columns are 조합형 columns: those win."""
    return draft.option_type == INPUT and not _given(draft.option_names)


def check(draft, result, ref_price: int | None, product=None) -> None:
    """Judge the option block; typed rows land in result.values["options"], input names in
    result.values["input_option_names"]."""
    result.values["input_option_names"] = []
    if not draft.use_options:
        result.values["option_names"], result.values["options"] = [], []
        _check_frozen(result, product, [], [])
        return
    if draft.option_type not in OPTION_TYPES:
        result.add("options", gettext(MSG_TYPE))
        return
    if is_input(draft):
        _check_input(draft, result, product)
        return
    pairs = [(n.strip(), v) for n, v in itertools.zip_longest(draft.option_names, draft.option_values,
                                                              fillvalue="")
             if n.strip() or split_values(v)]
    if len(pairs) > MAX_NAMES:
        result.add("options", gettext(MSG_TOO_MANY_NAMES))
        return
    if not pairs:
        result.add("options", gettext(MSG_NO_ROWS))
        return
    names = []
    for name, values in pairs:
        if not name:
            result.add("options", gettext(MSG_NAME_MISSING))
            continue
        if name in names:
            result.add("options", gettext(MSG_DUP_NAME).format(name=name))
        names.append(name)
        vals = split_values(values)
        if not vals:
            result.add("options", gettext(MSG_VALUES_MISSING).format(name=name))
        for text in [name] + vals:
            if not PLAIN.fullmatch(text):
                result.add("options", gettext(MSG_SPECIAL).format(text=text))
        for value in {v for v in vals if vals.count(v) > 1}:
            result.add("options", gettext(MSG_DUP_VALUE).format(value=value))
    if result.errors.get("options"):
        return
    values_csv = [v for _, v in pairs]
    expected = combinations(names, values_csv)
    rows = draft.option_rows or generate_rows(names, values_csv, [])
    if [r.values for r in rows] != expected:
        result.add("options", gettext(MSG_STALE))
        return
    typed = []
    for no, row in enumerate(rows, 1):
        extra, stock = _int(row.extra_price), _int(row.stock)
        if extra is None:
            result.add("options", gettext(MSG_EXTRA_NUMBER).format(no=no))
            continue
        if stock is None or stock < 0:
            result.add("options", gettext(MSG_STOCK))
            continue
        if row.status not in ("on", "off"):
            result.add("options", gettext(MSG_STATUS))
            continue
        if ref_price:
            limit = ref_price // 2
            if abs(extra) > limit:
                result.add("options", gettext(MSG_EXTRA_RANGE).format(price=ref_price, low=-limit, high=limit,
                                                             no=no, extra=extra))
        typed.append({"no": no, "values": row.values, "extra_price": extra, "status": row.status,
                      "stock": stock})
    if typed and len(typed) == len(rows) and not any(t["extra_price"] == 0 for t in typed):
        result.add("options", gettext(MSG_NEED_ZERO))
    if len(rows) > ELEVENST_LIMIT:
        result.warn(gettext(MSG_ELEVENST).format(count=len(rows)))
    result.values["option_names"], result.values["options"] = names, typed
    _check_frozen(result, product, names, typed)


def _check_input(draft, result, product) -> None:
    """구매자 입력형: 1 to 3 names (the guide's limit for option names), plain text, no repeats."""
    names = _given(draft.input_option_names)
    if not names:
        result.add("options", gettext(MSG_INPUT_MISSING))
        return
    if len(names) > MAX_NAMES:
        result.add("options", gettext(MSG_INPUT_TOO_MANY))
        return
    for name in names:
        if not PLAIN.fullmatch(name):
            result.add("options", gettext(MSG_INPUT_SPECIAL).format(text=name))
    for name in sorted({n for n in names if names.count(n) > 1}, key=names.index):
        result.add("options", gettext(MSG_DUP_NAME).format(name=name))
    if result.errors.get("options"):
        return
    result.values["option_names"], result.values["options"] = [], []
    result.values["input_option_names"] = names
    _check_frozen(result, product, [], [], names)


def _shape(names, rows, input_names=()) -> tuple:
    """What the channels see of the options; stock alone may still change while on sale."""
    return (tuple(names), tuple((r["values"], r["extra_price"], r["status"]) for r in rows),
            tuple(input_names))


def _check_frozen(result, product, names, rows, input_names=()) -> None:
    if product is None or not product.on_sale:
        return
    current = _shape(product.option_names or [],
                     [{"values": o.values, "extra_price": o.extra_price, "status": o.status}
                      for o in product.options], product.input_option_names or [])
    if current != _shape(names, rows, input_names):
        result.add("options", gettext(MSG_ON_SALE))


def apply_bulk(rows, extra: str, status: str) -> None:
    """옵션일괄설정: the same extra price and 판매여부 on every row (each stays editable)."""
    for row in rows:
        row.extra_price = extra if extra.strip() else row.extra_price
        if status in ("on", "off"):
            row.status = status
