"""Sandbox catalogue: categories, products and their option items (stock, sale status)."""
from __future__ import annotations

from .refused import Refused


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
                    options=None) -> dict:
        pid = self.run("insert into products(shop_id, name, price, stock, status, category_id,"
                       " seller_code, created_at) values(?,?,?,?,?,?,?,?)",
                       (shop_id, name, price, stock, "SALE", category_id, seller_code, self.now()))
        product_no = str(9100000000 + pid)
        self.run("update products set product_no=? where id=?", (product_no, pid))
        for opt in options or [("", stock)]:
            iid = self.run("insert into items(product_id, shop_id, option_name, stock, price) "
                           "values(?,?,?,?,?)", (pid, shop_id, opt[0], opt[1], price))
            self.run("update items set item_no=? where id=?", (str(8100000000 + iid), iid))
        return self.product(shop_id, product_no)

    def product(self, shop_id, product_no):
        p = self.one("select * from products where shop_id=? and product_no=?",
                     (shop_id, str(product_no)))
        if p:
            p["items"] = self.q("select * from items where product_id=? order by id", (p["id"],))
        return p

    def products(self, shop_id):
        return [self.product(shop_id, p["product_no"])
                for p in self.q("select product_no from products where shop_id=? order by id",
                                (shop_id,))]

    def set_item_stock(self, shop_id, item_no, qty):
        item = self.one("select * from items where shop_id=? and item_no=?",
                        (shop_id, str(item_no)))
        if not item:
            raise Refused("존재하지 않는 상품입니다.", "NOT_FOUND")
        self.run("update items set stock=? where id=?", (qty, item["id"]))
        total = self.one("select sum(stock) s from items where product_id=?",
                         (item["product_id"],))["s"]
        self.run("update products set stock=? where id=?", (total, item["product_id"]))

    def set_product_status(self, shop_id, product_no, status, stock=None):
        p = self.product(shop_id, product_no)
        if not p:
            raise Refused("존재하지 않는 상품입니다.", "NOT_FOUND")
        self.run("update products set status=? where id=?", (status, p["id"]))
        if stock is not None:
            self.set_item_stock(shop_id, p["items"][0]["item_no"], stock)
