"""상품정보관리 routes: translate HTTP to the product services and render their verdicts."""
import io
import os
import uuid
from urllib.parse import quote

from flask import (abort, current_app, flash, jsonify, redirect, render_template, request,
                   send_file, url_for)
from flask_login import current_user

from jobs.products_bulk import LABELS, import_products
from models import Product, ProductHistory
from portal.extensions import db
from portal.queues import enqueue, job_files_dir
from portal.services.excel import XLSX_MIME, xlsx_response
from portal.tenancy import current_tenant, get_owned_or_404, tenant_query

from . import bp
from .forms import _signed, draft_from_form
from .services import RuleViolation, catalog, images, options, reference, rules, search, stock
from .services.bulk_sheet import write_template
from .services.draft import (CERT_KINDS, ORIGIN_CHOICES, REGION_CHOICES, STATUS_CHOICES,
                             TAX_CHOICES, ProductDraft, draft_from_product)

SALES_INFO_ENDPOINTS = ("products.sales_info", "sales.register")


# --- 상품조회 -------------------------------------------------------------------------------

@bp.get("/search", endpoint="search")
def search_page():
    tenant = current_tenant()
    query = search.sorted_query(search.product_query(tenant, request.args), request.args)
    if request.args.get("format") == "xlsx":
        return xlsx_response("상품조회.xlsx", search.EXPORT_HEADERS, search.export_rows(query), "상품조회")
    page = query.paginate(page=request.args.get("page", 1, type=int), per_page=search.PER_PAGE,
                          error_out=False)
    return render_template("products/search.html", page=page, args=request.args,
                           field_labels=search.FIELD_LABELS, statuses=STATUS_CHOICES)



# --- 상품등록 / 수정 -------------------------------------------------------------------------

def _render_form(draft, product=None, check=None, status=200):
    group = reference.notice_group(draft.notice_group)
    category = reference.category(draft.category_code)
    return render_template(
        "products/form.html", draft=draft, product=product,
        errors=check.errors if check else {}, warnings=check.warnings if check else [],
        notice_groups=reference.notice_groups(), notice_group=group, category=category,
        statuses=STATUS_CHOICES, origins=ORIGIN_CHOICES, taxes=TAX_CHOICES,
        regions=REGION_CHOICES, cert_kinds=CERT_KINDS, levels=reference.LEVELS,
        top_categories=reference.category_children(None),
        name_width=rules.name_width(draft.name or ""),
    ), status


@bp.get("/register")
def register():
    tenant = current_tenant()
    return _render_form(ProductDraft(maker=tenant.name, brand=tenant.name, origin_type="none"))


@bp.post("/register")
def register_save():
    return _save(None)


@bp.get("/<int:product_id>/edit")
def edit(product_id: int):
    product = _live_product(product_id)
    return _render_form(draft_from_product(product), product)


@bp.post("/<int:product_id>/edit")
def edit_save(product_id: int):
    return _save(_live_product(product_id))


def _live_product(product_id: int) -> Product:
    product = get_owned_or_404(Product, product_id)
    if product.deleted_at is not None:
        abort(404)  # a deleted product is reached through 상품복원 only
    return product


def _save(product):
    tenant = current_tenant()
    draft = draft_from_form(request.form, request.files)
    action = request.form.get("action", "save")
    if action == "refresh":  # 품목 적용 without the page's script
        return _render_form(draft, product)
    if action == "gen_options":  # 옵션추가 +, when the page's script did not do it already
        draft.use_options = True
        draft.option_rows = options.generate_rows(
            [n for n in draft.option_names if n], draft.option_values, draft.option_rows)
        return _render_form(draft, product)
    if action == "bulk_options":  # 옵션일괄설정
        options.apply_bulk(draft.option_rows, _signed(request.form.get("bulk_extra_sign", "+"),
                                                      request.form.get("bulk_extra", "")),
                           request.form.get("bulk_status", ""))
        return _render_form(draft, product)
    check = rules.check(draft, tenant, product)
    if not check.ok:
        return _render_form(draft, product, check, 400)
    if product is None:
        product = catalog.create(tenant, current_user, check, draft)
    else:
        catalog.update(product, current_user, check, draft)
    db.session.commit()
    flash(f"상품을 저장했습니다. (상품코드 {product.code})", "success")
    for warning in check.warnings:
        flash(warning, "warning")
    if action == "save_sales":
        for endpoint in SALES_INFO_ENDPOINTS:
            if endpoint in current_app.view_functions:
                return redirect(url_for(endpoint, product_id=product.id))
        flash("판매정보 등록 화면은 아직 준비 중입니다. 상품 기본정보만 저장했습니다.", "warning")
    return redirect(url_for("products.edit", product_id=product.id))


