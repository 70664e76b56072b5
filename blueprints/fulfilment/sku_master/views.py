"""단일상품관리 / 조합형상품관리 routes: lists with search, paging and Excel, the form, 선택 삭제, Excel upload
with its failure file, and 미매칭 목록 where a channel code is matched to a SKU once."""
import os
import re
import secrets

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.orders.services.queries import keyset_page
from models import FulfilmentSku
from models.fulfilment_sku import COMBO, KIND_LABELS, SINGLE
from portal.extensions import db
from portal.queues import job_files_dir
from portal.services.excel import XLSX_MIME, xlsx_download
from portal.tenancy import current_tenant, get_owned_or_404

from .. import bp
from . import excel, services
from .rules import Invalid

TOKEN = re.compile(r"^[0-9a-f]{16}$")


def _kind() -> str:
    return COMBO if request.args.get("kind", request.form.get("kind")) == COMBO else SINGLE


@bp.get("/skus")
def skus():
    tenant, kind = current_tenant(), _kind()
    if request.args.get("format") == "xlsx":
        name = _("단일상품.xlsx") if kind == SINGLE else _("조합형상품.xlsx")
        return xlsx_download(name, excel.download(tenant, kind))
    query = services.live(tenant, kind)
    text = (request.args.get("q") or "").strip()
    if text:
        like = f"%{text}%"
        query = query.filter(FulfilmentSku.code.ilike(like) | FulfilmentSku.name.ilike(like)
                             | FulfilmentSku.barcode.ilike(like))
    page = keyset_page(query, request.args, column=FulfilmentSku.id)
    return render_template("fulfilment/skus.html", page=page, kind=kind, args=request.args, kinds=KIND_LABELS,
                           columns=excel.columns(kind))


def _form_values() -> dict:
    return {k: request.form.get(k, "") for k in request.form}


@bp.route("/skus/new", methods=["GET", "POST"])
@bp.route("/skus/<int:sku_id>/edit", methods=["GET", "POST"])
def sku_form(sku_id: int | None = None):
    tenant = current_tenant()
    sku = get_owned_or_404(FulfilmentSku, sku_id, tenant) if sku_id else None
    kind = sku.kind if sku else _kind()
    errors, values = [], {}
    if sku:
        values = {f: excel._value(sku, f) for f, _h in excel.columns(kind)}
    if request.method == "POST":
        values = _form_values()
        save = services.save_single if kind == SINGLE else services.save_combo
        try:
            saved = save(tenant, current_user, values, sku)
            db.session.commit()
        except Invalid as exc:
            db.session.rollback()
            errors = exc.reasons
        else:
            services.rematch_waiting(tenant)
            flash(_("SKU %(code)s을(를) 저장했습니다.", code=saved.code), "success")
            return redirect(url_for("fulfilment.skus", kind=kind)), 303
    return render_template("fulfilment/sku_form.html", sku=sku, kind=kind, kinds=KIND_LABELS, errors=errors,
                           values=values, columns=excel.columns(kind)), 400 if errors else 200


@bp.post("/skus/delete")
def skus_delete():
    n = services.delete(current_tenant(), request.form.getlist("ids"))
    flash(_("SKU %(n)s건을 삭제했습니다.", n=n), "success")
    return redirect(url_for("fulfilment.skus", kind=_kind())), 303


def _failures_dir(tenant) -> str:
    path = os.path.join(job_files_dir(), str(tenant.id), "sku_failures")
    os.makedirs(path, exist_ok=True)
    return path


@bp.post("/skus/upload")
def skus_upload():
    tenant, kind = current_tenant(), _kind()
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        flash(_("업로드할 엑셀 파일을 선택해 주세요."), "error")
        return redirect(url_for("fulfilment.skus", kind=kind)), 303
    try:
        saved, failure, refused = excel.upload(tenant, current_user, kind, upload.stream)
    except Invalid as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("fulfilment.skus", kind=kind)), 303
    services.rematch_waiting(tenant)
    flash(_("%(n)s건을 등록/수정했습니다.", n=saved), "success")
    if failure:
        token = secrets.token_hex(8)
        with open(os.path.join(_failures_dir(tenant), f"{token}.xlsx"), "wb") as fh:
            fh.write(failure)
        flash(_("%(n)s건은 등록하지 못했습니다. 실패 파일에서 줄마다 사유를 확인해 주세요.", n=refused), "error")
        return redirect(url_for("fulfilment.skus", kind=kind, failed=token)), 303
    return redirect(url_for("fulfilment.skus", kind=kind)), 303


@bp.get("/skus/failures/<token>")
def skus_failure(token: str):
    if not TOKEN.match(token):
        abort(404)
    path = os.path.join(_failures_dir(current_tenant()), f"{token}.xlsx")
    if not os.path.exists(path):
        abort(404)
    return send_file(path, mimetype=XLSX_MIME, as_attachment=True, download_name=_("SKU_실패.xlsx"))


@bp.route("/skus/unmatched", methods=["GET", "POST"])
def sku_unmatched():
    """미매칭 목록: codes of waiting lines no SKU answers to; a pick is remembered for every later order."""
    tenant = current_tenant()
    if request.method == "POST":
        try:
            n = services.remember(tenant, current_user, request.form.get("channel", ""), request.form.get("code", ""),
                                  request.form.get("sku", ""))
        except Invalid as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            flash(_("매칭을 저장했습니다. 대기목록의 %(n)s건이 매칭되었습니다.", n=n), "success")
        return redirect(url_for("fulfilment.sku_unmatched")), 303
    options = services.live(tenant).order_by(FulfilmentSku.code).limit(2000).all()
    return render_template("fulfilment/sku_unmatched.html", rows=services.unmatched(tenant), options=options)
