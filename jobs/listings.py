"""상품연동 jobs: link (new, retry, resume), re-send changes, read the channel's copy, fetch categories."""
from flask_babel import gettext

from models import ChannelCategory, Listing
from models.base import utcnow
from models.listing import ENDED, FAILED, LINKING, LIVE, WAITING
from portal.extensions import db
from portal.marketplaces import ChannelError, LineOutcome, Outcome, outcome_for_error
from blueprints.fulfilment.learning import learn_from_listing
from portal.i18n import N_
from blueprints.sales.services import listing_images
from blueprints.sales.services.stock import sellable
from blueprints.products.services.price_currency import stored_currency_problem

from .listings_common import (
    LIST_READ_FROM,
    adapter_for,
    by_account,
    channel_copy,
    channel_rows,
    find_row,
    label,
    load_listings,
    record,
    refresh_live_count,
    remember_channel_copy,
    remember_items,
    start_sale_period,
)
from .listings_lock import listing_lock
from .listings_update import resume_in_place, update_in_place

MSG_AMBIGUOUS = (N_("제휴몰이 응답하지 않았고 등록 여부도 확인되지 않았습니다. "
                 "다시 연동하면 제휴몰에 먼저 확인한 뒤 필요할 때만 보냅니다."))

MSG_NO_CATEGORY = N_("제휴몰 카테고리가 지정되지 않았습니다. 판매정보에서 카테고리를 선택한 뒤 다시 연동해 주세요.")
MSG_TOO_MANY_OPTIONS = N_("{channel}의 경우 옵션이 {limit}개 이상 등록하실 수 없습니다. (현재 {count}개) 옵션을 줄인 뒤 연동해 주세요.")
MSG_NO_STOCK = (N_("판매가능 재고가 없어 제휴몰에 등록할 수 없습니다. 재고를 최소 1개 입력해 연동한 뒤, "
                "품절은 재고를 0으로 바꿔 처리해 주세요."))


def link_listings(progress, tenant_id: int, listing_ids: list[int]) -> None:
    """연동: each listing ends 반영완료 with the channel's product number, or 연동실패 with its reason."""
    from blueprints.sales.services.listings import channel_name

    listings = load_listings(tenant_id, listing_ids)
    progress.set_total(len(listings))
    progress.log(gettext("연동처리를 시작합니다."))
    for account_id, group in by_account(listings).items():
        account, adapter = adapter_for(progress, tenant_id, account_id)
        progress.log(gettext("연동 쇼핑몰: %(channel_name)s (%(alias)s), %(len)s개 상품",
                             channel_name=channel_name(account.channel), alias=account.alias, len=len(group)))
        cache: dict = {}
        went_live: list[int] = []
        for listing in group:
            if adapter is None:
                _fail(progress, listing, N_("상품연동"), gettext("제휴몰 계정정보를 확인해 주세요. 연동할 수 없는 계정입니다."))
                continue
            with listing_lock(listing.id):
                db.session.refresh(listing)
                if _link_one(progress, adapter, listing, cache):
                    went_live.append(listing.id)
        if adapter is not None and went_live:
            _learn_stock_keys(progress, adapter, went_live)
    progress.log(gettext("연동처리를 종료합니다."))


def _fail(progress, listing: Listing, action: str, message: str, pending: bool = False) -> bool:
    listing.status, listing.push_pending = FAILED, pending
    record(progress, listing, action, False, message)
    progress.step(gettext("%(label)s 연동 실패했습니다: %(message)s",
                          label=label(listing), message=message), ok=False)
    return False


