"""배송접수: selected 대기목록 lines become shipments, one per 장바구니번호 (합배송; rows of one cart given
different numbers were split before), each with a fresh 접수번호 and its SKU items; and the merge
suggestions for carts whose recipients match by the documented rules.

A cart is taken whole or not at all: one held line or one line whose code names no SKU keeps the
cart's selected lines in 대기목록, with the reason. RECEIPT_HOOKS (gift events) run on the new
shipments before the commit.

The lines are read as plain rows (no ORM object), and each table is written with one statement: on
PostgreSQL INSERT … SELECT FROM unnest(arrays) for the shipments (ids taken from the sequence first),
their items and their history, and one UPDATE … FROM unnest(arrays) for the lines taken.
"""
import re
from collections import Counter, namedtuple
from dataclasses import dataclass, field
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import insert

from models import FulfilmentOrder, Shipment, ShipmentEvent, ShipmentItem
from models.base import utcnow
from models.fulfilment_order import MATCH_OK
from models.shipment import BY_SELLER, EV_CREATE, REGISTERED
from portal.extensions import db
from portal.i18n import N_
from portal.services.bulk_sql import among, insert_rows, take_ids, update_rows

from ..sku_master import matching
from . import numbers
from .waiting import Refused, waiting

RECEIPT_HOOKS: list = []  # callables (tenant, user, Made) → None, e.g. applying gift events
IN_BATCH = 1000
RECIPIENT = ("country", "recipient_name", "recipient_kana", "recipient_name_en", "recipient_phone", "recipient_mobile",
             "zip_code", "address", "address_detail", "address_en", "message")
# What 배송접수 (and its hooks: the gift events' conditions) read of a waiting line.
LINE_COLUMNS = ("id", "cart_no", "held", "channel", "option_code", "seller_code", "item_code", "sku_code",
                "product_name", "quantity", "amount", "currency", "ordered_at", *RECIPIENT)
Line = namedtuple("Line", LINE_COLUMNS)
# A shipment just written, as the hooks see it.
NewShipment = namedtuple("NewShipment", "id tenant_id receipt_no status received_at")


@dataclass
class Outcome:
    receipt_nos: list = field(default_factory=list)
    shipment_ids: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (장바구니번호, reason)
    lines: int = 0


@dataclass
class Made:
    """What one 배송접수 wrote, handed to RECEIPT_HOOKS as plain records (nothing to load back)."""
    shipments: list  # NewShipment, in 접수번호 order
    orders: dict  # shipment id → its Lines (sku_code as matched)


def _selected(tenant, ids) -> list[Line]:
    """The selected lines still waiting, locked (in id order) until the commit: a 배송접수 of the same lines
    at the same moment waits, then finds them taken and leaves them alone."""
    ids = sorted({int(i) for i in ids if str(i).isdigit()})
    columns = [getattr(FulfilmentOrder, c) for c in LINE_COLUMNS]
    rows = []
    for chosen in among(db.session, FulfilmentOrder.id, ids, IN_BATCH):
        rows += map(Line._make, waiting(tenant).filter(chosen).with_entities(*columns)
                    .order_by(FulfilmentOrder.id).with_for_update(of=FulfilmentOrder))
    return rows


def _insert_shipments(values: list[dict], constants: dict) -> list[int]:
    """Write the shipments; returns their ids in order. PostgreSQL: the ids are drawn from the sequence in
    one statement, the rows written by one INSERT … SELECT FROM unnest. SQLite: one multi-row INSERT …
    RETURNING."""
    if db.engine.dialect.name != "postgresql":
        return db.session.execute(insert(Shipment).returning(Shipment.id, sort_by_parameter_order=True),
                                  [dict(v, **constants) for v in values]).scalars().all()
    ids = take_ids(db.session, Shipment.__tablename__, len(values))
    for shipment_id, row in zip(ids, values):
        row["id"] = shipment_id
    insert_rows(db.session, Shipment.__table__, values, constants)
    return ids


def _carts(rows, results) -> tuple[list, list]:
    """The carts that can be received whole, and (장바구니번호, reason) of those kept back."""
    carts: dict[str, list[Line]] = {}
    for row in rows:
        carts.setdefault(row.cart_no, []).append(row)
    taken, skipped = [], []
    for cart_no, cart in carts.items():
        reasons = []
        if any(r.held for r in cart):
            reasons.append(_("보류된 주문이 있습니다"))
        unmatched = sorted({results[r.id].code or r.product_name for r in cart if results[r.id].state != MATCH_OK})
        if unmatched:
            reasons.append(_("SKU 매칭이 필요합니다: %(codes)s", codes=", ".join(unmatched)))
        if reasons:
            skipped.append((cart_no, " / ".join(reasons)))
        else:
            taken.append((cart_no, cart))
    return taken, skipped


