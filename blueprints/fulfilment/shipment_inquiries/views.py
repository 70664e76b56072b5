"""배송문의 routes of the seller: the list (filter by 구분 and 상태), a new thread on a shipment, a thread with
its follow-up form."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.orders.services.queries import keyset_page
from models import Shipment, ShipmentInquiry
from models.shipment_inquiry import INQUIRY_KINDS, INQUIRY_STATUS_LABELS
from portal.tenancy import get_owned_or_404, tenant_query

from .. import bp
from . import services


@bp.get("/shipment-inquiries")
def shipment_inquiries():
    query = tenant_query(ShipmentInquiry)
    kind, status = request.args.get("kind", ""), request.args.get("status", "")
    if kind in INQUIRY_KINDS:
        query = query.filter(ShipmentInquiry.kind == kind)
    if status in INQUIRY_STATUS_LABELS:
        query = query.filter(ShipmentInquiry.status == status)
    page = keyset_page(query, request.args, column=ShipmentInquiry.id)
    return render_template("fulfilment/shipment_inquiries.html", page=page, kinds=INQUIRY_KINDS,
                           status_labels=INQUIRY_STATUS_LABELS, args=request.args)


@bp.route("/tracking/<int:shipment_id>/inquiry", methods=["GET", "POST"])
def shipment_inquiry_new(shipment_id: int):
    shipment = get_owned_or_404(Shipment, shipment_id)
    error = None
    if request.method == "POST":
        try:
            inquiry = services.open_inquiry(shipment, current_user, request.form.get("kind", ""),
                                            request.form.get("title", ""), request.form.get("body", ""))
        except services.Refused as exc:
            error = str(exc)
        else:
            flash(_("배송문의를 등록했습니다. 물류센터 담당자가 답변드립니다."), "success")
            return redirect(url_for("fulfilment.shipment_inquiry", shipment_inquiry_id=inquiry.id)), 303
    return render_template("fulfilment/shipment_inquiry_form.html", s=shipment, kinds=INQUIRY_KINDS, error=error,
                           form=request.form), 400 if error else 200


@bp.route("/shipment-inquiries/<int:shipment_inquiry_id>", methods=["GET", "POST"])
def shipment_inquiry(shipment_inquiry_id: int):
    inquiry = get_owned_or_404(ShipmentInquiry, shipment_inquiry_id)
    if request.method == "POST":
        try:
            services.follow_up(inquiry, current_user, request.form.get("body", ""))
        except services.Refused as exc:
            flash(str(exc), "error")
        else:
            flash(_("추가 문의를 등록했습니다."), "success")
        return redirect(url_for("fulfilment.shipment_inquiry", shipment_inquiry_id=inquiry.id)), 303
    return render_template("fulfilment/shipment_inquiry.html", q=inquiry, kinds=INQUIRY_KINDS,
                           status_labels=INQUIRY_STATUS_LABELS)
