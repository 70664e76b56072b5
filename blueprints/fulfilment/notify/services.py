"""마켓별 일괄 배송 통지 rules: which shipments have a number to report, staging the numbers of API-collected
orders into the invoice outbox (so 송장송신 sends each line once, never twice), and the rows of file orders.

A shipment's 국제 송장번호 goes to every live order of it. For an API-collected order the collected line gets
the number in the outbox (the carrier as the channel's 택배사 code where one matches, else 기타택배); a line
whose invoice was already sent with that number is left alone, and one the outbox refuses (not 발주확인, a
different number already sent) is reported with the outbox's reason. File-imported orders are listed for
the channel's own upload file.

Each order keeps what reached its channel (FulfilmentOrder.notified_number / notified_at): an API-collected
order once its line is sent with the shipment's number (the outbox reports it sent), a file-imported order
once it was put in its channel's tracking-upload download. One 접수번호 may hold both kinds, and file orders
of several channels: each order is stamped by its own route, a downloaded file lists only the orders whose
current number has not been given yet (so no order is handed out twice; 다시 받기 lists them all without
stamping), and the shipment is 배송 통지 done (Shipment.channel_notified_at) when every live order of it has
its current number stamped. A new 국제 송장번호 clears the shipment's stamp and leaves the orders pending,
since their stamped number is no longer the shipment's.
"""
from collections import defaultdict
from dataclasses import dataclass, field

from blueprints.orders.services import RuleViolation, couriers
from blueprints.orders.services.invoices import save_invoice
from models import ChannelOrderLine, FulfilmentOrder, Shipment
from models.base import utcnow
from models.fulfilment_order import SOURCE_CHANNEL
from models.order import SENT
from portal.extensions import db
from portal.services.bulk_sql import among
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


def _api_orders(tenant, shipment_ids):
    return (tenant_query(FulfilmentOrder, tenant)
            .filter(FulfilmentOrder.shipment_id.in_(list(shipment_ids) or [0]), FulfilmentOrder.deleted_at.is_(None),
                    FulfilmentOrder.source == SOURCE_CHANNEL, FulfilmentOrder.channel_line_id.isnot(None))
            .order_by(FulfilmentOrder.id).all())


def stage_api_orders(tenant, user, shipment_ids=None) -> Staged:
    """Outbox rows for the API-collected orders of the shipments; the caller starts 송장송신 on line_ids."""
    out = Staged()
    shipments = numbered(tenant, shipment_ids).order_by(Shipment.id).all()
    by_id = {s.id: s for s in shipments}
    orders = _api_orders(tenant, by_id)
    lines = {x.id: x for x in tenant_query(ChannelOrderLine, tenant).filter(
        ChannelOrderLine.id.in_([o.channel_line_id for o in orders] or [0]))}
    already = set()
    for order in orders:
        shipment, line = by_id[order.shipment_id], lines.get(order.channel_line_id)
        if line is None:
            continue
        number = couriers.normalized(shipment.intl_tracking_no)
        if line.invoice_state == SENT and line.tracking_number == number:
            out.done += 1
            already.add(shipment.id)
            continue
        try:
            save_invoice(line, courier_for(shipment.intl_carrier), number, user_id=user.id)
        except RuleViolation as refused:
            out.refused.append(f"{shipment.receipt_no} / {line.channel_order_id}: {refused}")
            continue
        out.line_ids.append(line.id)
    stamp_notified(tenant.id, already)  # numbers the channel already has (sent from 송장송신관리, or before)
    db.session.commit()
    return out


def _mark_api_sent(tenant_id: int, shipment_ids, now) -> None:
    """Stamp the API-collected orders of these shipments whose line the channel has with the shipment's
    current number."""
    for part in among(db.session, FulfilmentOrder.shipment_id, list(shipment_ids)):
        found = (db.session.query(FulfilmentOrder, Shipment.intl_tracking_no, ChannelOrderLine.invoice_state,
                                  ChannelOrderLine.tracking_number)
                 .join(Shipment, Shipment.id == FulfilmentOrder.shipment_id)
                 .join(ChannelOrderLine, ChannelOrderLine.id == FulfilmentOrder.channel_line_id)
                 .filter(part, FulfilmentOrder.tenant_id == tenant_id, FulfilmentOrder.deleted_at.is_(None),
                         FulfilmentOrder.source == SOURCE_CHANNEL, Shipment.intl_tracking_no != ""))
        for order, number, state, sent_number in found:
            if state == SENT and sent_number == couriers.normalized(number) and order.notified_number != number:
                order.notified_number, order.notified_at = number, now