def _go_live(progress, listing: Listing, product_no: str, action: str, message: str) -> bool:
    from blueprints.sales.services.listings import channel_name

    listing.status, listing.channel_product_id, listing.push_pending = LIVE, product_no, False
    listing.linked_at, listing.ended_at = utcnow(), None
    start_sale_period(listing)
    listing.pushed_seq, listing.pushed_qty, listing.pushed_at = listing.stock_seq, listing.sent.get("stock"), utcnow()
    record(progress, listing, action, True, gettext("%(message)s (제휴몰 상품번호 %(product_no)s)",
                                                    message=message, product_no=product_no))
    refresh_live_count(listing.product)
    learn_from_listing(listing)  # its product and option codes go to the SKU mapping table
    progress.step(gettext("%(label)s %(channel_name)s 연동 성공했습니다. 상품번호 %(product_no)s",
                          label=label(listing), channel_name=channel_name(listing.channel), product_no=product_no))
    return True


def _link_one(progress, adapter, listing: Listing, cache: dict) -> bool:
    # A 판매가 stored in another currency than the channel takes (won for yen) is never sent.
    wrong_currency = stored_currency_problem(listing)
    if wrong_currency:
        return _fail(progress, listing, N_("판매재개") if listing.status == ENDED else N_("상품연동"), wrong_currency)
    # A channel that takes image addresses gets none without the portal's public address: say so
    # rather than register (or overwrite) the product without its pictures.
    no_images = listing_images.refusal(adapter, listing.product)
    if listing.status == ENDED and listing.channel_product_id and "resume_listing" in adapter.capabilities():
        if listing.product.deleted_at is not None:
            return _fail(progress, listing, N_("판매재개"), gettext("삭제된 상품은 연동할 수 없습니다. 상품복원 후 연동해 주세요."))
        # 판매재개 is a status change that carries no image on any channel (PROTOCOL.md): only the
        # product write that follows it needs the pictures.
        return resume_in_place(progress, adapter, listing, no_images=no_images)
    if no_images:
        return _fail(progress, listing, N_("상품연동"), no_images)
    if listing.status in (LIVE, FAILED) and listing.channel_product_id:
        return _resend(progress, adapter, listing, cache)
    action = N_("상품연동")
    if listing.status == ENDED:
        # Fallback for channels that cannot resume a product: register it anew.
        listing.generation += 1
        listing.channel_product_id, listing.push_pending, action = None, False, N_("판매재개")
    if not listing.channel_product_id and listing.generation == 0 and listing.sales_info is not None:
        # Until the channel has the product, the 판매정보 category may still be corrected.
        listing.category_id = listing.sales_info.category_id
        listing.category_path = listing.sales_info.category_path
    if listing.product.deleted_at is not None:
        return _fail(progress, listing, action, gettext("삭제된 상품은 연동할 수 없습니다. 상품복원 후 연동해 주세요."))
    if listing.push_pending:
        rows = channel_rows(adapter, cache)
        if rows is None:
            return _fail(progress, listing, action, gettext("이전 전송의 처리 여부를 확인할 수 없습니다: "
                                                            "%(value)s",
                                                            value=cache['error']),
                         pending=True)
        found = find_row(rows, seller_code=listing.seller_code)
        if found is not None:
            remember_channel_copy(listing, found)
            return _go_live(progress, listing, found.channel_product_id, action,
                            gettext("이전 전송이 제휴몰에 반영되어 있어 그 상품번호로 연결했습니다."))
        progress.log(gettext("%(label)s: 이전 전송은 반영되지 않았습니다. 다시 보냅니다.", label=label(listing)))
    if not listing.category_id:
        return _fail(progress, listing, action, gettext(MSG_NO_CATEGORY))
    if not listing.channel_product_id and sellable(listing.product) < 1:
        return _fail(progress, listing, action, gettext(MSG_NO_STOCK))
    limit, count = adapter.max_options, len(listing.product.options)
    if limit and count > limit:
        return _fail(progress, listing, action, gettext(MSG_TOO_MANY_OPTIONS).format(
            channel=adapter.display_name, limit=limit + 1, count=count))
    return _push(progress, adapter, listing, cache, action)


