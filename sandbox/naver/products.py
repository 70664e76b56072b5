"""Naver sandbox products: categories, origin product create/read/replace, status and search."""
from __future__ import annotations

from flask import g, jsonify, request

from ..common import store
from ..store import Refused
from .auth import bp, error
from .images import invalid_images
from .notices import missing as notice_missing

STATUSES = ("SALE", "SUSPENSION", "CLOSE", "OUTOFSTOCK")
# images (대표 이미지) is required by create-product; products registered without any are still
# taken so that image-less practice listings link (PROTOCOL.md says so). Given images are judged.
REQUIRE_IMAGES = False


def _category_rows():
    """{wholeCategoryName, id, name, last} as documented; the path joins names with ">"."""
    rows = store().q("select * from categories where shop_id=? order by cat_id", (g.shop["id"],))
    by_id = {r["cat_id"]: r for r in rows}

    def path(r):
        parent = by_id.get(r["parent_id"])
        return f"{path(parent)}>{r['name']}" if parent else r["name"]
    return rows, {r["cat_id"]: {"wholeCategoryName": path(r), "id": r["cat_id"],
                                "name": r["name"], "last": bool(r["leaf"])} for r in rows}


@bp.get("/v1/categories")
def categories():
    rows, shaped = _category_rows()
    last = request.args.get("last") == "true"
    return jsonify([shaped[r["cat_id"]] for r in rows if r["leaf"] or not last])


@bp.get("/v1/categories/<category_id>/sub-categories")
def sub_categories(category_id):
    rows, shaped = _category_rows()
    if category_id not in shaped:
        return error(404, "NOT_FOUND", "존재하지 않는 카테고리입니다.")
    return jsonify([shaped[r["cat_id"]] for r in rows if r["parent_id"] == category_id])


def _invalid(origin, creating=False):
    service = (origin.get("detailAttribute") or {}).get("afterServiceInfo") or {}
    missing = [n for n in ("leafCategoryId", "name", "salePrice") if not origin.get(n)]
    if creating:   # create-product's required blocks of detailAttribute
        attr = origin.get("detailAttribute") or {}
        missing += [f"detailAttribute.afterServiceInfo.{n}"
                    for n in ("afterServiceTelephoneNumber", "afterServiceGuideContent")
                    if not service.get(n)]
        missing += [f"detailAttribute.{n}" for n in ("minorPurchasable", "originAreaInfo",
                                                      "productInfoProvidedNotice")
                    if attr.get(n) is None]
    notice = (origin.get("detailAttribute") or {}).get("productInfoProvidedNotice")
    if isinstance(notice, dict):   # the type's block with every field it requires (create and replace)
        missing += [f"detailAttribute.productInfoProvidedNotice.{n}" for n in notice_missing(notice)]
    if origin.get("images") is not None or REQUIRE_IMAGES:
        bad_images = invalid_images(origin)
        if bad_images:
            missing.append(bad_images.removeprefix("originProduct."))
    if not missing:
        return None
    return error(400, "4000", "상품 정보가 올바르지 않습니다.",
                 [{"name": f"originProduct.{n}", "type": "NotNull", "message": "필수 값입니다."}
                  for n in missing])


def _combinations(origin):
    """optionInfo.optionCombinations: price is the amount added to salePrice."""
    attr = origin.get("detailAttribute") or {}
    return [c for c in ((attr.get("optionInfo") or {}).get("optionCombinations") or [])
            if isinstance(c, dict)]


def _extra(origin):
    attr = origin.get("detailAttribute") or {}
    block = origin.get("images") or {}
    urls = [u for u in [(block.get("representativeImage") or {}).get("url"),
                        *[(i or {}).get("url") for i in block.get("optionalImages") or []]] if u]
    return {"sale_end": origin.get("saleEndDate"), "images": urls or None,
            "description_html": origin.get("detailContent"),
            "notice": attr.get("productInfoProvidedNotice"),
            "shipping": {"deliveryInfo": origin.get("deliveryInfo"),
                         "afterServiceInfo": attr.get("afterServiceInfo")}
            if origin.get("deliveryInfo") or attr.get("afterServiceInfo") else None}


