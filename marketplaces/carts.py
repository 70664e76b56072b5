"""Order rows that are lines of a cart (ESM and Qoo10 rows): their loose values read, one Order per cart."""
from __future__ import annotations

from typing import Callable, Iterable

from portal.marketplaces import Order, OrderLine


def num(value) -> int:
    """A count or an amount as the rows write it ("3", 3.0, "", None): 0 when it is no number."""
    try:
        return int(float(value or 0))
    except (TypeError, ValueError):
        return 0


def text(value) -> str:
    return "" if value is None else str(value)


def cart_orders(rows: Iterable, channel: str, account_key: str, *, cart: Callable[..., str],
                order: Callable[..., dict], line: Callable[..., dict],
                fee: Callable[..., int]) -> list[Order]:
    """One Order per cart id; each row adds one OrderLine.

    cart(row) names the cart, order(row) the Order's fields (read from the cart's first row),
    line(row) the OrderLine's fields, fee(row) the shipping fee a row states: the cart's fee is the
    largest (G마켓 puts it on one row of the cart, 옥션 repeats the sum on every row).
    """
    grouped: dict[str, Order] = {}
    for row in rows:
        cart_id = cart(row)
        found = grouped.get(cart_id)
        if found is None:
            found = grouped[cart_id] = Order(channel=channel, account_key=account_key,
                                             channel_order_id=cart_id, **order(row))
        found.lines.append(OrderLine(channel=channel, account_key=account_key,
                                     channel_order_id=cart_id, **line(row)))
        found.shipping_fee = max(found.shipping_fee, fee(row))
        found.total_amount = sum(x.amount for x in found.lines) + found.shipping_fee
    return list(grouped.values())
