"""배송관리 routes: 수기주문 list, single form with its 연결 SKU 추가 popup, Excel upload with its column-mapping profile, 강제취소."""
import os
from decimal import Decimal

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.orders.services import RuleViolation, sheets
from blueprints.orders.services.queries import keyset_page, may_reveal, reveal_requested
from models import ImportProfile, JobRun, ManualOrder
from portal.queues import enqueue, job_files_dir
from portal.security import mask_address, mask_name, mask_phone
from portal.services.excel import xlsx_download
from portal.tenancy import current_tenant, get_owned_or_404, tenant_query

from . import bp, helper, services, skus
from .mapping import SEPARATORS
from .presets import PRESETS
from .rules import EXTRA_FIELDS, FIELDS, Invalid, ManualDraft
from .template import template_workbook


@bp.app_template_filter("money")
def money(amount, currency: str = "") -> str:
    """19900 KRW → "19,900 KRW", 64.97 USD → "64.97 USD": decimals shown only when there are any."""
    if amount is None:
        return ""
    amount = Decimal(amount)
    text = f"{int(amount):,}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    return f"{text} {currency}".strip()


def _masker(reveal: bool):
    if reveal:
        return {"name": str, "phone": str, "address": str}
    return {"name": mask_name, "phone": mask_phone, "address": mask_address}


@bp.get("/manual")
def manual():
    tenant = current_tenant()
    query = tenant_query(ManualOrder, tenant)
    text = (request.args.get("q") or "").strip()
    if text:
        query = query.filter(ManualOrder.order_no == text)
    if request.args.get("platform"):
        query = query.filter(ManualOrder.platform == request.args["platform"])
    if request.args.get("format") == "xlsx":
        return xlsx_download(_("템플릿_수기주문.xlsx"), template_workbook())
    page = keyset_page(query, request.args, column=ManualOrder.id)
    reveal = reveal_requested(request.args, _("수기주문"), len(page.items))
    return render_template("fulfilment/manual.html", page=page, args=request.args, mask=_masker(reveal),
                           reveal=reveal, may_reveal=may_reveal(current_user))


@bp.route("/manual/new", methods=["GET", "POST"])
def manual_new():
    draft = ManualDraft(lines=[("", "1")])
    error = None
    if request.method == "POST":
        draft = services.draft_from_form(request.form)
        try:
            order = services.create_order(current_tenant(), current_user, draft)
        except Invalid as exc:
            error = str(exc)
        else:
            flash(_("수기주문 %(order_no)s을(를) 등록했습니다.", order_no=order.order_no), "success")
            return redirect(url_for("fulfilment.manual")), 303
    return render_template("fulfilment/manual_form.html", draft=draft, error=error), 400 if error else 200


@bp.get("/manual/skus")
def manual_skus():
    """연결 SKU 추가: the product search popup of the form; only the seller's own products are found."""
    text = request.args.get("q", "")
    return render_template("fulfilment/sku_search.html", choices=skus.search(current_tenant(), text), q=text,
                           limit=skus.SEARCH_LIMIT)


@bp.get("/manual/<int:manual_id>")
def manual_detail(manual_id: int):
    order = get_owned_or_404(ManualOrder, manual_id)
    reveal = reveal_requested(request.args, _("수기주문 상세"), 1)
    return render_template("fulfilment/manual_detail.html", order=order, mask=_masker(reveal), reveal=reveal,
                           may_reveal=may_reveal(current_user))


@bp.post("/manual/cancel")
def manual_cancel():
    try:
        count = services.force_cancel(current_tenant(), current_user, request.form.getlist("order_ids"))
    except Invalid as exc:
        flash(str(exc), "error")
    else:
        flash(_("%(count)s건을 강제 취소했습니다. 강제 취소된 주문은 다시 정상 상태로 변경할 수 없습니다.", count=count), "success")
    return redirect(url_for("fulfilment.manual")), 303


