"""Order amounts as the lists show them: in the order's own currency (won, 円 for the Japanese channels)."""
from flask_babel import gettext as _

from portal.i18n import N_

UNITS = {"JPY": N_("円")}  # won amounts read as before: a bare number


def currency_of(line) -> str:
    """The currency of a line's amounts: its order's (KRW, JPY for 라쿠텐/Qoo10 JP/Amazon JP, a 수기주문's own)."""
    return (line.order.currency if line.order is not None else "") or "KRW"


def line_amount(line) -> str:
    """금액 of an order list: 19,900 for won, 1,980円 for yen, "USD 15" for another currency (never converted)."""
    currency, number = currency_of(line), format(int(line.amount or 0), ",")
    if currency == "KRW":
        return number
    if currency in UNITS:
        return _("%(n)s%(unit)s", n=number, unit=_(UNITS[currency]))
    return _("%(currency)s %(amount)s", currency=currency, amount=number)
