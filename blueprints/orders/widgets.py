"""Dashboard tiles of 주문관리 (물류담당): new orders, ship deadlines, invoices, send failures, claims."""
from datetime import datetime, timedelta

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import and_, case, func
from werkzeug.datastructures import MultiDict

from models import ChannelOrderLine, OrderClaim
from portal.marketplaces import KST
from portal.plugins import Widget
from portal.tenancy import tenant_query
from portal.i18n import N_

from .services import queries, today_kst, utc_bounds

DAYS = 30  # the lists open on the last 30 days; the tiles count the same lines
REQUESTED = {"CANCEL_REQUESTED": N_("취소요청"), "RETURN_REQUESTED": N_("반품요청"), "EXCHANGE_REQUESTED": N_("교환요청")}


def order_tiles(user):
    if not user.has_duty("logistics"):
        return None
    tenant = user.tenant
    flt = queries.LineFilter.from_args(MultiDict({"days": str(DAYS)}))
    counts = queries.stage_counts(tenant, flt, queries.line_query(tenant, flt))
    return [
        Widget(_("신규주문 (발주확인 대기)"), count=counts.get("NEW", 0),
               link=url_for("orders.process", days=DAYS, stage="NEW")),
        _deadline_tile(tenant),
        Widget(_("송장 미전송"), count=counts.get("INVOICED", 0) + counts.get("AMBIGUOUS", 0),
               link=url_for("orders.invoice_send", days=DAYS)),
        Widget(_("전송실패"), count=counts.get("SEND_FAILED", 0), level="warning" if counts.get("SEND_FAILED") else "info",
               link=url_for("orders.invoice_send", days=DAYS, stage="SEND_FAILED")),
        _claims_tile(tenant),
    ]


def _deadline_tile(tenant):
    """발송 기한: 발주확인 lines without an invoice whose 출고 예정일 is today (임박) or already past (지연)."""
    now_kst = datetime.now(KST).replace(tzinfo=None)  # ship_at is a KST wall time
    tomorrow = datetime.combine(today_kst() + timedelta(days=1), datetime.min.time())
    since = utc_bounds(today_kst() - timedelta(days=DAYS - 1), today_kst())[0]  # the linked list's period
    base = tenant_query(ChannelOrderLine, tenant).filter(
        ChannelOrderLine.status == "CONFIRMED", ChannelOrderLine.invoice_state == "",
        ChannelOrderLine.ship_at.isnot(None), ChannelOrderLine.ordered_at >= since)
    late, due = base.with_entities(  # both in one statement
        func.count(case((ChannelOrderLine.ship_at < now_kst, 1))),
        func.count(case((and_(ChannelOrderLine.ship_at >= now_kst, ChannelOrderLine.ship_at < tomorrow), 1)))).one()
    return Widget(_("발송 기한 임박 / 지연"), count=due + late, level="warning" if late else "info",
                  lines=[_("오늘 출고 예정 %(due)d건 · 지연 %(late)d건", due=due, late=late)],
                  link=url_for("orders.process", days=DAYS, stage="CONFIRMED"))


def _claims_tile(tenant):
    since = utc_bounds(today_kst() - timedelta(days=DAYS - 1), today_kst())[0]
    counts = dict(tenant_query(OrderClaim, tenant).filter(OrderClaim.status.in_(REQUESTED),
                                                          OrderClaim.created_at >= since)
                  .with_entities(OrderClaim.status, func.count()).group_by(OrderClaim.status).all())
    return Widget(_("취소·반품·교환 요청"), count=sum(counts.values()),
                  lines=[" · ".join(f"{label} {counts.get(k, 0)}" for k, label in REQUESTED.items())],
                  level="warning" if counts else "info", link=url_for("orders.claims", days=DAYS))
