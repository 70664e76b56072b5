"""출고관리 routes: 출고신청 of several orders (택배 / 밀크런), 출고신청목록 with its Excel, cancel, the 쿠팡 부착서."""
from flask import abort, flash, jsonify, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from models import CoupangCentre, OutboundRequest, WarehouseItem
from blueprints.orders.services.queries import reveal_requested
from portal.security import mask_address, mask_name, mask_phone
from portal.services.excel import xlsx_response
from portal.tenancy import current_tenant, get_owned_or_404, tenant_query

from . import bp
from .forms import rows as form_rows
from .inbound_views import chosen_items
from .services import TRANSPORTS, WAREHOUSES, FieldErrors, RuleViolation, files, items, lists, outbound

MASKED = {"name": mask_name, "phone": mask_phone, "address": mask_address}
SHOWN = {"name": str, "phone": str, "address": str}

ORDER_KEYS = tuple(outbound.ORDER_FIELDS) + ("transport", "centre_id")


def _page(status=200, **context):
    centres = CoupangCentre.query.filter_by(active=True).order_by(CoupangCentre.name).all()
    return render_template("warehouse/outbound_new.html", warehouses=WAREHOUSES, transports=TRANSPORTS,
                           centres=centres, courier=outbound.courier(),
                           search_fields=items.SEARCH_FIELDS, **context), status


def _submitted(form, uploads) -> list[dict]:
    """The page's orders (`orders-<k>-order_no`, …) with their lines (`lines-<n>-order` = k) and
    부착서 (`orders-<k>-attachment`); an order block left wholly empty is not an order."""
    orders, numbers = form_rows(form, "orders", numbered=True)
    lines, _numbers = form_rows(form, "lines")
    found = []
    for number, order in zip(numbers, orders):
        rows = [r for r in lines if str(r.get("order", "0")) == str(number)]
        attachment = uploads.get(f"orders-{number}-attachment")
        filled = any(str(order.get(k) or "").strip() for k in ORDER_KEYS if k != "transport")
        if rows or filled or files.is_given(attachment):
            found.append({"order": {k: order.get(k, "") for k in ORDER_KEYS}, "rows": rows, "attachment": attachment})
    return found


@bp.route("/outbound/new", methods=["GET", "POST"], endpoint="outbound_new")
def outbound_new():
    """출고신청: one or several orders (주문서), each with its items, recipient and 운송방식, sent together."""
    tenant = current_tenant()
    if request.method == "GET":
        chosen = chosen_items(tenant)
        rows = [{"item_id": i.id, "quantity": "1"} for i in chosen]
        return _page(orders=[{"order": {"transport": "parcel"}, "rows": rows}], errors={},
                     item_map={i.id: i for i in chosen})
    orders = _submitted(request.form, request.files)
    ids = [int(r["item_id"]) for o in orders for r in o["rows"] if str(r.get("item_id", "")).isdigit()]
    known = {i.id: i for i in tenant_query(WarehouseItem, tenant).filter(WarehouseItem.id.in_(ids))}
    again = orders or [{"order": {"transport": "parcel"}, "rows": []}]
    try:
        created = outbound.create_many(tenant, current_user, orders)
    except LookupError:
        abort(404)
    except FieldErrors as refused:
        return _page(400, orders=again, errors=refused.errors, item_map=known)
    except RuleViolation as refused:
        flash(str(refused), "error")
        return _page(400, orders=again, errors={}, item_map=known)
    flash(_("출고신청 %(n)d건(%(nos)s)을 접수했습니다.", n=len(created), nos=", ".join(r.no for r in created)),
          "success")
    return redirect(url_for("warehouse.outbound"))


@bp.post("/outbound/po-number", endpoint="outbound_po_number")
def outbound_po_number():
    """발주번호 생성 (택배)."""
    return jsonify(po_no=outbound.new_po_no())


def _list(failed: bool):
    tenant = current_tenant()
    query = outbound.listing(tenant, request.args, failed=failed)
    if request.args.get("format") == "xlsx":
        mask = SHOWN if reveal_requested(request.args, _("출고신청목록 엑셀"), query.count()) else MASKED
        return xlsx_response(_("출고신청목록.xlsx"), [_(h) for h in outbound.EXPORT_HEADERS],
                             (outbound.export_row(line, mask) for line in query.yield_per(1000)), _("출고신청목록"))
    page = lists.paginate(query, request.args, 20)
    reveal = reveal_requested(request.args, _("출고신청목록"), len(page.items))
    return render_template("warehouse/outbound.html", page=page, args=request.args, labels=outbound.STATUS_LABELS,
                           transports=TRANSPORTS, failed=failed, search_fields=items.SEARCH_FIELDS,
                           mask=SHOWN if reveal else MASKED, reveal=reveal)


@bp.get("/outbound", endpoint="outbound")
def outbound_list():
    return _list(failed=False)


@bp.get("/outbound/failed", endpoint="outbound_failed")
def outbound_failed():
    return _list(failed=True)


@bp.post("/outbound/<int:request_id>/cancel", endpoint="outbound_cancel")
def outbound_cancel(request_id: int):
    found = get_owned_or_404(OutboundRequest, request_id)
    try:
        outbound.cancel(found, current_user)
    except RuleViolation as refused:
        flash(str(refused), "error")
    else:
        flash(_("출고신청 %(no)s 을(를) 취소했습니다. 재고가 돌아왔습니다.", no=found.no), "success")
    return redirect(url_for("warehouse.outbound"))


@bp.get("/outbound/<int:request_id>/attachment", endpoint="outbound_attachment")
def outbound_attachment(request_id: int):
    """쿠팡 부착서: only to the seller who attached it (support reads it in the panel)."""
    tenant = current_tenant()
    found = get_owned_or_404(OutboundRequest, request_id, tenant)
    path = files.path_for(tenant.id, found.attachment)
    if path is None:
        abort(404)
    return send_file(path, as_attachment=True, download_name=found.attachment_name or found.attachment)
