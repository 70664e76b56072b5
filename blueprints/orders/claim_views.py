"""취소/반품/교환 routes: collecting claims, the claim list, a claim's detail, memo and state change."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func
from werkzeug.datastructures import MultiDict

from jobs import claims as claim_jobs
from models import OrderClaim, OrderEvent
from portal.i18n import N_
from portal.services.excel import xlsx_response
from portal.tenancy import current_tenant, get_owned_or_404, tenant_query
from portal.web import job_response, kst, refused

from . import bp
from .services import (
    PRESETS,
    RuleViolation,
    collection,
    day_range,
    queries,
    status_label,
    utc_bounds,
)
from .services import claims as svc
from .services import couriers

CLAIM_STATUSES = ["CANCEL_REQUESTED", "CANCELED", "RETURN_REQUESTED", "RETURNED", "RETURN_REJECTED",
                  "EXCHANGE_REQUESTED", "EXCHANGED", "EXCHANGE_REJECTED"]
EXPORT_HEADERS = [N_("수집일"), N_("제휴몰"), N_("계정"), N_("유형"), N_("처리상태"), N_("제휴몰 주문번호"),
                  N_("라인번호"), N_("클레임번호"), N_("사유"), N_("상세사유"), N_("수량"), N_("상품명")]


@bp.get("/claims/collect")
def collect_claims():
    tenant = current_tenant()
    return render_template("orders/collect.html", rows=collection.status_table(tenant, claims=True),
                           items=collection.CLAIM_ITEMS, accounts=collection.accounts_of(tenant, active_only=True),
                           channel_name=collection.channel_name, period=collection.default_days(), claims=True)


@bp.post("/claims/collect")
def collect_claims_start():
    try:
        runs = collection.start_collection(current_tenant(), current_user, request.form, claim_jobs.collect_claims,
                                           claims=True)
    except RuleViolation as exc:
        return refused(exc)
    return job_response(runs)


def _claim_query(tenant, args):
    start, end = day_range(args, default_days=7, max_days=92)
    since, until = utc_bounds(start, end)
    query = tenant_query(OrderClaim, tenant).filter(OrderClaim.created_at >= since, OrderClaim.created_at < until)
    accounts = [int(a) for a in args.getlist("account") if a.isdigit()]
    if accounts:
        query = query.filter(OrderClaim.account_id.in_(accounts))
    if args.get("kind") in svc.REQUESTED:
        query = query.filter(OrderClaim.kind == args["kind"])
    if args.get("status") in CLAIM_STATUSES:
        query = query.filter(OrderClaim.status == args["status"])
    text = (args.get("q") or "").strip()
    if text:
        query = query.filter(OrderClaim.channel_order_id == text)
    return query


@bp.get("/claims")
def claims():
    tenant = current_tenant()
    error = None
    try:
        query = _claim_query(tenant, request.args)
    except RuleViolation as exc:
        error, query = str(exc), _claim_query(tenant, MultiDict())  # the default period instead
    if request.args.get("format") == "xlsx":
        rows = ([kst(c.created_at), collection.channel_name(c.channel), c.account.alias, c.kind_label,
                 status_label(c.status), c.channel_order_id, c.channel_line_id, c.channel_claim_id, c.reason_label,
                 c.detail, c.quantity, c.product_label]
                for c in query.order_by(OrderClaim.id.desc()).limit(100000))
        return xlsx_response(_("취소반품교환.xlsx"), [_(h) for h in EXPORT_HEADERS], rows, _("취소반품교환"))
    counts = dict(query.order_by(None).with_entities(OrderClaim.status, func.count())
                  .group_by(OrderClaim.status).all())
    page = queries.keyset_page(query, request.args, column=OrderClaim.id)
    return render_template("orders/claims.html", page=page, counts=counts, args=request.args, error=error,
                           accounts=collection.accounts_of(tenant), statuses=CLAIM_STATUSES, presets=PRESETS,
                           kinds=svc.REQUESTED, status_label=status_label, channel_name=collection.channel_name)


@bp.get("/claims/<int:claim_id>")
def claim_detail(claim_id: int):
    claim = get_owned_or_404(OrderClaim, claim_id)
    events = (tenant_query(OrderEvent).filter(OrderEvent.line_id == claim.line_id)
              .order_by(OrderEvent.id.desc()).limit(100).all()) if claim.line_id else []
    targets = {k: v[2] for k, v in svc.TARGETS.items() if v[0] == claim.kind}
    return render_template("orders/claim_detail.html", claim=claim, events=events, targets=targets,
                           status_label=status_label, channel_name=collection.channel_name,
                           open=claim.status == svc.REQUESTED[claim.kind],
                           needs_invoice=svc.needs_invoice(claim), couriers=couriers.couriers())


@bp.post("/claims/<int:claim_id>/memo")
def claim_memo(claim_id: int):
    claim = get_owned_or_404(OrderClaim, claim_id)
    try:
        svc.save_memo(claim, request.form.get("memo", ""))
        flash(_("문의/메모를 저장했습니다."), "success")
    except RuleViolation as exc:
        flash(str(exc), "error")
    return redirect(url_for("orders.claim_detail", claim_id=claim.id)), 303


@bp.post("/claims/<int:claim_id>/state")
def claim_state(claim_id: int):
    claim = get_owned_or_404(OrderClaim, claim_id)
    try:
        run = svc.start_state_change(current_tenant(), current_user, claim, request.form.get("target", ""),
                                     request.form.get("reason", ""), job=claim_jobs.process_claim,
                                     courier=request.form.get("courier", ""),
                                     tracking=request.form.get("tracking_number", ""))
    except RuleViolation as exc:
        return refused(exc)
    return job_response(run)
