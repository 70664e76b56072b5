"""사은품관리 / 이벤트관리 routes: gifts (SKUs), 사은품 일괄 적용 to chosen shipments, the 사은품 Excel upload,
events with their form, a preview of which shipments get what, and applying it."""
import os

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from blueprints.orders.services import RuleViolation, sheets
from blueprints.orders.services.queries import keyset_page
from models import GiftEvent, Shipment
from models.shipment import EDITABLE
from portal.extensions import db
from portal.queues import enqueue, job_files_dir
from portal.services.excel import xlsx_response
from portal.tenancy import current_tenant, get_owned_or_404, tenant_query
from portal.web import job_response

from .. import bp
from . import apply, catalogue, events, upload, waiting as waiting_gifts

PREVIEW_ROWS = 200


def _open_shipments(tenant):
    query = tenant_query(Shipment, tenant).filter(Shipment.deleted_at.is_(None), Shipment.status.in_(EDITABLE),
                                                  Shipment.received_at.is_(None))
    text = (request.args.get("q") or "").strip()
    if text:
        query = query.filter((Shipment.receipt_no == text.upper()) | (Shipment.cart_no == text))
    if request.args.get("channel"):
        query = query.filter(Shipment.channel == request.args["channel"])
    return query


@bp.get("/gifts")
def gifts():
    """사은품관리: the gift list, and the shipments before 입고 to apply a gift or an event to."""
    tenant = current_tenant()
    page = keyset_page(_open_shipments(tenant), request.args, column=Shipment.id,
                       options=(selectinload(Shipment.items),))
    return render_template("fulfilment/gifts.html", gifts=catalogue.gifts_of(tenant), page=page, args=request.args,
                           events=[e for e in events.events_of(tenant) if e.active], by_labels=upload.BY_LABELS)


@bp.post("/gifts/new")
def gifts_new():
    try:
        sku = catalogue.add_gift(current_tenant(), current_user, request.form)
    except events.Invalid as exc:
        for line in exc.errors:
            flash(line, "error")
    else:
        flash(_("사은품 %(code)s 을(를) 등록했습니다.", code=sku.code), "success")
    return redirect(url_for("fulfilment.gifts")), 303


@bp.post("/gifts/<int:sku_id>/remove")
def gifts_remove(sku_id: int):
    try:
        sku = catalogue.remove_gift(current_tenant(), current_user, sku_id)
    except events.Invalid as exc:
        flash(str(exc), "error")
    else:
        flash(_("%(code)s 을(를) 사은품 목록에서 뺐습니다. 이미 적용된 사은품은 그대로 남습니다.", code=sku.code), "success")
    return redirect(url_for("fulfilment.gifts")), 303


@bp.post("/gifts/apply")
def gifts_apply():
    """사은품 일괄 적용: the chosen gift × quantity on each chosen 접수번호 (once per 접수번호)."""
    try:
        out = apply.apply_gift(current_tenant(), current_user, request.form.getlist("shipment_ids"),
                               request.form.get("sku_id", type=int), request.form.get("quantity", "1"))
    except apply.Refused as exc:
        flash(str(exc), "error")
        return redirect(request.referrer or url_for("fulfilment.gifts")), 303
    flash(_("%(n)d건에 사은품을 적용했습니다.", n=out.added), "success")
    for line in out.skipped:
        flash(line, "warning")
    return redirect(request.referrer or url_for("fulfilment.gifts")), 303


@bp.post("/waiting/gifts/<int:waiting_gift_id>/remove")
def waiting_gift_remove(waiting_gift_id: int):
    """A gift uploaded for a 대기목록 cart, removed before 배송접수."""
    try:
        gift = waiting_gifts.remove(current_tenant(), waiting_gift_id)
    except waiting_gifts.Refused as exc:
        flash(str(exc), "error")
    else:
        flash(_("장바구니번호 %(cart)s의 사은품 %(code)s을(를) 뺐습니다.", cart=gift.cart_no, code=gift.sku.code), "success")
    return redirect(url_for("fulfilment.waiting_list")), 303


@bp.get("/gifts/template")
def gifts_template():
    sample = [[_(cell) if cell and isinstance(cell, str) else cell for cell in row] for row in upload.SAMPLE]
    return xlsx_response(_("사은품추가_양식.xlsx"), upload.HEADERS, sample, _("사은품추가"))


@bp.post("/gifts/upload")
def gifts_upload():
    from jobs.fulfilment_gifts import import_gifts  # the job imports this package's services

    tenant = current_tenant()
    by = request.form.get("by", "")
    file = request.files.get("file")
    try:
        if by not in upload.BY_LABELS:
            raise RuleViolation(_("장바구니번호 기준인지 주문번호 기준인지 선택해 주세요."))
        if file is None or not file.filename:
            raise RuleViolation(_("업로드할 파일을 선택해 주세요."))
        path = sheets.save_upload(file, os.path.join(job_files_dir(), str(tenant.id), "uploads"), "gifts")
    except RuleViolation as exc:
        return jsonify(error=str(exc)), 400
    run = enqueue(import_gifts, kind=_("사은품 엑셀 업로드"), queue="imports", tenant_id=tenant.id,
                  user_id=current_user.id, path=path, filename=file.filename, by=by)
    return job_response(run)


