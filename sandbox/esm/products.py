"""ESM sandbox products: site categories, 고시 정보, 상품 등록/수정/조회, 가격/재고/판매상태, 재고 수정.

The sandbox gives one number to a product: it is both the 마스터 상품번호 (goodsNo) the product
calls name and the 사이트 상품번호 (SiteGoodsNo) orders carry.
"""
from __future__ import annotations

from flask import g, jsonify

from ..common import store
from .auth import bp
from .orders import body

PERIODS = (-1, 0, 15, 30, 60, 90)
NOTICE_GROUPS = range(1, 42)          # "1 ~ 41 내 조회 가능"
NOTICE_ITEMS = 3                      # the sandbox's groups have three items each: "<no>-1" ...


def refuse(message, code=1000):
    """Business refusals of the item API: HTTP 200, {resultCode, message, data}."""
    return jsonify(resultCode=code, message=message, data=None)


def site_key() -> str:
    return "iac" if g.shop["channel"] == "auction" else "gmkt"


def site_tag() -> str:
    return "IAC" if site_key() == "iac" else "GMKT"


def per_site(obj, key=None):
    """{"Gmkt": .., "Iac": ..} (the 전문's casing) or {"gmkt": .., "iac": ..}: this site's value."""
    return {k.lower(): v for k, v in (obj or {}).items()}.get(key or site_key())


def _category(code):
    return store().one("select * from categories where shop_id=? and cat_id=?",
                       (g.shop["id"], str(code)))


@bp.get("/item/v1/categories/site-cats")
@bp.get("/item/v1/categories/site-cats/<code>")
def site_categories(code=None):
    if code is None:
        return jsonify(catCode="", catName="", isLeaf=False, subCats=[
            {"catCode": c["cat_id"], "catName": c["name"], "isLeaf": bool(c["leaf"])}
            for c in store().categories(g.shop["id"])])
    cat = _category(code)
    if cat is None:
        return refuse(f"Category is not exist. {code}")
    return jsonify(catCode=cat["cat_id"], catName=cat["name"], isLeaf=bool(cat["leaf"]), subCats=[
        {"catCode": c["cat_id"], "catName": c["name"], "isLeaf": bool(c["leaf"])}
        for c in store().categories(g.shop["id"], cat["cat_id"])])


def notice_codes(no: int) -> list[str]:
    return [f"{no}-{n}" for n in range(1, NOTICE_ITEMS + 1)]


@bp.get("/item/v1/official-notice/groups/<no>/codes")
def official_notice_codes(no):
    if not no.isdigit() or int(no) not in NOTICE_GROUPS:
        return refuse("데이터 형식 nvarchar을(를) int(으)로 변환하는 중 오류가 발생했습니다.", 2181)
    return jsonify(codes=[{"officialNoticeItemelementCode": c, "officialNoticeItemelementName":
                           f"고시 항목 {c}", "guideText": "", "isExtraMark": True}
                          for c in notice_codes(int(no))])


