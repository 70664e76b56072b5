"""묶음/분리/재배송 and 삭제목록 routes: the shipments list with 재배송신청, 배송타입변경 and 배송접수 삭제,
one shipment's orders (partial cancel / restore) and history, and the 삭제목록 of lines and shipments."""
from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.orders.services.queries import keyset_page, may_reveal, reveal_requested
from models import FulfilmentOrder, Shipment
from models.fulfilment_order import SOURCE_LABELS
from models.shipment import EVENT_LABELS, SHIP_TYPES, STATUSES
from portal.i18n import N_
from portal.services.excel import xlsx_response
from portal.tenancy import current_tenant, get_owned_or_404, tenant_query

from .. import bp
from . import amounts, bundles, deleted as deleted_lists, recipient, waiting
from .views import flash_outcome, masker

BUNDLE_HEADERS = [N_("접수번호"), N_("상태"), N_("배송타입"), N_("마켓"), N_("장바구니번호"), N_("받는사람"), N_("우편번호"),
                  N_("총금액"), N_("화폐"), N_("등록일")]


@bp.app_template_filter("reject_after")
def reject_after(args: dict) -> dict:
    return {k: v for k, v in args.items() if k not in ("after", "format")}


def _shipments(tenant, args):
    query = tenant_query(Shipment, tenant).filter(Shipment.deleted_at.is_(None))
    text = (args.get("q") or "").strip()
    if text:
        query = query.filter((Shipment.receipt_no == text) | (Shipment.cart_no == text))
    if args.get("status") in STATUSES:
        query = query.filter(Shipment.status == args["status"])
    return query


@bp.get("/bundles", endpoint="bundles")
def bundles_list():
    tenant = current_tenant()
    query = _shipments(tenant, request.args)
    if request.args.get("format") == "xlsx":
        rows = query.order_by(Shipment.id).all()
        m = masker(reveal_requested(request.args, _("배송건 엑셀"), len(rows)))
        headers = [_(h) for h in BUNDLE_HEADERS]
        return xlsx_response(_("배송건.xlsx"), headers, (
            [s.receipt_no, f"{s.status} {_(s.status_label)}", SHIP_TYPES.get(s.ship_type, s.ship_type), s.channel,
             s.cart_no, m["name"](s.recipient_name), s.zip_code, s.total_amount, s.currency, s.created_at]
            for s in rows))
    page = keyset_page(query, request.args, column=Shipment.id)
    reveal = reveal_requested(request.args, _("묶음관리"), len(page.items))
    return render_template("fulfilment/bundles.html", page=page, args=request.args, mask=masker(reveal), reveal=reveal,
                           may_reveal=may_reveal(current_user), statuses=STATUSES, ship_types=SHIP_TYPES)


def _back(default: str = "fulfilment.bundles"):
    return redirect(request.form.get("next") or url_for(default)), 303


@bp.post("/bundles/reship")
def bundles_reship():
    flash_outcome(lambda: bundles.reship(current_tenant(), current_user, request.form.getlist("ids"),
                                         request.form.get("suffix", "")),
                  lambda copies: _("재배송 %(n)s건을 접수했습니다: %(nos)s", n=len(copies),
                                   nos=", ".join(c.receipt_no for c in copies)))
    return _back()


@bp.post("/bundles/type")
def bundles_type():
    flash_outcome(lambda: bundles.change_type(current_tenant(), current_user, request.form.getlist("ids"),
                                              request.form.get("ship_type", "")),
                  lambda n: _("%(n)s건의 배송타입을 변경했습니다.", n=n))
    return _back()


@bp.post("/bundles/delete")
def bundles_delete():
    flash_outcome(lambda: bundles.delete(current_tenant(), current_user, request.form.getlist("ids")),
                  lambda n: _("배송건 %(n)s건을 삭제목록으로 옮겼습니다. 입고 전까지 복구할 수 있습니다.", n=n))
    return _back()


