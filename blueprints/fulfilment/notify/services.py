"""마켓별 일괄 배송 통지 rules: which shipments have a number to report, staging the numbers of API-collected
orders into the invoice outbox (so 송장송신 sends each line once, never twice), and the rows of file orders.

A shipment's 국제 송장번호 goes to every live order of it. For an API-collected order the collected line gets
the number in the outbox (the carrier as the channel's 택배사 code where one matches, else 기타택배); a line
whose invoice was already sent with that number is left alone, and one the outbox refuses (not 발주확인, a
different number already sent) is reported with the outbox's reason. File-imported orders are listed for
the channel's own upload file.
"""
from collections import defaultdict
from dataclasses import dataclass, field

from blueprints.orders.services import RuleViolation, couriers
from blueprints.orders.services.invoices import save_invoice
from models import ChannelOrderLine, FulfilmentOrder, Shipment
from models.fulfilment_order import SOURCE_CHANNEL
from models.order import SENT
from portal.extensions import db
from portal.tenancy import tenant_query

OTHER_COURIER = "CH1"  # 기타택배: a carrier the channel's list does not name


@dataclass
class Staged:
    line_ids: list[int] = field(default_factory=list)  # lines whose outbox row waits for 송장송신
    done: int = 0  # lines already sent with this number
    refused: list[str] = field(default_factory=list)


def numbered(tenant, shipment_ids=None):
    """Live shipments with a 국제 송장번호 (the chosen ones, or all)."""
    query = tenant_query(Shipment, tenant).filter(Shipment.deleted_at.is_(None), Shipment.intl_tracking_no != "")
    if shipment_ids:
        query = query.filter(Shipment.id.in_([int(i) for i in shipment_ids]))
    return query


def courier_for(carrier: str) -> str:
    found = couriers.find(carrier)
    return found.code if found else OTHER_COURIER


def stage_api_orders(tenant, user, shipment_ids=None) -> Staged:
    """Outbox rows for the API-collected orders of the shipments; the caller starts 송장송신 on line_ids."""
    out = Staged()
    shipments = numbered(tenant, shipment_ids).order_by(Shipment.id).all()
    by_id = {s.id: s for s in shipments}
    orders = (tenant_query(FulfilmentOrder, tenant)
              .filter(FulfilmentOrder.shipment_id.in_(list(by_id) or [0]), FulfilmentOrder.deleted_at.is_(None),
                      FulfilmentOrder.source == SOURCE_CHANNEL, FulfilmentOrder.channel_line_id.isnot(None))
              .order_by(FulfilmentOrder.id).all())
    lines = {x.id: x for x in tenant_query(ChannelOrderLine, tenant).filter(
        ChannelOrderLine.id.in_([o.channel_line_id for o in orders] or [0]))}
    for order in orders:
        shipment, line = by_id[order.shipment_id], lines.get(order.channel_line_id)
        if line is None:
            continue
        number = couriers.normalized(shipment.intl_tracking_no)
        if line.invoice_state == SENT and line.tracking_number == number:
            out.done += 1
            continue
        try:
            save_invoice(line, courier_for(shipment.intl_carrier), number, user_id=user.id)
        except RuleViolation as refused:
            out.refused.append(f"{shipment.receipt_no} / {line.channel_order_id}: {refused}")
            continue
        out.line_ids.append(line.id)
    db.session.commit()
    return out


def file_orders(tenant, shipment_ids=None) -> dict[str, list[tuple[Shipment, FulfilmentOrder]]]:
    """channel → (shipment, order) of the file-imported orders to put in that channel's upload file."""
    shipments = {s.id: s for s in numbered(tenant, shipment_ids)}
    rows = defaultdict(list)
    for start in range(0, len(shipments), 900):
        part = list(shipments)[start:start + 900]
        for order in (tenant_query(FulfilmentOrder, tenant)
                      .filter(FulfilmentOrder.shipment_id.in_(part), FulfilmentOrder.deleted_at.is_(None),
                              FulfilmentOrder.source != SOURCE_CHANNEL)
                      .order_by(FulfilmentOrder.shipment_id, FulfilmentOrder.id)):
            rows[order.channel].append((shipments[order.shipment_id], order))
    return rows
