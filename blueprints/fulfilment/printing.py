"""Shipments of one seller turned into the rows the printed documents read (documents/rows.py).

Lookups go through the tenancy helper: an id of another seller's shipment is a 404. A shipment item
prints its SKU's 한글 picking name and location; the export declaration fields come from the
seller's 수출신고 edits first, then the SKU master (수출통관용 영문명, else 영문상품명; HS code; weight).
"""
from decimal import Decimal

from sqlalchemy.orm import selectinload
from werkzeug.exceptions import NotFound

from models import ExportDeclaration, Shipment, ShipmentItem
from models.shipment import SHIP_TYPES
from portal.extensions import db
from portal.tenancy import tenant_query

from .documents import rows

SHIPPED = ("A99", "B00", "B11", "B99", "C11", "C90", "D00", "D11", "D99", "E00", "E01")
LABEL_JOB_THRESHOLD = 300  # more labels than this print as a job
PACKING_JOB_THRESHOLD = 300  # a packing list of more shipments than this prints as a job


def owned_shipments(tenant, ids, shipped_only: bool = False) -> list[Shipment]:
    """The seller's live shipments of `ids`, in the order given; any unknown or foreign id is a 404."""
    ids = [int(value) for value in ids]
    query = (tenant_query(Shipment, tenant).filter(Shipment.id.in_(ids), Shipment.deleted_at.is_(None))
             .options(selectinload(Shipment.items).selectinload(ShipmentItem.sku),
                      selectinload(Shipment.orders)))
    found = {shipment.id: shipment for shipment in query.all()}
    if len(found) != len(set(ids)):
        raise NotFound()
    if shipped_only and any(found[i].status not in SHIPPED for i in ids):
        raise NotFound()
    return [found[i] for i in dict.fromkeys(ids)]


def _overrides(tenant, shipments) -> dict[int, dict]:
    if not shipments:
        return {}
    found = tenant_query(ExportDeclaration, tenant).filter(
        ExportDeclaration.shipment_id.in_([s.id for s in shipments])).all()
    return {row.shipment_id: row.items or {} for row in found}


def _decimal(value) -> Decimal | None:
    if value in (None, ""):
        return None
    return Decimal(str(value))


def to_rows(tenant, shipments: list[Shipment], sender: dict | None = None) -> list[rows.Shipment]:
    edits = _overrides(tenant, shipments)
    result = []
    for shipment in shipments:
        orders = {order.id: order for order in shipment.orders}
        codes_per_order: dict[int | None, int] = {}
        for item in shipment.items:
            codes_per_order[item.order_id] = codes_per_order.get(item.order_id, 0) + 1
        lines = []
        for item in shipment.items:
            order, sku = orders.get(item.order_id), item.sku
            edit = edits.get(shipment.id, {}).get(str(item.id), {})
            lines.append(rows.Line(
                name=(sku.name if sku else "") or item.name or (order.product_name if order else ""),
                quantity=item.quantity, option=order.option_name if order else "",
                option_code=item.sku_code, item_code=order.item_code if order else "",
                sku=sku.code if sku else item.sku_code,
                market_name=order.product_name if order else item.name,
                location=sku.location if sku else "", gift=item.is_gift,
                unit_price=(order.unit_price or Decimal(0)) if order else Decimal(0),
                currency=order.currency if order else shipment.currency,
                english_name=edit.get("name_en") or (sku.customs_name_en or sku.name_en if sku else ""),
                hs_code=edit.get("hs_code") or (sku.hs_code if sku else ""),
                weight_kg=_decimal(edit.get("weight_kg")) or (sku.weight_kg if sku else None),
                own_label=item.order_id is not None and codes_per_order[item.order_id] > 1,
                item_id=item.id))
        first = shipment.orders[0] if shipment.orders else None
        result.append(rows.Shipment(
            receipt_no=shipment.receipt_no, lines=tuple(lines), cart_no=shipment.cart_no,
            order_no=first.order_no if first else "", channel=shipment.channel,
            registered_on=shipment.created_at.strftime("%Y-%m-%d") if shipment.created_at else "",
            recipient=shipment.recipient_name, recipient_kana=shipment.recipient_kana,
            recipient_en=shipment.recipient_name_en, country=shipment.country,
            address=" ".join(p for p in (shipment.address, shipment.address_detail) if p),
            zip_code=shipment.zip_code, phone=shipment.recipient_phone or shipment.recipient_mobile,
            tracking_no=shipment.intl_tracking_no,
            delivery_type=SHIP_TYPES.get(shipment.ship_type, shipment.ship_type), memo=shipment.memo,
            sender=sender or {}))
    return result


def sender_of(tenant) -> dict:
    """보내는 사람 of the parcel receipt: the company and its customs (English) block of 회사정보."""
    english = ", ".join(p for p in (tenant.en_street, tenant.en_city, tenant.en_state, tenant.en_zipcode,
                                    tenant.en_country) if p)
    return {"name": " / ".join(p for p in (tenant.name, tenant.en_sender_name) if p),
            "address": english or f"{tenant.zipcode} {tenant.address}".strip(),
            "phone": tenant.en_phone or tenant.mobile}


def mark_printed(shipments: list[Shipment]) -> None:
    """출력 O: the packing list or labels of these shipments were printed."""
    from models.base import utcnow

    now = utcnow()
    for shipment in shipments:
        shipment.printed_at = now
    db.session.commit()
