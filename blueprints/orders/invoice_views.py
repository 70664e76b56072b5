"""송장 routes: 송장개별등록, 송장송신관리 (send, 강제완료), 송장대량등록, 송장이력관리."""
import os

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from jobs import orders_invoices
from models import ChannelOrderLine, InvoiceOutbox, OrderEvent
from portal.queues import enqueue, job_files_dir
from portal.services.excel import xlsx_response
from portal.tenancy import current_tenant, tenant_query
from portal.web import job_response, refused

from . import bp
from .listing import list_context
from .services import RuleViolation, day_range, invoices, queries, sheets, utc_bounds
from .services.invoices import TEMPLATE_HEADERS


@bp.get("/invoices/entry")
def invoice_entry():
    ctx = list_context(_("송장개별등록"), stages=("CONFIRMED", "INVOICED", "SEND_FAILED", "CANCEL_REQUESTED"))
    ctx["page"].items = [x for x in ctx["page"].items if x.status in invoices.ENTRY_STATUSES]
    return render_template("orders/invoice_entry.html", **ctx)


@bp.post("/invoices/entry")
def invoice_save():
    ids = request.form.getlist("line_ids")
    entries = [(i, request.form.get(f"courier_{i}", ""), request.form.get(f"tracking_{i}", "")) for i in ids]
    try:
        saved = invoices.save_entries(current_tenant(), current_user, entries)
    except RuleViolation as exc:
        flash(str(exc), "error")
        return redirect(url_for("orders.invoice_entry", **request.args)), 303
    flash(_("송장 %(saved)s건을 저장했습니다. 송장송신관리에서 제휴몰로 전송해야 완료됩니다.", saved=saved), "success")
    return redirect(url_for("orders.invoice_entry", **request.args)), 303


@bp.get("/invoices/send")
def invoice_send():
    tenant = current_tenant()
    ctx = list_context(_("송장송신관리"), default_days=30,
                       stages=("INVOICED", "SEND_FAILED", "AMBIGUOUS", "CANCEL_REQUESTED"))
    ctx["page"].items = [x for x in ctx["page"].items if x.invoice_state in invoices.SENDABLE]
    flagged = {x.id for x in invoices.send_query(tenant).filter(invoices.open_cancel_filter()).all()}
    outbox = {r.line_id: r for r in tenant_query(InvoiceOutbox).filter(
        InvoiceOutbox.line_id.in_([x.id for x in ctx["page"].items]))} if ctx["page"].items else {}
    return render_template("orders/invoice_send.html", **ctx, flagged=flagged, outbox=outbox)


@bp.post("/invoices/send")
def invoice_send_start():
    try:
        run = invoices.start_send(current_tenant(), current_user, request.form.getlist("line_ids"),
                                  job=orders_invoices.send_invoices, send_all=request.form.get("scope") == "all",
                                  insist=request.form.get("include_cancel") == "1")
    except RuleViolation as exc:
        return refused(exc)
    return job_response(run)


@bp.post("/invoices/force")
def invoice_force():
    try:
        count = invoices.force_complete(current_tenant(), current_user, request.form.getlist("line_ids"))
    except RuleViolation as exc:
        flash(str(exc), "error")
        return redirect(url_for("orders.invoice_send")), 303
    flash(_("%(count)s건을 강제완료처리했습니다. 제휴몰에는 송장을 송신하지 않았습니다.", count=count), "success")
    return redirect(url_for("orders.invoice_send")), 303


@bp.get("/invoices/bulk")
def invoice_bulk():
    return render_template("orders/invoice_bulk.html", headers=TEMPLATE_HEADERS)


@bp.get("/invoices/bulk/template")
def invoice_template():
    """The upload form, pre-filled with the orders waiting for an invoice."""
    lines = (invoices.entry_query(current_tenant()).filter(ChannelOrderLine.status == "CONFIRMED")
             .order_by(ChannelOrderLine.id).limit(5000).all())
    seen, rows = set(), []
    for line in lines:
        if line.channel_order_id not in seen:
            seen.add(line.channel_order_id)
            rows.append([line.channel_order_id, "", ""])
    return xlsx_response(_("송장대량등록_양식.xlsx"), TEMPLATE_HEADERS, rows, _("송장대량등록"))


@bp.post("/invoices/bulk")
def invoice_upload():
    tenant = current_tenant()
    upload = request.files.get("file")
    try:
        if upload is None:
            raise RuleViolation(_("업로드할 파일을 선택해 주세요."))
        folder = os.path.join(job_files_dir(), str(tenant.id), "uploads")
        path = sheets.save_upload(upload, folder, "invoices")
    except RuleViolation as exc:
        return refused(exc)
    run = enqueue(orders_invoices.import_invoices, kind=_("송장대량등록"), queue="imports", tenant_id=tenant.id,
                  user_id=current_user.id, path=path, filename=upload.filename)
    return job_response(run)


@bp.get("/invoices/history")
def invoice_history():
    tenant = current_tenant()
    error = None
    try:
        start, end = day_range(request.args, default_days=7, max_days=92)
    except RuleViolation as exc:
        error, (start, end) = str(exc), day_range(MultiDict(), default_days=7)
    since, until = utc_bounds(start, end)
    query = (tenant_query(OrderEvent, tenant).filter(OrderEvent.is_invoice.is_(True), OrderEvent.at >= since,
                                                     OrderEvent.at < until)
             .join(ChannelOrderLine, ChannelOrderLine.id == OrderEvent.line_id))
    text = (request.args.get("q") or "").strip()
    if text:
        query = query.filter((ChannelOrderLine.channel_order_id == text) | (ChannelOrderLine.tracking_number == text))
    if request.args.get("result") in ("ok", "fail"):
        query = query.filter(OrderEvent.ok.is_(request.args["result"] == "ok"))
    page = queries.keyset_page(query, request.args, column=OrderEvent.id)
    return render_template("orders/invoice_history.html", page=page, args=request.args, error=error,
                           start=start, end=end)
