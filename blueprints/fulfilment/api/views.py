"""KSE API: a small JSON API for a seller's own system or its forwarder, authenticated by the seller's API key
(header KSE-APIKey), rate-limited per key, CSRF-exempt (no browser session is involved), and walled to the
key's seller: another seller's 접수번호 answers exactly like a missing one (404).

    GET  /api/kse/v1/shipments                 the seller's shipments (status, since, after, limit)
    GET  /api/kse/v1/shipments/<접수번호>        one shipment with its items and tracking history
    POST /api/kse/v1/events                    status events (and 국제 송장번호) for up to 500 shipments
"""
from datetime import datetime, timedelta, timezone

from flask import Blueprint, g, jsonify, request
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from models import Shipment
from models.base import utcnow
from models.shipment import BY_API, STATUSES
from portal.extensions import db
from portal.security import mask_name

from ..tracking import status as moves
from ..tracking.codes import label
from ..tracking.queries import history
from . import keys, limits

api = Blueprint("kse_api", __name__, url_prefix="/api/kse/v1")
KST = timezone(timedelta(hours=9))
PAGE_MAX = 500
EVENTS_MAX = 500


def _error(status: int, code: str, message: str, **headers):
    response = jsonify(error={"code": code, "message": message})
    response.status_code = status
    response.headers.update(headers)
    return response


@api.before_request
def _authenticate():
    key = keys.authenticate(request.headers.get("KSE-APIKey", ""), request.remote_addr or "")
    if key is None:
        return _error(401, "UNAUTHORIZED", _("KSE-APIKey 헤더에 유효한 API 키를 넣어 주세요. 폐기된 키는 사용할 수 없습니다."))
    allowed, wait = limits.take(key.id)
    if not allowed:
        return _error(429, "RATE_LIMITED", _("요청이 너무 많습니다. %(wait)s초 뒤에 다시 시도해 주세요.", wait=wait),
                      **{"Retry-After": str(wait)})
    g.api_key = key
    return None


def _iso(moment):
    return moment.replace(tzinfo=timezone.utc).astimezone(KST).isoformat() if moment else None


def _summary(s: Shipment) -> dict:
    return {"receipt_no": s.receipt_no, "status": s.status, "status_label": label(s.status),
            "status_at": _iso(s.status_at), "ship_type": s.ship_type, "channel": s.channel, "cart_no": s.cart_no,
            "country": s.country, "recipient": mask_name(s.recipient_name), "intl_carrier": s.intl_carrier,
            "intl_tracking_no": s.intl_tracking_no,
            "weight_kg": str(s.weight_kg) if s.weight_kg is not None else None,
            "received_at": _iso(s.received_at), "created_at": _iso(s.created_at), "updated_at": _iso(s.updated_at),
            "items": [{"sku": i.sku_code, "name": i.name, "quantity": i.quantity, "gift": i.is_gift} for i in s.items]}


def _parse_time(text: str):
    """An ISO 8601 time with its offset → naive UTC; None if absent; ValueError if malformed."""
    if not text:
        return None
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(text)
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


def _mine():
    return db.session.query(Shipment).filter(Shipment.tenant_id == g.api_key.tenant_id,
                                             Shipment.deleted_at.is_(None))


@api.get("/shipments")
def shipments():
    query = _mine()
    code = request.args.get("status", "")
    if code:
        if code not in STATUSES:
            return _error(400, "BAD_STATUS", _("알 수 없는 배송상태코드입니다: %(code)s", code=code))
        query = query.filter(Shipment.status == code)
    try:
        since = _parse_time(request.args.get("since", ""))
    except ValueError:
        return _error(400, "BAD_SINCE", _("since는 시간대가 붙은 ISO 8601 시각으로 보내 주세요. 예: 2026-12-01T00:00:00+09:00"))
    if since:
        query = query.filter(Shipment.updated_at >= since)
    after = request.args.get("after", type=int) or 0
    limit = min(max(request.args.get("limit", type=int) or 100, 1), PAGE_MAX)
    rows = (query.filter(Shipment.id > after).options(selectinload(Shipment.items)).order_by(Shipment.id)
            .limit(limit + 1).all())
    more = len(rows) > limit
    rows = rows[:limit]
    return jsonify(shipments=[_summary(s) | {"id": s.id} for s in rows],
                   next_after=rows[-1].id if more and rows else None)


