"""Coupang sandbox seller-products: categories, create/list/read/update, item stock, stop/resume."""
from __future__ import annotations

from flask import g, jsonify, request

from ..common import store
from ..store import Refused
from .auth import SELLER, bp, error


def seller_ok(data=None, message="", **extra):
    return jsonify(code="SUCCESS", message=message, data=data, **extra)


@bp.get(f"{SELLER}/meta/display-categories/<code>")
def display_categories(code):
    if not code.isdigit():
        return error(400, "ERROR", "노출카테고리코드는 숫자형으로 입력해주세요.")
    rows = store().categories(g.shop["id"], None if code == "0" else code)
    me = store().one("select * from categories where shop_id=? and cat_id=?", (g.shop["id"], code))
    if code != "0" and me is None:
        return error(400, "ERROR",
                     f"전시카테고리[{code}]를 찾을 수 없습니다. 전시카테고리코드를 확인해 주세요.")
    # One depth only: "2 Depth 이상의 child 는 표시하지 않음" (article 360034035753).
    children = [{"displayItemCategoryCode": int(r["cat_id"]), "name": r["name"], "status": "ACTIVE",
                 "child": []} for r in rows]
    return seller_ok({"displayItemCategoryCode": int(code), "name": me["name"] if me else "ROOT",
                      "status": "ACTIVE", "child": children})


@bp.post(f"{SELLER}/seller-products")
def create_product():
    body = request.get_json(silent=True) or {}
    items = body.get("items") or []
    missing = _missing(body)
    if missing:
        return error(400, "ERROR", f"필수 항목이 없습니다: {', '.join(missing)}")
    if _bad_images(body):
        return error(400, "ERROR", _bad_images(body))
    if body.get("vendorId") != g.shop["keys"]["vendor_id"]:
        return error(400, "ERROR", "vendorId 가 올바르지 않습니다.")
    for field, key in (("outboundShippingPlaceCode", "outbound_place_code"),
                       ("returnCenterCode", "return_center_code")):
        known = g.shop["keys"].get(key)
        if known and str(body[field]) != known:
            return error(400, "ERROR", f"{field} 가 판매자 주소록에 없습니다.")
    refused = _notice_refusal(body)
    if refused:
        return error(400, "ERROR", refused)
    first = items[0]
    p = store().add_product(g.shop["id"], body["sellerProductName"], int(first.get("salePrice", 0)),
                            int(first.get("maximumBuyCount", 0)), str(body["displayCategoryCode"]),
                            first.get("externalVendorSku", ""),
                            options=[(i.get("itemName", ""), int(i.get("maximumBuyCount", 0)),
                                      int(i.get("salePrice") or first.get("salePrice", 0)))
                                     for i in items], extra=_extra(body))
    return seller_ok(int(p["product_no"]))


# 상품 생성 (article 360033877853): the fields the document marks required (O).
REQUIRED = ("displayCategoryCode", "sellerProductName", "vendorId", "saleStartedAt",
            "saleEndedAt", "deliveryMethod", "deliveryCompanyCode", "deliveryChargeType",
            "deliveryCharge", "freeShipOverAmount", "deliveryChargeOnReturn",
            "remoteAreaDeliverable", "unionDeliveryType", "returnCenterCode", "returnChargeName",
            "companyContactNumber", "returnZipCode", "returnAddress", "returnAddressDetail",
            "returnCharge", "outboundShippingPlaceCode", "vendorUserId", "requested", "items")
REQUIRED_ITEM = ("itemName", "originalPrice", "salePrice", "maximumBuyCount",
                 "maximumBuyForPerson", "maximumBuyForPersonPeriod", "outboundShippingTimeDay",
                 "unitCount", "adultOnly", "taxType", "parallelImported", "overseasPurchased",
                 "pccNeeded", "contents")


def _missing(body):
    def empty(value):
        return value is None or value == "" or value == []
    missing = [k for k in REQUIRED if empty(body.get(k))]
    for n, item in enumerate(body.get("items") or []):
        missing += [f"items[{n}].{k}" for k in REQUIRED_ITEM if empty(item.get(k))]
    return missing