def check_goods(doc: dict, *, update: bool):
    """The refusals of 상품등록/수정 (etapi.gmarket.com/20, Error Code) the sandbox enforces, as
    (message or None, values)."""
    basic, extra = doc.get("itemBasicInfo") or {}, doc.get("itemAddtionalInfo") or {}
    tag, keys = site_tag(), g.shop["keys"]
    name = ((basic.get("goodsName") or {}).get("kor") or "").strip()
    if not name:
        return "검색 상품명(kor)을 입력해 주세요.", None
    if len(name.encode("utf-8")) > 100:
        return "검색 상품명(kor) 최대 입력 길이를 초과하였습니다.", None
    site_cat = next((c for c in (basic.get("category") or {}).get("site") or []
                     if str(c.get("siteType")) == ("1" if tag == "IAC" else "2")), None)
    if site_cat is None or not site_cat.get("catCode"):
        return f"[InvalidApiRequestEx][{tag}]카테고리 코드가 없습니다.", None
    cat = _category(site_cat["catCode"])
    if cat is None or not cat["leaf"]:
        return f"[InvalidApiRequestEx][{tag}]잘 못 된 카테고리 코드입니다 < {site_cat['catCode']}", None
    price, stock = per_site(extra.get("price")), per_site(extra.get("stock"))
    if not isinstance(price, (int, float)) or price <= 0:
        return f"[InvalidApiRequestEx][{tag}]0원 금액은 입력하실 수 없습니다.", None
    if price < 10 or price >= 1_000_000_000 or int(price) % 10:
        return (f"[InvalidApiRequestEx][{tag}]판매가격은 10원 이상 10억 미만, 10원 단위로 입력해 "
                "주세요.", None)
    if not isinstance(stock, int) or not 1 <= stock <= 99999:
        return f"[InvalidApiRequestEx][\"{tag.capitalize()} 필드는 1에서 99999 사이에 있어야 합니다", None
    if per_site(extra.get("sellingPeriod")) not in PERIODS:
        return (f"[{tag}] 판매기간은 -1(3PL상품 한정), 0, 15, 30, 60, 90만 가능합니다.", None)
    if int((extra.get("recommendedOpts") or {}).get("type") or 0) != 0:
        # The sandbox knows no category's 추천옵션 codes, so it takes option-less products only.
        return "[InvalidApiRequestEx][\"추천 옵션 타입(type)이 잘 못 되었습니다", None
    shipping = extra.get("shipping") or {}
    policy = shipping.get("policy") or {}
    if str(policy.get("placeNo")) != str(keys.get("place_no")):
        return f"ShipmentPlaceNo 오류, ShipmentPlaceNo: {policy.get('placeNo')}", None
    if policy.get("feeType") != 1 or str((policy.get("bundle") or {}).get("deliveryTmplId")) != \
            str(keys.get("delivery_tmpl_id")):
        return "잘못된 parameter 요청 (값이 없거나 비어있습니다)shippingPolicy", None
    returns = shipping.get("returnAndExchange") or {}
    if str(returns.get("addrNo")) != str(keys.get("return_addr_no")):
        return "ESM에 저장된 반품 주소지 정보가 없습니다 < 문의바랍니다", None
    if str(per_site(shipping.get("dispatchPolicyNo"))) != str(keys.get("dispatch_policy_no")):
        return "<12>-잘 못된 발송정책 번호 입니다", None
    notice = extra.get("officialNotice") or {}
    no = notice.get("officialNoticeNo")
    given = {d.get("officialNoticeItemelementCode") for d in notice.get("details") or []
             if (d.get("value") or "").strip() or d.get("isExtraMark")}
    missing = [c for c in notice_codes(no)] if no in NOTICE_GROUPS else ["officialNoticeNo"]
    missing = [c for c in missing if c not in given]
    if missing:
        return f"<21>-상품 고시 필수 정보가 입력되지 않았습니다 < ({', '.join(missing)})", None
    if extra.get("isVatFree") is None:
        return "[InvalidApiRequestEx]부가세여부(isVatFree)를 입력해 주세요.", None
    if not (extra.get("images") or {}).get("basicImgURL"):
        return "[InvalidApiRequestEx]상품기본이미지(basicImgURL)를 입력해 주세요.", None
    if not ((extra.get("descriptions") or {}).get("kor") or {}).get("html"):
        return "[InvalidApiRequestEx]상품상세정보(html)를 입력해 주세요.", None
    site_discount = (doc.get("addtionalInfo") or {}).get("siteDiscount") or {}
    if "gmkt" not in site_discount or "iac" not in site_discount:
        return "[InvalidApiRequestEx]사이트부담 지원할인(siteDiscount)을 입력해 주세요.", None
    selling = None
    if update:
        selling = per_site(doc.get("isSell"))
        if not isinstance(selling, bool):
            return "[InvalidApiRequestEx]판매상태(isSell)를 입력해 주세요.", None
    return None, {"name": name, "category": cat["cat_id"], "price": int(price), "stock": stock,
                  "code": extra.get("managedCode") or "", "selling": selling,
                  "extra": {"description_html": extra["descriptions"]["kor"]["html"],
                            "images": [v for k, v in sorted(extra["images"].items()) if v]}}


def answer(product):
    no = product["product_no"]
    return jsonify(siteDetail={site_key(): {"SiteGoodsNo": no, "SiteGoodsComment": "Success"}},
                   resultCode=0, message=None, goodsNo=int(no))


@bp.post("/item/v1/goods")
def register_goods():
    problem, v = check_goods(body(), update=False)
    if problem:
        return refuse(problem)
    product = store().add_product(g.shop["id"], v["name"], v["price"], v["stock"], v["category"],
                                  v["code"], extra=v["extra"])
    return answer(product)