def receive(tenant, user, ids) -> Outcome:
    """배송접수 of the selected waiting lines (ids); returns the 접수번호 given and the carts kept back."""
    rows = _selected(tenant, ids)
    if not rows:
        raise Refused(_("배송접수할 주문을 선택해 주세요."))
    matcher = matching.Matcher(tenant.id)
    matcher.load(rows)
    results = {row.id: matcher.match(row) for row in rows}
    outcome = Outcome()
    taken, outcome.skipped = _carts(rows, results)
    if not taken:
        db.session.rollback()
        return outcome
    now = utcnow()
    values = []
    for receipt_no, (cart_no, cart) in zip(numbers.draw(len(taken)), taken):
        first = cart[0]
        values.append(dict(receipt_no=receipt_no, channel=first.channel, cart_no=cart_no, currency=first.currency,
                           total_amount=sum((r.amount or Decimal(0)) for r in cart),
                           **{f: getattr(first, f) for f in RECIPIENT}))
    shipment_ids = _insert_shipments(values, dict(
        tenant_id=tenant.id, status=REGISTERED, status_at=now, created_by_id=user.id, updated_by_id=user.id,
        created_at=now, updated_at=now, ship_type="KSE", memo="", domestic_carrier="", domestic_tracking_no="",
        intl_carrier="", intl_tracking_no="", hold_reason=""))
    items, events, taken_rows, made = [], [], [], Made([], {})
    said = {}  # the history line by number of orders, translated once
    for shipment_id, shipment, (_cart_no, cart) in zip(shipment_ids, values, taken):
        lines = made.orders[shipment_id] = []
        for row in cart:
            result = results[row.id]
            taken_rows.append({"id": row.id, "shipment_id": shipment_id, "sku_code": result.code[:220],
                               "match_state": result.state, "sku_id": result.sku_id})
            lines.append(row._replace(sku_code=result.code[:220]))
            for sku_id, per_unit in result.units.items():
                sku = matcher.skus[sku_id]
                items.append(dict(shipment_id=shipment_id, order_id=row.id, sku_id=sku_id, sku_code=sku.code,
                                  name=sku.name, quantity=per_unit * row.quantity, channel=row.channel))
        if len(cart) not in said:
            said[len(cart)] = _("주문 %(n)s건 배송접수", n=len(cart))
        events.append(dict(shipment_id=shipment_id, message=said[len(cart)]))
        made.shipments.append(NewShipment(shipment_id, tenant.id, shipment["receipt_no"], REGISTERED, None))
        outcome.receipt_nos.append(shipment["receipt_no"])
        outcome.shipment_ids.append(shipment_id)
        outcome.lines += len(cart)
    update_rows(db.session, FulfilmentOrder.__table__, taken_rows, {"updated_by_id": user.id, "updated_at": now})
    insert_rows(db.session, ShipmentItem.__table__, items, dict(
        tenant_id=tenant.id, is_gift=False, gift_event_id=None, created_at=now, created_by_id=user.id))
    insert_rows(db.session, ShipmentEvent.__table__, events, dict(
        tenant_id=tenant.id, at=now, kind=EV_CREATE, by=BY_SELLER, user_id=user.id, status_from="",
        status_to=REGISTERED, api_key_id=None, happened_at=None))
    db.session.expire_all()  # lines the caller holds were written past the ORM: read afresh
    for hook in RECEIPT_HOOKS:
        hook(tenant, user, made)
    db.session.commit()
    return outcome


# --- merge suggestions --------------------------------------------------------------------------

def _digits(text: str) -> str:
    return re.sub(r"\D", "", text or "")


def _name(text: str) -> str:
    return re.sub(r"\s", "", text or "").lower()


MERGE_RULES = [
    ("name_phone_zip", N_("이름 & 연락처 & 우편번호"),
     lambda r: (_name(r.recipient_name), _digits(r.recipient_phone), _digits(r.zip_code))),
    ("name_phone", N_("이름 & 연락처"), lambda r: (_name(r.recipient_name), _digits(r.recipient_phone))),
    ("zip_phone", N_("우편번호 & 연락처"), lambda r: (_digits(r.zip_code), _digits(r.recipient_phone))),
    ("phone", N_("연락처"), lambda r: (_digits(r.recipient_phone),)),
]


@dataclass
class Suggestion:
    rule: str  # the rule's words (MERGE_RULES)
    carts: list  # 장바구니번호, the first is the one kept
    ids: list  # the waiting lines of those carts
    sample: FulfilmentOrder  # a line of the first cart (its recipient, masked by the page)


def suggestions(tenant, limit: int = 200) -> list[Suggestion]:
    """Carts of waiting lines whose recipients match, strongest rule first; a cart is suggested once."""
    rows = waiting(tenant).filter(FulfilmentOrder.held.is_(False)).order_by(FulfilmentOrder.id).all()
    by_cart: dict[str, list] = {}
    for row in rows:
        by_cart.setdefault(row.cart_no, []).append(row)
    used, out = set(), []
    for _code, words, key in MERGE_RULES:
        groups: dict[tuple, list[str]] = {}
        for cart_no, cart in by_cart.items():
            if cart_no in used:
                continue
            k = key(cart[0])
            if all(k):
                groups.setdefault(k, []).append(cart_no)
        for carts in groups.values():
            if len(carts) > 1:
                used.update(carts)
                out.append(Suggestion(words, carts, [r.id for c in carts for r in by_cart[c]], by_cart[carts[0]][0]))
    return out[:limit]


def counts_by_state(tenant) -> Counter:
    """대기목록 tabs: all, held, unmatched."""
    base = waiting(tenant)
    return Counter(all=base.count(), held=base.filter(FulfilmentOrder.held.is_(True)).count(),
                   unmatched=base.filter(FulfilmentOrder.match_state != MATCH_OK).count())