@bp.post("/v2/products")
def create_product():
    body = request.get_json(silent=True) or {}
    origin = body.get("originProduct") or {}
    bad = _invalid(origin, creating=True)
    if bad:
        return bad
    code = ((origin.get("detailAttribute") or {}).get("sellerCodeInfo")
            or {}).get("sellerManagementCode", "")
    price = int(origin["salePrice"])
    options = [(c.get("optionName1", ""), int(c.get("stockQuantity") or 0),
                price + int(c.get("price") or 0)) for c in _combinations(origin)]
    p = store().add_product(g.shop["id"], origin["name"], price,
                            int(origin.get("stockQuantity", 0)), str(origin["leafCategoryId"]),
                            code, options=options or None, extra=_extra(origin))
    return jsonify(originProductNo=int(p["product_no"]),
                   smartstoreChannelProductNo=int(p["items"][0]["item_no"]))


def _origin(p):
    extra, shipping = p["extra"], p["extra"].get("shipping") or {}
    attr = {"sellerCodeInfo": {"sellerManagementCode": p["seller_code"]}}
    if any(i["option_name"] for i in p["items"]):
        attr["optionInfo"] = {"optionCombinations": [
            {"id": int(i["item_no"]), "optionName1": i["option_name"],
             "stockQuantity": i["stock"], "price": i["price"] - p["price"], "usable": True}
            for i in p["items"]]}
    if shipping.get("afterServiceInfo"):
        attr["afterServiceInfo"] = shipping["afterServiceInfo"]
    origin = {"statusType": p["status"], "leafCategoryId": p["category_id"], "name": p["name"],
              "salePrice": p["price"], "stockQuantity": p["stock"], "detailAttribute": attr}
    if extra.get("sale_end"):
        origin["saleEndDate"] = extra["sale_end"]
    if extra.get("images"):
        origin["images"] = {"representativeImage": {"url": extra["images"][0]},
                            "optionalImages": [{"url": u} for u in extra["images"][1:]]}
    if extra.get("description_html"):
        origin["detailContent"] = extra["description_html"]
    if shipping.get("deliveryInfo"):
        origin["deliveryInfo"] = shipping["deliveryInfo"]
    return origin


@bp.get("/v2/products/origin-products/<no>")
def read_product(no):
    p = store().product(g.shop["id"], no)
    if p is None:
        return error(404, "NOT_FOUND", "상품이 존재하지 않습니다.")
    return jsonify(originProduct=_origin(p), smartstoreChannelProduct={
        "channelProductNo": int(p["items"][0]["item_no"]), "channelProductDisplayStatusType": "ON"})


@bp.put("/v2/products/origin-products/<no>")
def replace_product(no):
    """A replace: the body carries the whole origin product, as read by GET."""
    body = request.get_json(silent=True) or {}
    origin = body.get("originProduct") or {}
    p = store().product(g.shop["id"], no)
    if p is None:
        return error(404, "NOT_FOUND", "상품이 존재하지 않습니다.")
    bad = _invalid(origin)
    if bad:
        return bad
    if str(origin["leafCategoryId"]) != p["category_id"]:
        return error(400, "4000", "판매중인 상품의 카테고리는 변경할 수 없습니다.")
    if origin.get("statusType") and origin["statusType"] not in STATUSES:
        return error(400, "4000", "statusType 값이 올바르지 않습니다.")
    price = int(origin["salePrice"])
    options = [{"item_no": c.get("id"), "name": c.get("optionName1", ""),
                "stock": c.get("stockQuantity"), "price": price + int(c.get("price") or 0)}
               for c in _combinations(origin)]
    if not options and "stockQuantity" in origin:
        options = [{"item_no": p["items"][0]["item_no"], "stock": origin["stockQuantity"],
                    "price": price}]
    store().update_product(g.shop["id"], no, name=origin["name"], price=price, options=options,
                           extra=_extra(origin))
    if origin.get("statusType"):
        store().set_product_status(g.shop["id"], no, origin["statusType"])
    p = store().product(g.shop["id"], no)
    return jsonify(originProductNo=int(no),
                   smartstoreChannelProductNo=int(p["items"][0]["item_no"]))


# 판매 상태 변경: which status may follow which (the document's list; the same status again is
# taken as a repeat of an applied call).
ALLOWED_FROM = {"OUTOFSTOCK": ("SALE",), "SALE": ("SUSPENSION", "OUTOFSTOCK"),
                "SUSPENSION": ("SALE", "OUTOFSTOCK", "WAIT")}
MULTI_TYPES = ("SALE_PRICE", "IMMEDIATE_DISCOUNT", "STOCK", "PRODUCT_STATUS_SALE",
               "PRODUCT_STATUS_SUSPENSION")


def _refuse_transition(current, status, stock):
    if status == current:
        return None
    if current not in ALLOWED_FROM.get(status, ()):
        return f"{current} 상태에서 {status}(으)로 변경할 수 없습니다."
    if current == "OUTOFSTOCK" and status == "SALE" and stock is None:
        return "품절에서 판매중으로 변경할 때는 재고 수량(stockQuantity)이 필요합니다."
    return None