@bp.get("/bundles/<int:shipment_id>")
def bundle_detail(shipment_id: int):
    shipment = get_owned_or_404(Shipment, shipment_id)
    reveal = reveal_requested(request.args, _("묶음관리 상세"), 1)
    return render_template("fulfilment/bundle_detail.html", s=shipment, items=bundles.shipment_items(shipment),
                           mask=masker(reveal), reveal=reveal, may_reveal=may_reveal(current_user),
                           event_labels=EVENT_LABELS, statuses=STATUSES, ship_types=SHIP_TYPES,
                           unit_price=amounts.shown_unit_price, recipient_fields=recipient.FIELDS,
                           field_labels=waiting.FIELD_LABELS)


@bp.post("/bundles/<int:shipment_id>/orders/<int:order_id>")
def bundle_order(shipment_id: int, order_id: int):
    shipment = get_owned_or_404(Shipment, shipment_id)
    deleted = request.form.get("action") == "delete"
    flash_outcome(lambda: bundles.set_order(current_tenant(), current_user, shipment, order_id, deleted=deleted),
                  lambda _done: _("주문을 삭제했습니다.") if deleted else _("주문을 복구했습니다."))
    return redirect(url_for("fulfilment.bundle_detail", shipment_id=shipment.id)), 303


@bp.post("/bundles/<int:shipment_id>/orders/<int:order_id>/amounts")
def bundle_order_amounts(shipment_id: int, order_id: int):
    """단가/수량 수정 of one order inside a shipment, until 입고."""
    shipment = get_owned_or_404(Shipment, shipment_id)
    order = get_owned_or_404(FulfilmentOrder, order_id)
    flash_outcome(lambda: amounts.apply_in_shipment(current_tenant(), current_user, shipment, order, request.form),
                  lambda changes: _("단가/수량을 수정했습니다.") if changes else _("바뀐 내용이 없습니다."))
    return redirect(url_for("fulfilment.bundle_detail", shipment_id=shipment.id)), 303


@bp.post("/bundles/<int:shipment_id>/recipient")
def bundle_recipient(shipment_id: int):
    """받는사람 수정 of a shipment, until 입고."""
    shipment = get_owned_or_404(Shipment, shipment_id)
    flash_outcome(lambda: recipient.apply(current_tenant(), current_user, shipment, request.form),
                  lambda changed: _("받는사람 정보를 수정했습니다.") if changed else _("바뀐 내용이 없습니다."))
    return redirect(url_for("fulfilment.bundle_detail", shipment_id=shipment.id)), 303


@bp.get("/deleted")
def deleted():
    """삭제목록: deleted waiting lines and deleted shipments, each restorable; filters, paging and Excel."""
    from portal.web import kst

    tenant = current_tenant()
    tab = "shipments" if request.args.get("tab") == "shipments" else "orders"
    query = (deleted_lists.shipments if tab == "shipments" else deleted_lists.orders)(tenant, request.args)
    column = Shipment.id if tab == "shipments" else FulfilmentOrder.id
    if request.args.get("format") == "xlsx":
        rows = query.order_by(column.desc()).all()
        m = masker(reveal_requested(request.args, _("삭제목록 엑셀"), len(rows)))
        if tab == "shipments":
            headers, row = deleted_lists.SHIPMENT_HEADERS, deleted_lists.shipment_row
        else:
            headers, row = deleted_lists.ORDER_HEADERS, deleted_lists.order_row
        return xlsx_response(_("삭제목록.xlsx"), [_(h) for h in headers], (row(r, m, kst, _) for r in rows))
    page = keyset_page(query, request.args, column=column)
    reveal = reveal_requested(request.args, _("삭제목록"), len(page.items))
    return render_template("fulfilment/deleted.html", page=page, tab=tab, args=request.args, mask=masker(reveal),
                           reveal=reveal, may_reveal=may_reveal(current_user), channels=deleted_lists.channels(tenant),
                           sources=SOURCE_LABELS)


@bp.post("/deleted/restore")
def deleted_restore():
    restore = bundles.restore if request.form.get("tab") == "shipments" else waiting.restore
    flash_outcome(lambda: restore(current_tenant(), current_user, request.form.getlist("ids")),
                  lambda n: _("%(n)s건을 복구했습니다.", n=n))
    return redirect(url_for("fulfilment.deleted", tab=request.form.get("tab", "orders"))), 303
