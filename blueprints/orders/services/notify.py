"""Telling the seller about new orders: a Notifier interface and its backends (log in development)."""
import logging
from abc import ABC, abstractmethod

from flask import current_app

log = logging.getLogger("portal.orders.notify")


class Notifier(ABC):
    """One way of reaching a seller (e-mail, 알림톡, …); the portal only calls new_orders()."""

    @abstractmethod
    def new_orders(self, tenant_id: int, channel_label: str, count: int) -> None:
        """Send "{channel} 신규주문 N건" to the seller."""


class LogNotifier(Notifier):
    """Development backend: the message lands in the application log (the console)."""

    def new_orders(self, tenant_id: int, channel_label: str, count: int) -> None:
        log.info("[신규주문 알림] 판매자 %s: %s 신규주문 %d건이 수집되었습니다.", tenant_id, channel_label, count)


BACKENDS = {"log": LogNotifier}


def notifier() -> Notifier:
    """The backend named by ORDERS_NOTIFIER ("log" unless configured), or an instance set there."""
    choice = current_app.config.get("ORDERS_NOTIFIER", "log")
    if isinstance(choice, Notifier):
        return choice
    return BACKENDS.get(choice, LogNotifier)()
