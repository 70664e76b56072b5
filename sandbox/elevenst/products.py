"""11번가 sandbox categories and products: create (with options), read, stock numbers, update,
stock quantity, stop and restart display."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import g

from ..common import store
from ..store import Refused
from .auth import bp
from .notices import refusal as notice_refusal
from .xmlio import NS, client_message, fields, read_body, xml

# 상품등록 (apiSeq 1003): the flat fields marked required that every domestic product carries
# (the rest apply to particular categories, overseas or used goods).
REQUIRED = ("selMthdCd", "dispCtgrNo", "prdTypCd", "prdNm", "prdStatCd", "minorSelCnYn",
            "htmlDetail", "selPrc", "dlvCnAreaCd", "dlvWyCd", "dlvCstInstBasiCd",
            "suplDtyfrPrdClfCd", "addrSeqOut", "addrSeqIn")
SHIPPING_TAGS = ("dlvCstInstBasiCd", "dlvCst1", "PrdFrDlvBasiAmt", "rtngdDlvCst", "exchDlvCst",
                 "asDetail", "addrSeqOut", "addrSeqIn")
STATUS = {"SALE": ("103", "판매중"), "OUTOFSTOCK": ("104", "품절")}
STOPPED = ("105", "판매중지")


@bp.get("/cateservice/category")
def categories():
    rows = store().q("select * from categories where shop_id=? order by cat_id", (g.shop["id"],))
    body = "".join("<ns2:category>" + fields({
        "depth": 1 if r["parent_id"] is None else 2, "dispNm": r["name"], "dispNo": r["cat_id"],
        "parentDispNo": r["parent_id"] or "0",
        "leafYn": "Y" if r["leaf"] else "N"}) + "</ns2:category>"
        for r in rows)
    return xml(f'<ns2:categorys xmlns:ns2="{NS}">{body}</ns2:categorys>')


def _options(root, price):
    """<ProductOption> rows: colValue0 the option, colCount its stock, colOptPrice the extra."""
    return [(el.findtext("colValue0") or "", int(el.findtext("colCount") or 0),
             price + int(el.findtext("colOptPrice") or 0)) for el in root.iter("ProductOption")]


def _extra(root):
    shipping = {t: root.findtext(t) for t in SHIPPING_TAGS if root.findtext(t) is not None}
    images = [root.findtext(t) for t in IMAGE_TAGS if (root.findtext(t) or "").strip()]
    block = root.find("ProductNotification")
    notice = None if block is None else {
        "type": block.findtext("type"),
        "items": {i.findtext("code"): i.findtext("name") for i in block.iter("item")}}
    return {"sale_end": root.findtext("aplEndDy"), "shipping": shipping or None,
            "images": images or None, "description_html": root.findtext("htmlDetail"),
            "notice": notice}


# prdImage01 대표 이미지, prdImage02-04 추가 이미지: addresses 11번가 downloads; "이미지 확장자는 jpg,
# jpeg, png, webp 만 사용가능". Required by the document; image-less practice products are still
# taken (PROTOCOL.md), given addresses are judged.
IMAGE_TAGS = ("prdImage01", "prdImage02", "prdImage03", "prdImage04")
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp")


def _bad_image(root) -> str | None:
    given = {t: (root.findtext(t) or "").strip() for t in IMAGE_TAGS if (root.findtext(t) or "").strip()}
    if given and "prdImage01" not in given:
        return "상품등록실패 : 대표 이미지(prdImage01)를 입력해 주세요."
    for tag, url in given.items():
        path = urlsplit(url).path.lower()
        if not url.lower().startswith(("http://", "https://")) or not path.endswith(IMAGE_EXTENSIONS):
            return f"상품등록실패 : {tag} 이미지는 jpg, jpeg, png, webp 주소만 사용할 수 있습니다."
    return None


@bp.post("/prodservices/product")
def create_product():
    root = read_body()
    if root is None:
        return client_message("", "XML 형식이 올바르지 않습니다.", 500)
    name, price = root.findtext("prdNm"), root.findtext("selPrc")
    missing = [t for t in REQUIRED if not (root.findtext(t) or "").strip()]
    if missing:
        return client_message("", f"상품등록실패 : 필수 항목이 없습니다 ({', '.join(missing)}).", 500)
    if _bad_image(root):
        return client_message("", _bad_image(root), 500)
    if notice_refusal(root):
        return client_message("", notice_refusal(root), 500)
    for tag, key in (("addrSeqOut", "addr_seq_out"), ("addrSeqIn", "addr_seq_in")):
        known = g.shop["keys"].get(key)
        if known and root.findtext(tag) != known:
            return client_message("", f"상품등록실패 : {tag} 주소가 판매자 주소록에 없습니다.", 500)
    p = store().add_product(g.shop["id"], name, int(price), int(root.findtext("prdSelQty") or 0),
                            root.findtext("dispCtgrNo"), root.findtext("sellerPrdCd") or "",
                            options=_options(root, int(price)) or None, extra=_extra(root))
    # 210 = 신규상품 성공, 200 = 일반상품 성공 (apiSeq 1003); a new-condition product is 210 here.
    return client_message(p["product_no"], "상품등록이 정상적으로 진행 되었습니다. 상품번호 : "
                          f"{p['product_no']}", 210 if root.findtext("prdStatCd") == "01" else 200)


@bp.put("/prodservices/product/<prd_no>")
def update_product(prd_no):
    root = read_body()
    if root is None:
        return client_message(prd_no, "XML 형식이 올바르지 않습니다.", 500)
    p = store().product(g.shop["id"], prd_no)
    if p is None:
        return client_message(prd_no, "존재하지 않는 상품입니다.", 500)
    if root.findtext("dispCtgrNo") and root.findtext("dispCtgrNo") != p["category_id"]:
        return client_message(prd_no, "카테고리는 변경할 수 없습니다.", 500)
    if _bad_image(root):
        return client_message(prd_no, _bad_image(root), 500)
    if root.find("ProductNotification") is not None and notice_refusal(root):
        return client_message(prd_no, notice_refusal(root), 500)
    price = int(root.findtext("selPrc") or p["price"])
    options = [{"name": n, "stock": s, "price": pr} for n, s, pr in _options(root, price)]
    if not options and root.findtext("prdSelQty") is not None and len(p["items"]) == 1:
        options = [{"item_no": p["items"][0]["item_no"], "price": price,
                    "stock": int(root.findtext("prdSelQty"))}]
    store().update_product(g.shop["id"], prd_no, name=root.findtext("prdNm"), price=price,
                           options=options, extra=_extra(root))
    return client_message(prd_no, "상품이 수정되었습니다.", 200)


@bp.get("/prodmarketservice/prodmarket/<prd_no>")
def read_product(prd_no):
    p = store().product(g.shop["id"], prd_no)
    if p is None:
        return client_message(prd_no, "존재하지 않는 상품입니다.", 500)
    code, label = STATUS.get(p["status"], STOPPED)
    shipping = p["extra"].get("shipping") or {}
    body = fields({"prdNo": p["product_no"], "prdNm": p["name"], "selPrc": p["price"],
                   "prdSelQty": p["stock"], "dispCtgrNo": p["category_id"],
                   "sellerPrdCd": p["seller_code"], "selStatCd": code, "selStatNm": label,
                   "aplEndDy": p["extra"].get("sale_end") or "", **shipping})
    return xml(f'<ns2:Product xmlns:ns2="{NS}">{body}</ns2:Product>')


@bp.get("/prodmarketservice/prodmarket/stck/<prd_no>")
def stock_numbers(prd_no):
    p = store().product(g.shop["id"], prd_no)
    if p is None:
        return client_message(prd_no, "존재하지 않는 상품입니다.", 500)
    body = "".join("<ns2:ProductStock>" + fields({
        "prdNo": p["product_no"], "prdStckNo": i["item_no"], "mixDtlOptNm": i["option_name"],
        "stckQty": i["stock"], "addPrc": i["price"] - p["price"],
        "selStatCd": STATUS.get(p["status"], STOPPED)[0]}) + "</ns2:ProductStock>"
        for i in p["items"])
    return xml(f'<ns2:ProductStocks xmlns:ns2="{NS}">{body}</ns2:ProductStocks>')


@bp.put("/prodservices/stockqty/<stock_no>")
def stock_qty(stock_no):
    root = read_body()
    qty = root.findtext("stckQty") if root is not None else None
    if qty is None or not qty.isdigit():
        return client_message("", "재고수량이 올바르지 않습니다.", 500)
    # apiSeq 1625: prdNo, prdStckNo, stckQty and optWght are all required.
    item = store().item(g.shop["id"], stock_no)
    product = store().one("select product_no from products where id=?",
                          (item["product_id"],)) if item else None
    if (root.findtext("prdStckNo") != stock_no or root.findtext("optWght") is None
            or product is None or root.findtext("prdNo") != product["product_no"]):
        return client_message(stock_no, "해당 상품/재고 번호 없음.", 404)
    try:
        store().set_item_stock(g.shop["id"], stock_no, int(qty))
    except Refused as exc:
        return client_message("", exc.reason, 500)
    return client_message("", "재고가 수정되었습니다.", 200)


@bp.put("/prodstatservice/stat/<verb>/<prd_no>")
def display(verb, prd_no):
    """stopdisplay (판매중지) and restartdisplay (판매중지 해제)."""
    if verb not in ("stopdisplay", "restartdisplay"):
        return client_message(prd_no, "존재하지 않는 API 입니다.", 500)
    try:
        store().set_product_status(g.shop["id"], prd_no,
                                   "SUSPENSION" if verb == "stopdisplay" else "SALE")
    except Refused as exc:
        return client_message(prd_no, exc.reason, 500)
    return client_message(prd_no, "판매중지 처리되었습니다." if verb == "stopdisplay"
                          else "판매중지 해제되었습니다.", 200)


@bp.post("/prodmarketservice/prodmarket")
def search_products():
    """다중 상품 조회 (apiSeq 1007): SearchProduct with limit (≤ 500), start and end positions."""
    root = read_body()
    limit = (root.findtext("limit") or "") if root is not None else ""
    if not limit.isdigit() or not 1 <= int(limit) <= 500:
        return client_message("", "목록갯수(limit)는 1~500 사이로 입력해 주세요.", 500)
    start = int(root.findtext("start") or 1)
    end = int(root.findtext("end") or start + int(limit))
    products = store().products(g.shop["id"])
    page = products[max(start, 1) - 1:max(start, 1) - 1 + min(int(limit), max(end - start, 0))]
    body = "".join("<ns2:product>" + fields({
        "prdNo": p["product_no"], "prdNm": p["name"], "selPrc": p["price"],
        "dispCtgrNo": p["category_id"], "sellerPrdCd": p["seller_code"],
        "selStatCd": STATUS.get(p["status"], STOPPED)[0],
        "selStatNm": STATUS.get(p["status"], STOPPED)[1]}) + "</ns2:product>" for p in page)
    return xml(f'<ns2:products xmlns:ns2="{NS}">{body}</ns2:products>')
