"""판매상품관리 routes: listing search and edit, preview, sale periods, ending, link status, stock sync."""
from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from models import ChannelAccount, Listing, StockPush
from models.listing import ENDED, LIVE
from portal.extensions import db
from portal.services.excel import xlsx_response
from portal.tenancy import current_tenant, get_owned_or_404, tenant_query

from jobs import category_meta as meta_jobs
from jobs import listings as listing_jobs
from jobs import listings_periods
from blueprints.products.services import reference
from blueprints.products.services.notices import SEE_DETAIL
from jobs import stock_sync as stock_jobs

from . import bp
from .services import RuleViolation, channel_notice, listings, notice, search, stock

PERIOD_CHOICES = (3, 7, 15, 30)


def _job(run):
    return jsonify(job=run.id, job_url=url_for("jobs.progress", run_id=run.id)), 202


def _selected():
    try:
        return listings.owned_listings(current_tenant(), request.form.getlist("listing_id"))
    except LookupError:
        abort(404)


def _start(starter, *args, job):
    """Run a job starter on the selected listings; a refused rule answers 400 in Korean."""
    try:
        return _job(starter(current_tenant(), _selected(), *args, job=job))
    except RuleViolation as refused:
        return jsonify(error=str(refused)), 400


def _page(query):
    return query.paginate(page=request.args.get("page", 1, type=int), per_page=search.PER_PAGE, error_out=False)


@bp.get("/search", endpoint="search")
def search_page():
    tenant = current_tenant()
    query = search.listing_query(tenant, request.args)
    if request.args.get("format") == "xlsx":
        return xlsx_response(_("판매상품조회.xlsx"), [_(h) for h in search.EXPORT_HEADERS], search.export_rows(query),
                             _("판매상품"))
    return render_template("sales/search.html", page=_page(query), args=request.args,
                           accounts=search.accounts(tenant), name_of=listings.channel_name)



@bp.get("/listings/<int:listing_id>")
def listing(listing_id: int):
    row = get_owned_or_404(Listing, listing_id)
    pushes = (tenant_query(StockPush).filter_by(listing_id=row.id).order_by(StockPush.id.desc()).limit(20).all())
    kind, value = stock.buffer_of(row)
    group = reference.notice_group(request.args.get("notice_group") or row.notice_group)
    return render_template("sales/listing.html", listing=row, events=listings.events_of(row), pushes=pushes,
                           changes=listings.diff(row), name_of=listings.channel_name,
                           buffer=stock.buffer_label(kind, value), kinds=stock.BUFFER_KINDS,
                           general=notice.takes_notice(row), notice_group=group,
                           notice_groups=reference.notice_groups(),
                           answers=row.notice if group and group["code"] == row.notice_group else {},
                           see_detail=SEE_DETAIL, meta_channel=channel_notice.uses_category_meta(row.channel),
                           channel_form=channel_notice.form_values(row))


@bp.post("/listings/<int:listing_id>/channel-meta")
def listing_channel_meta(listing_id: int):
    """고시정보·속성 불러오기: a job reads the category meta (views never call a channel)."""
    row = get_owned_or_404(Listing, listing_id)
    if not channel_notice.uses_category_meta(row.channel):
        abort(404)
    if not row.category_id:
        return jsonify(error=_("카테고리를 먼저 선택해 주세요.")), 400
    from portal.queues import enqueue

    return _job(enqueue(meta_jobs.fetch_listing_meta, kind=_("고시정보·속성 불러오기"), queue="channel",
                        tenant_id=current_tenant().id, user_id=current_user.id, listing_id=row.id))


@bp.post("/listings/<int:listing_id>/channel-notice")
def listing_channel_notice(listing_id: int):
    """The seller's notice category, answers and attribute values for the channel."""
    row = get_owned_or_404(Listing, listing_id)
    if not channel_notice.uses_category_meta(row.channel):
        abort(404)
    try:
        channel_notice.save(row, request.form)
    except RuleViolation as refused:
        db.session.rollback()
        flash(str(refused), "error")
        return redirect(url_for("sales.listing", listing_id=row.id)), 303
    db.session.commit()
    flash(_("상품고시정보와 속성을 저장했습니다. 연동하면 이 값이 전송됩니다."), "success")
    return redirect(url_for("sales.listing", listing_id=row.id)), 303


@bp.post("/listings/<int:listing_id>")
def listing_save(listing_id: int):
    row = get_owned_or_404(Listing, listing_id)
    try:
        warnings = listings.update_listing(row, request.form)
    except RuleViolation as refused:
        flash(str(refused), "error")
        return redirect(url_for("sales.listing", listing_id=row.id)), 303
    flash(_("판매상품을 저장했습니다. 미리보기에서 달라지는 항목을 확인한 뒤 재연동해 주세요."), "success")
    for warning in warnings:
        flash(warning, "warning")
    return redirect(url_for("sales.preview", listing_id=row.id))


