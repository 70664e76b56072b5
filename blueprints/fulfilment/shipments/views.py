"""대기목록 and 배송접수 routes: the waiting lines with filters, paging and Excel, edit, 보류, 삭제,
장바구니번호 (merge / split), merge suggestions, and 배송접수 itself."""
from datetime import datetime, timedelta

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from blueprints.orders.services.queries import keyset_page, may_reveal, reveal_requested
from models import FulfilmentOrder
from models.fulfilment_order import CHANGE_LABELS, MATCH_LABELS, MATCH_OK
from portal.extensions import db
from portal.i18n import N_
from portal.security import mask_address, mask_name, mask_phone
from portal.services.excel import xlsx_response
from portal.tenancy import current_tenant, get_owned_or_404

from .. import bp
from . import amounts, receipt, waiting
from .waiting import FIELD_LABELS, Refused


def masker(reveal: bool):
    if reveal:
        return {"name": str, "phone": str, "address": str}
    return {"name": mask_name, "phone": mask_phone, "address": mask_address}


def _day(text: str | None):
    try:
        return datetime.strptime(text or "", "%Y-%m-%d")
    except ValueError:
        return None


def filtered(tenant, args):
    """대기목록 with the page's filters: tab (전체 / 보류 / 미매칭), 마켓, 주문·장바구니번호, 주문일 (KST)."""
    query = waiting.waiting(tenant)
    tab = args.get("tab", "all")
    if tab == "held":
        query = query.filter(FulfilmentOrder.held.is_(True))
    elif tab == "unmatched":
        query = query.filter(FulfilmentOrder.match_state != MATCH_OK)
    if args.get("channel"):
        query = query.filter(FulfilmentOrder.channel == args["channel"])
    text = (args.get("q") or "").strip()
    if text:
        query = query.filter((FulfilmentOrder.order_no == text) | (FulfilmentOrder.cart_no == text))
    start, end = _day(args.get("start")), _day(args.get("end"))
    if start:
        query = query.filter(FulfilmentOrder.ordered_at >= start - timedelta(hours=9))
    if end:
        query = query.filter(FulfilmentOrder.ordered_at < end + timedelta(days=1) - timedelta(hours=9))
    return query


EXCEL_HEADERS = [N_("마켓"), N_("주문번호"), N_("장바구니번호"), N_("주문일"), N_("받는사람"), N_("요미가나"), N_("영문 이름"),
                 N_("전화번호"), N_("우편번호"), N_("주소"), N_("상품명(Market)"), N_("옵션명"), N_("옵션코드"),
                 N_("판매자상품코드"), N_("상품코드"), N_("수량"), N_("금액"), N_("화폐"), "SKU", N_("매칭"), N_("보류 사유")]


@bp.get("/waiting")
def waiting_list():
    tenant = current_tenant()
    waiting.bring_in(tenant)
    query = filtered(tenant, request.args)
    if request.args.get("format") == "xlsx":
        rows = query.order_by(FulfilmentOrder.id).all()
        reveal = reveal_requested(request.args, _("대기목록 엑셀"), len(rows))
        m = masker(reveal)
        from portal.web import kst
        return xlsx_response(_("대기목록.xlsx"), [_(h) for h in EXCEL_HEADERS], (
            [r.channel, r.order_no, r.cart_no, kst(r.ordered_at), m["name"](r.recipient_name),
             m["name"](r.recipient_kana), m["name"](r.recipient_name_en), m["phone"](r.recipient_phone), r.zip_code,
             m["address"](f"{r.address} {r.address_detail}".strip()), r.product_name, r.option_name, r.option_code,
             r.seller_code, r.item_code, r.quantity, r.amount, r.currency, r.sku_code, _(MATCH_LABELS[r.match_state]),
             r.hold_reason] for r in rows))
    page = keyset_page(query, request.args, column=FulfilmentOrder.id)
    reveal = reveal_requested(request.args, _("대기목록"), len(page.items))
    channels = [c for (c,) in waiting.waiting(tenant).with_entities(FulfilmentOrder.channel).distinct()
                .order_by(FulfilmentOrder.channel)]
    from ..gifts import waiting as waiting_gifts  # the gifts uploaded for carts before 배송접수

    return render_template("fulfilment/waiting.html", page=page, args=request.args, mask=masker(reveal),
                           reveal=reveal, may_reveal=may_reveal(current_user), channels=channels,
                           counts=receipt.counts_by_state(tenant), match_labels=MATCH_LABELS,
                           waiting_gifts=waiting_gifts.pending(tenant))


