"""쿠팡 상품 수정: the product as read sent back, its options keeping the ids Coupang gave them."""
from __future__ import annotations


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

