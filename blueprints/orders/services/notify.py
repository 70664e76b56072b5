"""Telling the seller about new orders: the configured backends and their fan-out.

ORDERS_NOTIFIER names the backends, comma-separated: "log" (development: the console), "email" (SMTP) and
"sms" (NAVER Cloud SENS). A backend that fails is logged and skipped: a mail server being down must
never fail or repeat an order collection.
"""
import logging

from flask import current_app
from flask_babel import gettext as _

from models import Tenant
from portal.extensions import db

from .notify_backends import EmailNotifier, LogNotifier, Notifier, NotifyError, SensSmsNotifier

log = logging.getLogger("portal.orders.notify")


class FanOut:
    """Sends one announcement through every configured backend and says how each one went."""

    def __init__(self, notifiers: list[Notifier]):
        self.notifiers = notifiers

    def new_orders(self, tenant_id: int, channel_label: str, count: int) -> list[str]:
        """Announce "{channel} 신규주문 N건"; returns one result line per backend, for the job log."""
        tenant = db.session.get(Tenant, tenant_id)
        subject = _("[신규주문] %(channel)s %(count)s건", channel=channel_label, count=count)
        text = _("%(channel_label)s 신규주문 %(count)s건이 수집되었습니다. 주문관리 > 주문확인/처리에서 확인해 주세요.",
                 channel_label=channel_label, count=count)
        results = []
        for backend in self.notifiers:
            try:
                backend.send(tenant, subject, text)
            except NotifyError as exc:
                log.warning("신규주문 알림 실패 (%s, 판매자 %s): %s", backend.label, tenant_id, exc)
                results.append(_("%(backend)s 알림을 보내지 못했습니다: %(error)s", backend=_(backend.label), error=exc))
            else:
                results.append(_("%(backend)s 알림을 보냈습니다.", backend=_(backend.label)))
        return results


def notifier() -> FanOut:
    """The backends named by ORDERS_NOTIFIER ("log" unless configured); a Notifier instance there is used as is."""
    choice = current_app.config.get("ORDERS_NOTIFIER", "log")
    if isinstance(choice, Notifier):
        return FanOut([choice])
    known = {"log": LogNotifier, "email": EmailNotifier, "sms": SensSmsNotifier}
    names = [n.strip() for n in str(choice).split(",") if n.strip()]
    unknown = [n for n in names if n not in known]
    if unknown:
        raise RuntimeError(f"ORDERS_NOTIFIER: unknown backend(s) {', '.join(unknown)}; use {', '.join(known)}")
    return FanOut([known[n]() for n in names or ["log"]])
