"""Naver sandbox products: categories, origin product create, status change and search."""
from __future__ import annotations

from flask import g, jsonify, request

from ..common import store
from ..store import Refused
from .auth import bp, error


@bp.get("/v1/categories")
def categories():
    rows = store().q("select * from categories where shop_id=? order by cat_id", (g.shop["id"],))
    return jsonify([{"id": r["cat_id"], "name": r["name"], "parentCategoryId": r["parent_id"],
                     "last": bool(r["leaf"])} for r in rows])


@bp.post("/v2/products")
def create_product():
    body = request.get_json(silent=True) or {}
    origin = body.get("originProduct") or {}
    missing = [n for n in ("leafCategoryId", "name", "salePrice") if not origin.get(n)]
    if missing:
        return error(400, "4000", "상품 정보가 올바르지 않습니다.",
                     [{"name": f"originProduct.{n}", "type": "NotNull", "message": "필수 값입니다."}
                      for n in missing])
    code = ((origin.get("detailAttribute") or {}).get("sellerCodeInfo")
            or {}).get("sellerManagementCode", "")
    p = store().add_product(g.shop["id"], origin["name"], int(origin["salePrice"]),
                            int(origin.get("stockQuantity", 0)), str(origin["leafCategoryId"]),
                            code)
    return jsonify(originProductNo=int(p["product_no"]),
                   smartstoreChannelProductNo=int(p["items"][0]["item_no"]))


@bp.put("/v1/products/origin-products/<no>/change-status")
def change_status(no):
    body = request.get_json(silent=True) or {}
    status = body.get("statusType")
    if status not in ("SALE", "SUSPENSION", "CLOSE", "OUTOFSTOCK"):
        return error(400, "4000", "statusType 값이 올바르지 않습니다.")
    try:
        store().set_product_status(g.shop["id"], no, status, body.get("stockQuantity"))
    except Refused as exc:
        return error(404, exc.code, exc.reason)
    return jsonify(originProductNo=int(no), statusType=status)


@bp.post("/v1/products/search")
def search_products():
    body = request.get_json(silent=True) or {}
    size, page = min(int(body.get("size", 50)), 500), max(int(body.get("page", 1)), 1)
    rows = store().products(g.shop["id"])
    chunk = rows[(page - 1) * size: page * size]
    return jsonify(contents=[{"originProductNo": int(p["product_no"]), "channelProducts": [{
        "channelProductNo": int(p["items"][0]["item_no"]), "name": p["name"],
        "salePrice": p["price"],
        "stockQuantity": p["stock"], "statusType": p["status"], "categoryId": p["category_id"],
        "sellerManagementCode": p["seller_code"]}]} for p in chunk],
        page=page, size=size, totalElements=len(rows), totalPages=max(1, -(-len(rows) // size)))
