"""Rakuten sandbox 商品API 2.0 (items.upsert / get / patch) and NavigationAPI 2.0 genres.get.

A product's store number is its 商品管理番号 and each SKU's item number its variantId, so the
在庫API and orders name them as RMS does. The genre tree is the sandbox's own small one.
"""
from __future__ import annotations

import re

from flask import g, jsonify, request

from ..common import fmt_kst, store
from .auth import bp

MANAGE_NUMBER = re.compile(r"^[a-z0-9_-]{1,32}$")
VARIANT_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
ITEM_TYPES = ("NORMAL", "PRE_ORDER", "BUYING_CLUB")
IMAGE_TYPES = ("CABINET", "GOLD")
# genreId → (nameJa, level, lowest, children); 0 is the root (its children are the first level).
GENRES = {
    0: ("", 0, False, (100227,)),
    100227: ("食品", 1, False, (558863, 206878)),
    558863: ("野菜", 2, True, ()),
    206878: ("弁当・惣菜", 2, True, ()),
}


def errors(status, code, message, path=""):
    """ItemAPI 2.0 / NavigationAPI 2.0 refusal: {errors: [{code, message, metadata}]}."""
    resp = jsonify(errors=[{"code": code, "message": message,
                            "metadata": {"propertyPath": path} if path else {}}])
    resp.status_code = status
    return resp


def _genre(gid):
    name, level, lowest, _ = GENRES[gid]
    return {"genreId": gid, "nameJa": name, "level": level, "lowest": lowest,
            "properties": {"itemRegisterFlg": lowest}}


@bp.get("/2.0/navigation/genres/<genre_id>")
def genres_get(genre_id):
    gid = int(genre_id) if genre_id.isdigit() else -1
    if gid not in GENRES:
        return errors(404, "GF0002", "Not Found")
    genre = _genre(gid)
    if request.args.get("showChildren") == "true":
        genre["children"] = [_genre(c) for c in GENRES[gid][3]]
    return jsonify(version={"id": 1, "fixedAt": "2024-01-01T00:00:00+09:00"}, genre=genre)


def _bytes(text) -> int:
    return len(str(text or "").encode("utf-8"))


def check_item(doc: dict):
    """(refusal response or None, cleaned values) for an items.upsert body."""
    title = str(doc.get("title") or "").strip()
    if not title:
        return errors(400, "IE0101", "title は必須です。", "title"), None
    if _bytes(title) > 255:
        return errors(400, "IE0102", "title は255バイト以内です。", "title"), None
    if doc.get("itemType") not in ITEM_TYPES:
        return errors(400, "IE0103", "itemType が不正です。", "itemType"), None
    genre = str(doc.get("genreId") or "")
    if not re.fullmatch(r"[1-9][0-9]{5}", genre):
        return errors(400, "IE0104", "genreId は6桁の数字です。", "genreId"), None
    if int(genre) not in GENRES or not GENRES[int(genre)][2]:
        return errors(400, "IE0105", "商品を登録できないジャンルです。", "genreId"), None
    if not isinstance(doc.get("hideItem"), bool):
        return errors(400, "IE0106", "hideItem は必須です。", "hideItem"), None
    for side in ("pc", "sp"):
        if _bytes((doc.get("productDescription") or {}).get(side)) > 10240:
            return errors(400, "IE0107", f"productDescription.{side} は10240バイト以内です。",
                          f"productDescription.{side}"), None
    images = doc.get("images") or []
    if len(images) > 20:
        return errors(400, "IE0108", "images は20件までです。", "images"), None
    for n, image in enumerate(images):
        location = str(image.get("location") or "")
        if image.get("type") not in IMAGE_TYPES or not location.startswith("/"):
            return errors(400, "IE0109", "画像は R-Cabinet または GOLD の画像パスを指定してください。",
                          f"images[{n}]"), None
    selectors = {s.get("key"): [v.get("displayValue") for v in s.get("values") or []]
                 for s in doc.get("variantSelectors") or []}
    for key, values in selectors.items():
        if not 1 <= len(values) <= 40 or any(not v or _bytes(v) > 32 for v in values):
            return errors(400, "IE0110", "バリエーション選択肢は1〜40件、32バイト以内です。",
                          f"variantSelectors.{key}"), None
    variants = doc.get("variants") or {}
    if not isinstance(variants, dict) or not 1 <= len(variants) <= 400:
        return errors(400, "IE0111", "variants は1〜400件です。", "variants"), None
    rows = []
    for vid, v in variants.items():
        if not VARIANT_ID.match(vid):
            return errors(400, "IE0112", "SKU管理番号が不正です。", f"variants.{vid}"), None
        price = str(v.get("standardPrice") or "")
        if not price.isdigit() or not 0 <= int(price) <= 999999999:
            return errors(400, "IE0113", "standardPrice は0〜999999999です。",
                          f"variants.{vid}.standardPrice"), None
        chosen = v.get("selectorValues") or {}
        if set(chosen) != set(selectors) or any(chosen[k] not in selectors[k] for k in chosen):
            return errors(400, "IE0114", "selectorValues が variantSelectors と一致しません。",
                          f"variants.{vid}.selectorValues"), None
        rows.append((vid, " / ".join(chosen[k] for k in selectors), int(price)))
    return None, {"title": title, "genre": genre, "code": str(doc.get("itemNumber") or ""),
                  "hidden": doc["hideItem"], "variants": rows,
                  "extra": {"description_html":
                            (doc.get("productDescription") or {}).get("pc") or "",
                            "images": [i["location"] for i in images]}}


