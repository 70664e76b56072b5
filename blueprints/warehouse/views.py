"""상품정보관리 and 재고관리 routes: register, list, edit, the translate helper, stock and its history."""
from flask import abort, flash, jsonify, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _

from models import StockLedger, WarehouseItem
from models.warehouse import ITEM_ACTIVE, ITEM_REFUSED
from portal.extensions import db
from portal.i18n import N_
from portal.services.excel import xlsx_response
from portal.tenancy import current_tenant, get_owned_or_404, tenant_query

from . import bp
from .forms import rows as form_rows
from .services import CURRENCIES, WAREHOUSES, FieldErrors, RuleViolation, files, glossary, items, lists, stock

STOCK_HEADERS = [N_("창고"), N_("화주명"), "Seller SKU", N_("바코드"), N_("중문상품명"), N_("한글상품명"),
                 N_("옵션"), N_("가용재고"), N_("재고부족 기준"), N_("재고부족")]


def _form_page(template, status=200, **context):
    return render_template(template, warehouses=WAREHOUSES, currencies=CURRENCIES,
                           search_fields=items.SEARCH_FIELDS, **context), status


# --- 상품정보관리 ------------------------------------------------------------------------------

@bp.route("/items/new", methods=["GET", "POST"], endpoint="item_new")
def item_new():
    tenant = current_tenant()
    if request.method == "GET":
        rows, errors = [items.blank_row(tenant)], {}
        if request.args.get("product"):
            try:
                rows = items.rows_from_product(tenant, request.args["product"])
            except RuleViolation as refused:
                flash(str(refused), "error")
        return _form_page("warehouse/item_new.html", rows=rows, errors=errors)
    rows, images = form_rows(request.form, "items", request.files)
    try:
        saved = items.register(tenant, rows, images)
    except FieldErrors as refused:
        return _form_page("warehouse/item_new.html", 400, rows=rows, errors=refused.errors)
    except RuleViolation as refused:
        flash(str(refused), "error")
        return _form_page("warehouse/item_new.html", 400, rows=rows or [items.blank_row(tenant)], errors={})
    flash(_("상품정보 %(n)d건을 신청했습니다.", n=len(saved)), "success")
    return redirect(url_for("warehouse.items"))


@bp.post("/items/translate", endpoint="item_translate")
def item_translate():
    """번역: a suggestion the seller reviews; nothing is filled unless they press the button."""
    return jsonify(glossary.suggest(str(request.form.get("name_zh", ""))[:200]))


def _item_list(status: str, template: str):
    tenant = current_tenant()
    query = items.search(tenant_query(WarehouseItem, tenant).filter(WarehouseItem.status == status),
                         request.args)
    total = None if request.args.get("q", "").strip() else (lambda: items.count(tenant, status))
    page = lists.paginate(query.order_by(WarehouseItem.id.desc()), request.args, id_col=WarehouseItem.id,
                          total=total)
    return _form_page(template, page=page, args=request.args)


@bp.get("/items", endpoint="items")
def item_list():
    return _item_list(ITEM_ACTIVE, "warehouse/items.html")


@bp.get("/items/failed", endpoint="items_failed")
def item_failed():
    return _item_list(ITEM_REFUSED, "warehouse/items_failed.html")


@bp.route("/items/<int:item_id>/edit", methods=["GET", "POST"], endpoint="item_edit")
def item_edit(item_id: int):
    """상품정보수정 (the list's popup)."""
    tenant = current_tenant()
    item = get_owned_or_404(WarehouseItem, item_id, tenant)
    if request.method == "GET":
        return _form_page("warehouse/item_edit.html", item=item, row=_row_of(item), errors={})
    row = {k: request.form.get(k, "") for k in items.TEXT_FIELDS}
    try:
        items.edit(tenant, item, row, request.files.get("image"))
    except FieldErrors as refused:
        db.session.rollback()
        return _form_page("warehouse/item_edit.html", 400, item=item, row=row,
                          errors={f: m for (_i, f), m in refused.errors.items()})
    flash(_("상품정보를 저장했습니다."), "success")
    return redirect(url_for("warehouse.item_edit", item_id=item.id, saved=1))