@api.get("/shipments/<receipt_no>")
def shipment(receipt_no: str):
    found = _mine().filter(Shipment.receipt_no == receipt_no.upper()).one_or_none()
    if found is None:
        return _error(404, "NOT_FOUND", _("접수번호를 찾을 수 없습니다: %(no)s", no=receipt_no))
    events = [{"at": _iso(e.happened_at or e.at), "code": e.status_to, "status_label": label(e.status_to)
               if e.status_to else "", "kind": e.kind, "message": e.message, "by": e.by} for e in history(found)]
    return jsonify(shipment=_summary(found) | {"history": events})


def _one_event(item, found: dict) -> dict:
    receipt_no = str(item.get("receipt_no") or "").strip().upper()
    result = {"receipt_no": receipt_no, "ok": False}
    shipment = found.get(receipt_no)
    if shipment is None:
        return result | {"error": _("접수번호를 찾을 수 없습니다: %(no)s", no=receipt_no or _("(빈칸)"))}
    code = str(item.get("code") or "").strip().upper()
    try:
        at = _parse_time(str(item.get("at") or ""))
    except ValueError:
        return result | {"error": _("at은 시간대가 붙은 ISO 8601 시각으로 보내 주세요. 예: 2026-12-04T10:38:00+09:00")}
    if at and at > utcnow() + timedelta(hours=1):
        return result | {"error": _("미래 시각의 배송상태는 받을 수 없습니다.")}
    if not code and not item.get("tracking_no"):
        return result | {"error": _("code(배송상태코드) 또는 tracking_no(국제 송장번호)를 보내 주세요.")}
    key = g.api_key
    try:
        if item.get("tracking_no"):
            moves.assign_tracking(shipment, str(item.get("carrier") or ""), str(item["tracking_no"]), by=BY_API,
                                  api_key_id=key.id)
        if code and code == shipment.status:  # a retried push: recorded once already
            db.session.commit()
            return result | {"ok": True, "duplicate": True, "status": shipment.status}
        if code:
            moves.change_status(shipment, code, by=BY_API, api_key_id=key.id, message=str(item.get("message") or ""),
                                happened_at=at)
    except moves.Refused as refused:
        db.session.rollback()
        return result | {"error": str(refused)}
    db.session.commit()
    return result | {"ok": True, "status": shipment.status}


@api.post("/events")
def events():
    body = request.get_json(silent=True)
    items = body.get("events") if isinstance(body, dict) else None
    if not isinstance(items, list) or not items:
        return _error(400, "BAD_BODY", _('본문은 {"events": [{"receipt_no": …, "code": …}]} 형식의 JSON으로 보내 주세요.'))
    if len(items) > EVENTS_MAX:
        return _error(400, "TOO_MANY", _("한 번에 %(n)s건까지 보낼 수 있습니다.", n=EVENTS_MAX))
    items = [i if isinstance(i, dict) else {} for i in items]
    numbers = {str(i.get("receipt_no") or "").strip().upper() for i in items} - {""}
    found = {s.receipt_no: s for s in _mine().filter(Shipment.receipt_no.in_(numbers or {""}))}
    results = [_one_event(item, found) for item in items]
    return jsonify(results=results, ok=sum(r["ok"] for r in results), failed=sum(not r["ok"] for r in results))


def register(state) -> None:
    """Registered beside the 배송관리 menu on each app, outside its login guard and CSRF check."""
    from portal.extensions import csrf

    csrf.exempt(api)
    state.app.register_blueprint(api)