def _back():
    return redirect(request.form.get("next") or url_for("fulfilment.waiting_list")), 303


def flash_outcome(work, success) -> None:
    """One 대기목록/묶음관리 action: its refusal flashed as an error, else success(result) flashed."""
    try:
        result = work()
    except Refused as exc:
        flash(str(exc), "error")
    else:
        flash(success(result), "success")


@bp.post("/waiting/receive")
def waiting_receive():
    try:
        outcome = receipt.receive(current_tenant(), current_user, request.form.getlist("ids"))
    except Refused as exc:
        flash(str(exc), "error")
        return _back()
    if outcome.receipt_nos:
        flash(_("%(lines)s건의 주문을 배송 %(n)s건으로 접수했습니다 (접수번호 %(first)s …).", lines=outcome.lines,
                n=len(outcome.receipt_nos), first=outcome.receipt_nos[0]), "success")
    for cart_no, reason in outcome.skipped:
        flash(_("장바구니번호 %(cart)s: 접수하지 않았습니다 - %(reason)s", cart=cart_no, reason=reason), "error")
    return _back()


@bp.post("/waiting/hold")
def waiting_hold():
    on = request.form.get("on", "1") == "1"
    flash_outcome(lambda: waiting.hold(current_tenant(), current_user, request.form.getlist("ids"),
                                       request.form.get("reason", ""), on),
                  lambda n: _("%(n)s건을 보류했습니다.", n=n) if on else _("%(n)s건의 보류를 해제했습니다.", n=n))
    return _back()


@bp.post("/waiting/delete")
def waiting_delete():
    flash_outcome(lambda: waiting.delete(current_tenant(), current_user, request.form.getlist("ids"),
                                         request.form.get("reason", "")),
                  lambda n: _("%(n)s건을 삭제목록으로 옮겼습니다. 삭제목록에서 복구할 수 있습니다.", n=n))
    return _back()


@bp.post("/waiting/cart")
def waiting_cart():
    flash_outcome(lambda: waiting.set_cart(current_tenant(), current_user, request.form.getlist("ids"),
                                           request.form.get("cart_no")),
                  lambda n: _("%(n)s건의 장바구니번호를 %(cart)s(으)로 바꿨습니다.", n=n,
                              cart=request.form.get("cart_no", "").strip()))
    return _back()


@bp.route("/waiting/<int:order_id>/edit", methods=["GET", "POST"])
def waiting_edit(order_id: int):
    tenant = current_tenant()
    row = get_owned_or_404(FulfilmentOrder, order_id, tenant)
    error = None
    if request.method == "POST":
        try:
            amounts.apply(tenant, current_user, row, request.form)  # 단가/수량 with their history, then the rest
            waiting.edit(tenant, current_user, row, request.form)
        except Refused as exc:
            db.session.rollback()
            error = str(exc)
        else:
            flash(_("주문 %(no)s의 정보를 수정했습니다.", no=row.order_no), "success")
            return redirect(url_for("fulfilment.waiting_list")), 303
    reveal_requested({"reveal": "1"}, _("대기목록 수정"), 1)
    return render_template("fulfilment/waiting_edit.html", row=row, error=error, labels=FIELD_LABELS,
                           fields=waiting.EDITABLE_FIELDS, unit_price=amounts.shown_unit_price(row),
                           history=amounts.history(row), change_labels=CHANGE_LABELS), 400 if error else 200


@bp.get("/waiting/merge")
def waiting_merge():
    """묶음배송 제안: carts whose recipients match by the documented rules."""
    tenant = current_tenant()
    suggestions = receipt.suggestions(tenant)
    reveal = reveal_requested(request.args, _("묶음배송 제안"), len(suggestions))
    return render_template("fulfilment/waiting_merge.html", suggestions=suggestions, mask=masker(reveal),
                           reveal=reveal, may_reveal=may_reveal(current_user))
