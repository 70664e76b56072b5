"""Naver origin products: register, read back, replace in place, stop/resume, stock, search."""
from __future__ import annotations

from flask_babel import gettext

from portal.marketplaces import (
    AuthError, ChannelError, LineOutcome, Listing, Outcome, chunks, outcome_for_error,
)

from . import mapping

# The document sets no count for multiProductUpdateRequestVos; we keep each call small.
MULTI_UPDATE_SIZE = 50


class NaverProducts:
    """Catalogue part of the Naver adapter; needs the adapter's client."""

    def push_listing(self, listing: Listing) -> list[LineOutcome]:
        refused = self.listing_settings_refusal(listing.seller_code)
        if refused:
            return refused
        try:
            body = self.client.call("POST", "/v2/products",
                                    json=mapping.product_body(listing, self.credentials),
                                    write=True)
        except ChannelError as exc:
            return [self.line_failure(exc, key=listing.seller_code)]
        no = str(body["originProductNo"])
        try:
            items = self.fetch_listing(no).items
        except AuthError:
            raise
        except ChannelError:
            items = []   # registered all the same; fetch_listing can name the items later
        return [LineOutcome(Outcome.OK, gettext("상품이 등록되었습니다."), key=listing.seller_code,
                            channel_ref=no, items=items)]

    def update_listing(self, listing: Listing) -> list[LineOutcome]:
        """Read the origin product, replace the portal's fields, PUT it back (same number)."""
        no = str(listing.channel_product_id)
        path = f"/v2/products/origin-products/{no}"
        try:
            current = self.client.call("GET", path) or {}
            body = {"originProduct": mapping.apply_changes(current.get("originProduct") or {},
                                                           listing, self.credentials)}
            if current.get("smartstoreChannelProduct"):
                body["smartstoreChannelProduct"] = current["smartstoreChannelProduct"]
            # A replace of the whole product: sending it twice leaves the same product.
            self.client.call("PUT", path, json=body, write=True)
            items = self.fetch_listing(no).items
        except ChannelError as exc:
            return [self.line_failure(exc, key=no)]
        return [LineOutcome(Outcome.OK, gettext("상품이 수정되었습니다."), key=no, channel_ref=no,
                            items=items)]

    def resume_listing(self, channel_product_ids: list[str]) -> list[LineOutcome]:
        return [self._change_status(no, {"statusType": "SALE"}, "판매재개 처리되었습니다.")
                for no in channel_product_ids]

    def fetch_listing(self, channel_product_id: str) -> Listing:
        no = str(channel_product_id)
        return mapping.origin_listing(no, self.client.call(
            "GET", f"/v2/products/origin-products/{no}") or {})

    def _change_status(self, product_no: str, body: dict, done: str) -> LineOutcome:
        try:
            self.client.call("PUT", f"/v1/products/origin-products/{product_no}/change-status",
                             json=body, write=True)
        except ChannelError as exc:
            return self.line_failure(exc, key=str(product_no))
        return LineOutcome(Outcome.OK, done, key=str(product_no))

    def update_stock(self, listing_ids_and_quantities: list[tuple[str, int]]) -> list[LineOutcome]:
        """Stock of option-less products, keyed by originProductNo, through 멀티 상품 변경.

        Only `STOCK` is asked for: the sale status is never sent, so a product the seller
        suspended stays suspended (and 0 leaves Naver to show it sold out).
        """
        out = []
        for part in chunks(listing_ids_and_quantities, MULTI_UPDATE_SIZE):
            body = {"multiProductUpdateRequestVos": [
                {"originProductNo": int(no), "multiUpdateTypes": ["STOCK"],
                 "stockQuantity": int(qty)} for no, qty in part]}
            try:
                # Absolute quantities: sending the same body again leaves the same stock.
                self.client.call("PATCH", "/v1/products/origin-products/multi-update", json=body,
                                 write=True, idempotent=True)
            except AuthError:
                raise
            except ChannelError as exc:
                out.extend(LineOutcome(outcome_for_error(exc), exc.message_ko, key=str(no))
                           for no, _ in part)
                continue
            out.extend(LineOutcome(Outcome.OK, gettext("재고가 수정되었습니다."), key=str(no))
                       for no, _ in part)
        return out

    def end_listing(self, channel_product_ids: list[str]) -> list[LineOutcome]:
        return [self._change_status(no, {"statusType": "SUSPENSION"}, "판매중지 처리되었습니다.")
                for no in channel_product_ids]

    def fetch_listings(self) -> list[Listing]:
        out, page = [], 1
        while True:
            body = self.client.call("POST", "/v1/products/search", json={"page": page, "size": 100})
            out.extend(mapping.listings(body.get("contents") or []))
            if page >= body.get("totalPages", 1):
                return out
            page += 1