@bp.get("/own-code/check")
def check_own_code():
    """중복체크 button."""
    code = request.args.get("code", "").strip()
    if not code:
        return jsonify(ok=False, message="자체상품코드를 입력해 주세요.")
    product_id = request.args.get("product_id", type=int)
    problem = rules.own_code_problem(code, current_tenant(), product_id)
    return jsonify(ok=problem is None, message=problem or "사용 가능한 자체상품코드입니다.")


@bp.get("/categories.json")
def categories():
    return jsonify(reference.category_children(request.args.get("parent")))


@bp.get("/notice-group.json")
def notice_group():
    """One item group's fields, or the list of groups when no code is asked for."""
    code = request.args.get("code", "")
    if not code:
        return jsonify([{"code": g["code"], "name": g["name"]} for g in reference.notice_groups()])
    group = reference.notice_group(code)
    if group is None:
        abort(404)
    return jsonify(group)


@bp.get("/images/<image_name>")
def image(image_name: str):
    path = images.path_for(current_tenant().id, image_name)
    if path is None:
        abort(404)
    return send_file(path, mimetype="image/jpeg", max_age=3600)


# --- 삭제 / 상품복원 -------------------------------------------------------------------------

@bp.post("/<int:product_id>/delete")
def delete(product_id: int):
    product = _live_product(product_id)
    try:
        catalog.delete(product, current_user)
    except RuleViolation as refused:
        flash(str(refused), "error")
        return redirect(url_for("products.edit", product_id=product.id))
    db.session.commit()
    flash(f"{product.name} 상품을 삭제했습니다. 상품복원에서 되살릴 수 있습니다.", "success")
    return redirect(url_for("products.search"))


@bp.post("/delete")
def delete_selected():
    ids = request.form.getlist("product_id", type=int)
    if not ids:
        flash("삭제할 상품을 선택해 주세요.", "error")
        return redirect(url_for("products.search"))
    refused = []
    for product_id in ids:
        product = _live_product(product_id)
        try:
            catalog.delete(product, current_user)
        except RuleViolation:
            refused.append(product.name)
    db.session.commit()
    flash(f"{len(ids) - len(refused)}개 상품을 삭제했습니다.", "success")
    if refused:
        flash("판매중이라 삭제하지 않은 상품: " + ", ".join(refused), "error")
    return redirect(url_for("products.search"))


@bp.get("/restore")
def restore():
    query = search.sorted_query(search.product_query(current_tenant(), request.args, deleted=True),
                                {"sort": "updated"})
    page = query.paginate(page=request.args.get("page", 1, type=int), per_page=search.PER_PAGE,
                          error_out=False)
    return render_template("products/restore.html", page=page, args=request.args)


@bp.post("/<int:product_id>/restore")
def restore_one(product_id: int):
    product = get_owned_or_404(Product, product_id)
    if product.deleted_at is None:
        abort(404)
    catalog.restore(product, current_user)
    db.session.commit()
    flash(f"{product.name} 상품을 복원했습니다.", "success")
    return redirect(url_for("products.restore"))


# --- 상품수정이력 ---------------------------------------------------------------------------

@bp.get("/history")
def history():
    query = tenant_query(ProductHistory).join(Product).order_by(ProductHistory.at.desc(),
                                                                ProductHistory.id.desc())
    text = request.args.get("q", "").strip()
    if text:
        query = query.filter(Product.name.ilike(f"%{text}%") | (Product.code == text)
                             | (Product.own_code == text))
    page = query.paginate(page=request.args.get("page", 1, type=int), per_page=search.PER_PAGE,
                          error_out=False)
    return render_template("products/history.html", page=page, product=None, args=request.args)