def _row_of(item: WarehouseItem) -> dict:
    row = {k: getattr(item, k) for k in items.TEXT_FIELDS if hasattr(item, k)}
    row["has_battery"] = "yes" if item.has_battery else "no"
    row["link"] = items.link_text(item)
    return {k: "" if v is None else str(v) for k, v in row.items()}


@bp.get("/items/<int:item_id>/image", endpoint="item_image")
def item_image(item_id: int):
    tenant = current_tenant()
    item = get_owned_or_404(WarehouseItem, item_id, tenant)
    path = files.path_for(tenant.id, item.image)
    if path is None:
        abort(404)
    return send_file(path, mimetype="image/jpeg", max_age=3600)


@bp.get("/items/lookup", endpoint="item_lookup")
def item_lookup():
    """입고상품추가 / 출고상품추가 popup: active items by 검색조건, with 출고가능수량."""
    query = items.search(tenant_query(WarehouseItem).filter(WarehouseItem.status == ITEM_ACTIVE), request.args)
    found = query.order_by(WarehouseItem.id.desc()).limit(50).all()
    return jsonify(items=[{
        "id": i.id, "fnsku": i.fnsku, "warehouse": WAREHOUSES.get(i.warehouse, i.warehouse),
        "owner_name": i.owner_name, "name_zh": i.name_zh, "option": i.option,
        "available": i.available, "image": url_for("warehouse.item_image", item_id=i.id) if i.image else "",
    } for i in found])


# --- 재고관리 ---------------------------------------------------------------------------------

def _stock_query(tenant):
    query = items.search(tenant_query(WarehouseItem, tenant).filter(WarehouseItem.status == ITEM_ACTIVE),
                         request.args)
    if request.args.get("low") == "1":
        query = query.filter(WarehouseItem.low_threshold.isnot(None),
                             WarehouseItem.available <= WarehouseItem.low_threshold)
    if request.args.get("warehouse") in WAREHOUSES:
        query = query.filter(WarehouseItem.warehouse == request.args["warehouse"])
    return query.order_by(WarehouseItem.id.desc())


@bp.get("/stock", endpoint="stock")
def stock_page():
    tenant = current_tenant()
    query = _stock_query(tenant)
    if request.args.get("format") == "xlsx":
        rows = ([WAREHOUSES.get(i.warehouse, i.warehouse), i.owner_name, i.seller_sku, i.fnsku, i.name_zh,
                 i.name_ko, i.option, i.available, "" if i.low_threshold is None else i.low_threshold,
                 _("재고부족") if i.is_low else ""] for i in query.yield_per(1000))
        return xlsx_response(_("재고관리.xlsx"), [_(h) for h in STOCK_HEADERS], rows, _("재고관리"))
    filtered = request.args.get("q", "").strip() or request.args.get("low") == "1" or request.args.get("warehouse")
    total = None if filtered else (lambda: items.count(tenant, ITEM_ACTIVE))
    return _form_page("warehouse/stock.html", page=lists.paginate(query, request.args, id_col=WarehouseItem.id,
                                                                  total=total),
                      args=request.args)


@bp.post("/stock/<int:item_id>/threshold", endpoint="stock_threshold")
def stock_threshold(item_id: int):
    item = get_owned_or_404(WarehouseItem, item_id)
    try:
        stock.save_threshold(item, request.form.get("threshold", ""), bool(request.form.get("enabled")))
    except RuleViolation as refused:
        flash(str(refused), "error")
    else:
        flash(_("재고부족 기준을 저장했습니다."), "success")
    return redirect(request.form.get("next") if str(request.form.get("next", "")).startswith("/warehouse/")
                    else url_for("warehouse.stock"))


@bp.get("/stock/<int:item_id>/ledger", endpoint="stock_ledger")
def stock_ledger(item_id: int):
    """재고이력: every movement of one item, newest first."""
    tenant = current_tenant()
    item = get_owned_or_404(WarehouseItem, item_id, tenant)
    query = (tenant_query(StockLedger, tenant).filter(StockLedger.item_id == item.id)
             .order_by(StockLedger.id.desc()))
    return _form_page("warehouse/ledger.html", item=item, page=lists.paginate(query, request.args),
                      reasons=stock.REASON_LABELS)