@bp.get("/listings/<int:listing_id>/preview")
def preview(listing_id: int):
    row = get_owned_or_404(Listing, listing_id)
    changes = listings.diff(row)
    return render_template("sales/preview.html", listing=row, rows=listings.preview_rows(row), changes=changes,
                           reregister=listings.needs_reregister(row, changes),
                           updates=listings.needs_product_write(changes) and listings.can(row.channel, "update_listing"),
                           name_of=listings.channel_name,
                           general=listings.is_general_mall(row.channel))


@bp.post("/listings/<int:listing_id>/send")
def listing_send(listing_id: int):
    row = get_owned_or_404(Listing, listing_id)
    try:
        kind = _("상품수정 연동") if row.channel_product_id else _("상품연동처리")
        return _job(listings.start_link(current_tenant(), [row], job=listing_jobs.link_listings, kind=kind))
    except RuleViolation as refused:
        return jsonify(error=str(refused)), 400


@bp.post("/listings/<int:listing_id>/read")
def listing_read(listing_id: int):
    row = get_owned_or_404(Listing, listing_id)
    try:
        return _job(listings.start_snapshot(current_tenant(), [row], job=listing_jobs.read_listings))
    except RuleViolation as refused:
        return jsonify(error=str(refused)), 400


@bp.post("/listings/send")
def send_selected():
    return _start(listings.start_link, job=listing_jobs.link_listings)


@bp.get("/periods")
def periods():
    days = request.args.get("days", 7, type=int)
    days = days if days in PERIOD_CHOICES else 7
    return render_template("sales/periods.html", page=_page(listings.ending_within(current_tenant(), days)),
                           days=days, choices=PERIOD_CHOICES, name_of=listings.channel_name)


@bp.post("/periods/extend")
def periods_extend():
    return _start(listings.start_extend, request.form.get("extend_days"), job=listings_periods.extend_listings)


@bp.get("/ended")
def ended():
    tenant = current_tenant()
    args = request.args
    live = search.listing_query(tenant, {**args.to_dict(), "status": LIVE})
    gone = search.listing_query(tenant, {**args.to_dict(), "status": ENDED})
    return render_template("sales/ended.html", live=live.limit(200).all(), ended=gone.limit(200).all(),
                           args=args, name_of=listings.channel_name)


@bp.post("/end")
def end():
    return _start(listings.start_end, job=listings_periods.end_listings)


@bp.post("/resume")
def resume():
    return _start(listings.start_resume, job=listing_jobs.link_listings)


@bp.get("/link-status")
def link_status():
    page, by_product = search.link_status(current_tenant(), request.args)
    return render_template("sales/link_status.html", page=page, by_product=by_product, args=request.args,
                           name_of=listings.channel_name)


@bp.get("/stock-sync")
def stock_sync():
    tenant = current_tenant()
    buffers = {b.account_id: b for b in tenant_query(stock.StockBuffer, tenant)}
    return render_template("sales/stock_sync.html", page=_page(search.stock_pushes(tenant, request.args)),
                           args=request.args, accounts=search.accounts(tenant), buffers=buffers,
                           kinds=stock.BUFFER_KINDS, name_of=listings.channel_name)


@bp.post("/stock-sync/buffers")
def stock_buffers():
    tenant = current_tenant()
    account = get_owned_or_404(ChannelAccount, request.form.get("account_id", type=int))
    try:
        stock.save_account_buffer(tenant, account, request.form.get("kind"), request.form.get("value"))
        flash(_("%(channel_name)s [%(alias)s] 안전재고를 저장했습니다. 다음 재고 연동부터 적용됩니다.",
                channel_name=listings.channel_name(account.channel), alias=account.alias), "success")
    except RuleViolation as refused:
        flash(str(refused), "error")
    return redirect(url_for("sales.stock_sync"))


@bp.post("/stock-sync/run")
def stock_run():
    tenant = current_tenant()
    ids = [x.id for x in tenant_query(Listing, tenant).filter(Listing.status == LIVE)]
    if not ids:
        return jsonify(error=_("재고를 연동할 판매중(반영완료) 상품이 없습니다.")), 400
    tenant_query(Listing, tenant).filter(Listing.id.in_(ids)).update(
        {Listing.stock_seq: Listing.stock_seq + 1}, synchronize_session=False)
    db.session.commit()
    return _job(stock_jobs.start_sync(tenant.id, listing_ids=ids, user_id=current_user.id))
