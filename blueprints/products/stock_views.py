"""재고관리, 상품대량등록 and 상품대량수정 routes: stock lists and edits, Excel templates and uploads."""
import io
import os
import uuid
from urllib.parse import quote

from flask import abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from jobs.products_bulk import LABELS, import_products
from portal.extensions import db
from portal.queues import enqueue, job_files_dir
from portal.services.excel import XLSX_MIME, xlsx_response
from portal.tenancy import current_tenant

from . import bp
from .services import RuleViolation, search, stock
from .services.bulk_sheet import write_template

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
