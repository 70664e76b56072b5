"""11번가 sandbox categories and products: create, stock quantity, stop display."""
from __future__ import annotations

from flask import g

from ..common import store
from ..store import Refused
from .auth import bp
from .xmlio import NS, client_message, fields, read_body, xml


@bp.get("/cateservice/category")
def categories():
    rows = store().q("select * from categories where shop_id=? order by cat_id", (g.shop["id"],))
    body = "".join("<ns2:category>" + fields({
        "depth": 1 if r["parent_id"] is None else 2, "dispNm": r["name"], "dispNo": r["cat_id"],
        "parentDispNo": r["parent_id"] or "0",
        "leafYn": "Y" if r["leaf"] else "N"}) + "</ns2:category>"
        for r in rows)
    return xml(f'<ns2:categorys xmlns:ns2="{NS}">{body}</ns2:categorys>')


@bp.post("/prodservices/product")
def create_product():
    root = read_body()
    if root is None:
        return client_message("", "XML 형식이 올바르지 않습니다.", 500)
    name, price = root.findtext("prdNm"), root.findtext("selPrc")
    if not name or not price or not root.findtext("dispCtgrNo"):
        return client_message("", "상품명, 판매가, 카테고리는 필수입니다.", 500)
    p = store().add_product(g.shop["id"], name, int(price), int(root.findtext("prdSelQty") or 0),
                            root.findtext("dispCtgrNo"), root.findtext("sellerPrdCd") or "")
    return client_message(p["product_no"], "상품이 등록되었습니다.", 200)


@bp.put("/prodservices/stockqty/<stock_no>")
def stock_qty(stock_no):
    root = read_body()
    qty = root.findtext("stckQty") if root is not None else None
    if qty is None or not qty.isdigit():
        return client_message("", "재고수량이 올바르지 않습니다.", 500)
    try:
        store().set_item_stock(g.shop["id"], stock_no, int(qty))
    except Refused as exc:
        return client_message("", exc.reason, 500)
    return client_message("", "재고가 수정되었습니다.", 200)


@bp.put("/prodstatservice/stat/stopdisplay/<prd_no>")
def stop_display(prd_no):
    try:
        store().set_product_status(g.shop["id"], prd_no, "SUSPENSION")
    except Refused as exc:
        return client_message(prd_no, exc.reason, 500)
    return client_message(prd_no, "판매중지 처리되었습니다.", 200)
