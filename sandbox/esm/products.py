"""ESM sandbox stock: 재고 수정 (PUT item/v1/goods/{goodsNo}/stock) for products without options."""
from __future__ import annotations

from flask import g, jsonify

from ..common import store
from .auth import bp
from .orders import body


@bp.put("/item/v1/goods/<goods_no>/stock")
def stock(goods_no):
    product = store().product(g.shop["id"], goods_no)
    if product is None:
        return jsonify(resultCode=1000, message="상품 정보가 없습니다.", data=None)
    if len(product["items"]) > 1:
        return jsonify(resultCode=1000, message="옵션 사용 상품은 재고를 수정할 수 없습니다.", data=None)
    field = "iac" if g.shop["channel"] == "auction" else "gmkt"
    qty = (body().get("stock") or {}).get(field)
    if not isinstance(qty, int) or not 1 <= qty <= 99999:
        return jsonify(resultCode=1000, message="재고는 1 ~ 99,999 내로 입력해 주세요.", data=None)
    store().set_item_stock(g.shop["id"], product["items"][0]["item_no"], qty)
    site = "IAC" if field == "iac" else "GMKT"
    return jsonify(resultCode=0, message=f"[{site}] 성공", goodsNo=int(goods_no))