def _push(progress, adapter, listing: Listing, cache: dict, action: str) -> bool:
    from blueprints.sales.services.listings import as_fields, build_channel_listing

    dto = build_channel_listing(listing)
    # Remember the attempt before sending: a lost answer or a crash is read back next time.
    listing.status, listing.push_pending = LINKING, True
    listing.seller_code, listing.sent = dto.seller_code, as_fields(dto)
    db.session.commit()
    try:
        outcome = (adapter.push_listing(dto) or [LineOutcome(Outcome.AMBIGUOUS, gettext("응답이 비어 있습니다."))])[0]
    except ChannelError as exc:
        outcome = LineOutcome(outcome_for_error(exc), exc.message_ko)
    listing_images.remember_uploads(listing, dto)
    cache.clear()  # the channel's list has changed (or may have)
    if outcome.outcome is Outcome.OK and outcome.channel_ref:
        listing.channel_product_id, listing.stock_keys = outcome.channel_ref, []
        remember_items(listing, outcome.items)
        return _go_live(progress, listing, outcome.channel_ref, action, outcome.message or gettext("상품이 등록되었습니다."))
    if outcome.outcome in (Outcome.OK, Outcome.ALREADY_DONE, Outcome.AMBIGUOUS):
        rows = channel_rows(adapter, cache)
        found = find_row(rows, seller_code=dto.seller_code) if rows else None
        if found is not None:
            remember_channel_copy(listing, found)
            return _go_live(progress, listing, found.channel_product_id, action,
                            gettext("제휴몰에 이미 등록된 상품을 확인해 그 상품번호로 연결했습니다."))
        reason = gettext(MSG_AMBIGUOUS) if outcome.outcome is Outcome.AMBIGUOUS else outcome.message
        return _fail(progress, listing, action, reason, pending=True)
    return _fail(progress, listing, action, outcome.message or outcome.label_ko)


def _resend(progress, adapter, listing: Listing, cache: dict) -> bool:
    """수정 재연동: compare with the channel's copy; stock goes by update_stock, name and price by
    update_listing (same number), or — for adapters without it — by ending and registering anew."""
    from blueprints.sales.services.listings import diff, needs_product_write

    found = channel_copy(adapter, listing, cache)
    if found is None:
        return _fail(progress, listing, N_("상품수정"), cache.get("error") or gettext("제휴몰 상품을 조회하지 못했습니다."))
    remember_channel_copy(listing, found)
    changes = diff(listing)
    if not changes:
        listing.status = LIVE
        record(progress, listing, N_("상품수정"), True, gettext("변경된 항목이 없어 전송하지 않았습니다."))
        progress.step(gettext("%(label)s 변경된 항목이 없습니다.", label=label(listing)))
        return False
    summary = ", ".join(f"{c['label']} {c['channel']} → {c['portal']}" for c in changes)
    if any(c["field"] == "status" for c in changes) and "resume_listing" in adapter.capabilities():
        resumed = (adapter.resume_listing([listing.channel_product_id]) or [None])[0]
        if resumed is not None:
            record(progress, listing, N_("판매재개"), resumed.ok, resumed.message or resumed.label_ko)
    if needs_product_write(changes) and "update_listing" in adapter.capabilities():
        return update_in_place(progress, adapter, listing, N_("상품수정"), gettext("상품 수정 연동: %(summary)s",
                                                                           summary=summary))
    if not needs_product_write(changes):
        from .stock_sync import push_stock

        listing.status = LIVE
        db.session.commit()
        ok = push_stock(progress, adapter, listing, force=True)
        record(progress, listing, N_("상품수정"), ok, gettext("재고 수정 연동: %(summary)s", summary=summary))
        progress.step(gettext("%(label)s 재고 수정 %(value)s했습니다.",
                              label=label(listing), value=gettext('성공') if ok else gettext('실패')), ok=ok)
        return False
    old = listing.channel_product_id
    try:
        ended = adapter.end_listing([old])[0]
    except ChannelError as exc:
        ended = LineOutcome(outcome_for_error(exc), exc.message_ko)
    if not ended.ok:
        return _fail(progress, listing, N_("상품수정"), gettext("기존 상품 %(old)s 판매종료 실패로 수정하지 못했습니다: "
                                                        "%(message)s",
                                                        old=old, message=ended.message))
    # Fallback for adapters without update_listing: end the old product and register anew.
    record(progress, listing, N_("판매종료"), True, gettext("상품명·가격 수정을 위해 기존 상품 %(old)s을(를) 판매종료했습니다. "
                                                    "변경: %(summary)s",
                                                    old=old, summary=summary))
    listing.generation += 1
    listing.channel_product_id, listing.push_pending, listing.status = None, False, WAITING
    db.session.commit()
    return _push(progress, adapter, listing, cache, N_("상품수정 재등록"))


