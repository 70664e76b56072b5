"""The figures of one row of a statistics table: 주문건수, 판매수량, 매출액, 취소/반품 금액, 순매출, 객단가."""
from dataclasses import dataclass, field

from flask_babel import gettext as _

from .facts import WON, Fact


@dataclass
class Figures:
    """Won amounts are added up; any other currency is kept apart under its code, never summed with won."""

    orders: set = field(default_factory=set)
    won_orders: set = field(default_factory=set)  # 객단가 divides won by the orders paid in won
    quantity: int = 0
    sales: int = 0
    refunds: int = 0
    refund_quantity: int = 0
    foreign: dict = field(default_factory=dict)  # currency -> [sales, refunds]
    counted: int = 0  # orders counted by rollup facts (which carry counts, not order keys)
    won_counted: int = 0

    def add(self, fact: Fact, count: str = "orders") -> None:
        """count: which of a rollup fact's order counts this row adds (orders, product_orders, option_orders)."""
        if fact.kind == "sale":
            n = 0 if fact.order_key else getattr(fact, count)
            if fact.order_key:
                self.orders.add(fact.order_key)
            self.counted += n
            if fact.currency == WON:
                self.won_counted += n
            self.quantity += fact.quantity
        else:
            self.refund_quantity += fact.quantity
        if fact.currency == WON:
            if fact.kind == "sale":
                self.sales += fact.amount
                if fact.order_key:
                    self.won_orders.add(fact.order_key)
            else:
                self.refunds += fact.amount
            return
        money = self.foreign.setdefault(fact.currency, [0, 0])
        money[0 if fact.kind == "sale" else 1] += fact.amount

    @property
    def order_count(self) -> int:
        return len(self.orders) + self.counted

    @property
    def net(self) -> int:
        """순매출: won sales of the period minus won cancellations and returns dated in it."""
        return self.sales - self.refunds

    @property
    def per_order(self) -> int:
        """객단가: won sales per order paid in won, rounded down to the won."""
        paid = len(self.won_orders) + self.won_counted
        return self.sales // paid if paid else 0

    @property
    def refund_rate(self) -> float:
        return round(100 * self.refund_quantity / self.quantity, 1) if self.quantity else 0.0

    @property
    def foreign_text(self) -> str:
        """Other currencies as the seller reads them: "JPY 1,200 (취소 300)"; won is never added in."""
        parts = []
        for currency in sorted(self.foreign):
            sales, refunds = self.foreign[currency]
            text = _("%(currency)s %(amount)s", currency=currency, amount=format(sales, ","))
            if refunds:
                text += _(" (취소/반품 %(refunds)s)", refunds=format(refunds, ','))
            parts.append(text)
        return ", ".join(parts)


def change_rate(now: int, before: int) -> float | None:
    """증감률 in percent against the previous period; None when there is nothing to compare with."""
    if not before:
        return None
    return round(100 * (now - before) / abs(before), 1)
