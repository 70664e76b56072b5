"""입고관리 routes: 입고신청, 입고신청목록 and 입고신청실패목록."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from models import WarehouseItem
from models.warehouse import ITEM_ACTIVE
from portal.services.excel import xlsx_response
from portal.tenancy import current_tenant, tenant_query

from . import bp
from .forms import rows as form_rows
from .services import WAREHOUSES, FieldErrors, RuleViolation, inbound, items, lists


def chosen_items(tenant):
    """?items=1&items=2 (or 1,2) from 상품정보목록 / 재고관리: the seller's own active items only."""
    ids = {int(v) for raw in request.args.getlist("items") for v in raw.split(",") if v.isdigit()}
    if not ids:
        return []
    found = (tenant_query(WarehouseItem, tenant)
             .filter(WarehouseItem.id.in_(ids), WarehouseItem.status == ITEM_ACTIVE)
             .order_by(WarehouseItem.id).all())
    if len(found) != len(ids):
        abort(404)
    return found


def _page(status=200, **context):
    return render_template("warehouse/inbound_new.html", warehouses=WAREHOUSES,
                           search_fields=items.SEARCH_FIELDS, **context), status


@bp.route("/inbound/new", methods=["GET", "POST"], endpoint="inbound_new")
def inbound_new():
    tenant = current_tenant()
    if request.method == "GET":
        chosen = chosen_items(tenant)
        rows = [{"item_id": i.id, "quantity": "1"} for i in chosen]
        return _page(rows=rows, errors={}, item_map={i.id: i for i in chosen})
    rows, _files = form_rows(request.form, "lines")
    known = {i.id: i for i in tenant_query(WarehouseItem, tenant).filter(WarehouseItem.id.in_(
        [int(r["item_id"]) for r in rows if str(r.get("item_id", "")).isdigit()]))}
    try:
        created = inbound.create(tenant, current_user, rows)
    except LookupError:
        abort(404)
    except FieldErrors as refused:
        return _page(400, rows=rows, errors=refused.errors, item_map=known)
    except RuleViolation as refused:
        flash(str(refused), "error")
        return _page(400, rows=rows, errors={}, item_map=known)
    flash(_("입고신청 %(no)s 을(를) 접수했습니다.", no=created.no), "success")
    return redirect(url_for("warehouse.inbound"))


@bp.get("/inbound", endpoint="inbound")
def inbound_list():
    tenant = current_tenant()
    query = inbound.listing(tenant, request.args)
    if request.args.get("format") == "xlsx":
        return xlsx_response(_("입고신청목록.xlsx"), [_(h) for h in inbound.EXPORT_HEADERS],
                             (inbound.export_row(line) for line in query.yield_per(1000)), _("입고신청목록"))
    page = lists.paginate(query, request.args)
    return render_template("warehouse/inbound.html", page=page, args=request.args,
                           labels=inbound.STATUS_LABELS, warehouses=WAREHOUSES,
                           search_fields=items.SEARCH_FIELDS)


@bp.get("/inbound/failed", endpoint="inbound_failed")
def inbound_failed():
    page = lists.paginate(inbound.refused(current_tenant()), request.args)
    return render_template("warehouse/inbound_failed.html", page=page, warehouses=WAREHOUSES)
