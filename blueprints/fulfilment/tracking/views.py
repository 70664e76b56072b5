"""배송현황 / 배송관리 / 배송조회 routes: status tiles with aging, the filtered shipment list with its Excel
download, and one shipment's tracking history."""
from flask import flash, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.orders.services.queries import may_reveal, reveal_requested
from models import Shipment, ShipmentInquiry
from models.shipment import STATUSES
from models.shipment_inquiry import INQUIRY_KINDS, INQUIRY_STATUS_LABELS
from portal.security import mask_address, mask_name, mask_phone
from portal.services.excel import xlsx_response
from portal.tenancy import current_tenant, get_owned_or_404, tenant_query
from portal.web import kst

from .. import bp
from . import queries
from .codes import AGING_DAYS, label


def _mask(reveal: bool):
    if reveal:
        return {"name": str, "phone": str, "address": str}
    return {"name": mask_name, "phone": mask_phone, "address": mask_address}


def _by_id(endpoint: str):
    """A shipment's link from one url_for per page: building a URL per row and per tile (with every filter
    argument) cost the page more than its queries."""
    head, _sep, tail = url_for(endpoint, shipment_id=987654321).partition("987654321")
    return lambda shipment_id: f"{head}{shipment_id}{tail}"


def _filter():
    try:
        return queries.Filter.from_args(request.args), None
    except queries.BadFilter as exc:
        return queries.Filter.from_args({}), str(exc)


@bp.get("/tracking")
def tracking():
    """배송현황: open shipments per status with their aging, and the list below them."""
    tenant = current_tenant()
    flt, error = _filter()
    if error:
        flash(error, "error")
    query = queries.filtered(tenant, flt)
    if request.args.get("format") == "xlsx":
        return _export(query)
    page = queries.page_of(query, request.args)
    reveal = reveal_requested(request.args, _("배송현황"), len(page.items))
    return render_template("fulfilment/tracking.html", tiles=queries.tiles(tenant, flt), flt=flt, page=page,
                           statuses=STATUSES, labels={code: label(code) for code in STATUSES}, aging_days=AGING_DAYS,
                           days_since=queries.days_since, page_url=url_for("fulfilment.tracking"),
                           detail_url=_by_id("fulfilment.tracking_detail"),
                           inquiry_url=_by_id("fulfilment.shipment_inquiry_new"),
                           fields=queries.SEARCH_FIELDS, count_cap=queries.COUNT_CAP, mask=_mask(reveal), reveal=reveal,
                           may_reveal=may_reveal(current_user))


def _export(query):
    rows = query.order_by(Shipment.created_at.desc(), Shipment.id.desc()).limit(queries.EXPORT_MAX).yield_per(2000)

    def lines():
        for s in rows:
            yield [s.receipt_no, kst(s.created_at), s.status, label(s.status), queries.days_since(s.status_at),
                   s.channel, s.cart_no, s.ship_type, s.intl_carrier, s.intl_tracking_no,
                   kst(s.channel_notified_at) if s.channel_notified_at else "", s.domestic_tracking_no,
                   s.weight_kg, s.billed_weight_kg, mask_name(s.recipient_name), s.hold_reason, s.memo]

    return xlsx_response(_("배송현황.xlsx"), [_(h) for h in queries.EXPORT_HEADERS], lines(), _("배송현황"))


@bp.get("/tracking/<int:shipment_id>")
def tracking_detail(shipment_id: int):
    """배송조회: the shipment, its orders and items (gifts as 마켓 "gift"), and every recorded event."""
    shipment = get_owned_or_404(Shipment, shipment_id)
    reveal = reveal_requested(request.args, _("배송조회"), 1)
    inquiries = (tenant_query(ShipmentInquiry).filter(ShipmentInquiry.shipment_id == shipment.id)
                 .order_by(ShipmentInquiry.id.desc()).all())
    return render_template("fulfilment/tracking_detail.html", s=shipment, history=queries.history(shipment),
                           label=label, mask=_mask(reveal), reveal=reveal, may_reveal=may_reveal(current_user),
                           inquiries=inquiries, days_since=queries.days_since, kinds=INQUIRY_KINDS,
                           status_labels=INQUIRY_STATUS_LABELS)

