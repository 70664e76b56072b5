"""상품조회, 상품등록/수정, 삭제/상품복원, 상품수정이력 routes: HTTP in, product services, pages out."""

from flask import (
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from jobs import products_bulk
from models import JobRun, Product, ProductHistory
from portal.extensions import db
from portal.queues import enqueue
from portal.services.excel import xlsx_response
from portal.tenancy import current_tenant, get_owned_or_404, tenant_query

from . import bp
from .forms import draft_from_form, signed_amount
from .services.history import field_label
from .services import RuleViolation, catalog, images, options, reference, rules, search
from .services.draft import (
    CERT_KINDS,
    ORIGIN_CHOICES,
    REGION_CHOICES,
    STATUS_CHOICES,
    TAX_CHOICES,
    ProductDraft,
    draft_from_product,
)

CURSOR_ARGS = ("after", "before", "last", "page", "export_job", "format")


@bp.app_template_filter("without_cursor")
def without_cursor(args: dict) -> dict:
    """The list's filters and sort without its position, for sort links and 처음/마지막."""
    return {k: v for k, v in args.items() if k not in CURSOR_ARGS}


# --- 상품조회 -------------------------------------------------------------------------------

@bp.get("/search", endpoint="search")
def search_page():
    tenant = current_tenant()
    if request.args.get("format") == "xlsx":
        return _export(tenant)
    run_id = request.args.get("export_job", type=int)
    export_run = tenant_query(JobRun, tenant).filter(JobRun.id == run_id).first() if run_id else None
    return render_template("products/search.html", page=search.page(tenant, request.args),
                           args=request.args, field_labels=search.FIELD_LABELS,
                           statuses=STATUS_CHOICES, export_run=export_run)


def _export(tenant):
    """A small result downloads at once; a big one becomes a job the progress window follows."""
    args = {k: v for k, v in request.args.items() if k in search.FILTER_KEYS}
    total = search.count(search.product_query(tenant, args))
    if total <= search.EXPORT_JOB_ROWS:
        return xlsx_response(_("상품조회.xlsx"), [_(h) for h in search.EXPORT_HEADERS],
                             search.export_rows(tenant, args), _("상품조회"))
    run = enqueue(products_bulk.export_products, kind=_("상품조회 엑셀다운로드"), queue="exports",
                  tenant_id=tenant.id, user_id=current_user.id, args=args)
    flash(_("조회된 상품이 %(total)s개라 엑셀 파일을 작업으로 만듭니다. 진행상황 창이나 작업내역에서 내려받을 수 있습니다.",
            total=format(total, ',')), "success")
    return redirect(url_for("products.search", export_job=run.id, **args))


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
        options.apply_bulk(draft.option_rows, signed_amount(request.form.get("bulk_extra_sign", "+"),
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
    flash(_("상품을 저장했습니다. (상품코드 %(code)s)", code=product.code), "success")
    for warning in check.warnings:
        flash(warning, "warning")
    if action == "save_sales":
        return redirect(url_for("products.sales_info", product_id=product.id))
    return redirect(url_for("products.edit", product_id=product.id))


@bp.get("/own-code/check")
def check_own_code():
    """중복체크 button."""
    code = request.args.get("code", "").strip()
    if not code:
        return jsonify(ok=False, message=_("자체상품코드를 입력해 주세요."))
    product_id = request.args.get("product_id", type=int)
    problem = rules.own_code_problem(code, current_tenant(), product_id)
    return jsonify(ok=problem is None, message=problem or _("사용 가능한 자체상품코드입니다."))


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
    flash(_("%(name)s 상품을 삭제했습니다. 상품복원에서 되살릴 수 있습니다.", name=product.name), "success")
    return redirect(url_for("products.search"))


@bp.post("/delete")
def delete_selected():
    ids = request.form.getlist("product_id", type=int)
    if not ids:
        flash(_("삭제할 상품을 선택해 주세요."), "error")
        return redirect(url_for("products.search"))
    refused = []
    for product_id in ids:
        product = _live_product(product_id)
        try:
            catalog.delete(product, current_user)
        except RuleViolation:
            refused.append(product.name)
    db.session.commit()
    flash(_("%(value)s개 상품을 삭제했습니다.", value=len(ids) - len(refused)), "success")
    if refused:
        flash(_("판매중이라 삭제하지 않은 상품: %(names)s", names=", ".join(refused)), "error")
    return redirect(url_for("products.search"))


@bp.get("/restore")
def restore():
    page = search.page(current_tenant(), request.args, deleted=True, sort={"sort": "updated"})
    return render_template("products/restore.html", page=page, args=request.args)


@bp.post("/<int:product_id>/restore")
def restore_one(product_id: int):
    product = get_owned_or_404(Product, product_id)
    if product.deleted_at is None:
        abort(404)
    catalog.restore(product, current_user)
    db.session.commit()
    flash(_("%(name)s 상품을 복원했습니다.", name=product.name), "success")
    return redirect(url_for("products.restore"))


# --- 상품수정이력 ---------------------------------------------------------------------------

@bp.get("/history")
def history():
    query = tenant_query(ProductHistory).join(ProductHistory.product).order_by(ProductHistory.at.desc(),
                                                                ProductHistory.id.desc())
    text = request.args.get("q", "").strip()
    if text:
        query = query.filter(Product.name.ilike(f"%{text}%") | (Product.code == text)
                             | (Product.own_code == text))
    page = query.paginate(page=request.args.get("page", 1, type=int), per_page=search.PER_PAGE,
                          error_out=False)
    return render_template("products/history.html", page=page, product=None, args=request.args,
                           field_label=field_label)


@bp.get("/<int:product_id>/history")
def product_history(product_id: int):
    product = get_owned_or_404(Product, product_id)
    query = tenant_query(ProductHistory).filter(ProductHistory.product_id == product.id).order_by(
        ProductHistory.at.desc(), ProductHistory.id.desc())
    page = query.paginate(page=request.args.get("page", 1, type=int), per_page=search.PER_PAGE,
                          error_out=False)
    return render_template("products/history.html", page=page, product=product, args=request.args,
                           field_label=field_label)


from . import stock_views  # noqa: E402,F401  (재고관리 and 대량등록/수정 routes)
