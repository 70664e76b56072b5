"""판매종료 and 판매기간 연장 jobs: end listings on the channel; extend the sale period of live ones."""
from datetime import timedelta

from flask_babel import gettext

from models.base import kst_today, utcnow
from models.listing import ENDED, LIVE
from portal.extensions import db
from portal.i18n import N_, ko
from portal.marketplaces import ChannelError, LineOutcome, Outcome, outcome_for_error

from .listings_common import (
    LIST_READ_FROM,
    adapter_for,
    by_account,
    channel_copy,
    label,
    load_listings,
    record,
    refresh_live_count,
)
from .listings_update import update_in_place

CLOSED = ("CLOSE", "SUSPENSION", ko("판매종료"), ko("판매중지"))  # a channel's status words, matched


def end_listings(progress, tenant_id: int, listing_ids: list[int]) -> None:
    """판매종료: the channel stops selling; ending twice is harmless (ALREADY_DONE)."""
    listings = load_listings(tenant_id, listing_ids)
    progress.set_total(len(listings))
    progress.log(gettext("판매종료 연동을 시작합니다."))
    for account_id, group in by_account(listings).items():
        _, adapter = adapter_for(progress, tenant_id, account_id)
        ids = [x.channel_product_id for x in group]
        try:
            outcomes = adapter.end_listing(ids) if adapter else []
        except ChannelError as exc:
            outcomes = [LineOutcome(outcome_for_error(exc), exc.message_ko, key=i) for i in ids]
        by_key = {o.key: o for o in outcomes}
        for listing in group:
            outcome = by_key.get(listing.channel_product_id) or LineOutcome(
                Outcome.REJECTED, gettext("제휴몰 계정정보를 확인해 주세요."))
            if outcome.ok:
                listing.status, listing.ended_at = ENDED, utcnow()
                record(progress, listing, N_("판매종료"), True, outcome.message or gettext("판매종료 처리되었습니다."))
                refresh_live_count(listing.product)
            else:
                message = outcome.message or outcome.label_ko
                if outcome.outcome is Outcome.AMBIGUOUS:
                    message += gettext(" 다시 판매종료하면 제휴몰 상태를 확인해 안전하게 처리됩니다.")
                record(progress, listing, N_("판매종료"), False, message)
            progress.step(gettext("%(label)s 판매종료 %(value)s: %(value2)s",
                                  label=label(listing), value=gettext('성공') if outcome.ok else gettext('실패'),
                                  value2=outcome.message or outcome.label_ko), ok=outcome.ok)
    progress.log(gettext("판매종료 연동을 종료합니다."))


def extend_listings(progress, tenant_id: int, listing_ids: list[int], days: int) -> None:
    """판매기간 연장: checked against the channel first; an ended product is not extended.

    Where the adapter can update a product, the new end date is sent and the portal's date only
    moves when the channel took it; elsewhere the portal's period is the one managed.
    """
    from blueprints.sales.services.listings import channel_name

    listings = load_listings(tenant_id, listing_ids)
    progress.set_total(len(listings))
    for account_id, group in by_account(listings).items():
        _, adapter = adapter_for(progress, tenant_id, account_id)
        updates = adapter is not None and "update_listing" in adapter.capabilities()
        cache: dict = {}
        for listing in group:
            found = channel_copy(adapter, listing, cache, prefer_list=len(group) > LIST_READ_FROM) if adapter else None
            missing = found is None and "찾을 수 없습니다" in cache.get("error", "")
            if missing or (found is not None and found.status in CLOSED):
                message = gettext("제휴몰에서 판매종료된 상품이라 판매기간을 연장하지 않았습니다. 판매재개로 다시 판매해 주세요.")
                record(progress, listing, N_("판매기간연장"), False, message)
                progress.step(f"{label(listing)}: {message}", ok=False)
                continue
            old_end = listing.sale_end
            start = max(listing.sale_end or kst_today(), kst_today())
            listing.sale_end = start + timedelta(days=days)
            if updates:
                ok = update_in_place(progress, adapter, listing, N_("판매기간연장"),
                                     gettext("판매기간을 %(days)s일 연장해 제휴몰에 보냈습니다 (~%(sale_end)s).",
                                             days=days, sale_end=format(listing.sale_end, '%Y-%m-%d')))
                if not ok:
                    listing.sale_end, listing.status = old_end, LIVE
                    db.session.commit()
                continue
            note = "" if found is not None else gettext(" (제휴몰 상태 확인 불가: %(error)s)", error=cache.get("error", ""))
            message = (gettext("판매기간을 %(days)s일 연장했습니다 (~%(sale_end)s). %(channel_name)s 연동 "
                               "규격에는 상품 수정이 없어 포털에서 관리합니다.%(note)s",
                               days=days, sale_end=format(listing.sale_end, '%Y-%m-%d'), channel_name=channel_name(listing.channel), note=note))
            record(progress, listing, N_("판매기간연장"), True, message)
            progress.step(f"{label(listing)}: {message}")
    db.session.commit()
