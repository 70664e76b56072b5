"""마켓별 일괄 배송 통지 job: 송장송신 of the staged lines, then the shipments whose numbers reached their channel
stamped as notified."""
from flask_babel import gettext as _

from blueprints.fulfilment.notify.services import api_numbers_sent

from .orders_invoices import send_invoices


def send_shipment_numbers(progress, tenant_id: int, line_ids: list[int], skipped_cancel: int = 0) -> None:
    send_invoices(progress, tenant_id, line_ids, skipped_cancel)
    stamped = api_numbers_sent(tenant_id, line_ids)
    progress.log(_("배송 통지를 마친 배송건: %(n)s건", n=stamped))
