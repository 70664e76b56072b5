"""배송대행 작업 (support panel): every seller's shipments as the forwarder's warehouse sees them — 입고 확인 with
the weight, 보류 with its reason, 국제 송장번호 배정, status changes — and the 배송문의 queue with answers.
Every change is a ShipmentEvent with the staff member and the time."""
from flask import flash, redirect, request, url_for
from flask_admin import BaseView, expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from models import Shipment, ShipmentInquiry, Tenant
from models.shipment import BY_SUPPORT, STATUSES
from models.shipment_inquiry import CLOSED, INQUIRY_KINDS, INQUIRY_STATUS_LABELS, OPEN
from portal.admin import SupportOnly
from portal.extensions import db

from ..shipment_inquiries import services as threads
from ..tracking import status
from ..tracking.codes import label
from ..tracking.queries import history

ROWS = 200


class ForwarderDesk(SupportOnly, BaseView):
    """배송대행 작업: find a shipment (접수번호 scan, seller, status), then act on it."""

    @expose("/")
    def index(self):
        query = db.session.query(Shipment).filter(Shipment.deleted_at.is_(None))
        text = (request.args.get("q") or "").strip()
        code = request.args.get("status", "")
        tenant_id = request.args.get("tenant", type=int)
        if text:
            query = query.filter((Shipment.receipt_no == text.upper()) | (Shipment.intl_tracking_no == text))
        if code in STATUSES:
            query = query.filter(Shipment.status == code)
        elif not text:
            query = query.filter(Shipment.status.notin_(("D99", "X99")))
        if tenant_id:
            query = query.filter(Shipment.tenant_id == tenant_id)
        rows = query.order_by(Shipment.id.desc()).limit(ROWS).all()
        if text and len(rows) == 1:
            return redirect(url_for(".shipment", shipment_id=rows[0].id))
        tenants = {t.id: t.name for t in Tenant.query.all()}
        return self.render("admin_fulfilment/desk.html", rows=rows, statuses=STATUSES, label=label,
                           tenants=tenants, args=request.args, open_inquiries=ShipmentInquiry.query.filter_by(
                               status=OPEN).count())

    @expose("/shipments/<int:shipment_id>")
    def shipment(self, shipment_id):
        found = db.get_or_404(Shipment, shipment_id)
        return self.render("admin_fulfilment/shipment.html", s=found, history=history(found), statuses=STATUSES,
                           label=label, tenant=db.session.get(Tenant, found.tenant_id))

    def _act(self, shipment_id, act, done):
        found = db.get_or_404(Shipment, shipment_id)
        try:
            act(found)
        except status.Refused as refused:
            db.session.rollback()
            flash(str(refused), "error")
        else:
            db.session.commit()
            flash(done, "success")
        return redirect(url_for(".shipment", shipment_id=shipment_id))

    @expose("/shipments/<int:shipment_id>/receive", methods=["POST"])
    def receive(self, shipment_id):
        return self._act(shipment_id, lambda s: status.receive(s, current_user, request.form.get("weight", "")),
                         _("입고를 확인했습니다."))

    @expose("/shipments/<int:shipment_id>/hold", methods=["POST"])
    def hold(self, shipment_id):
        return self._act(shipment_id, lambda s: status.hold(s, current_user, request.form.get("reason", "")),
                         _("보류했습니다."))

    @expose("/shipments/<int:shipment_id>/tracking", methods=["POST"])
    def tracking(self, shipment_id):
        return self._act(shipment_id, lambda s: status.assign_tracking(
            s, request.form.get("carrier", ""), request.form.get("number", ""), by=BY_SUPPORT,
            user=current_user), _("국제 송장번호를 배정했습니다."))

    @expose("/shipments/<int:shipment_id>/status", methods=["POST"])
    def change(self, shipment_id):
        return self._act(shipment_id, lambda s: status.change_status(
            s, request.form.get("code", ""), by=BY_SUPPORT, user=current_user,
            message=request.form.get("message", "")), _("배송상태를 바꿨습니다."))

    # --- 배송문의 --------------------------------------------------------------------------------
    @expose("/inquiries")
    def inquiries(self):
        rows = (ShipmentInquiry.query.order_by((ShipmentInquiry.status != OPEN).asc(), ShipmentInquiry.id.desc())
                .limit(ROWS).all())
        return self.render("admin_fulfilment/inquiries.html", rows=rows, kinds=INQUIRY_KINDS,
                           status_labels=INQUIRY_STATUS_LABELS, tenants={t.id: t.name for t in Tenant.query.all()})

    @expose("/inquiries/<int:shipment_inquiry_id>", methods=("GET", "POST"))
    def inquiry(self, shipment_inquiry_id):
        found = db.get_or_404(ShipmentInquiry, shipment_inquiry_id)
        if request.method == "POST":
            try:
                threads.answer(found, current_user, request.form.get("body", ""), close=request.form.get("close") == "1")
            except threads.Refused as refused:
                flash(str(refused), "error")
            else:
                flash(_("답변을 등록했습니다."), "success")
            return redirect(url_for(".inquiry", shipment_inquiry_id=shipment_inquiry_id))
        return self.render("admin_fulfilment/inquiry.html", q=found, kinds=INQUIRY_KINDS, CLOSED=CLOSED,
                           status_labels=INQUIRY_STATUS_LABELS, tenant=db.session.get(Tenant, found.tenant_id))


def add_admin_views(admin, base_view) -> None:
    admin.add_view(ForwarderDesk(name=_l("배송대행 작업"), endpoint="forwarder_desk", category=_l("배송관리")))
