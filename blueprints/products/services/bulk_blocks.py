"""상품대량등록: the 품목고시 and 옵션 blocks judged once per distinct cell text in an upload.

A bulk sheet repeats these blocks row after row (the same item group and answers, the same
colour and size options), and they are most of the work of judging a row. Both are pure: the
same cells read and judged the same way give the same messages and values. So the first row
with given cells is read and judged by the very rules the form uses (notices.check,
options.check), and later rows with the same cells replay that verdict in its place.

One thing in the option block depends on the row: the extra price range is judged against
대표가격. A verdict is kept only when no extra price was out of range, and replayed only
where half the row's 대표가격 covers its largest extra price (or where there is no valid
대표가격, which judges no range): exactly the rows the rules would give the same verdict.
Only 등록 uses this; 수정 judges each block against the stored product.
"""
from . import notices, options
from .bulk_sheet import draft_from_row, notice_from_row, options_from_row
from .rules import Check

NOTICE_KEYS = ("notice_group", "notice")
OPTION_KEYS = ("opt_name_1", "opt_values_1", "opt_name_2", "opt_values_2", "opt_name_3",
               "opt_values_3", "opt_extra", "opt_stock", "opt_status")
MAX_KEPT = 10_000  # distinct blocks kept per upload; past that, rows are simply judged


class Verdict:
    """What a block's rules said: messages per field in order, warnings, values to store."""

    __slots__ = ("errors", "warnings", "values", "notice_group", "largest_extra")

    def __init__(self, part, notice_group=None):
        self.errors = [(f, m) for f, msgs in part.errors.items() for m in msgs]
        self.warnings = list(part.warnings)
        self.values = part.values
        self.notice_group = notice_group
        rows = part.values.get("options") or []
        self.largest_extra = max((abs(r["extra_price"]) for r in rows), default=0)

    def replay(self, result) -> None:
        for field, message in self.errors:
            result.add(field, message)
        result.warnings.extend(self.warnings)
        result.values.update(self.values)


class SheetBlocks:
    """Pass as rules.check(..., blocks=) after drafting the row with draft()."""

    def __init__(self):
        self.known_notices, self.known_options = {}, {}
        self.row = {}

    def draft(self, row: dict, company_name: str):
        self.row = row
        return draft_from_row(row, company_name, blocks=False)

    def _given(self, key):
        return self.row.get(key) or ""

    def notice(self, draft, result) -> None:
        key = tuple(map(self.row.get, NOTICE_KEYS))
        verdict = self.known_notices.get(key)
        if verdict is None:
            notice_from_row(draft, self._given)
            part = Check()
            notices.check(draft, part)
            verdict = Verdict(part, draft.notice_group)
            if len(self.known_notices) < MAX_KEPT:
                self.known_notices[key] = verdict
        draft.notice_group = verdict.notice_group  # 인증정보 rules read the item group
        verdict.replay(result)

    def options(self, draft, result, price, product) -> None:
        key = tuple(map(self.row.get, OPTION_KEYS))
        verdict = self.known_options.get(key)
        if verdict is not None and (price is None or price // 2 >= verdict.largest_extra):
            verdict.replay(result)
            return
        options_from_row(draft, self._given)
        part = Check()
        options.check(draft, part, price, product)
        verdict = Verdict(part)
        same_for_any_price = price is None or price // 2 >= verdict.largest_extra
        if same_for_any_price and product is None and len(self.known_options) < MAX_KEPT:
            self.known_options[key] = verdict
        verdict.replay(result)
