"""The history of a shipment: one ShipmentEvent per change, with who and when. Every service that changes
a shipment (here, the gift and forwarder services, the API) records through these two functions."""
from models import ShipmentEvent
from models.base import utcnow
from models.shipment import BY_SELLER, EV_STATUS, STATUSES
from portal.extensions import db


def record(shipment, kind: str, user=None, message: str = "", *, by: str = BY_SELLER, status_from: str = "",
           status_to: str = "", api_key_id: int | None = None, happened_at=None) -> ShipmentEvent:
    event = ShipmentEvent(tenant_id=shipment.tenant_id, shipment=shipment, kind=kind, message=message[:500], by=by,
                          user_id=getattr(user, "id", None), status_from=status_from, status_to=status_to,
                          api_key_id=api_key_id, happened_at=happened_at, at=utcnow())
    db.session.add(event)
    return event


def change_status(shipment, code: str, user=None, message: str = "", *, by: str, api_key_id: int | None = None,
                  happened_at=None) -> ShipmentEvent:
    """Move a shipment to tracking code `code` (A99 also stamps 입고); the caller checks who may."""
    if code not in STATUSES:
        raise ValueError(f"unknown tracking code {code}")
    before = shipment.status
    shipment.status, shipment.status_at = code, happened_at or utcnow()
    if code == "A99" and shipment.received_at is None:
        shipment.received_at, shipment.received_by_id = shipment.status_at, getattr(user, "id", None)
    if user is not None:
        shipment.updated_by_id = user.id
    return record(shipment, EV_STATUS, user, message, by=by, status_from=before, status_to=code,
                  api_key_id=api_key_id, happened_at=happened_at)