@bp.get("/manual/upload")
def manual_upload():
    tenant = current_tenant()
    platform = (request.args.get("platform") or "").strip()
    preset = request.args.get("preset", "")
    profiles = tenant_query(ImportProfile, tenant).order_by(ImportProfile.platform).all()
    profile = services.profile_for(tenant.id, platform, preset)
    failed_runs = (tenant_query(JobRun, tenant).filter(JobRun.kind == helper.KIND, JobRun.result_file.isnot(None))
                   .order_by(JobRun.id.desc()).limit(5).all())
    return render_template("fulfilment/manual_upload.html", profiles=profiles, platform=platform, profile=profile,
                           fields=FIELDS, extra_fields=EXTRA_FIELDS, presets=PRESETS, preset=preset,
                           separators=SEPARATORS, failed_runs=failed_runs)


def _failed(run_id: int):
    tenant = current_tenant()
    return helper.load(tenant, run_id, skus.codes(tenant))


@bp.get("/manual/uploads/<int:upload_id>/helper")
def manual_helper(upload_id: int):
    """주문 서식 도우미: the failed rows of an upload with their suggested fixes."""
    try:
        failed = _failed(upload_id)
    except Invalid as exc:
        flash(str(exc), "error")
        return redirect(url_for("fulfilment.manual_upload")), 303
    return render_template("fulfilment/manual_helper.html", failed=failed, choices=skus.search(current_tenant(), ""))


@bp.post("/manual/uploads/<int:upload_id>/helper")
def manual_helper_import(upload_id: int):
    """Import the failed rows again with the accepted fixes, as a new upload."""
    tenant = current_tenant()
    try:
        failed = _failed(upload_id)
    except Invalid as exc:
        return jsonify(error=str(exc)), 400
    path = helper.fixed_file(failed, set(request.form.getlist("fix")),
                             os.path.join(job_files_dir(), str(tenant.id), "uploads"))
    return _start_import(tenant, path, _("수정한_주문서.xlsx"), failed.platform, failed.brand)


@bp.post("/manual/skumap")
def manual_skumap():
    """The seller's pick for a channel code no product answers to: remembered for the next uploads."""
    run_id = request.form.get("run_id", type=int)
    try:
        match = skus.teach(current_tenant(), request.form.get("channel", ""), request.form.get("code", ""),
                           skus.normal(request.form.get("sku", "")), product_url=request.form.get("product_url", ""))
    except Invalid as exc:
        flash(str(exc), "error")
    else:
        flash(_("%(strip)s → %(sku)s 연결을 저장했습니다. 다음 업로드부터 그대로 사용합니다.",
                strip=request.form.get('code', '').strip(), sku=match.sku), "success")
    if run_id:
        return redirect(url_for("fulfilment.manual_helper", upload_id=run_id)), 303
    return redirect(url_for("fulfilment.manual_upload")), 303


@bp.post("/manual/profiles")
def manual_profile_save():
    platform = request.form.get("platform", "")
    try:
        services.save_profile(current_tenant(), platform, request.form)
    except Invalid as exc:
        flash(str(exc), "error")
        return redirect(url_for("fulfilment.manual_upload", platform=platform)), 303
    flash(_("%(strip)s 주문서 매칭을 저장했습니다. 다음 업로드부터 그대로 사용합니다.", strip=platform.strip()), "success")
    return redirect(url_for("fulfilment.manual_upload", platform=platform.strip())), 303


@bp.post("/manual/upload")
def manual_upload_start():
    tenant = current_tenant()
    platform = (request.form.get("platform") or "").strip()
    upload = request.files.get("file")
    try:
        if not platform:
            raise RuleViolation(_("판매 플랫폼을 입력해 주세요."))
        if upload is None or not upload.filename:
            raise RuleViolation(_("업로드할 파일을 선택해 주세요."))
        path = sheets.save_upload(upload, os.path.join(job_files_dir(), str(tenant.id), "uploads"), "manual")
    except RuleViolation as exc:
        return jsonify(error=str(exc)), 400
    return _start_import(tenant, path, upload.filename, platform, (request.form.get("brand") or "").strip())


def _start_import(tenant, path: str, filename: str, platform: str, brand: str):
    from jobs.manual_orders import import_manual_orders  # jobs import this package's rules

    run = enqueue(import_manual_orders, kind=helper.KIND, queue="imports", tenant_id=tenant.id,
                  user_id=current_user.id, path=path, filename=filename, platform=platform, brand=brand)
    return jsonify(job=run.id, job_url=url_for("jobs.progress", run_id=run.id),
                   jobs=[{"id": run.id, "kind": run.kind, "job_url": url_for("jobs.progress", run_id=run.id)}]), 202
