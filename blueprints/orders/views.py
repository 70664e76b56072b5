"""주문관리 routes: collection, 주문확인/처리, 주문상태별조회, 판매완료내역 and a line's 연동이력."""
from flask import jsonify, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from jobs import orders as order_jobs
from jobs import orders_process
from models import ChannelOrderLine, OrderEvent
from portal.services.excel import xlsx_response
from portal.tenancy import current_tenant, get_owned_or_404, tenant_query
from portal.web import job_response, refused

from . import bp
from .listing import list_context, maybe_export
from .services import (
    PRESETS,
    STAGES,
    RuleViolation,
    collection,
    confirmation,
    queries,
    stage_label,
)
from .services.couriers import couriers, name_of

DONE_STAGES = ("DELIVERED", "PURCHASE_DECIDED", "SENT", "FORCED")


# --- 주문서 가져오기 -------------------------------------------------------------------------

@bp.get("/collect")
def collect():
    tenant = current_tenant()
    return render_template("orders/collect.html", rows=collection.status_table(tenant),
                           items=collection.ORDER_ITEMS, accounts=collection.accounts_of(tenant, active_only=True),
                           channel_name=collection.channel_name, period=collection.default_days(), claims=False)


@bp.post("/collect")
def collect_start():
    try:
        runs = collection.start_collection(current_tenant(), current_user, request.form, order_jobs.collect_orders)
    except RuleViolation as exc:
        return refused(exc)
    return job_response(runs)


# --- 주문확인/처리 ---------------------------------------------------------------------------

@bp.get("/process")
def process():
    ctx = list_context(_("주문확인/처리"))
    return maybe_export(ctx, _("주문확인처리.xlsx"), _("주문확인처리")) or render_template(
        "orders/process.html", **ctx, delay_reasons=confirmation.DELAY_REASONS,
        delay_detail_max=confirmation.DELAY_DETAIL_MAX,
        cancel_reasons=confirmation.CANCEL_REASONS)


@bp.post("/process/confirm")
def confirm():
    try:
        run = confirmation.start_confirmation(current_tenant(), current_user, request.form.getlist("line_ids"),
                                              request.form.get("ship_at", ""), request.form.get("delay_reason", ""),
                                              job=orders_process.confirm_orders,
                                              delay_detail=request.form.get("delay_detail", ""))
    except RuleViolation as exc:
        return refused(exc)
    return job_response(run)


@bp.post("/process/cancel")
def cancel():
    try:
        run = confirmation.start_cancel(current_tenant(), current_user, request.form.getlist("line_ids"),
                                        request.form.get("reason", ""), job=orders_process.cancel_sales)
    except RuleViolation as exc:
        return refused(exc)
    return job_response(run)


@bp.get("/lines/<int:line_id>/history")
def line_history(line_id: int):
    line = get_owned_or_404(ChannelOrderLine, line_id)
    events = (tenant_query(OrderEvent).filter(OrderEvent.line_id == line.id)
              .order_by(OrderEvent.id.desc()).limit(200).all())
    return render_template("orders/line_history.html", line=line, events=events, stage_label=stage_label,
                           channel_name=collection.channel_name, courier_name=name_of)


# --- 주문상태별조회 / 판매완료내역 -----------------------------------------------------------

@bp.get("/status")
def by_status():
    ctx = list_context(_("주문상태별조회"), default_days=30)
    return maybe_export(ctx, _("주문상태별조회.xlsx"), _("주문상태별조회")) or render_template(
        "orders/by_status.html", **ctx)


@bp.get("/completed")
def completed():
    ctx = list_context(_("판매완료내역"), default_days=30, stages=DONE_STAGES)
    return maybe_export(ctx, _("판매완료내역.xlsx"), _("판매완료내역")) or render_template("orders/completed.html", **ctx)

