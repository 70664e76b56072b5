"""재고 이동 of shipments: the stock of our products that shipments take and give back through the SKU master.

A shipment holds, per item, the stock its SKU's link names (a combination SKU: each component's link ×
the component quantity): taken at 배송접수 and when a gift or 재배송 adds items, given back when the
shipment goes to 삭제목록 or an order inside it is deleted (묶음관리), taken again on 복구. Settling compares
what the shipment should hold with its ShipmentStockMove rows and moves only the difference, so settling
twice moves nothing. Stock never goes below zero, as collected and typed orders move it
(orders.services.stock_link, fulfilment.mirror). An order line whose source line already took its
product's stock in 주문관리 moves nothing here: the stock moves once.

Every transaction that changes a shipment's items, orders or deleted state settles those shipments before
it commits (the session hooks below), whichever screen or job made the change; bulk writers name their
shipments with `touch()`. After the commit, `announce_moved()` tells the stock sync which products moved.
"""
import json
from collections import defaultdict

from sqlalchemy import event, func, inspect, or_, select, text
from sqlalchemy.orm import Session, aliased

from models import (ChannelOrderLine, FulfilmentOrder, FulfilmentSku, FulfilmentSkuComponent, ManualOrderLine,
                    Product, ProductOption, Shipment, ShipmentEvent, ShipmentItem, ShipmentStockMove)
from models.base import utcnow
from models.fulfilment_sku import COMBO, SINGLE
from models.shipment import BY_SELLER, BY_SYSTEM, EV_STOCK
from portal.services.bulk_sql import among, insert_rows

IN_BATCH = 900  # ids per IN list (SQLite allows 999 parameters)
PENDING, SETTLED, MOVED = "shipment_stock_pending", "shipment_stock_settled", "shipment_stock_moved"


def _chunks(session, ids):
    """The ids in parts read by one statement each: on PostgreSQL all of them (one array parameter, see
    _among), elsewhere IN lists of IN_BATCH."""
    ids = sorted(ids)
    size = (len(ids) or 1) if session.get_bind().dialect.name == "postgresql" else IN_BATCH
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def _among(session, column, part):
    """column IN part (a part of _chunks): on PostgreSQL = ANY(one array)."""
    return next(among(session, column, part, len(part)))


def _expected(session, part) -> dict[tuple, int]:
    """(shipment, item, sku, product, option) → units the live items of these shipments should hold."""
    item, sku, combo, part_sku = ShipmentItem, FulfilmentSku, aliased(FulfilmentSku), aliased(FulfilmentSku)
    live = (_among(session, item.shipment_id, part), Shipment.deleted_at.is_(None))
    singles = (select(item.shipment_id, item.id, sku.id, sku.product_id, sku.option_id, item.quantity, item.order_id)
               .select_from(item).join(sku, sku.id == item.sku_id).join(Shipment, Shipment.id == item.shipment_id)
               .where(*live, sku.kind == SINGLE, sku.product_id.isnot(None)))
    parts = (select(item.shipment_id, item.id, part_sku.id, part_sku.product_id, part_sku.option_id,
                    item.quantity * FulfilmentSkuComponent.quantity, item.order_id)
             .select_from(item).join(combo, combo.id == item.sku_id)
             .join(FulfilmentSkuComponent, FulfilmentSkuComponent.combo_id == combo.id)
             .join(part_sku, part_sku.id == FulfilmentSkuComponent.sku_id)
             .join(Shipment, Shipment.id == item.shipment_id)
             .where(*live, combo.kind == COMBO, part_sku.product_id.isnot(None)))
    rows = [row for query in (singles, parts) for row in session.execute(query)]
    # The orders the items came from, read apart (joined in, a planner without statistics of rows written in
    # this transaction scanned every waiting line once per item): deleted ones, and those whose source line
    # took stock in 주문관리, hold nothing.
    dead = set()
    for chosen in among(session, FulfilmentOrder.id, {r[6] for r in rows if r[6] is not None}):
        dead.update(session.scalars(
            select(FulfilmentOrder.id)
            .outerjoin(ManualOrderLine, ManualOrderLine.id == FulfilmentOrder.manual_line_id)
            .outerjoin(ChannelOrderLine, ChannelOrderLine.id == FulfilmentOrder.channel_line_id)
            .where(chosen, or_(FulfilmentOrder.deleted_at.isnot(None), ManualOrderLine.product_id.isnot(None),
                               ChannelOrderLine.product_id.isnot(None)))))
    found: dict[tuple, int] = defaultdict(int)
    for shipment_id, item_id, sku_id, product_id, option_id, quantity, order_id in rows:
        if order_id not in dead:
            found[(shipment_id, item_id, sku_id, product_id, option_id)] += quantity or 0
    plain = {k[3] for k in found if k[4] is None}
    if plain:  # a link to a product that has options but no option named moves nothing, as in 주문관리
        with_options = set(session.scalars(select(ProductOption.product_id).where(
            ProductOption.product_id.in_(plain)).distinct()))
        found = {k: v for k, v in found.items() if not (k[4] is None and k[3] in with_options)}
    return found


