"""Sandbox catalogue: categories, products and their option items (stock, price, sale status)."""
from __future__ import annotations

import json

from .refused import Refused

# Product fields kept as JSON in products.extra: the sale end date, shipping terms, detail, images, 품목고시.
EXTRA_KEYS = ("sale_end", "shipping", "description_html", "images", "notice", "item_meta")


class CatalogueStore:
    """Categories and products; a product's stock is the sum of its items."""

    def add_category(self, shop_id, cat_id, name, parent_id=None, leaf=False):
        self.run("insert or replace into categories values(?,?,?,?,?)",
                 (shop_id, str(cat_id), parent_id and str(parent_id), name, 1 if leaf else 0))

    def categories(self, shop_id, parent_id=None):
        if parent_id is None:
            return self.q("select * from categories where shop_id=? and parent_id is null order by "
                          "cat_id", (shop_id,))
        return self.q("select * from categories where shop_id=? and parent_id=? order by cat_id",
                      (shop_id, str(parent_id)))

    def add_product(self, shop_id, name, price, stock, category_id="", seller_code="",
                    options=None, extra=None) -> dict:
        """options: (name, stock) or (name, stock, price) per option; none makes one item."""
        pid = self.run("insert into products(shop_id, name, price, stock, status, category_id,"
                       " seller_code, created_at, extra) values(?,?,?,?,?,?,?,?,?)",
                       (shop_id, name, price, stock, "SALE", category_id, seller_code, self.now(),
                        json.dumps(_extra(extra), ensure_ascii=False)))
        product_no = str(9100000000 + pid)
        self.run("update products set product_no=? where id=?", (product_no, pid))
        for opt in options or [("", stock)]:
            self._add_item(pid, shop_id, opt[0], opt[1], opt[2] if len(opt) > 2 else price)
        self._sum_stock(pid)
        return self.product(shop_id, product_no)

    def _add_item(self, pid, shop_id, option_name, stock, price):
        iid = self.run("insert into items(product_id, shop_id, option_name, stock, price) "
                       "values(?,?,?,?,?)", (pid, shop_id, option_name, int(stock), int(price)))
        self.run("update items set item_no=? where id=?", (str(8100000000 + iid), iid))

    def _sum_stock(self, pid):
        total = self.one("select coalesce(sum(stock), 0) s from items where product_id=?",
                         (pid,))["s"]
        self.run("update products set stock=? where id=?", (total, pid))

    def update_product(self, shop_id, product_no, *, name=None, price=None, category_id=None,
                       options=None, extra=None) -> dict:
        """Change a product in place; options match items by item_no, then by option name.

        Options not named keep their item; a named option without a match becomes a new item.
        """
        p = self.product(shop_id, product_no)
        if not p:
            raise Refused("존재하지 않는 상품입니다.", "NOT_FOUND")
        if name:
            self.run("update products set name=? where id=?", (name, p["id"]))
        if price:
            self.run("update products set price=? where id=?", (int(price), p["id"]))
            if len(p["items"]) == 1 and not p["items"][0]["option_name"] and not options:
                self.run("update items set price=? where id=?", (int(price), p["items"][0]["id"]))
        if category_id:
            self.run("update products set category_id=? where id=?", (str(category_id), p["id"]))
        for opt in options or []:
            item = next((i for i in p["items"] if opt.get("item_no")
                         and i["item_no"] == str(opt["item_no"])), None) or next(
                (i for i in p["items"] if i["option_name"] == (opt.get("name") or "")), None)
            opt_price = int(opt.get("price") or price or p["price"])
            if item is None:
                self._add_item(p["id"], shop_id, opt.get("name") or "", opt.get("stock") or 0,
                               opt_price)
                continue
            stock = item["stock"] if opt.get("stock") is None else int(opt["stock"])
            self.run("update items set option_name=?, price=?, stock=? where id=?",
                     (opt.get("name") or item["option_name"], opt_price, stock, item["id"]))
        if extra:
            merged = {**p["extra"], **_extra(extra)}
            self.run("update products set extra=? where id=?",
                     (json.dumps(merged, ensure_ascii=False), p["id"]))
        self.run("update products set updated_at=? where id=?", (self.now(), p["id"]))
        self._sum_stock(p["id"])
        return self.product(shop_id, product_no)

    def product(self, shop_id, product_no):
        p = self.one("select * from products where shop_id=? and product_no=?",
                     (shop_id, str(product_no)))
        if p:
            p["items"] = self.q("select * from items where product_id=? order by id", (p["id"],))
            p["extra"] = json.loads(p.get("extra") or "{}")
        return p

    def seller_codes(self, shop_id) -> dict:
        """product_no → the seller's own product code, for order lines (one query per page)."""
        return {r["product_no"]: r["seller_code"] or "" for r in self.q(
            "select product_no, seller_code from products where shop_id=?", (shop_id,))}

    def products(self, shop_id, *, limit=-1, offset=0):
        """Products by id; limit/offset read one page in SQL."""
        return [self.product(shop_id, p["product_no"])
                for p in self.q("select product_no from products where shop_id=? order by id"
                                " limit ? offset ?", (shop_id, limit, offset))]

    def count_products(self, shop_id) -> int:
        return self.one("select count(*) n from products where shop_id=?", (shop_id,))["n"]

    def item(self, shop_id, item_no):
        return self.one("select * from items where shop_id=? and item_no=?",
                        (shop_id, str(item_no)))

    def set_item_stock(self, shop_id, item_no, qty):
        item = self.item(shop_id, item_no)
        if not item:
            raise Refused("존재하지 않는 상품입니다.", "NOT_FOUND")
        self.run("update items set stock=? where id=?", (qty, item["id"]))
        self._sum_stock(item["product_id"])

    def set_product_status(self, shop_id, product_no, status, stock=None):
        p = self.product(shop_id, product_no)
        if not p:
            raise Refused("존재하지 않는 상품입니다.", "NOT_FOUND")
        self.run("update products set status=? where id=?", (status, p["id"]))
        if stock is not None:
            self.set_item_stock(shop_id, p["items"][0]["item_no"], stock)


def _extra(extra) -> dict:
    return {k: v for k, v in (extra or {}).items() if k in EXTRA_KEYS and v not in (None, "")}
