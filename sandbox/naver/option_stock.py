"""Naver sandbox 상품 옵션 재고 변경: stock and 옵션가 per option combination of an origin product."""
from __future__ import annotations

from flask import g, jsonify, request

from ..common import store
from .auth import bp, error
from .products import _origin


def _option_stock_invalid(p, body):
    """상품 옵션 재고 변경: optionInfo is required, each combination names an existing option id;
    only a product with options (옵션 설정 상품) takes it."""
    if p is None:
        return 404, "NOT_FOUND", "상품이 존재하지 않습니다."
    combos = (body.get("optionInfo") or {}).get("optionCombinations") if isinstance(body, dict) else None
    if not isinstance(body.get("optionInfo"), dict) or not isinstance(combos, list) or not combos:
        return 400, "BAD_REQUEST", "optionInfo.optionCombinations 값이 필요합니다."
    if not any(i["option_name"] for i in p["items"]):
        return 400, "BAD_REQUEST", "옵션 설정 상품만 옵션 재고를 변경할 수 있습니다."
    known = {i["item_no"] for i in p["items"]}
    for n, c in enumerate(combos):
        if not isinstance(c, dict) or str(c.get("id") or "") not in known:
            return 400, "BAD_REQUEST", f"optionInfo.optionCombinations[{n}].id 값이 올바르지 않습니다."
        stock, price = c.get("stockQuantity", 0), c.get("price", 0)
        if not isinstance(stock, int) or not 0 <= stock <= 99999999:
            return 400, "BAD_REQUEST", f"optionInfo.optionCombinations[{n}].stockQuantity 값이 올바르지 않습니다."
        if not isinstance(price, int) or price > 999999990:
            return 400, "BAD_REQUEST", f"optionInfo.optionCombinations[{n}].price 값이 올바르지 않습니다."
    sale = body.get("productSalePrice")
    if sale is not None and not isinstance((sale or {}).get("salePrice"), int):
        return 400, "BAD_REQUEST", "productSalePrice.salePrice 값이 필요합니다."
    return None


@bp.put("/v1/products/origin-products/<no>/option-stock")
def option_stock(no):
    """상품 옵션 재고 변경: stock and 옵션가 per combination id (an omitted stock or price is saved as 0,
    as documented); the sale status follows the stock as in 멀티 상품 변경, a suspended product stays so."""
    body = request.get_json(silent=True) or {}
    p = store().product(g.shop["id"], no)
    bad = _option_stock_invalid(p, body)
    if bad:
        return error(*bad)
    price = int((body.get("productSalePrice") or {}).get("salePrice") or p["price"])
    combos = body["optionInfo"]["optionCombinations"]
    store().update_product(g.shop["id"], no, price=price, options=[
        {"item_no": c["id"], "stock": int(c.get("stockQuantity") or 0),
         "price": price + int(c.get("price") or 0)} for c in combos])
    p = store().product(g.shop["id"], no)
    if p["status"] != "SUSPENSION":
        status = "OUTOFSTOCK" if p["stock"] == 0 else ("SALE" if p["status"] == "OUTOFSTOCK" else p["status"])
        store().set_product_status(g.shop["id"], no, status)
        p = store().product(g.shop["id"], no)
    return jsonify(originProductNo=int(no), smartstoreChannelProductNo=int(p["items"][0]["item_no"]),
                   originProduct=_origin(p))
