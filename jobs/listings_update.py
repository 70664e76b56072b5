"""상품수정 and 판매재개 in place: update_listing and resume_listing keep the channel's product number."""
from flask_babel import gettext as _

from models import Listing
from models.base import utcnow
from models.listing import FAILED, LIVE
from portal.extensions import db
from portal.marketplaces import ChannelError, LineOutcome, Outcome, outcome_for_error
from portal.i18n import N_

from .listings_common import (
    channel_copy,
    label,
    record,
    refresh_live_count,
    remember_channel_copy,
    remember_items,
    start_sale_period,
)

MSG_RESUMED_WITHOUT_WRITE = N_("판매는 재개했지만 판매기간·판매가·재고 수정은 보내지 않았습니다: %(reason)s")

MSG_UNCONFIRMED = (N_("제휴몰이 응답하지 않았고 다시 조회해도 수정이 확인되지 않았습니다. "
                   "미리보기에서 제휴몰 상품을 다시 조회한 뒤 재연동해 주세요."))


def _first(call, *args) -> LineOutcome:
    try:
        return (call(*args) or [LineOutcome(Outcome.AMBIGUOUS, _("응답이 비어 있습니다."))])[0]
    except ChannelError as exc:
        return LineOutcome(outcome_for_error(exc), exc.message_ko)


def _with_item_ids(listing: Listing, dto) -> None:
    """Each option carries the channel item id it was registered under (stock_keys by option)."""
    ids = {k.get("option", ""): k["id"] for k in listing.stock_keys or [] if k.get("id")}
    for item in dto.items:
        item.channel_item_id = ids.get(item.option_name, "") if listing.channel != "naver" else ""


def update_in_place(progress, adapter, listing: Listing, action: str, note: str) -> bool:
    """Send the listing as it is now to its existing product; the product number stays."""
    from blueprints.sales.services import listing_images
    from blueprints.sales.services.listings import as_fields, build_channel_listing

    dto = build_channel_listing(listing)
    dto.channel_product_id = listing.channel_product_id
    _with_item_ids(listing, dto)
    listing.sent = as_fields(dto)
    db.session.commit()
    outcome = _first(adapter.update_listing, dto)
    listing_images.remember_uploads(listing, dto)
    if outcome.outcome is Outcome.AMBIGUOUS:
        # The answer was lost: the channel's copy says whether the change landed.
        cache: dict = {}
        copy = channel_copy(adapter, listing, cache)
        if copy is not None and (copy.name, copy.price) == (dto.name, dto.price):
            remember_channel_copy(listing, copy)
            outcome = LineOutcome(Outcome.OK, _("응답은 없었지만 제휴몰에 수정이 반영된 것을 확인했습니다."),
                                  items=copy.items)
        else:
            outcome = LineOutcome(Outcome.AMBIGUOUS, _(MSG_UNCONFIRMED))
    no = listing.channel_product_id
    if not outcome.ok:
        listing.status = FAILED
        message = _("상품번호 %(no)s 수정 실패: %(value)s",
                    no=no, value=outcome.message or outcome.label_ko)
        record(progress, listing, action, False, message)
        progress.step(f"{label(listing)} {message}", ok=False)
        return False
    listing.status, listing.push_pending = LIVE, False
    remember_items(listing, outcome.items)
    listing.pushed_seq, listing.pushed_qty, listing.pushed_at = listing.stock_seq, dto.stock, utcnow()
    record(progress, listing, action, True, _("%(note)s (상품번호 %(no)s 유지) %(message)s", note=note, no=no,
                                               message=outcome.message).strip())
    progress.step(_("%(label)s 상품번호 %(no)s 그대로 수정했습니다.", label=label(listing), no=no))
    return True


def resume_in_place(progress, adapter, listing: Listing, no_images: str | None = None) -> bool:
    """판매재개 under the same number, then the new sale period and current fields are sent; when the
    product write would be refused for its pictures (no_images), only the status change goes."""
    no = listing.channel_product_id
    outcome = _first(adapter.resume_listing, [no])
    if not outcome.ok:
        message = _("상품번호 %(no)s 판매재개 실패: %(value)s",
                    no=no, value=outcome.message or outcome.label_ko)
        record(progress, listing, N_("판매재개"), False, message)
        progress.step(f"{label(listing)} {message}", ok=False)
        return False
    listing.status, listing.ended_at, listing.linked_at = LIVE, None, utcnow()
    start_sale_period(listing)
    record(progress, listing, N_("판매재개"), True,
           _("상품번호 %(no)s 그대로 판매를 재개했습니다. %(message)s", no=no, message=outcome.message).strip())
    refresh_live_count(listing.product)
    progress.step(_("%(label)s 판매재개했습니다. 상품번호 %(no)s", label=label(listing), no=no))
    if no_images and "update_listing" in adapter.capabilities():
        message = _(MSG_RESUMED_WITHOUT_WRITE, reason=no_images)
        record(progress, listing, N_("상품수정"), False, message)
        progress.log(f"{label(listing)}: {message}", "fail")
        return True
    if "update_listing" in adapter.capabilities():
        return update_in_place(progress, adapter, listing, N_("상품수정"),
                               _("판매재개: 판매기간(~%(sale_end)s)과 현재 판매가·재고를 반영했습니다.",
                                 sale_end=format(listing.sale_end, '%Y-%m-%d')))
    return True
