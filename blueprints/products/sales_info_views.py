"""상품판매정보 and 연동대기상품 routes: sales-info templates per channel, linking a product, the queue."""
from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from blueprints.sales.services import listings as listing_services
from jobs import listings as listing_jobs
from models import ChannelAccount, Listing, ListingEvent, Product, SalesInfo
from models.listing import FAILED, LINKING, WAITING
from portal.extensions import db
from portal.queues import enqueue
from portal.tenancy import current_tenant, get_owned_or_404, tenant_query

from . import bp
from . import sales_info_services as services
from .services import RuleViolation
from .services.price_currency import KRW, currency_of, fee_label, unit

WAITING_HINTS = [
    _l("상품조회에서 상품을 고르고 판매자 ID와 상품판매정보(그룹명)를 선택하면 이 목록에 들어옵니다."),
    _l("연동 버튼을 누르면 연동상황 창에서 진행 결과를 확인할 수 있습니다. 연동 중에는 창을 닫지 마세요."),
    _l("연동실패 상품은 연동이력에서 실패사유를 확인하고 수정한 뒤 다시 연동해 주세요."),
    _l("미리보기로 제휴몰에 보낼 내용을 연동 전에 확인할 수 있습니다."),
]


def _product_arg():
    product_id = request.args.get("product_id", type=int) or request.form.get("product_id", type=int)
    if not product_id:
        return None
    product = get_owned_or_404(Product, product_id)
    if product.deleted_at is not None:
        abort(404)
    return product


@bp.get("/sales-info", endpoint="sales_info")
def sales_info():
    tenant = current_tenant()
    channel = request.args.get("channel", "")
    accounts = services.accounts_of(tenant)
    product = _product_arg()
    listings = tenant_query(Listing, tenant).filter_by(product_id=product.id).all() if product else []
    return render_template("products/sales_info.html", templates=services.templates_of(tenant, channel or None),
                           accounts=accounts, channel=channel, product=product, listings=listings,
                           channels=sorted({a.channel for a in accounts}), name_of=listing_services.channel_name,
                           margin=services.margin_rate, fee_label=fee_label)


def _form_page(info, account, product, data, check=None, status=200):
    tenant = current_tenant()
    account = account or (info.account if info else None)
    currency = currency_of(account.channel) if account else KRW
    return render_template(
        "products/sales_info_form.html", info=info, account=account, product=product, data=data,
        errors=check.errors if check else {}, warnings=check.warnings if check else [],
        accounts=services.accounts_of(tenant, account.channel if account else None),
        general=bool(account and services.is_general_mall(account.channel)),
        option_scopes=services.OPTION_SCOPES,
        cached=services.cached_category_count(tenant, account.id) if account else 0,
        couriers=services.COURIERS, policies=services.SHIP_POLICIES, sale_days=services.SALE_DAYS,
        name_of=listing_services.channel_name, currency=currency, unit=unit(currency),
        # 마진율 compares with the won 대표가격: not for a channel priced in yen.
        margin=services.margin_rate(data.get("sale_price") and services._int(data.get("sale_price")),
                                    product.rep_price if product and currency == KRW else None)), status


@bp.route("/sales-info/new", methods=["GET", "POST"], endpoint="sales_info_new")
def sales_info_new():
    tenant = current_tenant()
    account_id = request.values.get("account_id", type=int)
    account = get_owned_or_404(ChannelAccount, account_id) if account_id else None
    product = _product_arg()
    if request.method == "GET":
        data = services.form_data(None, tenant, account)
        if product:
            data.update(group_name=product.name[:50])
            # The won 대표가격 is a default only for a channel priced in won; a yen channel's
            # 판매가 is left empty for the seller to enter (never copied as yen).
            if account is not None and currency_of(account.channel) == KRW:
                data.update(sale_price=product.rep_price, market_price=product.rep_price)
        return _form_page(None, account, product, data)
    return _save(None, account, product)


@bp.route("/sales-info/<int:template_id>", methods=["GET", "POST"], endpoint="sales_info_edit")
def sales_info_edit(template_id: int):
    info = get_owned_or_404(SalesInfo, template_id)
    product = _product_arg()
    if request.method == "GET":
        return _form_page(info, None, product, services.form_data(info, current_tenant()))
    return _save(info, info.account, product)


def _save(info, account, product):
    tenant = current_tenant()
    check = services.check(tenant, request.form, product)
    data = {k: v for k, v in request.form.items() if k != "csrf_token"}
    data["fee_tiers"] = [{"upto": u, "fee": f} for u, f in zip(request.form.getlist("tier_upto"),
                                                                request.form.getlist("tier_fee"))]
    if not check.ok:
        return _form_page(info, check.values.get("account") or account, product, data, check, 400)
    info = services.save(tenant, check, info)
    flash(_("판매정보 [%(group_name)s]을(를) 저장했습니다.", group_name=info.group_name), "success")
    for warning in check.warnings:
        flash(warning, "warning")
    if product is not None and request.form.get("action") == "save_link":
        return _link(tenant, product, info)
    return redirect(url_for("products.sales_info", channel=info.channel,
                            product_id=product.id if product else None))