def _learn_stock_keys(progress, adapter, listing_ids: list[int]) -> None:
    """Read each linked product back: the channel's copy for the diff and the item ids stock
    pushes use; when the read fails, the ids the push or update answered with are kept."""
    cache: dict = {}
    for listing in db.session.query(Listing).filter(Listing.id.in_(listing_ids)):
        found = channel_copy(adapter, listing, cache, prefer_list=len(listing_ids) > LIST_READ_FROM)
        if found is not None:
            remember_channel_copy(listing, found)
            continue
        if listing.stock_keys:
            continue   # the push or update already named them
        listing.stock_keys = [{"id": listing.channel_product_id, "option": ""}] if listing.channel == "naver" else []
        progress.log(gettext("%(label)s: 재고번호를 확인하지 못했습니다 (%(get)s). 재고 연동이 되지 않습니다.",
                             label=label(listing), get=cache.get('error', '')), "fail")
    db.session.commit()


def read_listings(progress, tenant_id: int, listing_ids: list[int]) -> None:
    """제휴몰 상품 조회: the channel's current copy of each listing, for the field-by-field diff."""
    listings = load_listings(tenant_id, listing_ids)
    progress.set_total(len(listings))
    for account_id, group in by_account(listings).items():
        _, adapter = adapter_for(progress, tenant_id, account_id)
        cache: dict = {}
        for listing in group:
            found = channel_copy(adapter, listing, cache) if adapter else None
            if found is None:
                reason = cache.get("error") or gettext("제휴몰 계정정보를 확인해 주세요.")
                progress.step(f"{label(listing)}: {reason}", ok=False)
                continue
            remember_channel_copy(listing, found)
            db.session.commit()
            progress.step(gettext("%(label)s: 제휴몰 상품 %(channel_product_id)s 조회했습니다. 판매가 "
                                  "%(price)s원, 재고 %(stock)s개, 상태 %(status)s",
                                  label=label(listing), channel_product_id=found.channel_product_id, price=format(found.price, ','), stock=format(found.stock, ','), status=found.status))


def fetch_categories(progress, tenant_id: int, account_id: int) -> None:
    """카테고리 가져오기: walk the channel's tree through the adapter and replace this account's copy."""
    account, adapter = adapter_for(progress, tenant_id, account_id)
    if adapter is None:
        return
    found, queue = [], [(None, "")]
    try:
        while queue:
            parent, path = queue.pop(0)
            for cat in adapter.fetch_categories(parent):
                full = f"{path} > {cat.name}" if path else cat.name
                found.append((cat, full))
                if not cat.is_leaf and len(found) < 20_000:
                    queue.append((cat.channel_category_id, full))
    except ChannelError as exc:
        progress.step(gettext("카테고리를 가져오지 못했습니다: %(message_ko)s", message_ko=exc.message_ko), ok=False)
        return
    db.session.query(ChannelCategory).filter_by(tenant_id=tenant_id, account_id=account.id).delete()
    now = utcnow()
    db.session.add_all(ChannelCategory(tenant_id=tenant_id, account_id=account.id, category_id=c.channel_category_id,
                                       parent_id=c.parent_id, name=c.name[:100], path=p[:300], is_leaf=c.is_leaf,
                                       fetched_at=now) for c, p in found)
    db.session.commit()
    progress.step(gettext("%(alias)s: 카테고리 %(len)s개를 가져왔습니다.",
                          alias=account.alias, len=format(len(found), ',')))