@bp.get("/<int:product_id>/history")
def product_history(product_id: int):
    product = get_owned_or_404(Product, product_id)
    query = tenant_query(ProductHistory).filter(ProductHistory.product_id == product.id).order_by(
        ProductHistory.at.desc(), ProductHistory.id.desc())
    page = query.paginate(page=request.args.get("page", 1, type=int), per_page=search.PER_PAGE,
                          error_out=False)
    return render_template("products/history.html", page=page, product=product, args=request.args)


# --- 재고관리 -------------------------------------------------------------------------------

@bp.get("/stock", endpoint="stock")
def stock_page():
    tenant = current_tenant()
    settings = stock.settings_for(tenant)
    db.session.commit()
    lines = stock.stock_lines(tenant, request.args, settings)
    if request.args.get("format") == "xlsx":
        kinds = {"option": "옵션", "addon": "추가상품", "product": "단품"}
        rows = ([p.code, p.own_code or "", p.name, kinds[kind], label, qty, "재고부족" if low else ""]
                for kind, _, p, label, qty, low in lines)
        return xlsx_response("재고관리.xlsx", stock.EXPORT_HEADERS, rows, "재고관리")
    per_page = search.PER_PAGE
    page_no = max(1, request.args.get("page", 1, type=int))
    all_lines = list(lines)
    shown = all_lines[(page_no - 1) * per_page: page_no * per_page]
    return render_template("products/stock.html", lines=shown, total=len(all_lines),
                           page_no=page_no, pages=max(1, -(-len(all_lines) // per_page)),
                           settings=settings, args=request.args)



@bp.post("/stock")
def stock_save():
    changes = {}
    for key, value in request.form.items():
        kind, _, row_id = key.partition("-")
        if kind in stock.MODELS and row_id.isdigit():
            changes[(kind, int(row_id))] = value
    try:
        count = stock.update_stock(current_tenant(), current_user, changes)
    except RuleViolation as refused:
        flash(str(refused), "error")
        return redirect(url_for("products.stock", **request.args))
    except LookupError:
        abort(404)
    flash(f"재고 {count}건을 저장했습니다.", "success")
    return redirect(url_for("products.stock", **request.args))


@bp.post("/stock/settings")
def stock_settings():
    try:
        stock.save_threshold(current_tenant(), request.form.get("threshold", ""),
                             bool(request.form.get("enabled")))
    except RuleViolation as refused:
        flash(str(refused), "error")
    else:
        flash("재고부족 기준을 저장했습니다.", "success")
    return redirect(url_for("products.stock"))


# --- 상품대량등록 / 상품대량수정 -------------------------------------------------------------

def _bulk_page(mode: str):
    return render_template("products/bulk.html", mode=mode, label=LABELS[mode])


def _bulk_template(mode: str):
    buf = io.BytesIO()
    write_template(buf, modify=mode == "modify")
    name = f"{LABELS[mode]}_양식.xlsx"
    return current_app.response_class(buf.getvalue(), mimetype=XLSX_MIME, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})


def _bulk_upload(mode: str):
    upload = request.files.get("file")
    name = (upload.filename or "").lower() if upload else ""
    if not name.endswith((".xlsx", ".xls")):
        return jsonify(error="엑셀 파일(xlsx, xls)만 업로드할 수 있습니다."), 400
    tenant = current_tenant()
    folder = os.path.join(job_files_dir(), str(tenant.id))
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"upload-{uuid.uuid4().hex}{os.path.splitext(name)[1]}")
    upload.save(path)
    run = enqueue(import_products, kind=LABELS[mode], queue="imports", tenant_id=tenant.id,
                  user_id=current_user.id, path=path, mode=mode)
    return jsonify(job=run.id, job_url=url_for("jobs.progress", run_id=run.id)), 202


@bp.get("/bulk-register")
def bulk_register():
    return _bulk_page("register")


@bp.get("/bulk-register/template")
def bulk_register_template():
    return _bulk_template("register")


@bp.post("/bulk-register")
def bulk_register_upload():
    return _bulk_upload("register")


@bp.get("/bulk-modify")
def bulk_modify():
    return _bulk_page("modify")


@bp.get("/bulk-modify/template")
def bulk_modify_template():
    return _bulk_template("modify")


@bp.post("/bulk-modify")
def bulk_modify_upload():
    return _bulk_upload("modify")
