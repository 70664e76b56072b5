"""주문관리 routes: collection, 주문확인/처리, 주문상태별조회, 판매완료내역 and a line's 연동이력."""
from flask import jsonify, render_template, request, url_for
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from models import ChannelOrderLine, OrderEvent
from portal.services.excel import xlsx_response
from portal.tenancy import current_tenant, get_owned_or_404, tenant_query

from . import bp
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


def job_response(runs):
    runs = runs if isinstance(runs, list) else [runs]
    return jsonify(job=runs[0].id, job_url=url_for("jobs.progress", run_id=runs[0].id),
                   jobs=[{"id": r.id, "kind": r.kind, "job_url": url_for("jobs.progress", run_id=r.id)}
                         for r in runs]), 202


def refused(error: RuleViolation):
    return jsonify(error=str(error)), 400


def list_context(where: str, default_days: int = 7, stages=None, per_page: int = queries.PER_PAGE):
    """Filters, counts and one keyset page of lines, shared by every order list page."""
    tenant = current_tenant()
    error = None
    try:
        flt = queries.LineFilter.from_args(request.args, default_days, stages)
    except RuleViolation as exc:
        error = str(exc)
        flt = queries.LineFilter.from_args(MultiDict(), default_days, stages)  # the default period instead
    query = queries.line_query(tenant, flt)
    counts = queries.stage_counts(tenant, flt, query)
    page = queries.keyset_page(query, request.args, per_page, total=sum(counts.values()),
                               options=queries.LINE_LOADS)
    reveal = queries.reveal_requested(request.args, where, len(page.items))
    return {"query": query, "page": page, "counts": counts, "reveal": reveal, "error": error,
            "accounts": collection.accounts_of(tenant), "stages": STAGES, "presets": PRESETS,
            "couriers": couriers(), "fields": queries.SEARCH_FIELDS, "args": request.args,
            "may_reveal": queries.may_reveal(current_user), "Person": queries.Person,
            "stage_label": stage_label, "courier_name": name_of, "channel_name": collection.channel_name}


def maybe_export(ctx, filename: str, where: str):
    if request.args.get("format") != "xlsx":
        return None
    reveal = queries.reveal_requested(request.args, f"{where} 엑셀다운로드", ctx["page"].total)
    return xlsx_response(filename, queries.EXPORT_HEADERS, queries.export_rows(ctx["query"], reveal), where)


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
        runs = collection.start_collection(current_tenant(), current_user, request.form)
    except RuleViolation as exc:
        return refused(exc)
    return job_response(runs)


# --- 주문확인/처리 ---------------------------------------------------------------------------

@bp.get("/process")
def process():
    ctx = list_context("주문확인/처리")
    return maybe_export(ctx, "주문확인처리.xlsx", "주문확인처리") or render_template(
        "orders/process.html", **ctx, delay_reasons=confirmation.DELAY_REASONS,
        delay_detail_max=confirmation.DELAY_DETAIL_MAX,
        cancel_reasons=confirmation.CANCEL_REASONS)


@bp.post("/process/confirm")
def confirm():
    try:
        run = confirmation.start_confirmation(current_tenant(), current_user, request.form.getlist("line_ids"),
                                              request.form.get("ship_at", ""), request.form.get("delay_reason", ""),
                                              delay_detail=request.form.get("delay_detail", ""))
    except RuleViolation as exc:
        return refused(exc)
    return job_response(run)


@bp.post("/process/cancel")
def cancel():
    try:
        run = confirmation.start_cancel(current_tenant(), current_user, request.form.getlist("line_ids"),
                                        request.form.get("reason", ""))
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
    ctx = list_context("주문상태별조회", default_days=30)
    return maybe_export(ctx, "주문상태별조회.xlsx", "주문상태별조회") or render_template(
        "orders/by_status.html", **ctx)


@bp.get("/completed")
def completed():
    ctx = list_context("판매완료내역", default_days=30, stages=DONE_STAGES)
    return maybe_export(ctx, "판매완료내역.xlsx", "판매완료내역") or render_template("orders/completed.html", **ctx)


from . import claim_views, invoice_views  # noqa: F401