@bp.post("/sales-info/<int:template_id>/delete", endpoint="sales_info_delete")
def sales_info_delete(template_id: int):
    info = get_owned_or_404(SalesInfo, template_id)
    try:
        services.delete(current_tenant(), info)
        flash(_("판매정보를 삭제했습니다."), "success")
    except RuleViolation as refused:
        flash(str(refused), "error")
    return redirect(url_for("products.sales_info"))


@bp.post("/sales-info/categories/fetch", endpoint="sales_info_fetch_categories")
def sales_info_fetch_categories():
    account = get_owned_or_404(ChannelAccount, request.form.get("account_id", type=int))
    run = enqueue(listing_jobs.fetch_categories, kind=_("%(channel_name)s 카테고리 가져오기",
                                                        channel_name=listing_services.channel_name(account.channel)),
                  queue="channel", tenant_id=current_tenant().id, user_id=current_user.id, account_id=account.id)
    return jsonify(job=run.id, job_url=url_for("jobs.progress", run_id=run.id)), 202


@bp.get("/sales-info/categories.json", endpoint="sales_info_categories")
def sales_info_categories():
    tenant = current_tenant()
    account_id = request.args.get("account_id", type=int)
    if account_id:
        get_owned_or_404(ChannelAccount, account_id)
    rows = services.search_categories(tenant, account_id or 0, request.args.get("q", ""))
    resp = jsonify([{"id": c.category_id, "path": c.path, "leaf": c.is_leaf} for c in rows])
    # How many categories are cached: the page tells "nothing matches" from "fetch them first".
    resp.headers["X-Categories-Cached"] = str(services.cached_category_count(tenant, account_id or 0))
    return resp


def _link(tenant, product, info):
    try:
        listing = listing_services.request_link(tenant, product, info)
    except RuleViolation as refused:
        flash(str(refused), "error")
        return redirect(url_for("products.sales_info", product_id=product.id))
    flash(_("%(name)s 상품을 %(channel_name)s 연동대기상품에 추가했습니다.",
            name=product.name, channel_name=listing_services.channel_name(listing.channel)),
          "success")
    return redirect(url_for("products.waiting"))


@bp.post("/sales-info/link", endpoint="sales_info_link")
def sales_info_link():
    """상품 → 판매정보 선택 → 저장: the product waits in 연동대기상품."""
    tenant = current_tenant()
    product = _product_arg() or abort(404)
    template_id = request.form.get("template_id", type=int)
    if not template_id:
        flash(listing_services.MSG_TEMPLATE, "error")
        return redirect(url_for("products.sales_info", product_id=product.id))
    return _link(tenant, product, get_owned_or_404(SalesInfo, template_id))


@bp.get("/waiting", endpoint="waiting")
def waiting():
    tenant = current_tenant()
    rows = (tenant_query(Listing, tenant).filter(Listing.status.in_((WAITING, FAILED, LINKING)))
            .order_by(Listing.id.desc()).all())
    return render_template("products/waiting.html", rows=rows, hints=WAITING_HINTS,
                           name_of=listing_services.channel_name)


@bp.post("/waiting/link", endpoint="waiting_link")
def waiting_link():
    tenant = current_tenant()
    query = tenant_query(Listing, tenant).filter(Listing.status.in_((WAITING, FAILED)))
    try:
        if request.form.get("all") == "1":
            rows = query.all()
        else:
            rows = listing_services.owned_listings(tenant, request.form.getlist("listing_id"))
        run = listing_services.start_link(tenant, rows, job=listing_jobs.link_listings)
    except RuleViolation as refused:
        return jsonify(error=str(refused)), 400
    except LookupError:
        abort(404)
    return jsonify(job=run.id, job_url=url_for("jobs.progress", run_id=run.id)), 202


@bp.post("/waiting/remove", endpoint="waiting_remove")
def waiting_remove():
    tenant = current_tenant()
    try:
        rows = listing_services.owned_listings(tenant, request.form.getlist("listing_id"))
    except RuleViolation as refused:
        flash(str(refused), "error")
        return redirect(url_for("products.waiting"))
    except LookupError:
        abort(404)
    removable = [x for x in rows if x.status in (WAITING, FAILED) and not x.channel_product_id
                 and not x.push_pending and x.generation == 0]
    for listing in removable:
        db.session.query(ListingEvent).filter_by(listing_id=listing.id).delete()
        db.session.delete(listing)
    db.session.commit()
    flash(_("%(len)s개 상품을 연동대기에서 삭제했습니다.", len=len(removable)), "success")
    if len(removable) < len(rows):
        flash(_("제휴몰에 보낸 적이 있는 상품은 이력 보존을 위해 삭제하지 않았습니다."), "warning")
    return redirect(url_for("products.waiting"))
