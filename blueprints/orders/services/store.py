"""Storing what a channel returned: orders and lines insert-or-ignore on their channel ids, status merges."""
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select, tuple_

from models import ChannelOrder, ChannelOrderLine, OrderEvent
from models.base import utcnow
from portal.extensions import db
from portal.i18n import N_
from portal.marketplaces import discover_adapters

from . import DONE_STATUSES, merged_status, naive_utc, status_label
from .stock_link import take_stock

BATCH = 500          # orders a transaction: each commit costs a disk sync


@dataclass
class StoreResult:
    inserted: int = 0
    already: int = 0
    delivered: int = 0
    changed: int = 0
    new_line_ids: list[int] = field(default_factory=list)
    canceled_line_ids: list[int] = field(default_factory=list)
    touched: set[int] = field(default_factory=set)  # products whose stock moved: announce after commit


def _insert(model):
    """INSERT … ON CONFLICT DO NOTHING on SQLite and PostgreSQL alike."""
    if db.engine.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(model)


def store_orders(tenant_id: int, account, orders, *, take_new: bool = True, take_delivered: bool = True,
                 run_id: int | None = None, heartbeat=None, result: StoreResult | None = None) -> StoreResult:
    """Insert unseen lines (never twice: the unique key decides) and merge statuses of known ones.

    Each batch commits its lines together with the stock they take (new lines) or give back
    (lines now 취소완료): a crash never leaves lines stored whose stock did not move.

    Pass `result` to add to the counts of an earlier call (a collection stored window by window).
    """
    result = result if result is not None else StoreResult()
    for start in range(0, len(orders), BATCH):
        new_before = len(result.new_line_ids)
        _store_batch(tenant_id, account, orders[start:start + BATCH], take_new, take_delivered, run_id, result)
        result.touched |= take_stock(tenant_id, result.new_line_ids[new_before:])
        db.session.commit()
        if heartbeat:
            heartbeat(min(start + BATCH, len(orders)), len(orders))
    return result


def _store_batch(tenant_id, account, batch, take_new, take_delivered, run_id, result):
    now = utcnow()
    if take_new:
        rows = [_order_row(tenant_id, account, o, now) for o in batch]
        db.session.execute(_insert(ChannelOrder).on_conflict_do_nothing(
            index_elements=["account_id", "channel_order_id"]), rows)
    order_ids = dict(db.session.execute(
        select(ChannelOrder.channel_order_id, ChannelOrder.id).where(
            ChannelOrder.account_id == account.id,
            ChannelOrder.channel_order_id.in_([o.channel_order_id for o in batch]))).all())
    keys = [(x.channel_order_id, x.channel_line_id) for o in batch for x in o.lines]
    existing = {(r.channel_order_id, r.channel_line_id): r for r in db.session.scalars(
        select(ChannelOrderLine).where(
            ChannelOrderLine.account_id == account.id,
            tuple_(ChannelOrderLine.channel_order_id, ChannelOrderLine.channel_line_id).in_(keys)))} if keys else {}
    fresh = []
    for order in batch:
        for line in order.lines:
            known = existing.get((line.channel_order_id, line.channel_line_id))
            if known is None:
                if take_new and order.channel_order_id in order_ids:
                    fresh.append(_line_row(tenant_id, account, order, line, order_ids[order.channel_order_id], now))
                continue
            result.already += 1
            _merge(known, line, take_delivered, run_id, result)
    if fresh:
        inserted = db.session.execute(
            _insert(ChannelOrderLine).on_conflict_do_nothing(
                index_elements=["channel", "account_id", "channel_order_id", "channel_line_id"])
            .returning(ChannelOrderLine.id), fresh).scalars().all()
        # A line another run inserted a moment ago is "already registered", not new.
        result.already += len(fresh) - len(inserted)
        result.inserted += len(inserted)
        result.new_line_ids.extend(inserted)
        db.session.execute(_insert(OrderEvent), [
            {"tenant_id": tenant_id, "line_id": line_id, "at": now, "kind": N_("주문수집"), "ok": True,
             "message": _("주문을 수집했습니다."), "run_id": run_id, "is_invoice": False} for line_id in inserted])


def _merge(known: ChannelOrderLine, line, take_delivered: bool, run_id, result: StoreResult) -> None:
    remote = line.status.name
    if remote in DONE_STATUSES and not take_delivered:
        return
    new = merged_status(known.status, remote)
    if new == known.status:
        return
    db.session.add(OrderEvent(tenant_id=known.tenant_id, line_id=known.id, kind=N_("상태변경"),
                              run_id=run_id,
                              message=_("%(status_label)s → %(status_label2)s (제휴몰 수집)",
                                        status_label=status_label(known.status), status_label2=status_label(new))))
    if new in DONE_STATUSES and known.done_at is None:
        known.done_at = utcnow()
        result.delivered += 1
    if new == "CANCELED":
        result.canceled_line_ids.append(known.id)
        if known.product_id is not None:
            result.touched.add(known.product_id)  # given back in this flush (stock_link)
    if line.tracking_number and not known.tracking_number:
        known.courier_code, known.tracking_number = line.courier_code, line.tracking_number
    known.status, known.raw_status = new, line.raw_status
    result.changed += 1


def _order_row(tenant_id, account, order, now) -> dict:
    return {"tenant_id": tenant_id, "account_id": account.id, "channel": account.channel,
            "channel_order_id": order.channel_order_id, "ordered_at": naive_utc(order.ordered_at) or now,
            "buyer_name": order.buyer_name[:60], "buyer_phone": order.buyer_phone[:30],
            "recipient_name": order.recipient_name[:60], "recipient_phone": order.recipient_phone[:30],
            "zip_code": order.zip_code[:10], "address": order.address[:300],
            "address_detail": order.address_detail[:200], "delivery_message": order.delivery_message[:300],
            "total_amount": order.total_amount, "shipping_fee": order.shipping_fee,
            "currency": order_currency(account, order), "created_at": now, "updated_at": now}


def order_currency(account, order) -> str:
    """The order's own currency, else the channel's (its adapter's price_currency), else KRW."""
    if getattr(order, "currency", ""):
        return order.currency.upper()[:3]
    cls = discover_adapters().get(account.channel or "")
    return getattr(cls, "price_currency", "KRW") if cls else "KRW"


def _line_row(tenant_id, account, order, line, order_id, now) -> dict:
    status = line.status.name
    return {"tenant_id": tenant_id, "order_id": order_id, "account_id": account.id, "channel": account.channel,
            "channel_order_id": line.channel_order_id, "channel_line_id": line.channel_line_id,
            "ordered_at": naive_utc(order.ordered_at) or now, "product_name": line.product_name[:200],
            "option_name": line.option_name[:200], "quantity": line.quantity, "unit_price": line.unit_price,
            "amount": line.amount, "status": status, "raw_status": line.raw_status[:60],
            "seller_code": line.seller_code[:60], "channel_product_id": line.channel_product_id[:60],
            "origin_product_id": line.origin_product_id[:60],
            "channel_item_id": line.channel_item_id[:60], "ship_unit_id": line.ship_unit_id[:60],
            "courier_code": line.courier_code[:20], "tracking_number": line.tracking_number[:40],
            "invoice_state": "", "done_at": now if status in DONE_STATUSES else None,
            "delay_reason": "", "cancel_reason": "", "created_at": now, "updated_at": now}