# --- 이벤트관리 --------------------------------------------------------------------------------

@bp.get("/events")
def gift_events():
    tenant = current_tenant()
    return render_template("fulfilment/events.html", events=events.events_of(tenant))


@bp.route("/events/new", methods=["GET", "POST"])
def gift_event_new():
    return _event_form(None)


@bp.route("/events/<int:event_id>", methods=["GET", "POST"])
def gift_event_edit(event_id: int):
    return _event_form(get_owned_or_404(GiftEvent, event_id))


def _event_form(event):
    tenant, errors = current_tenant(), []
    if request.method == "POST":
        try:
            saved = events.save_event(tenant, current_user, request.form, event)
        except events.Invalid as exc:
            errors = exc.errors
        else:
            flash(_("이벤트 %(name)s 을(를) 저장했습니다.", name=saved.name), "success")
            return redirect(url_for("fulfilment.gift_events")), 303
    if request.method == "POST":
        form = request.form
        ids, quantities = form.getlist("gift_sku_id"), form.getlist("gift_quantity")
        modes, limits = form.getlist("gift_limited"), form.getlist("gift_limit")
        used = {str(g.sku_id): g.used_count for g in (event.gifts if event else [])}

        def at(values, n, default=""):
            return values[n] if n < len(values) else default
        rows = [(i, at(quantities, n, "1"), at(modes, n, "0"), at(limits, n), used.get(i, ""))
                for n, i in enumerate(ids) if i]
    else:
        rows = [(str(g.sku_id), g.quantity, "1" if g.limit_count is not None else "0",
                 g.limit_count if g.limit_count is not None else "", g.used_count)
                for g in (event.gifts if event else [])]
    return render_template("fulfilment/event_form.html", event=event, errors=errors, form=request.form,
                           gift_rows=rows + [("", 1, "0", "", "")] * (2 if rows else 3),  # blank rows to add gifts
                           gifts=catalogue.gifts_of(tenant), channels=events.CHANNELS,
                           currencies=events.CURRENCIES), 400 if errors else 200


@bp.post("/events/<int:event_id>/delete")
def gift_event_delete(event_id: int):
    event = get_owned_or_404(GiftEvent, event_id)
    events.delete_event(event, current_user)
    flash(_("이벤트 %(name)s 을(를) 삭제했습니다. 이미 적용된 사은품은 묶음관리에서 지울 수 있습니다.", name=event.name), "success")
    return redirect(url_for("fulfilment.gift_events")), 303


def _plan(event):
    shipments = apply.event_shipments(event.tenant_id, request.values.getlist("shipment_ids"))
    return apply.plan_event(event, shipments)


@bp.route("/events/<int:event_id>/preview", methods=["GET", "POST"])
def gift_event_preview(event_id: int):
    """이벤트 적용 (1단계): which shipments get which gift and how many; nothing is written yet."""
    event = get_owned_or_404(GiftEvent, event_id)
    planned = _plan(event) if event.deleted_at is None and event.active else []
    plan, cut = [p for p in planned if p.gifts], [p for p in planned if p.cut]
    totals = {}
    for p in plan:
        for sku, n in p.gifts:
            code, name, total = totals.get(sku.id, (sku.code, sku.name, 0))
            totals[sku.id] = (code, name, total + n)
    return render_template("fulfilment/event_preview.html", event=event, plan=plan[:PREVIEW_ROWS], count=len(plan),
                           total=sum(p.quantity for p in plan), totals=list(totals.values()),
                           cut=cut[:PREVIEW_ROWS], cut_count=len(cut), limits=[g for g in event.gifts
                                                                               if g.limit_count is not None],
                           shipment_ids=request.values.getlist("shipment_ids"))


@bp.post("/events/<int:event_id>/apply")
def gift_event_apply(event_id: int):
    """이벤트 적용 (최종 확인): the plan made again now and written; applying twice adds nothing."""
    event = get_owned_or_404(GiftEvent, event_id)
    if event.deleted_at is not None or not event.active:
        flash(_("사용 중인 이벤트만 적용할 수 있습니다."), "error")
        return redirect(url_for("fulfilment.gift_events")), 303
    added = apply.apply_event(event, _plan(event), current_user.id)
    db.session.commit()
    flash(_("이벤트 %(name)s: %(n)d건에 사은품을 적용했습니다.", name=event.name, n=added), "success")
    return redirect(url_for("fulfilment.gift_events")), 303
