"""Coupang seller-products: categories, register, read, update (re-approval), item stock,
stop/resume sale, listing."""
from __future__ import annotations

from flask_babel import gettext as _

from portal.marketplaces import (
    AuthError, Category, ChannelError, LineOutcome, Listing, Outcome,
)

from . import mapping, notices
from .client import SELLER


class CoupangProducts:
    """Catalogue part of the Coupang adapter; needs the adapter's client and vendor_id."""

    image_transfer = "urls"
    requires_main_image = True   # PROTOCOL.md: the 대표 image is a required field

    def _category_node(self, code: str) -> dict:
        """One display category with its children, read once per adapter (a tree walk asks for
        each node twice: as a child, to learn whether it has children, and as a parent)."""
        nodes = self.__dict__.setdefault("_category_nodes", {})
        if code not in nodes:
            body = self.client.call("GET", f"{SELLER}/meta/display-categories/{code}")
            nodes[code] = body.get("data") or {}
        return nodes[code]

    def fetch_categories(self, parent_id: str | None = None) -> list[Category]:
        """Children of a category (0 = the first depth). The answer lists one depth only ("2 Depth
        이상의 child 는 표시하지 않음"), so a child's own children are read to tell a leaf."""
        parent = str(parent_id or 0)
        out = []
        for row in self._category_node(parent).get("child") or []:
            code = str(row["displayItemCategoryCode"])
            children = row.get("child") or self._category_node(code).get("child")
            out.append(mapping.category(row, parent, bool(children)))
        return out

    def push_listing(self, listing: Listing) -> list[LineOutcome]:
        refused = self.listing_settings_refusal(listing.seller_code)
        if refused:
            return refused
        body = mapping.product_body(listing, self.vendor_id, self.credentials)
        try:
            refused = self.fill_notices(body, listing)
            if refused:
                return [LineOutcome(Outcome.REJECTED, refused, key=listing.seller_code)]
            resp = self.client.call("POST", f"{SELLER}/seller-products", json=body, write=True)
        except ChannelError as exc:
            return [self.line_failure(exc, key=listing.seller_code)]
        pid = str(resp["data"])
        return [LineOutcome(Outcome.OK, _("상품이 등록되었습니다. 쿠팡 승인 후 판매됩니다."),
                            key=listing.seller_code, channel_ref=pid, items=self._items_of(pid))]

    def _items_of(self, pid: str) -> list:
        """vendorItemIds once issued; empty when the read fails (fetch_listing can retry it)."""
        try:
            return self.fetch_listing(pid).items
        except AuthError:
            raise
        except ChannelError:
            return []

    def fetch_listing(self, channel_product_id: str) -> Listing:
        return mapping.listing(self.client.call(
            "GET", f"{SELLER}/seller-products/{channel_product_id}")["data"])

    def update_listing(self, listing: Listing) -> list[LineOutcome]:
        """PUT seller-products with sellerProductId and each item's sellerProductItemId and vendorItemId (the
        product as read, with the portal's values)."""
        pid = str(listing.channel_product_id)
        try:
            current = self.client.call("GET", f"{SELLER}/seller-products/{pid}")["data"]
            body = notices.carry_over(mapping.product_body(listing, self.vendor_id, self.credentials, current),
                                      current)
            refused = self.fill_notices(body, listing, current)
            if refused:
                return [LineOutcome(Outcome.REJECTED, refused, key=pid)]
            # The whole product is replaced with absolute values: repeating it is harmless.
            self.client.call("PUT", f"{SELLER}/seller-products", json=body, write=True,
                             idempotent=True)
        except ChannelError as exc:
            return [self.line_failure(exc, key=pid)]
        return [LineOutcome(Outcome.OK, _("상품이 수정되었습니다. 쿠팡 재승인 후 반영됩니다."), key=pid,
                            channel_ref=pid, items=self._items_of(pid))]

    def _item_call(self, path: str, key: str, done: str) -> LineOutcome:
        try:
            # Setting an absolute quantity or stopping a sale twice leaves the same state.
            self.client.call("PUT", path, write=True, idempotent=True)
        except ChannelError as exc:
            return self.line_failure(exc, key=key)
        return LineOutcome(Outcome.OK, done, key=key)

    def update_stock(self, listing_ids_and_quantities: list[tuple[str, int]]) -> list[LineOutcome]:
        """Keyed by vendorItemId (issued once Coupang approves the product)."""
        return [self._item_call(f"{SELLER}/vendor-items/{item}/quantities/{int(qty)}", str(item),
                                _("재고가 수정되었습니다.")) for item,
                qty in listing_ids_and_quantities]

    def _each_item(self, channel_product_ids: list[str], verb: str, done: str):
        out = []
        for pid in channel_product_ids:
            try:
                items = self.client.call("GET", f"{SELLER}/seller-products/{pid}")["data"]["items"]
            except ChannelError as exc:
                out.append(self.line_failure(exc, key=str(pid)))
                continue
            results = [self._item_call(f"{SELLER}/vendor-items/{i['vendorItemId']}/sales/{verb}",
                                       str(pid), done) for i in items]
            out.append(next((r for r in results if r.outcome is not Outcome.OK), results[0]))
        return out

    def end_listing(self, channel_product_ids: list[str]) -> list[LineOutcome]:
        return self._each_item(channel_product_ids, "stop", _("판매중지 처리되었습니다."))

    def resume_listing(self, channel_product_ids: list[str]) -> list[LineOutcome]:
        return self._each_item(channel_product_ids, "resume", _("판매재개 처리되었습니다."))

    def fetch_listings(self) -> list[Listing]:
        ids, token = [], ""
        while True:
            body = self.client.call("GET", f"{SELLER}/seller-products", params={
                "vendorId": self.vendor_id, "maxPerPage": 100, "nextToken": token or None})
            ids.extend(str(p["sellerProductId"]) for p in body.get("data") or [])
            token = body.get("nextToken")
            if not token:
                break
        return [mapping.listing(self.client.call("GET", f"{SELLER}/seller-products/{pid}")["data"])
                for pid in ids]