def _pending(order: FulfilmentOrder, shipment: Shipment) -> bool:
    """Whether the order still waits for its channel to learn the shipment's current number (an API order
    whose collected line is gone has nothing to tell)."""
    if order.source == SOURCE_CHANNEL and order.channel_line_id is None:
        return False
    return order.notified_number != shipment.intl_tracking_no


def stamp_notified(tenant_id: int, shipment_ids) -> int:
    """Stamp channel_notified_at on the numbered shipments not stamped yet whose every live order has its
    current number stamped (API orders: their lines sent; file orders: downloaded). The caller commits;
    returns how many were stamped."""
    ids = {int(i) for i in shipment_ids}
    if not ids:
        return 0
    now = utcnow()
    _mark_api_sent(tenant_id, ids, now)
    db.session.flush()
    candidates = {}
    for part in among(db.session, Shipment.id, list(ids)):
        candidates |= {s.id: s for s in db.session.query(Shipment).filter(
            part, Shipment.tenant_id == tenant_id, Shipment.deleted_at.is_(None), Shipment.intl_tracking_no != "",
            Shipment.channel_notified_at.is_(None))}
    waiting = set()
    for part in among(db.session, FulfilmentOrder.shipment_id, list(candidates)):
        for order in tenant_query(FulfilmentOrder, tenant_id).filter(part, FulfilmentOrder.deleted_at.is_(None)):
            if _pending(order, candidates[order.shipment_id]):
                waiting.add(order.shipment_id)
    stamped = [i for i in candidates if i not in waiting]
    for part in among(db.session, Shipment.id, stamped):
        db.session.query(Shipment).filter(part).update({Shipment.channel_notified_at: now},
                                                       synchronize_session=False)
    return len(stamped)


def shipments_of_lines(tenant_id: int, line_ids) -> set[int]:
    """The shipments the collected lines (channel order lines) went out in."""
    found = set()
    for part in among(db.session, FulfilmentOrder.channel_line_id, [int(i) for i in line_ids]):
        found |= {sid for (sid,) in db.session.query(FulfilmentOrder.shipment_id).filter(
            part, FulfilmentOrder.tenant_id == tenant_id, FulfilmentOrder.shipment_id.isnot(None))}
    return found


def api_numbers_sent(tenant_id: int, line_ids) -> int:
    """After 송장송신: the orders whose lines reached the channel are stamped, and the shipments whose orders
    all have been."""
    stamped = stamp_notified(tenant_id, shipments_of_lines(tenant_id, line_ids))
    db.session.commit()
    return stamped


def file_downloaded(tenant, rows) -> int:
    """The channel's tracking-upload file was downloaded: its orders are stamped with the number the file
    gave them, and the shipments whose orders all have been."""
    now = utcnow()
    for shipment, order in rows:
        order.notified_number, order.notified_at = shipment.intl_tracking_no, now
    db.session.flush()
    stamped = stamp_notified(tenant.id, {s.id for s, _order in rows})
    db.session.commit()
    return stamped


def file_orders(tenant, shipment_ids=None, *, again: bool = False) -> dict[str, list[tuple[Shipment, FulfilmentOrder]]]:
    """channel → (shipment, order) of the file-imported orders to put in that channel's upload file: those
    whose shipment's current number was not given yet (`again`: all of them, for a lost file)."""
    shipments = {s.id: s for s in numbered(tenant, shipment_ids)}
    rows = defaultdict(list)
    for start in range(0, len(shipments), 900):
        part = list(shipments)[start:start + 900]
        for order in (tenant_query(FulfilmentOrder, tenant)
                      .filter(FulfilmentOrder.shipment_id.in_(part), FulfilmentOrder.deleted_at.is_(None),
                              FulfilmentOrder.source != SOURCE_CHANNEL)
                      .order_by(FulfilmentOrder.shipment_id, FulfilmentOrder.id)):
            shipment = shipments[order.shipment_id]
            if again or order.notified_number != shipment.intl_tracking_no:
                rows[order.channel].append((shipment, order))
    return rows