def _held(session, part) -> dict[tuple, int]:
    """(shipment, item, sku, product, option) → units the shipments hold now (taken as positive)."""
    m = ShipmentStockMove
    rows = session.execute(select(m.shipment_id, m.item_id, m.sku_id, m.product_id, m.option_id, func.sum(m.change))
                           .where(_among(session, m.shipment_id, part))
                           .group_by(m.shipment_id, m.item_id, m.sku_id, m.product_id, m.option_id))
    return {(s, i, k, p, o): -(total or 0) for s, i, k, p, o, total in rows if total}


# One UPDATE for all the rows of a table: the deltas joined in as a derived table (PostgreSQL: two arrays
# unnested side by side; SQLite: one JSON list of [id, delta] pairs), stock never below zero.
PG_DELTAS = "SELECT unnest(CAST(:ids AS integer[])) AS id, unnest(CAST(:deltas AS integer[])) AS d"
SQLITE_DELTAS = ("SELECT CAST(json_extract(value, '$[0]') AS INTEGER) AS id, "
                 "CAST(json_extract(value, '$[1]') AS INTEGER) AS d FROM json_each(:pairs)")
APPLY = "UPDATE {table} SET stock = {greatest}(0, {table}.stock + s.d) FROM ({deltas}) AS s WHERE {table}.id = s.id"


def _apply(session, table, deltas: dict[int, int], returning) -> set[int]:
    """Add each delta to the stock of its row (never below zero) in one statement; returns the products
    touched."""
    if not deltas:
        return set()
    ids = sorted(deltas)
    if session.get_bind().dialect.name == "postgresql":  # one order of locks: concurrent writers wait, never deadlock
        session.execute(select(table.c.id).where(table.c.id.in_(ids)).order_by(table.c.id)
                        .with_for_update(key_share=True))
        sql, params = APPLY.format(table=table.name, greatest="GREATEST", deltas=PG_DELTAS), {
            "ids": ids, "deltas": [deltas[i] for i in ids]}
    else:
        sql, params = APPLY.format(table=table.name, greatest="MAX", deltas=SQLITE_DELTAS), {
            "pairs": json.dumps([[i, deltas[i]] for i in ids])}
    session.execute(text(sql), params)
    return set(session.scalars(select(returning).where(table.c.id.in_(ids))))


def settle(session, shipment_ids, user_id=None) -> set[tuple[int, int]]:
    """Move the stock of these shipments to what they should hold now; returns (tenant, product) moved."""
    option_deltas, product_deltas, moves = defaultdict(int), defaultdict(int), []
    for part in _chunks(session, set(shipment_ids)):
        expected, held = _expected(session, part), _held(session, part)
        for key in set(expected) | set(held):
            diff = expected.get(key, 0) - held.get(key, 0)  # units still to take (< 0: to give back)
            if diff:
                moves.append((key, -diff))
    if not moves:
        return set()
    tenant_of = {shipment_id: tenant_id for part in _chunks(session, {k[0] for k, _ in moves})
                 for shipment_id, tenant_id in session.execute(select(Shipment.id, Shipment.tenant_id)
                                                               .where(_among(session, Shipment.id, part)))}
    codes = {sku_id: code for part in _chunks(session, {k[2] for k, _ in moves})
             for sku_id, code in session.execute(select(FulfilmentSku.id, FulfilmentSku.code)
                                                 .where(_among(session, FulfilmentSku.id, part)))}
    now, rows, lines = utcnow(), [], defaultdict(list)
    for (shipment_id, item_id, sku_id, product_id, option_id), change in sorted(moves, key=lambda m: m[0][0]):
        rows.append(dict(tenant_id=tenant_of[shipment_id], shipment_id=shipment_id, item_id=item_id,
                         sku_id=sku_id, product_id=product_id, option_id=option_id, change=change, at=now,
                         user_id=user_id))
        if option_id is None:
            product_deltas[product_id] += change
        else:
            option_deltas[option_id] += change
        lines[shipment_id].append(f"{codes.get(sku_id, sku_id)} {change:+d}")
    # written past the ORM (PostgreSQL: one COPY each); nothing in the session holds these rows yet
    insert_rows(session, ShipmentStockMove.__table__, rows)
    insert_rows(session, ShipmentEvent.__table__, [dict(
        tenant_id=tenant_of[sid], shipment_id=sid, message=", ".join(text)[:500]) for sid, text in lines.items()],
        dict(at=now, kind=EV_STOCK, by=BY_SELLER if user_id else BY_SYSTEM, user_id=user_id, status_from="",
             status_to="", happened_at=None, api_key_id=None))
    touched = _apply(session, ProductOption.__table__, option_deltas, ProductOption.product_id)
    touched |= _apply(session, Product.__table__, product_deltas, Product.id)
    tenants = dict(session.execute(select(Product.id, Product.tenant_id).where(Product.id.in_(touched))).all())
    return {(tenants[p], p) for p in touched if p in tenants}


