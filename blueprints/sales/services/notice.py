"""품목고시 a listing sends: a 종합몰's re-entered 상품정보제공고시, or the product's mapped onto a channel's own
notice categories and required attributes (쿠팡 category meta).

The manual: "종합몰인 경우 판매정보 등록 시, 품목고시를 재등록 필요함". A 종합몰 listing starts from the
product's answers; the seller reviews or re-enters them on the 판매상품 page, and 연동 sends the listing's own.
A channel that names each category's notices and attributes (its adapter has fetch_category_meta) gets the
product's 품목고시 by label, with what the seller entered for that channel on the 판매상품 page over it.
"""
from blueprints.products.services import notices, reference
from blueprints.products.services.rules import Check, is_general_mall
from models import Listing

from .channel_notice import channel_sent, product_fields, uses_category_meta, uses_product_notice


def takes_notice(listing: Listing) -> bool:
    return is_general_mall(listing.channel)


def start_from_product(listing: Listing) -> None:
    """A 종합몰 listing without its own 품목고시 starts from the product's."""
    if takes_notice(listing) and not listing.notice_group and listing.product is not None:
        listing.notice_group = listing.product.notice_group or ""
        listing.notice = {k: dict(v) for k, v in (listing.product.notice or {}).items()}


class _Given:
    def __init__(self, group: str, answers: dict):
        self.notice_group, self.notice = group, answers


def from_form(form) -> _Given:
    """The form's group and answers: notice_<key> and notice_<key>_sep, as on the product form."""
    group = (form.get("notice_group") or "").strip()
    answers = {}
    found = reference.notice_group(group)
    for fld in (found or {}).get("fields", []):
        answers[fld["key"]] = {"value": (form.get(f"notice_{fld['key']}") or "").strip(),
                               "separate": bool(form.get(f"notice_{fld['key']}_sep"))}
    return _Given(group, answers)


def check_and_keep(listing: Listing, form) -> list[str]:
    """Checks the re-entered 품목고시; kept on the listing when every answer passes. Returns the problems."""
    result = Check()
    notices.check(from_form(form), result)
    if not result.ok:
        return result.messages()
    listing.notice_group, listing.notice = result.values["notice_group"], result.values["notice"]
    return []


def sent(listing: Listing) -> dict:
    """What 연동 sends: for a 종합몰 the group's name and each field's label with its answer; for a channel
    with category meta also the seller's notice category and attributes for it; for a channel with notice
    types per group (notice_by_group) the product's group and answers."""
    if uses_category_meta(listing.channel):
        return channel_sent(listing)
    if uses_product_notice(listing.channel):   # 스마트스토어, 11번가: the product's group and answers by label
        group, fields = product_fields(listing)
        return {"group": group, "fields": fields} if group else {}
    if not takes_notice(listing):
        return {}
    group = reference.notice_group(listing.notice_group)
    if group is None:
        return {}
    answers = listing.notice or {}
    return {"group": group["name"],
            "fields": {f["label"]: (answers.get(f["key"]) or {}).get("value", "") for f in group["fields"]}}
