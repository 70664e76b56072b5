"""마켓별 일괄 배송 통지 rules: which shipments have a number to report, staging the numbers of API-collected
orders into the invoice outbox (so 송장송신 sends each line once, never twice), and the rows of file orders.

A shipment's 국제 송장번호 goes to every live order of it. For an API-collected order the collected line gets
the number in the outbox (the carrier as the channel's 택배사 code where one matches, else 기타택배); a line
whose invoice was already sent with that number is left alone, and one the outbox refuses (not 발주확인, a
different number already sent) is reported with the outbox's reason. File-imported orders are listed for
the channel's own upload file.

A shipment is 배송 통지 done (Shipment.channel_notified_at) once its number has reached the channel: every
live API-collected order's line sent with that number (the outbox reports it sent), and its file-imported
orders downloaded in their channel's tracking-upload file. A new 국제 송장번호 clears the stamp.
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


def _api_lines_sent(tenant_id: int, shipment_ids) -> dict[int, bool]:
    """shipment id → whether every live API-collected order of it has its line sent with the shipment's
    number (True for a shipment without such orders)."""
    done = {i: True for i in shipment_ids}
    for part in among(db.session, FulfilmentOrder.shipment_id, list(done)):
        found = (db.session.query(FulfilmentOrder.shipment_id, Shipment.intl_tracking_no,
                                  ChannelOrderLine.invoice_state, ChannelOrderLine.tracking_number)
                 .join(Shipment, Shipment.id == FulfilmentOrder.shipment_id)
                 .join(ChannelOrderLine, ChannelOrderLine.id == FulfilmentOrder.channel_line_id)
                 .filter(part, FulfilmentOrder.tenant_id == tenant_id, FulfilmentOrder.deleted_at.is_(None),
                         FulfilmentOrder.source == SOURCE_CHANNEL))
        for shipment_id, number, state, sent_number in found:
            if state != SENT or sent_number != couriers.normalized(number):
                done[shipment_id] = False
    return done


def _has_file_orders(tenant_id: int, shipment_ids) -> set[int]:
    found = set()
    for part in among(db.session, FulfilmentOrder.shipment_id, list(shipment_ids)):
        found |= {sid for (sid,) in db.session.query(FulfilmentOrder.shipment_id).filter(
            part, FulfilmentOrder.tenant_id == tenant_id, FulfilmentOrder.deleted_at.is_(None),
            FulfilmentOrder.source != SOURCE_CHANNEL).distinct()}
    return found


def stamp_notified(tenant_id: int, shipment_ids, *, files_given: bool = False) -> int:
    """Stamp channel_notified_at on the numbered shipments not stamped yet whose number has reached the channel:
    their API-collected orders all sent, and (unless `files_given`: their channel's file was just downloaded)
    no file-imported order. The caller commits; returns how many were stamped."""
    ids = {int(i) for i in shipment_ids}
    if not ids:
        return 0
    candidates = set()
    for part in among(db.session, Shipment.id, list(ids)):
        candidates |= {sid for (sid,) in db.session.query(Shipment.id).filter(
            part, Shipment.tenant_id == tenant_id, Shipment.deleted_at.is_(None), Shipment.intl_tracking_no != "",
            Shipment.channel_notified_at.is_(None))}
    sent = _api_lines_sent(tenant_id, candidates)
    waiting_files = set() if files_given else _has_file_orders(tenant_id, candidates)
    stamped = [i for i in candidates if sent[i] and i not in waiting_files]
    now = utcnow()
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
    """After 송장송신: the shipments of the lines whose numbers all reached the channel are stamped."""
    stamped = stamp_notified(tenant_id, shipments_of_lines(tenant_id, line_ids))
    db.session.commit()
    return stamped


def file_downloaded(tenant, rows) -> int:
    """The channel's tracking-upload file was downloaded: its shipments are stamped (their API-collected
    orders, if any, sent too)."""
    stamped = stamp_notified(tenant.id, {s.id for s, _order in rows}, files_given=True)
    db.session.commit()
    return stamped


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
