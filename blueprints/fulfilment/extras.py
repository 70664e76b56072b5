"""What a channel's order file adds to a checked 수기주문 beyond the rules' columns: currency, order date and
buyer of the order; each line's names as the buyer saw them, the channel's own line number, unit price and
line amount; the total."""
from flask_babel import gettext as _

import blueprints.fulfilment.cleanup as cleanup

EXTRA_TEXT = ("currency", "buyer_name", "product_name", "option_name", "line_no")  # what a channel's file adds
EXTRA_RAW = ("order_date", "unit_price", "line_amount")
TOTAL = 13  # total_paid's place in an order's values (rules.ORDER_COLUMNS)
NO_LINE_EXTRAS = ("", "", "", None, None)


def without_extras(values: tuple, lines: list) -> tuple[tuple, list]:
    """with_extras for a file that maps none of these fields (the template): the currency the country
    implies, nothing else."""
    return values + ("JPY" if values[3] == "JP" else "KRW", None, ""), [line + NO_LINE_EXTRAS for line in lines]


def with_extras(c: dict[str, list], s: int, e: int, values: tuple, lines: list) -> tuple[tuple, list | str]:
    """An order's values and (sku, quantity) lines with what the file adds: currency (the file's, else
    JPY for Japan and KRW), order date and buyer; each line's product and option name as the buyer saw
    them, the channel's line number (스마트스토어 상품주문번호: the 송장 file names the line by it), unit price and
    line amount (else unit price × quantity). Without a stated total, a total is the
    sum of the lines' amounts. A line amount that is no number is the order's reason instead."""
    currency = c["currency"][s].upper()[:3] or ("JPY" if values[3] == "JP" else "KRW")
    values = values + (currency, cleanup.when(c["order_date"][s]), c["buyer_name"][s][:50])
    rows = (s,) if e - s == 1 else [r for r in range(s, e) if c["sku"][r]]  # rules.check skips blank SKU rows
    units, amounts, out = c["unit_price"], c["line_amount"], []
    for r, (sku, qty) in zip(rows, lines):
        try:
            unit, amount = cleanup.amount(units[r]), cleanup.amount(amounts[r])
        except ValueError:
            return values, _("판매단가와 상품별 금액은 숫자로 입력해 주세요.")
        if amount is None and unit is not None:
            amount = unit * qty
        out.append((sku, qty, c["product_name"][r][:300], c["option_name"][r][:300], c["line_no"][r][:60], unit,
                    amount))
    if values[TOTAL] is None and all(line[-1] is not None for line in out):
        values = values[:TOTAL] + (sum(line[-1] for line in out),) + values[TOTAL + 1:]
    return values, out