def _save(shop_id, manage, v):
    """Create or replace the product under its 商品管理番号; SKUs not sent are removed."""
    db = store()
    first_price = v["variants"][0][2]
    product = db.product(shop_id, manage)
    if product is None:
        product = db.add_product(shop_id, v["title"], first_price, 0, v["genre"], v["code"],
                                 options=[(name, 0, price) for _, name, price in v["variants"]],
                                 extra=v["extra"])
        db.run("update products set product_no=? where id=?", (manage, product["id"]))
        for item, (vid, _, _) in zip(product["items"], v["variants"]):
            db.run("update items set item_no=? where id=?", (vid, item["id"]))
    else:
        db.update_product(shop_id, manage, name=v["title"], price=first_price,
                          category_id=v["genre"], extra=v["extra"])
        db.run("update products set seller_code=? where id=?", (v["code"], product["id"]))
        kept = {i["item_no"]: i for i in product["items"]}
        for vid, name, price in v["variants"]:
            if vid in kept:
                db.run("update items set option_name=?, price=? where id=?",
                       (name, price, kept[vid]["id"]))
                continue
            iid = db.run("insert into items(product_id, shop_id, option_name, stock, price) "
                         "values(?,?,?,?,?)", (product["id"], shop_id, name, 0, price))
            db.run("update items set item_no=? where id=?", (vid, iid))
        sent = {vid for vid, _, _ in v["variants"]}
        for vid, item in kept.items():
            if vid not in sent:
                db.run("delete from items where id=?", (item["id"],))
        db.run("update products set stock=(select coalesce(sum(stock), 0) from items "
               "where product_id=?) where id=?", (product["id"], product["id"]))
    db.set_product_status(shop_id, manage, "SUSPENSION" if v["hidden"] else "SALE")


@bp.put("/2.0/items/manage-numbers/<manage>")
def items_upsert(manage):
    manage = manage.lower()                         # "大文字は小文字に自動変換"
    if not MANAGE_NUMBER.match(manage):
        return errors(400, "IE0100", "manageNumber が不正です。", "manageNumber")
    refused, values = check_item(request.get_json(silent=True) or {})
    if refused is not None:
        return refused
    _save(g.shop["id"], manage, values)
    return "", 204


@bp.get("/2.0/items/manage-numbers/<manage>")
def items_get(manage):
    manage = manage.lower()
    p = store().product(g.shop["id"], manage)
    if p is None:
        return errors(404, "GE0014", f"No item found for inputs; manageNumber={manage}")
    options = [i["option_name"] for i in p["items"] if i["option_name"]]
    body = {"manageNumber": manage, "itemNumber": p["seller_code"], "title": p["name"],
            "itemType": "NORMAL", "genreId": p["category_id"],
            "hideItem": p["status"] != "SALE", "unlimitedInventoryFlag": False,
            "variants": {i["item_no"]: {"standardPrice": str(i["price"]), **(
                {"selectorValues": {"option": i["option_name"]}} if i["option_name"] else {})}
                for i in p["items"]},
            "created": fmt_kst(p["created_at"], "%Y-%m-%dT%H:%M:%S+09:00"),
            "updated": fmt_kst(p.get("updated_at") or p["created_at"], "%Y-%m-%dT%H:%M:%S+09:00")}
    if options:
        body["variantSelectors"] = [{"key": "option", "displayName": "オプション",
                                     "values": [{"displayValue": o} for o in options]}]
    return jsonify(body)


@bp.patch("/2.0/items/manage-numbers/<manage>")
def items_patch(manage):
    """items.patch: only hideItem (倉庫) is taken by the sandbox."""
    manage = manage.lower()
    p = store().product(g.shop["id"], manage)
    if p is None:
        return errors(404, "GE0014", f"No item found for inputs; manageNumber={manage}")
    doc = request.get_json(silent=True) or {}
    if not isinstance(doc.get("hideItem"), bool):
        return errors(400, "IE0106", "hideItem が不正です。", "hideItem")
    store().set_product_status(g.shop["id"], manage, "SUSPENSION" if doc["hideItem"] else "SALE")
    return "", 204