def _product(goods_no):
    return store().product(g.shop["id"], goods_no)


@bp.put("/item/v1/goods/<goods_no>")
def update_goods(goods_no):
    product = _product(goods_no)
    if product is None:
        return refuse("상품 정보가 없습니다.")
    problem, v = check_goods(body(), update=True)
    if problem:
        return refuse(problem)
    store().update_product(g.shop["id"], goods_no, name=v["name"], price=v["price"],
                           category_id=v["category"], extra=v["extra"])
    store().set_product_status(g.shop["id"], goods_no, "SALE" if v["selling"] else "SUSPENSION",
                               stock=v["stock"])
    return answer(_product(goods_no))


@bp.get("/item/v1/goods/<goods_no>")
def read_goods(goods_no):
    p = _product(goods_no)
    if p is None:
        return refuse("상품 정보가 없습니다.")
    key = {"gmkt": "Gmkt", "iac": "Iac"}[site_key()]
    return jsonify(
        itemBasicInfo={"goodsName": {"kor": p["name"]}, "category": {"site": [
            {"siteType": 1 if key == "Iac" else 2, "catCode": p["category_id"]}]}},
        itemAddtionalInfo={"price": {key: p["price"]}, "stock": {key: p["stock"]},
                           "managedCode": p["seller_code"]},
        isSell={site_key(): p["status"] == "SALE"})


@bp.get("/item/v1/goods/<goods_no>/sell-status")
def read_sell_status(goods_no):
    p = _product(goods_no)
    if p is None:
        return refuse("상품 정보가 없습니다.")
    key, other = site_key(), "gmkt" if site_key() == "iac" else "iac"
    return jsonify(IsSell={key: p["status"] == "SALE", other: False},
                   itemBasicInfo={"Price": {key: float(p["price"]), other: 0.0},
                                  "Stock": {key: p["stock"], other: 0},
                                  "SellingPeriod": {key: 20991231, other: 0}})


@bp.put("/item/v1/goods/<goods_no>/sell-status")
def sell_status(goods_no):
    """가격/재고/판매상태 수정: isSell, price (0원 refused), stock 1~99,999, sellingPeriod."""
    p = _product(goods_no)
    if p is None:
        return refuse("상품 정보가 없습니다.")
    doc = body()
    basic = doc.get("itemBasicInfo") or {}
    selling = per_site(doc.get("isSell"))
    price, stock = per_site(basic.get("price")), per_site(basic.get("stock"))
    if not isinstance(selling, bool):
        return refuse("[InvalidApiRequestEx]판매상태(isSell)를 입력해 주세요.")
    if not isinstance(price, (int, float)) or price <= 0:
        return refuse(f"[InvalidApiRequestEx][{site_tag()}]0원 금액은 입력하실 수 없습니다.")
    if not isinstance(stock, int) or not 1 <= stock <= 99999:
        return refuse(f"[InvalidApiRequestEx][{site_tag()}]재고는 1 ~ 99,999 내로 입력해 주세요.")
    if per_site(basic.get("sellingPeriod")) not in PERIODS + (365,):
        return refuse(f"[{site_tag()}] 판매기간은 -1(3PL상품 한정), 0, 15, 30, 60, 90만 가능합니다.")
    store().update_product(g.shop["id"], goods_no, price=int(price))
    store().set_product_status(g.shop["id"], goods_no, "SALE" if selling else "SUSPENSION",
                               stock=stock if len(p["items"]) == 1 else None)
    return jsonify(goodsNo=int(goods_no), resultCode=0, message=None)


@bp.put("/item/v1/goods/<goods_no>/stock")
def stock(goods_no):
    product = store().product(g.shop["id"], goods_no)
    if product is None:
        return jsonify(resultCode=1000, message="상품 정보가 없습니다.", data=None)
    if len(product["items"]) > 1:
        return jsonify(resultCode=1000, message="옵션 사용 상품은 재고를 수정할 수 없습니다.", data=None)
    qty = (body().get("stock") or {}).get(site_key())
    if not isinstance(qty, int) or not 1 <= qty <= 99999:
        return jsonify(resultCode=1000, message="재고는 1 ~ 99,999 내로 입력해 주세요.", data=None)
    store().set_item_stock(g.shop["id"], product["items"][0]["item_no"], qty)
    return jsonify(resultCode=0, message=f"[{site_tag()}] 성공", goodsNo=int(goods_no))