IMAGE_TYPES = {"REPRESENTATION": 1, "DETAIL": 9, "USED_PRODUCT": 4}   # at most this many each


def _bad_images(body) -> str | None:
    """items[].images: imageOrder, imageType (one REPRESENTATION, ≤ 9 DETAIL, ≤ 4 USED_PRODUCT) and
    vendorPath or cdnPath (≤ 200 characters; a vendorPath is an http(s) address Coupang downloads).
    Required by the document; image-less practice products are still taken (PROTOCOL.md)."""
    for n, item in enumerate(body.get("items") or []):
        images = item.get("images") or []
        if not images:
            continue
        counts: dict = {}
        for m, image in enumerate(images):
            where = f"items[{n}].images[{m}]"
            kind = image.get("imageType")
            if kind not in IMAGE_TYPES or not isinstance(image.get("imageOrder"), int):
                return f"{where}: imageOrder, imageType 값이 올바르지 않습니다."
            counts[kind] = counts.get(kind, 0) + 1
            path = image.get("vendorPath") or image.get("cdnPath") or ""
            if not path or len(path) > 200:
                return f"{where}: vendorPath 또는 cdnPath 를 200자 이내로 입력해 주세요."
            if image.get("vendorPath") and not path.startswith(("http://", "https://")):
                return f"{where}: vendorPath 는 http:// 또는 https:// 로 시작하는 이미지 경로여야 합니다."
        if counts.get("REPRESENTATION") != 1:
            return f"items[{n}].images: 대표이미지(REPRESENTATION)는 1개 필수입니다."
        over = [k for k, most in IMAGE_TYPES.items() if counts.get(k, 0) > most]
        if over:
            return f"items[{n}].images: {over[0]} 이미지는 최대 {IMAGE_TYPES[over[0]]}개까지 등록 가능합니다."
    return None


SHIPPING_KEYS = ("deliveryChargeType", "deliveryCharge", "freeShipOverAmount",
                 "deliveryChargeOnReturn", "returnCharge", "returnZipCode", "returnAddress",
                 "afterServiceInformation")


def _extra(body):
    shipping = {k: body[k] for k in SHIPPING_KEYS if k in body}
    first = (body.get("items") or [{}])[0]
    images = [i.get("vendorPath") or i.get("cdnPath") for i in first.get("images") or []]
    contents = [d.get("content") for c in first.get("contents") or [] for d in c.get("contentDetails") or []]
    # Each item's 상품고시정보 and attributes, read back by 상품 조회 as they were sent.
    item_meta = {i.get("itemName", ""): {"notices": i.get("notices") or [],
                                         "attributes": i.get("attributes") or []}
                 for i in body.get("items") or []}
    return {"sale_end": body.get("saleEndedAt"), "shipping": shipping or None, "images": images or None,
            "description_html": "".join(c for c in contents if c) or None, "item_meta": item_meta}


def _notice_refusal(body):
    from .meta import refusal

    return refusal(body)


# sellerProductItemId (업체상품옵션아이디) is a number of its own; the sandbox derives it from the item.
ITEM_ID_OFFSET = 500000000


def _item_no(item, p):
    """The existing item an update names by sellerProductItemId (None: a new option), or "" if unknown."""
    sid = item.get("sellerProductItemId")
    if sid in (None, ""):
        return None
    no = str(int(sid) - ITEM_ID_OFFSET)
    return no if any(i["item_no"] == no for i in p["items"]) else ""