# --- settling every changed shipment before its transaction commits ------------------------------

def touch(session, shipment_ids, user_id=None) -> None:
    """Shipments a bulk statement changed (the ORM does not see those): settled before the commit, the
    moves recorded as `user_id`'s."""
    pending = session.info.setdefault(PENDING, {})
    for shipment_id in shipment_ids:
        if shipment_id is not None:
            pending[shipment_id] = user_id or pending.get(shipment_id)


def on_receipt(_tenant, user, made) -> None:
    """shipments.receipt.RECEIPT_HOOKS entry (after the gift hooks): the new shipments (made.shipments, their
    items and gifts written past the ORM) take their stock before the commit."""
    from portal.extensions import db

    touch(db.session, [s.id for s in made.shipments], getattr(user, "id", None))


def _changed(state, name: str) -> bool:
    history = state.attrs[name].history
    return bool(history.added or history.deleted)


@event.listens_for(Session, "before_flush")
def _note_changes(session, _context, _instances) -> None:
    found = {}  # shipment → who changed it
    for obj in session.new | session.deleted:
        if isinstance(obj, ShipmentItem):
            found[obj.shipment_id or (obj.shipment.id if obj.shipment is not None else None)] = obj.created_by_id
    for obj in session.dirty:
        if isinstance(obj, Shipment) and _changed(inspect(obj), "deleted_at"):
            found[obj.id] = obj.updated_by_id
        elif isinstance(obj, ShipmentItem) and (_changed(inspect(obj), "quantity") or _changed(inspect(obj), "sku_id")):
            found[obj.shipment_id] = obj.created_by_id
        elif isinstance(obj, FulfilmentOrder) and obj.shipment_id and _changed(inspect(obj), "deleted_at"):
            found[obj.shipment_id] = obj.deleted_by_id or obj.updated_by_id
    for shipment_id, user_id in found.items():
        touch(session, [shipment_id], user_id)


@event.listens_for(Session, "before_commit")
def _settle_before_commit(session) -> None:
    while session.info.get(PENDING) or session.new or session.dirty or session.deleted:
        session.flush()  # new gift rows get their shipment; changes are noted by _note_changes
        pending = session.info.pop(PENDING, {})
        if not pending:
            break
        by_user = defaultdict(list)
        for shipment_id, user_id in pending.items():
            by_user[user_id].append(shipment_id)
        for user_id, shipment_ids in by_user.items():
            session.info.setdefault(SETTLED, set()).update(settle(session, shipment_ids, user_id))


@event.listens_for(Session, "after_commit")
def _keep_moved(session) -> None:
    settled = session.info.pop(SETTLED, None)
    if settled:
        session.info.setdefault(MOVED, set()).update(settled)


@event.listens_for(Session, "after_soft_rollback")
def _forget(session, _previous) -> None:
    session.info.pop(PENDING, None)
    session.info.pop(SETTLED, None)


def announce_moved(session) -> set[int]:
    """After the commit: the stock sync hears of every product whose stock shipments moved."""
    from blueprints.orders.services.stock_link import announce

    moved = session.info.pop(MOVED, set())
    by_tenant = defaultdict(set)
    for tenant_id, product_id in moved:
        by_tenant[tenant_id].add(product_id)
    for tenant_id, products in by_tenant.items():
        announce(tenant_id, products)
    return {p for _t, p in moved}
