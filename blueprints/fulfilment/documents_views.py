"""배송관리 print routes: 팩킹리스트 (PDF, Excel, labels with layout previews), 라벨/피킹리스트, and the
label print job for runs too large for a web request."""
from datetime import date, datetime, time, timedelta

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.orders.services.queries import keyset_page
from models import Shipment
from portal.queues import enqueue
from portal.security import mask_name
from portal.services.excel import xlsx_download
from portal.services.pdf import FontMissing
from portal.tenancy import current_tenant, tenant_query

from . import bp, printing
from .documents import packing, picking
from .documents.labels import label_count, render_labels
from .documents.layouts import LAYOUTS
from .documents.previews import preview_png
from .documents.rows import SORTS, THEN_SORTS, sort_shipments

KST = timedelta(hours=9)


def pdf_response(data: bytes, filename: str) -> Response:
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f"inline; filename*=UTF-8''{_quote(filename)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


def _listing(statuses=None):
    """Live shipments of the seller, newest first, filtered by 접수번호 (one per line) and 등록일."""
    query = tenant_query(Shipment, current_tenant()).filter(Shipment.deleted_at.is_(None))
    if statuses:
        query = query.filter(Shipment.status.in_(statuses))
    numbers = [n.strip() for n in (request.args.get("q") or "").split() if n.strip()]
    if numbers:
        query = query.filter(Shipment.receipt_no.in_(numbers[:500]))
    for name, op in (("from", "ge"), ("to", "lt")):
        try:
            day = date.fromisoformat(request.args.get(name, ""))
        except ValueError:
            continue
        bound = datetime.combine(day + timedelta(days=1 if op == "lt" else 0), time()) - KST
        query = query.filter(Shipment.created_at >= bound if op == "ge" else Shipment.created_at < bound)
    return keyset_page(query, request.args, column=Shipment.id)


@bp.get("/packing", endpoint="packing")
def packing_page():
    page = _listing()
    return render_template("fulfilment/packing.html", page=page, args=request.args, layouts=LAYOUTS,
                           sorts=SORTS, then_sorts=THEN_SORTS, mask_name=mask_name)



@bp.get("/labels")
def labels():
    page = _listing()
    return render_template("fulfilment/labels.html", page=page, args=request.args, layouts=LAYOUTS,
                           sorts=SORTS, then_sorts=THEN_SORTS, mask_name=mask_name)


@bp.get("/labels/preview/<layout>.png")
def label_preview(layout: str):
    if layout not in LAYOUTS:
        abort(404)
    try:
        data = preview_png(layout)
    except FontMissing:
        abort(404)
    response = Response(data, mimetype="image/png")
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


def _selected():
    ids = request.form.getlist("shipment_ids", type=int)
    if not ids:
        return None
    return printing.owned_shipments(current_tenant(), ids)


@bp.post("/packing/print")
def packing_print():
    """팩킹리스트출력 / 다운로드 / 라벨출력 / 피킹리스트 of the checked shipments, sorted as chosen."""
    back = request.form.get("back") == "labels" and "fulfilment.labels" or "fulfilment.packing"
    shipments = _selected()
    if not shipments:
        flash(_("출력할 배송건을 선택해 주세요."), "error")
        return redirect(url_for(back)), 303
    action = request.form.get("action", "pdf")
    first = request.form.get("sort", "bundle_desc") if request.form.get("sort") in SORTS else "bundle_desc"
    then = request.form.get("then") if request.form.get("then") in THEN_SORTS else "option_code"
    layout = request.form.get("layout", "A2")
    if action == "labels" and layout not in LAYOUTS:
        flash(_("라벨형식을 선택해 주세요."), "error")
        return redirect(url_for(back)), 303
    tenant = current_tenant()
    rows = sort_shipments(printing.to_rows(tenant, shipments), first, then)
    try:
        if action == "xlsx":
            return xlsx_download(_("팩킹리스트.xlsx"), packing.packing_xlsx(rows))
        if action == "picking_xlsx":
            return xlsx_download(_("피킹리스트.xlsx"), picking.picking_xlsx(rows))
        if action == "picking":
            return pdf_response(picking.picking_pdf(rows), _("피킹리스트.pdf"))
        if action == "labels":
            if label_count(rows, layout) > printing.LABEL_JOB_THRESHOLD:
                from jobs.documents import print_labels  # jobs import this package's services

                run = enqueue(print_labels, kind=_("라벨출력"), queue="exports", tenant_id=tenant.id,
                              user_id=current_user.id, shipment_ids=[s.id for s in shipments],
                              layout=layout, first=first, then=then)
                return redirect(url_for("jobs.show", run_id=run.id)), 303
            data = render_labels(rows, layout).pdf
            printing.mark_printed(shipments)
            return pdf_response(data, _("라벨_%(layout)s.pdf", layout=layout))
        if len(rows) > printing.PACKING_JOB_THRESHOLD:
            from jobs.documents import print_packing_list  # jobs import this package's services

            run = enqueue(print_packing_list, kind=_("팩킹리스트출력"), queue="exports", tenant_id=tenant.id,
                          user_id=current_user.id, shipment_ids=[s.id for s in shipments], first=first,
                          then=then)
            return redirect(url_for("jobs.show", run_id=run.id)), 303
        data = packing.packing_pdf(rows)
        printing.mark_printed(shipments)
        return pdf_response(data, _("팩킹리스트.pdf"))
    except FontMissing as exc:
        flash(str(exc), "error")
        return redirect(url_for(back)), 303
