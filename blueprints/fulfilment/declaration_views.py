"""수출신고 and 해외소포수령증 routes: shipped shipments with their declaration data (what the SKU master
could not fill marked yellow), per-shipment edits, the Excel file and the parcel receipts."""
from datetime import date, datetime, time, timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.orders.services.queries import keyset_page
from models import Shipment
from portal.services.excel import xlsx_download
from portal.services.pdf import FontMissing
from portal.tenancy import current_tenant, get_owned_or_404, tenant_query
from portal.web import kst

from . import bp, declarations, printing
from .documents.declaration import declaration_xlsx, problems
from .documents.receipt import receipt_pdf
from .documents_views import KST, pdf_response


def _shipped():
    return tenant_query(Shipment, current_tenant()).filter(Shipment.deleted_at.is_(None),
                                                            Shipment.status.in_(printing.SHIPPED))


@bp.get("/export-declaration", endpoint="export_declaration")
def export_declaration():
    query = _shipped()
    numbers = [n.strip() for n in (request.args.get("q") or "").split() if n.strip()]
    if numbers:
        query = query.filter(Shipment.receipt_no.in_(numbers[:500]))
    page = keyset_page(query, request.args, column=Shipment.id)
    tenant = current_tenant()
    rows = printing.to_rows(tenant, printing.owned_shipments(tenant, [s.id for s in page.items]))
    found = {row.receipt_no: problems(row) for row in rows}
    return render_template("fulfilment/export_declaration.html", page=page, args=request.args,
                           problems=found, today=date.today().isoformat())


@bp.route("/export-declaration/<int:shipment_id>", methods=["GET", "POST"])
def export_declaration_edit(shipment_id: int):
    tenant = current_tenant()
    shipment = get_owned_or_404(Shipment, shipment_id)
    if shipment.deleted_at is not None or shipment.status not in printing.SHIPPED:
        abort(404)
    errors = {}
    if request.method == "POST":
        errors = declarations.save_edits(tenant, shipment, request.form, current_user.id)
        if not errors:
            flash(_("%(no)s 수출신고 정보를 저장했습니다.", no=shipment.receipt_no), "success")
            return redirect(url_for("fulfilment.export_declaration_edit", shipment_id=shipment.id)), 303
    row = printing.to_rows(tenant, [shipment])[0]
    return render_template("fulfilment/export_declaration_edit.html", shipment=shipment, row=row,
                           edits=declarations.edits_of(tenant, shipment), errors=errors,
                           form=request.form if errors else None,
                           missing={(p.field, p.line) for p in problems(row)}), 400 if errors else 200


def _chosen():
    ids = request.form.getlist("shipment_ids", type=int)
    return printing.owned_shipments(current_tenant(), ids, shipped_only=True) if ids else []


@bp.post("/export-declaration/download")
def export_declaration_download():
    shipments = _chosen()
    if not shipments:
        flash(_("엑셀로 저장할 접수번호를 선택해 주세요."), "error")
        return redirect(url_for("fulfilment.export_declaration")), 303
    rows = printing.to_rows(current_tenant(), shipments)
    return xlsx_download(_("수출신고.xlsx"), declaration_xlsx(rows))


@bp.post("/export-declaration/receipts")
def parcel_receipts():
    """해외소포수령증 of the checked shipments, or of every shipment shipped on the given day."""
    tenant = current_tenant()
    if request.form.get("day"):
        try:
            day = date.fromisoformat(request.form["day"])
        except ValueError:
            flash(_("날짜를 YYYY-MM-DD 형식으로 입력해 주세요."), "error")
            return redirect(url_for("fulfilment.export_declaration")), 303
        start = datetime.combine(day, time()) - KST
        shipments = (_shipped().filter(Shipment.received_at >= start,
                                       Shipment.received_at < start + timedelta(days=1))
                     .order_by(Shipment.id).all())
        shipments = printing.owned_shipments(tenant, [s.id for s in shipments]) if shipments else []
    else:
        shipments = _chosen()
    if not shipments:
        flash(_("수령증을 출력할 배송건이 없습니다."), "error")
        return redirect(url_for("fulfilment.export_declaration")), 303
    rows = printing.to_rows(tenant, shipments, printing.sender_of(tenant))
    try:
        return pdf_response(receipt_pdf(rows, kst(datetime.utcnow(), "%Y-%m-%d")), _("해외소포수령증.pdf"))
    except FontMissing as exc:
        flash(str(exc), "error")
        return redirect(url_for("fulfilment.export_declaration")), 303
