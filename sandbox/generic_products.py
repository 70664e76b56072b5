"""Product routes of the sandbox's generic protocol: create (one item per option), read, update,
stock, end and resume."""
from __future__ import annotations

from flask import g, jsonify, request

from .common import iso_kst, store
from .generic import _page_info, _paging, bp, error
from .store import Refused


def _product(p):
    extra = p.get("extra") or {}
    return {"product_id": p["product_no"], "name": p["name"], "price": p["price"],
            "stock": p["stock"],
            "status": p["status"], "category_id": p["category_id"], "seller_code": p["seller_code"],
            "sale_end": extra.get("sale_end"), "shipping": extra.get("shipping"), "notice": extra.get("notice"),
            "updated_at": iso_kst(p["updated_at"]) if p.get("updated_at") else None,
            "items": [{"item_id": i["item_no"], "option": i["option_name"], "stock": i["stock"],
                       "price": i["price"]} for i in p["items"]]}


def _options(body, price):
    """[(name, stock, price)] from the body's options; malformed entries are refused."""
    out = []
    for opt in body.get("options") or []:
        if not isinstance(opt, dict) or not str(opt.get("name") or "").strip():
            raise ValueError("옵션명이 없는 옵션이 있습니다.")
        stock, opt_price = int(opt.get("stock") or 0), int(opt.get("price") or price)
        if stock < 0 or opt_price <= 0:
            raise ValueError("옵션의 재고나 가격이 올바르지 않습니다.")
        out.append((str(opt["name"]), stock, opt_price))
    return out


def _extra(body):
    return {"sale_end": body.get("sale_end"), "shipping": body.get("shipping"),
            "description_html": body.get("description_html"), "images": body.get("images"),
            "notice": body.get("notice")}


@bp.post("/products")
def create_product():
    body = request.get_json(silent=True) or {}
    if not body.get("name") or not body.get("category_id") or int(body.get("price") or 0) <= 0:
        return error(400, "INVALID_PRODUCT", "상품명, 카테고리, 판매가는 필수입니다.")
    code = body.get("seller_code", "")
    existing = [p for p in store().products(g.shop["id"]) if code and p["seller_code"] == code]
    if existing:
        return error(409, "DUPLICATE_SELLER_CODE",
                     f"이미 등록된 판매자 상품코드입니다: {existing[0]['product_no']}")
    try:
        options = _options(body, int(body["price"]))
    except (TypeError, ValueError):
        return error(400, "INVALID_OPTION", "옵션명, 옵션 재고, 옵션 가격을 확인해 주세요.")
    p = store().add_product(g.shop["id"], body["name"], int(body["price"]),
                            int(body.get("stock", 0)), str(body["category_id"]), code,
                            options=options or None, extra=_extra(body))
    return jsonify(product=_product(p)), 201


@bp.get("/products")
def list_products():
    page, size = _paging()
    rows = store().products(g.shop["id"], limit=size, offset=(page - 1) * size)
    return jsonify(products=[_product(p) for p in rows],
                   page=_page_info(page, size, store().count_products(g.shop["id"])))


@bp.get("/products/<product_id>")
def get_product(product_id):
    p = store().product(g.shop["id"], product_id)
    return jsonify(product=_product(p)) if p else error(404, "NOT_FOUND", "존재하지 않는 상품입니다.")


@bp.put("/products/<product_id>")
def update_product(product_id):
    """Replace the named fields; the product number and the item ids stay the same."""
    body = request.get_json(silent=True) or {}
    p = store().product(g.shop["id"], product_id)
    if p is None:
        return error(404, "NOT_FOUND", "존재하지 않는 상품입니다.")
    price = int(body.get("price") or 0)
    if "price" in body and price <= 0:
        return error(400, "INVALID_PRODUCT", "판매가가 올바르지 않습니다.")
    if body.get("category_id") and str(body["category_id"]) != p["category_id"]:
        return error(400, "CATEGORY_LOCKED", "등록된 상품의 카테고리는 변경할 수 없습니다.")
    options = []
    for opt in body.get("options") or []:
        if not isinstance(opt, dict):
            return error(400, "INVALID_OPTION", "옵션 값이 올바르지 않습니다.")
        options.append({"item_no": opt.get("item_id"), "name": opt.get("name"),
                        "price": opt.get("price"), "stock": opt.get("stock")})
    p = store().update_product(g.shop["id"], product_id, name=body.get("name"), price=price,
                               options=options, extra=_extra(body))
    return jsonify(result="OK", message="상품이 수정되었습니다.", product=_product(p))


@bp.put("/items/<item_id>/stock")
def set_stock(item_id):
    qty = (request.get_json(silent=True) or {}).get("quantity")
    if not isinstance(qty, int) or qty < 0:
        return error(400, "INVALID_QUANTITY", "재고 수량이 올바르지 않습니다.")
    try:
        store().set_item_stock(g.shop["id"], item_id, qty)
    except Refused as exc:
        return error(404, exc.code, exc.reason)
    return jsonify(result="OK")


@bp.post("/products/<product_id>/end")
def end_product(product_id):
    p = store().product(g.shop["id"], product_id)
    if p is None:
        return error(404, "NOT_FOUND", "존재하지 않는 상품입니다.")
    if p["status"] == "CLOSE":
        return jsonify(result="ALREADY_DONE", message="이미 판매종료된 상품입니다.")
    store().set_product_status(g.shop["id"], product_id, "CLOSE")
    return jsonify(result="OK")


@bp.post("/products/<product_id>/resume")
def resume_product(product_id):
    p = store().product(g.shop["id"], product_id)
    if p is None:
        return error(404, "NOT_FOUND", "존재하지 않는 상품입니다.")
    if p["status"] == "SALE":
        return jsonify(result="ALREADY_DONE", message="이미 판매중인 상품입니다.")
    store().set_product_status(g.shop["id"], product_id, "SALE")
    return jsonify(result="OK", message="판매재개 처리되었습니다.")
