"""배송현황 / 배송관리 lists: the status tiles with their aging buckets, the filtered shipment list (keyset
pages), one shipment's history, and the rows of the Excel download.

A tile counts the live shipments of the period (배송접수일, KST days) waiting in one status, and how many of
them have waited 3+/5+/7+/10+/15+ days in it (Shipment.status_at is when the status was entered). Delivered
shipments are most of a seller's history and never wait, so the counts read only the open ones (an index
of open shipments keeps them small).
"""
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import case, func, tuple_

from blueprints.orders.services.queries import Page
from models import FulfilmentOrder, Shipment, ShipmentEvent
from models.base import utcnow
from models.shipment import STATUSES
from portal.days import today_kst, utc_bounds
from portal.extensions import db
from portal.i18n import N_
from portal.tenancy import tenant_query

from .codes import AGING_DAYS, DELIVERED, TILES

PER_PAGE = 50
DEFAULT_DAYS = 30
MAX_DAYS = 366
SEARCH_FIELDS = {"receipt_no": N_("접수번호"), "order_no": N_("주문번호"), "cart_no": N_("장바구니번호"),
                 "tracking": N_("송장번호(도착지)")}  # the 국제 송장번호
EXPORT_MAX = 100_000
COUNT_CAP = 10_000  # a list's total is counted up to here (a year of delivered shipments is not worth counting)


class BadFilter(Exception):
    """A filter the seller typed wrong, with the Korean reason."""


@dataclass
class Filter:
    start: date
    end: date
    status: str = ""
    aging: int = 0  # days in the status, at least
    field: str = "receipt_no"
    text: str = ""

    @classmethod
    def from_args(cls, args) -> "Filter":
        today = today_kst()
        try:
            start = date.fromisoformat(args["from"]) if args.get("from") else today - timedelta(days=DEFAULT_DAYS - 1)
            end = date.fromisoformat(args["to"]) if args.get("to") else today
        except ValueError:
            raise BadFilter(_("배송접수일은 2026-12-01 형식으로 입력해 주세요.")) from None
        if end < start:
            raise BadFilter(_("배송접수일의 끝은 시작일과 같거나 뒤여야 합니다."))
        if (end - start).days >= MAX_DAYS:
            raise BadFilter(_("배송접수일은 최대 366일까지 조회할 수 있습니다."))
        aging = args.get("aging", "")
        status = args.get("status", "")
        return cls(start, end, status if status in STATUSES or status == "open" else "",
                   int(aging) if aging.isdigit() and int(aging) in AGING_DAYS else 0,
                   args.get("field") if args.get("field") in SEARCH_FIELDS else "receipt_no",
                   (args.get("q") or "").strip())

    def args(self) -> dict:
        return {"from": self.start.isoformat(), "to": self.end.isoformat(), "status": self.status,
                "aging": self.aging or "", "field": self.field, "q": self.text}


def _period(query, flt: Filter):
    since, until = utc_bounds(flt.start, flt.end)
    return query.filter(Shipment.deleted_at.is_(None), Shipment.created_at >= since, Shipment.created_at < until)


def tiles(tenant, flt: Filter) -> dict:
    """{"total": open shipments, "tiles": [(code, title, {"total": n, 3: n, 5: n, …})]}."""
    now = utcnow()
    columns = [func.sum(case((Shipment.status_at <= now - timedelta(days=d), 1), else_=0)) for d in AGING_DAYS]
    rows = (_period(db.session.query(Shipment.status, func.count(), *columns), flt)
            .filter(Shipment.tenant_id == tenant.id, Shipment.status != DELIVERED)
            .group_by(Shipment.status).all())
    by_code = {row[0]: {"total": row[1], **{d: int(row[2 + i] or 0) for i, d in enumerate(AGING_DAYS)}} for row in rows}
    empty = {"total": 0, **{d: 0 for d in AGING_DAYS}}
    return {"total": sum(v["total"] for v in by_code.values()),
            "tiles": [(code, title, by_code.get(code, empty)) for code, title in TILES]}


def filtered(tenant, flt: Filter):
    query = _period(tenant_query(Shipment, tenant), flt)
    if flt.status == "open":
        query = query.filter(Shipment.status != DELIVERED)
    elif flt.status:
        query = query.filter(Shipment.status == flt.status)
    if flt.aging:
        query = query.filter(Shipment.status_at <= utcnow() - timedelta(days=flt.aging))
    if flt.text:
        if flt.field == "receipt_no":
            query = query.filter(Shipment.receipt_no == flt.text.upper())
        elif flt.field == "cart_no":
            query = query.filter(Shipment.cart_no == flt.text)
        elif flt.field == "tracking":
            query = query.filter(Shipment.intl_tracking_no == flt.text)
        else:
            ids = tenant_query(FulfilmentOrder, tenant).filter(FulfilmentOrder.order_no == flt.text).with_entities(
                FulfilmentOrder.shipment_id)
            query = query.filter(Shipment.id.in_(ids.scalar_subquery()))
    return query


def page_of(query, args, per_page: int = PER_PAGE) -> Page:
    """Newest 배송접수 first, walked by (배송접수일, id) so a page reads the period's index backwards from where
    the last one stopped: `after` is the id of the last row seen."""
    total = query.order_by(None).limit(COUNT_CAP + 1).count()  # "10,000+" beyond: the tiles count exactly
    after_id = args.get("after", type=int)
    after = query.filter(Shipment.id == after_id).first() if after_id else None  # only a row of this list
    if after is not None:
        query = query.filter(tuple_(Shipment.created_at, Shipment.id) < (after.created_at, after.id))
    items = query.order_by(Shipment.created_at.desc(), Shipment.id.desc()).limit(per_page + 1).all()
    more = len(items) > per_page
    items = items[:per_page]
    return Page(items, total, items[-1].id if more and items else None, after is None)


def days_since(moment, now=None) -> int:
    return max(((now or utcnow()) - moment).days, 0) if moment else 0


def history(shipment) -> list[ShipmentEvent]:
    """배송조회: every recorded event, newest first (the forwarder's time when it gave one)."""
    events = db.session.query(ShipmentEvent).filter(ShipmentEvent.shipment_id == shipment.id).all()
    return sorted(events, key=lambda e: (e.happened_at or e.at, e.id), reverse=True)


EXPORT_HEADERS = [N_("접수번호"), N_("배송접수일"), N_("상태코드"), N_("상태"), N_("상태 경과일"), N_("마켓"), N_("장바구니번호"),
                  N_("배송타입"), N_("배송회사"), N_("송장번호(도착지)"), N_("배송 통지"), N_("국내 송장번호"), N_("실무게(kg)"),
                  N_("적용무게(kg)"), N_("수취인"), N_("보류사유"), N_("메모")]  # shown with _() when the file is made
