"""이벤트 조건: whether one order (주문번호 basis) or one box (장바구니번호 basis) meets an event, and how many
of each gift it earns. Plain data in, plain data out: the services feed it rows and write the result.

Conditions, each off unless set (the manual's ON/OFF switches): 주문 기준일 (from / to, KST days of the
order date), 적용마켓 (channel codes), 주문금액 (min / max in one currency: a unit in another currency
never matches), SKU (codes; the unit matches when any of its codes is listed), 주문수량 (min / max) and
the 비율 지급 option (gift count × ordered quantity).
"""
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

LINE, CART = "line", "cart"


@dataclass(frozen=True)
class Unit:
    """What an event looks at: one order line, or one shipment's orders taken together."""

    key: str  # order id (line basis) or "" (cart basis: the shipment itself)
    channel: str
    ordered_on: date | None  # KST day
    amount: Decimal | None
    currency: str
    codes: frozenset  # every SKU / option / seller / item code the orders carry
    quantity: int


@dataclass(frozen=True)
class Rule:
    basis: str = CART
    date_from: date | None = None
    date_to: date | None = None
    channels: tuple = ()
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    currency: str = ""
    codes: tuple = ()
    quantity_min: int | None = None
    quantity_max: int | None = None
    proportional: bool = False


def split_codes(text: str) -> tuple:
    """"A-1, B_2 ,A-1" → ("A-1", "B_2"): the event form's comma-separated SKU list."""
    seen = []
    for part in (text or "").split(","):
        part = part.strip()
        if part and part not in seen:
            seen.append(part)
    return tuple(seen)


def matches(rule: Rule, unit: Unit) -> bool:
    if rule.date_from and (unit.ordered_on is None or unit.ordered_on < rule.date_from):
        return False
    if rule.date_to and (unit.ordered_on is None or unit.ordered_on > rule.date_to):
        return False
    if rule.channels and unit.channel not in rule.channels:
        return False
    if rule.amount_min is not None or rule.amount_max is not None:
        if unit.amount is None or (rule.currency and unit.currency != rule.currency):
            return False
        if rule.amount_min is not None and unit.amount < rule.amount_min:
            return False
        if rule.amount_max is not None and unit.amount > rule.amount_max:
            return False
    if rule.codes and not unit.codes.intersection(rule.codes):
        return False
    if rule.quantity_min is not None and unit.quantity < rule.quantity_min:
        return False
    if rule.quantity_max is not None and unit.quantity > rule.quantity_max:
        return False
    return True


def gift_quantity(rule: Rule, unit: Unit, per_unit: int, per_quantity: int = 1) -> int:
    """사은품 개수, or with 비율 지급 개수 × (주문수량 ÷ per_quantity, rounded down)."""
    if not rule.proportional:
        return per_unit
    return per_unit * (max(unit.quantity, 0) // max(per_quantity, 1))


def cart_unit(orders: list[Unit]) -> Unit:
    """One box: the orders of a shipment together (amounts added when they share a currency)."""
    currencies = {o.currency for o in orders}
    amounts = [o.amount for o in orders if o.amount is not None]
    days = [o.ordered_on for o in orders if o.ordered_on]
    return Unit(key="", channel=orders[0].channel if orders else "", ordered_on=min(days) if days else None,
                amount=sum(amounts, Decimal(0)) if amounts and len(currencies) == 1 else None,
                currency=currencies.pop() if len(currencies) == 1 else "",
                codes=frozenset().union(*(o.codes for o in orders)) if orders else frozenset(),
                quantity=sum(o.quantity for o in orders))
