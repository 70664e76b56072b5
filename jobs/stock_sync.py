"""재고연동 job: push each live listing's sellable quantity (minus its buffer), newest version only; its triggers."""
from flask import current_app
from flask_babel import gettext
from flask_login import current_user

from models import Listing, StockPush
from models.base import utcnow
from models.listing import LIVE
from portal.extensions import db
from portal.marketplaces import ChannelError, LineOutcome, outcome_for_error
from portal.queues import enqueue

from .listings_common import (
    adapter_for, by_account, channel_copy, keys_predate_options, label, remember_channel_copy,
)
from .listings_lock import listing_lock


def start_sync(tenant_id: int, listing_ids=None, user_id=None):
    """Enqueue one 재고연동 job; it reads the stock when it pushes, never a value from now."""
    return enqueue(sync_stock, kind=gettext("재고연동"), queue="channel", tenant_id=tenant_id, user_id=user_id,
                   listing_ids=list(listing_ids or []))


def on_stock_changed(sender, tenant_id: int, product_ids: list[int], **_):
    """portal.signals.stock_changed: one job pushes the new quantities to every live listing of the products
    (their versions bumped by one statement)."""
    from blueprints.sales.services.stock import bump_versions

    ids = bump_versions(tenant_id, product_ids)
    if ids:
        user_id = current_user.id if current_user and getattr(current_user, "is_authenticated", False) else None
        start_sync(tenant_id, listing_ids=ids, user_id=user_id)


def reconcile(app) -> int:
    """Schedule (run inside the app context): listings whose channel quantity differs from what it should be get a push."""
    from blueprints.sales.services.stock import bump_stale

    stale = bump_stale()
    for tenant_id, ids in stale.items():
        start_sync(tenant_id, listing_ids=ids)
    current_app.logger.info("재고 재확인: %s개 판매상품", sum(len(v) for v in stale.values()))
    return sum(len(v) for v in stale.values())


def sync_stock(progress, tenant_id: int, listing_ids: list[int] | None = None,
               product_id: int | None = None) -> None:
    """Push these listings (or all live ones); product_id is named only by jobs queued before one job
    covered all the products of a change."""
    query = db.session.query(Listing).filter(Listing.tenant_id == tenant_id, Listing.status == LIVE)
    if listing_ids:
        query = query.filter(Listing.id.in_(listing_ids))
    if product_id:
        query = query.filter(Listing.product_id == product_id)
    listings = query.order_by(Listing.account_id, Listing.id).all()
    progress.set_total(len(listings))
    progress.log(gettext("재고 연동을 시작합니다."))
    for account_id, group in by_account(listings).items():
        _, adapter = adapter_for(progress, tenant_id, account_id)
        for listing in group:
            if adapter is None:
                progress.step(gettext("%(label)s: 제휴몰 계정정보를 확인해 주세요.", label=label(listing)), ok=False)
                continue
            with listing_lock(listing.id):
                db.session.expire_all()  # read stock and versions as they are now, inside the lock
                ok = push_stock(progress, adapter, listing)
            progress.step(gettext("%(label)s 재고 연동 %(value)s",
                                  label=label(listing), value='완료' if ok else '실패'), ok=ok)
    progress.log(gettext("재고 연동을 종료합니다."))


def push_stock(progress, adapter, listing: Listing, force: bool = False) -> bool:
    """Send the quantity of now, labelled with the version of now; call it holding listing_lock.

    A job that arrives after a newer push (pushed_seq already >= stock_seq) sends nothing, so a
    late or redelivered job never overwrites a newer quantity with an older one.
    """
    from blueprints.sales.services.stock import buffer_label, buffer_of, pushes_for, sellable

    if listing.status != LIVE:
        return True
    seq = listing.stock_seq
    stock = sellable(listing.product)
    kind, value = buffer_of(listing)
    row = {"tenant_id": listing.tenant_id, "listing_id": listing.id, "product_id": listing.product_id, "seq": seq,
           "stock": stock, "buffer": buffer_label(kind, value), "run_id": progress.id}
    if not force and listing.pushed_qty is not None and listing.pushed_seq >= seq:
        db.session.add(StockPush(**row, quantity=listing.pushed_qty, result="skipped",
                                 message=gettext("이미 최신 재고가 반영되어 있어 보내지 않았습니다.")))
        db.session.commit()
        return True
    pushes = pushes_for(listing)
    if (not pushes or keys_predate_options(listing)) and "fetch_listing" in adapter.capabilities():
        # Linked before the channel named its item ids (e.g. 11번가), or a 스마트스토어 option product
        # keyed by its product number before option stock went per option: read them once now.
        found = channel_copy(adapter, listing, {})
        if found is not None:
            remember_channel_copy(listing, found)
            db.session.commit()
            pushes = pushes_for(listing)
    if not pushes:
        db.session.add(StockPush(**row, quantity=0, result="fail",
                                 message=gettext("제휴몰 재고번호를 알 수 없어 재고를 보내지 못했습니다. 상품을 다시 연동해 주세요.")))
        db.session.commit()
        return False
    try:
        outcomes = adapter.update_stock([(key, qty) for key, qty, _ in pushes])
    except ChannelError as exc:
        outcomes = [LineOutcome(outcome_for_error(exc), exc.message_ko, key=key) for key, _, _ in pushes]
    ok = all(o.ok for o in outcomes) and len(outcomes) == len(pushes)
    for (key, qty, option), outcome in zip(pushes, outcomes):
        db.session.add(StockPush(**row, quantity=qty, result="ok" if outcome.ok else "fail",
                                 message=f"[{option}] {outcome.message or outcome.label_ko}"[:500]))
    if ok:
        # Conditional: a version is recorded only forwards, never back.
        db.session.query(Listing).filter(Listing.id == listing.id, Listing.pushed_seq <= seq).update(
            {Listing.pushed_seq: seq, Listing.pushed_qty: sum(q for _, q, _ in pushes),
             Listing.pushed_at: utcnow()}, synchronize_session=False)
    db.session.commit()
    return ok
