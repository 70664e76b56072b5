"""Generic protocol products: categories, register (one item per option), read one, update in
place, stock, end and resume, and the full list."""
from __future__ import annotations

from flask_babel import gettext

from portal.marketplaces import (
    Category, ChannelError, LineOutcome, Listing, Outcome, detail_html,
)

from . import mapping

RESULT = {"OK": Outcome.OK, "ALREADY_DONE": Outcome.ALREADY_DONE}


class GenericProducts:
    """Catalogue part of the generic adapter; needs its client and honours_option_prices."""

    honours_option_prices = True
    image_transfer = "urls"

    def fetch_categories(self, parent_id: str | None = None) -> list[Category]:
        params = {"parent_id": parent_id} if parent_id else None
        return [mapping.category(r)
                for r in self.client.call("GET", "/categories", params=params)["categories"]]

    def _body(self, listing: Listing) -> dict:
        body = {"name": listing.name, "price": listing.price, "stock": listing.stock,
                "category_id": listing.category_id, "seller_code": listing.seller_code,
                "description_html": detail_html(listing.description_html, listing.detail_image_url),
                "images": list(listing.image_urls)}
        # A general mall takes options but no option price: each option sells at the product's price.
        body["options"] = [{"name": i.option_name, "stock": i.stock,
                            **({"price": i.price} if self.honours_option_prices else {}),
                            **({"item_id": i.channel_item_id} if i.channel_item_id else {})}
                           for i in listing.items]
        if listing.sale_end:
            body["sale_end"] = listing.sale_end.isoformat()
        if listing.shipping is not None:
            body["shipping"] = mapping.shipping(listing.shipping)
        if listing.notice:
            body["notice"] = listing.notice
        return body

    def push_listing(self, listing: Listing) -> list[LineOutcome]:
        try:
            product = self.client.call("POST", "/products", json=self._body(listing),
                                       write=True)["product"]
        except ChannelError as exc:
            if exc.code == "DUPLICATE_SELLER_CODE":
                return [LineOutcome(Outcome.ALREADY_DONE, exc.message_ko, key=listing.seller_code)]
            return [self.line_failure(exc, key=listing.seller_code)]
        return [LineOutcome(Outcome.OK, gettext("상품이 등록되었습니다."), key=listing.seller_code,
                            channel_ref=product["product_id"],
                            items=mapping.listing(product).items)]

    def update_listing(self, listing: Listing) -> list[LineOutcome]:
        pid = str(listing.channel_product_id)
        body = self._body(listing)
        body.pop("seller_code")
        body.pop("category_id")   # fixed once the product exists
        try:
            # A PUT of absolute values: sending it twice leaves the same product.
            product = self.client.call("PUT", f"/products/{pid}", json=body, write=True)["product"]
        except ChannelError as exc:
            return [self.line_failure(exc, key=pid)]
        return [LineOutcome(Outcome.OK, gettext("상품이 수정되었습니다."), key=pid, channel_ref=pid,
                            items=mapping.listing(product).items)]

    def fetch_listing(self, channel_product_id: str) -> Listing:
        return mapping.listing(self.client.call("GET",
                                                f"/products/{channel_product_id}")["product"])

    def update_stock(self, listing_ids_and_quantities: list[tuple[str, int]]) -> list[LineOutcome]:
        out = []
        for item_id, qty in listing_ids_and_quantities:
            try:
                self.client.call("PUT", f"/items/{item_id}/stock", json={"quantity": qty},
                                 write=True)
                out.append(LineOutcome(Outcome.OK, gettext("재고가 수정되었습니다."), key=str(item_id)))
            except ChannelError as exc:
                out.append(self.line_failure(exc, key=str(item_id)))
        return out

    def _status_call(self, pid: str, verb: str) -> LineOutcome:
        try:
            body = self.client.call("POST", f"/products/{pid}/{verb}", write=True)
        except ChannelError as exc:
            return self.line_failure(exc, key=pid)
        return LineOutcome(RESULT.get(body.get("result"), Outcome.OK), body.get("message", ""),
                           key=pid)

    def end_listing(self, channel_product_ids: list[str]) -> list[LineOutcome]:
        return [self._status_call(str(pid), "end") for pid in channel_product_ids]

    def resume_listing(self, channel_product_ids: list[str]) -> list[LineOutcome]:
        return [self._status_call(str(pid), "resume") for pid in channel_product_ids]

    def fetch_listings(self) -> list[Listing]:
        rows, page = [], 1
        while True:
            body = self.client.call("GET", "/products", params={"page": page, "size": 100})
            rows.extend(mapping.listing(r) for r in body["products"])
            if not body["page"]["has_next"]:
                return rows
            page += 1
