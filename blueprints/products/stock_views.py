"""재고관리, 상품대량등록 and 상품대량수정 routes: stock lists and edits, Excel templates and uploads."""
import io
import os
import uuid
from urllib.parse import quote

from flask import abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user

from jobs import products_bulk
from portal.queues import enqueue, job_files_dir
from portal.services.excel import XLSX_MIME, xlsx_response
from portal.tenancy import current_tenant
from portal.i18n import N_

from . import bp
from .services import RuleViolation, sheet_guard, stock, stock_lines
from .services.bulk import LABELS, header_problem
from .services.bulk_sheet import first_row, write_template

MSG_TYPE = N_("엑셀 파일(xlsx)만 업로드할 수 있습니다. xls 파일은 엑셀에서 xlsx로 저장해 올려 주세요.")
MSG_ZIP_TYPE = N_("이미지 압축파일은 zip 파일만 업로드할 수 있습니다. jpg 파일들을 zip으로 압축해 올려 주세요.")

# --- 재고관리 -------------------------------------------------------------------------------

@bp.get("/stock", endpoint="stock")
def stock_page():
    tenant = current_tenant()
    settings = stock.settings_for(tenant, keep=True)
    if request.args.get("format") == "xlsx":
        kinds = {"option": gettext("옵션"), "addon": gettext("추가상품"), "product": gettext("단품")}
        low = gettext("재고부족")
        rows = ([ln.product.code, ln.product.own_code or "", ln.product.name, kinds[ln.kind],
                 ln.label, ln.qty, low if ln.low else ""]
                for ln in stock_lines.all_lines(tenant, request.args, settings))
        return xlsx_response(gettext("재고관리.xlsx"), [gettext(h) for h in stock.EXPORT_HEADERS], rows,
                             gettext("재고관리"))
    return render_template("products/stock.html", page=stock_lines.page(tenant, request.args, settings),
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
    flash(gettext("재고 %(count)s건을 저장했습니다.", count=count), "success")
    return redirect(url_for("products.stock", **request.args))


@bp.post("/stock/settings")
def stock_settings():
    try:
        stock.save_threshold(current_tenant(), request.form.get("threshold", ""),
                             bool(request.form.get("enabled")))
    except RuleViolation as refused:
        flash(str(refused), "error")
    else:
        flash(gettext("재고부족 기준을 저장했습니다."), "success")
    return redirect(url_for("products.stock"))


# --- 상품대량등록 / 상품대량수정 -------------------------------------------------------------

BULK_UPLOADS = {"products.bulk_register_upload", "products.bulk_modify_upload"}


@bp.url_value_preprocessor
def _bulk_upload_limit(endpoint, values):
    """A sheet with its image zip may exceed the app-wide request limit. This runs before the
    CSRF check reads the form, and only for a signed-in user, so strangers keep the small limit."""
    if endpoint in BULK_UPLOADS and current_user.is_authenticated:
        request.max_content_length = current_app.config["BULK_UPLOAD_MAX_BYTES"]


def _bulk_page(mode: str):
    return render_template("products/bulk.html", mode=mode, label=gettext(LABELS[mode]),
                           max_rows=sheet_guard.MAX_ROWS, max_files=sheet_guard.MAX_IMAGE_FILES,
                           max_upload_mb=current_app.config["BULK_UPLOAD_MAX_BYTES"] >> 20)


def _bulk_template(mode: str):
    buf = io.BytesIO()
    write_template(buf, modify=mode == "modify")
    name = gettext("%(label)s_양식.xlsx", label=gettext(LABELS[mode]))
    return current_app.response_class(buf.getvalue(), mimetype=XLSX_MIME, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})


def _bulk_upload(mode: str):
    """The files are judged here first (type, size, rows, template, the image zip's guards)
    so a bad one never queues; the job gets the stored files' paths, never their contents."""
    upload = request.files.get("file")
    name = (upload.filename or "").lower() if upload else ""
    if not name.endswith(".xlsx"):
        return jsonify(error=gettext(MSG_TYPE)), 400
    zipped = request.files.get("images")
    if zipped is not None and not zipped.filename:
        zipped = None  # the optional zip input left empty
    if zipped is not None and not zipped.filename.lower().endswith(".zip"):
        return jsonify(error=gettext(MSG_ZIP_TYPE)), 400
    tenant = current_tenant()
    folder = os.path.join(job_files_dir(), str(tenant.id))
    os.makedirs(folder, exist_ok=True)
    stem = os.path.join(folder, f"upload-{uuid.uuid4().hex}")
    path, images_path = f"{stem}.xlsx", f"{stem}-images.zip" if zipped else None
    upload.save(path)
    if zipped:
        zipped.save(images_path)
    try:
        sheet_guard.inspect(path)
        problem = header_problem(first_row(path), mode)
        if problem:
            raise RuleViolation(problem)
        if images_path:
            sheet_guard.inspect_images(images_path)
    except RuleViolation as refused:
        for stored in (path, images_path):
            if stored:
                os.remove(stored)
        return jsonify(error=str(refused)), 400
    run = enqueue(products_bulk.import_products, kind=gettext(LABELS[mode]), queue="imports", tenant_id=tenant.id,
                  user_id=current_user.id, path=path, mode=mode, images_path=images_path)
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