@bp.put(f"{SELLER}/seller-products")
def update_product():
    """Update (re-approval): items with a vendorItemId change in place, new ones are added."""
    body = request.get_json(silent=True) or {}
    pid, items = str(body.get("sellerProductId") or ""), body.get("items") or []
    if not pid or not body.get("sellerProductName") or not items:
        return error(400, "ERROR", "sellerProductId, sellerProductName, items 는 필수입니다.")
    if body.get("vendorId") != g.shop["keys"]["vendor_id"]:
        return error(400, "ERROR", "vendorId 가 올바르지 않습니다.")
    if _bad_images(body):
        return error(400, "ERROR", _bad_images(body))
    p = store().product(g.shop["id"], pid)
    if p is None:
        return error(404, "ERROR", "존재하지 않는 상품입니다.")
    if str(body.get("displayCategoryCode") or p["category_id"]) != p["category_id"]:
        return error(400, "ERROR", "승인된 상품의 노출카테고리는 변경할 수 없습니다.")
    # 상품 수정 (article 360034156073): an existing option is named by its sellerProductItemId; one
    # without it is a new option.
    numbers = [_item_no(i, p) for i in items]
    if "" in numbers:
        return error(400, "ERROR", "sellerProductItemId 가 올바르지 않습니다.")
    refused = _notice_refusal({**body, "displayCategoryCode": p["category_id"]})
    if refused:
        return error(400, "ERROR", refused)
    store().update_product(g.shop["id"], pid, name=body["sellerProductName"],
                           price=int(items[0].get("salePrice") or 0),
                           options=[{"item_no": no, "name": i.get("itemName"),
                                     "price": i.get("salePrice"),
                                     "stock": i.get("maximumBuyCount")} for no, i in zip(numbers, items)],
                           extra=_extra(body))
    # The documented Response Example of 상품 수정.
    return jsonify(code="200", message="", data={"code": "SUCCESS", "message": "", "data": int(pid)})


def _render_product(p):
    shipping = p["extra"].get("shipping") or {}
    return {"sellerProductId": int(p["product_no"]), "sellerProductName": p["name"],
            "vendorId": g.shop["keys"]["vendor_id"],
            "displayCategoryCode": int(p["category_id"] or 0), "statusName": p["status"],
            "saleEndedAt": p["extra"].get("sale_end") or "2099-01-01T23:59:59", **shipping,
            "items": [{"sellerProductItemId": int(i["item_no"]) + ITEM_ID_OFFSET,
                       "vendorItemId": int(i["item_no"]), "itemName": i["option_name"],
                       "salePrice": i["price"],
                       "maximumBuyCount": i["stock"], "externalVendorSku": p["seller_code"],
                       **((p["extra"].get("item_meta") or {}).get(i["option_name"])
                          or next(iter((p["extra"].get("item_meta") or {}).values()), {}))}
                      for i in p["items"]]}


@bp.get(f"{SELLER}/seller-products")
def list_products():
    size = min(int(request.args.get("maxPerPage", 20)), 100)
    offset = int(request.args.get("nextToken") or 0)
    page = store().products(g.shop["id"], limit=size + 1, offset=offset)
    more = len(page) > size
    page = page[:size]
    return seller_ok([{"sellerProductId": int(p["product_no"]), "sellerProductName": p["name"],
                       "displayCategoryCode": int(p["category_id"] or 0), "statusName": p["status"]}
                      for p in page],
                     nextToken=str(offset + size) if more else "")


@bp.get(f"{SELLER}/seller-products/<product_id>")
def get_product(product_id):
    p = store().product(g.shop["id"], product_id)
    if p is None:
        return error(404, "ERROR", "존재하지 않는 상품입니다.")
    return seller_ok(_render_product(p))


@bp.put(f"{SELLER}/vendor-items/<item_id>/quantities/<int:qty>")
def set_quantity(item_id, qty):
    try:
        store().set_item_stock(g.shop["id"], item_id, qty)
    except Refused as exc:
        return error(404, "ERROR", exc.reason)
    return seller_ok(None, message="재고 변경을 완료했습니다.")


@bp.put(f"{SELLER}/vendor-items/<item_id>/sales/<verb>")
def item_sales(item_id, verb):
    """판매 중지/재개 of one item; the sandbox keeps the status on the product."""
    if verb not in ("stop", "resume"):
        return error(404, "ERROR", "존재하지 않는 API 입니다.")
    item = store().item(g.shop["id"], item_id)
    if item is None:
        return error(404, "ERROR", "존재하지 않는 옵션입니다.")
    status = "SUSPENSION" if verb == "stop" else "SALE"
    store().run("update products set status=? where id=?", (status, item["product_id"]))
    return seller_ok(None, message="판매 중지 처리되었습니다." if verb == "stop"
                     else "판매 재개 처리되었습니다.")
