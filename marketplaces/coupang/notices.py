"""쿠팡 상품고시정보 and category attributes: the category meta read, and the notices and attributes each item sends.

카테고리 메타정보 조회 (article 360034035713) names, per display category, the notice categories
(`noticeCategories[{noticeCategoryName, noticeCategoryDetailNames[{noticeCategoryDetailName, required}]}]`)
and the attributes (`attributes[{attributeTypeName, required MANDATORY|OPTIONAL, dataType, basicUnit,
usableUnits, inputType, inputValues, exposed}]`). 상품 생성/수정 send each item's `notices[{noticeCategoryName,
noticeCategoryDetailName, content}]` (one notice category, every detail of it) and `attributes[{attributeTypeName,
attributeValueName}]`.
"""
from __future__ import annotations

from flask_babel import gettext as _

from portal.channel_meta import Attribute, CategoryMeta, answer_for, choose_category

from .client import SELLER

META_PATH = SELLER + "/meta/category-related-metas/display-category-codes/{code}"
# The content the 상품 수정 document's example sends for a notice answered on the detail page.
SEE_DETAIL = "상세페이지 참조"


def meta(data: dict) -> CategoryMeta:
    """The `data` of a 카테고리 메타정보 조회 answer."""
    notices = {c["noticeCategoryName"]: [(d["noticeCategoryDetailName"], d.get("required") == "MANDATORY")
                                         for d in c.get("noticeCategoryDetailNames") or []]
               for c in data.get("noticeCategories") or []}
    attributes = [Attribute(a["attributeTypeName"], a.get("required") == "MANDATORY", a.get("dataType") or "STRING",
                            "" if a.get("basicUnit") in (None, "없음") else a["basicUnit"],
                            list(a.get("usableUnits") or []),
                            list(a.get("inputValues") or []) if a.get("inputType") == "SELECT" else [])
                  for a in data.get("attributes") or []]
    return CategoryMeta(notices, attributes)


def item_notices(found: CategoryMeta, notice: dict) -> list[dict]:
    """notices[] of one item: every detail of the chosen category, the seller's answer or 상세페이지 참조.

    notice is the listing's 품목고시 as the portal sends it: {"group", "fields": {label: answer}}.
    """
    category = choose_category(found, (notice or {}).get("group") or "")
    if not category:
        return []
    fields = (notice or {}).get("fields") or {}
    return [{"noticeCategoryName": category, "noticeCategoryDetailName": detail,
             "content": answer_for(detail, fields) or SEE_DETAIL}
            for detail, _required in found.notice_categories[category]]


def item_attributes(found: CategoryMeta, values: dict[str, str]) -> list[dict]:
    """attributes[] of one item: every attribute of the category the seller gave a value."""
    return [{"attributeTypeName": a.name, "attributeValueName": str(values[a.name]).strip()}
            for a in found.attributes if str(values.get(a.name) or "").strip()]


def missing_attributes(found: CategoryMeta, values: dict[str, str]) -> list[str]:
    return [a.name for a in found.required_attributes if not str(values.get(a.name) or "").strip()]


def missing_message(names: list[str]) -> str:
    return _("쿠팡 카테고리의 필수 속성을 입력해 주세요: %(names)s (판매상품 화면의 쿠팡 고시정보·속성에서 입력)",
             names=", ".join(names))


def carry_over(body: dict, current: dict | None) -> dict:
    """상품 수정 (article 360034156073) sends the product as read with the values changed: items already on
    Coupang keep their sellerProductItemId and vendorItemId (an item without them is a new option), and
    notices/attributes the portal does not set are sent back as read."""
    if not current:
        return body
    read = current.get("items") or []
    by_name = {i.get("itemName"): i for i in read}
    for item in body.get("items") or []:
        old = by_name.get(item.get("itemName"))
        if old is None and len(read) == 1 and len(body["items"]) == 1:
            old = read[0]
        if old is None:
            continue
        for key in ("sellerProductItemId", "vendorItemId"):
            if old.get(key) is not None:
                item[key] = old[key]
        for key in ("notices", "attributes"):
            if not item.get(key) and old.get(key):
                item[key] = [{k: v for k, v in row.items() if k not in ("exposed", "editable")}
                             for row in old[key]]
    return body


class CoupangNotices:
    """Category-meta part of the Coupang adapter; needs the adapter's client."""

    category_meta = True  # fetch_category_meta names each category's notices and required attributes

    def fetch_category_meta(self, category_id: str) -> CategoryMeta:
        return meta(self.client.call("GET", META_PATH.format(code=category_id)).get("data") or {})

    def fill_notices(self, body: dict, listing, current: dict | None = None) -> str:
        """Every item's notices and attributes for its display category, from the category meta.

        Returns the Korean refusal when a required attribute has no value (nothing is sent then).
        After approval attributes can be added but not changed or removed, so an update keeps the
        ones read and adds the new ones.
        """
        notice = listing.notice or {}
        values = notice.get("attributes") or {}
        found = self.fetch_category_meta(str(body["displayCategoryCode"]))
        read = {a.get("attributeTypeName") for i in (current or {}).get("items") or []
                for a in i.get("attributes") or []}
        missing = [n for n in missing_attributes(found, values) if n not in read]
        if missing:
            return missing_message(missing)
        for item in body.get("items") or []:
            item["notices"] = item_notices(found, notice)
            kept = item.get("attributes") or []
            names = {a["attributeTypeName"] for a in kept}
            item["attributes"] = kept + [a for a in item_attributes(found, values)
                                         if a["attributeTypeName"] not in names]
        return ""