@bp.put("/v1/products/origin-products/<no>/change-status")
def change_status(no):
    body = request.get_json(silent=True) or {}
    status = body.get("statusType")
    if status not in STATUSES:
        return error(400, "BAD_REQUEST", "statusType 값이 올바르지 않습니다.")
    p = store().product(g.shop["id"], no)
    if p is None:
        return error(404, "NOT_FOUND", "존재하지 않는 상품입니다.")
    reason = _refuse_transition(p["status"], status, body.get("stockQuantity"))
    if reason:
        return error(400, "BAD_REQUEST", reason,
                     [{"name": "statusType", "type": "INVALID", "message": reason}])
    stock = body.get("stockQuantity")
    if status == "OUTOFSTOCK":
        stock = 0
    store().set_product_status(g.shop["id"], no, status, stock)
    return jsonify(originProductNo=int(no), statusType=status)


def _multi_invalid(vos):
    if not isinstance(vos, list) or not vos:
        return "multiProductUpdateRequestVos 값이 필요합니다."
    for n, vo in enumerate(vos):
        types = vo.get("multiUpdateTypes") or []
        if not str(vo.get("originProductNo") or "").isdigit():
            return f"multiProductUpdateRequestVos[{n}].originProductNo 값이 필요합니다."
        if any(t not in MULTI_TYPES for t in types):
            return f"multiProductUpdateRequestVos[{n}].multiUpdateTypes 값이 올바르지 않습니다."
        if "STOCK" in types and not isinstance(vo.get("stockQuantity"), int):
            return f"multiProductUpdateRequestVos[{n}].stockQuantity 값이 필요합니다."
        if "SALE_PRICE" in types and not (vo.get("productSalePrice") or {}).get("salePrice"):
            return f"multiProductUpdateRequestVos[{n}].productSalePrice.salePrice 값이 필요합니다."
        if store().product(g.shop["id"], str(vo["originProductNo"])) is None:
            return f"존재하지 않는 상품입니다: {vo['originProductNo']}"
    return None


@bp.patch("/v1/products/origin-products/multi-update")
def multi_update():
    """멀티 상품 변경: only the kinds named in multiUpdateTypes change; the status stays
    unless PRODUCT_STATUS_* is named. Stock 0 shows a product on sale as sold out and stock
    put back returns a sold-out product to sale; a suspended product stays suspended."""
    vos = (request.get_json(silent=True) or {}).get("multiProductUpdateRequestVos")
    reason = _multi_invalid(vos)
    if reason:
        return error(400, "BAD_REQUEST", reason)
    for vo in vos:
        no, types = str(vo["originProductNo"]), vo.get("multiUpdateTypes") or []
        p = store().product(g.shop["id"], no)
        status = p["status"]
        for kind, target in (("PRODUCT_STATUS_SALE", "SALE"),
                             ("PRODUCT_STATUS_SUSPENSION", "SUSPENSION")):
            if kind in types:
                why = _refuse_transition(status, target, vo.get("stockQuantity"))
                if why:
                    return error(400, "BAD_REQUEST", why)
                status = target
        stock = vo["stockQuantity"] if "STOCK" in types else None
        if stock is not None and status != "SUSPENSION":
            status = "OUTOFSTOCK" if stock == 0 else ("SALE" if status == "OUTOFSTOCK"
                                                      else status)
        store().set_product_status(g.shop["id"], no, status, stock)
        if "SALE_PRICE" in types:
            store().update_product(g.shop["id"], no, price=int(vo["productSalePrice"]["salePrice"]))
    return jsonify(code="SUCCESS", message="성공", data={})


@bp.post("/v1/products/search")
def search_products():
    body = request.get_json(silent=True) or {}
    size, page = min(int(body.get("size", 50)), 500), max(int(body.get("page", 1)), 1)
    chunk = store().products(g.shop["id"], limit=size, offset=(page - 1) * size)
    total = store().count_products(g.shop["id"])
    return jsonify(contents=[{"originProductNo": int(p["product_no"]), "channelProducts": [{
        "channelProductNo": int(p["items"][0]["item_no"]), "name": p["name"],
        "salePrice": p["price"],
        "stockQuantity": p["stock"], "statusType": p["status"], "categoryId": p["category_id"],
        "sellerManagementCode": p["seller_code"]}]} for p in chunk],
        page=page, size=size, totalElements=total, totalPages=max(1, -(-total // size)))
