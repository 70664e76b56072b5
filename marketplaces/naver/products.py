"""Naver origin products: register, read back, replace in place, stop/resume, stock, search."""
from __future__ import annotations

import hashlib
import os

from flask_babel import gettext

from portal.marketplaces import (
    AuthError, ChannelError, LineOutcome, Listing, Outcome, chunks, outcome_for_error,
)

from . import mapping

# The document sets no count for multiProductUpdateRequestVos; we keep each call small.
MULTI_UPDATE_SIZE = 50
UPLOAD_SIZE = 10  # 상품 이미지 다건 등록: "최대 10개까지 등록 가능"


def stock_key(origin_product_no: str, option_id: str = "") -> str:
    """What update_stock takes: the origin product number, or "원상품번호:옵션ID" for an option."""
    return f"{origin_product_no}:{option_id}" if option_id else str(origin_product_no)


class NaverProducts:
    """Catalogue part of the Naver adapter; needs the adapter's client."""

    image_transfer = "files"
    notice_by_group = True  # 상품정보제공고시 of the product's 품목고시 group (listing.notice)
    requires_main_image = True   # PROTOCOL.md: the 대표 image is a required field

    def push_listing(self, listing: Listing) -> list[LineOutcome]:
        refused = self.listing_settings_refusal(listing.seller_code)
        if refused:
            return refused
        try:
            uploaded = self.upload_images(listing)
            body = self.client.call("POST", "/v2/products",
                                    json=mapping.product_body(listing, self.credentials, uploaded),
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

    def upload_images(self, listing: Listing) -> mapping.UploadedImages | None:
        """상품 이미지 다건 등록: the stored files (대표, 추가, then 상품상세) go up as multipart
        `imageFiles`, at most 10 a call; the product then names the addresses Naver answers with.
        A picture this account uploaded before (listing.uploaded_images, by content) is not sent
        again: its address is reused, and what is uploaded now is added there."""
        paths = [*listing.image_files, *([listing.detail_image_file] if listing.detail_image_file else [])]
        if not paths:
            return None
        digests, missing = [], {}
        for path in paths:
            try:
                with open(path, "rb") as fh:
                    data = fh.read()
            except OSError:   # removed since the listing was built: nothing was sent yet
                raise ChannelError(gettext("상품 이미지 파일을 읽을 수 없습니다. 상품정보에서 이미지를 다시 "
                                           "등록한 뒤 연동해 주세요."), "IMAGE_FILE") from None
            digest = hashlib.sha256(data).hexdigest()
            digests.append(digest)
            if digest not in listing.uploaded_images:
                missing.setdefault(digest, ("imageFiles", (os.path.basename(path), data, "image/jpeg")))
        for part in chunks(list(missing.items()), UPLOAD_SIZE):
            # Uploading again only stores another copy: safe to repeat after a lost answer.
            body = self.client.call("POST", "/v1/product-images/upload", files=[f for _d, f in part],
                                    write=True, idempotent=True) or {}
            got = [i.get("url", "") for i in body.get("images") or []]
            if len(got) != len(part) or not all(got):
                raise ChannelError(gettext("스마트스토어 이미지 등록 응답에 이미지 주소가 없습니다."),
                                   "BAD_RESPONSE")
            listing.uploaded_images.update(zip([d for d, _f in part], got))
        urls = [listing.uploaded_images[d] for d in digests]
        listed = urls[:len(listing.image_files)]
        detail = urls[len(listing.image_files)] if listing.detail_image_file else ""
        return mapping.UploadedImages(listed, detail)

    def update_listing(self, listing: Listing) -> list[LineOutcome]:
        """Read the origin product, replace the portal's fields, PUT it back (same number)."""
        no = str(listing.channel_product_id)
        path = f"/v2/products/origin-products/{no}"
        try:
            current = self.client.call("GET", path) or {}
            uploaded = self.upload_images(listing)
            body = {"originProduct": mapping.apply_changes(current.get("originProduct") or {},
                                                           listing, self.credentials, uploaded)}
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
        return [self._change_status(no, {"statusType": "SALE"}, gettext("판매재개 처리되었습니다."))
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
        """Stock by the keys stock_key() names: an option's key ("원상품번호:옵션ID") goes through
        상품 옵션 재고 변경 of its origin product, a product's key (원상품번호) through 멀티 상품 변경.

        Neither call carries a sale status, so a product the seller suspended stays suspended
        (and 0 leaves Naver to show it sold out).
        """
        by_key: dict[str, LineOutcome] = {}
        options: dict[str, dict[str, int]] = {}
        plain = []
        for key, qty in listing_ids_and_quantities:
            no, _sep, option_id = str(key).partition(":")
            if option_id:
                options.setdefault(no, {})[option_id] = int(qty)
            else:
                plain.append((no, qty))
        for outcome in self._product_stock(plain):
            by_key[outcome.key] = outcome
        for no, wanted in options.items():
            outcome = self._option_stock(no, wanted)
            for option_id in wanted:
                by_key[stock_key(no, option_id)] = LineOutcome(
                    outcome.outcome, outcome.message, key=stock_key(no, option_id))
        return [by_key[str(key)] for key, _qty in listing_ids_and_quantities]

    def _product_stock(self, pairs: list[tuple[str, int]]) -> list[LineOutcome]:
        out = []
        for part in chunks(pairs, MULTI_UPDATE_SIZE):
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

    def _option_stock(self, no: str, wanted: dict[str, int]) -> LineOutcome:
        """상품 옵션 재고 변경 PUT …/{no}/option-stock: an option left out or sent without its price
        would be saved with 0, so every combination goes with its current price and use, read first."""
        try:
            current = self.client.call("GET", f"/v2/products/origin-products/{no}") or {}
            body = mapping.option_stock_body(current.get("originProduct") or {}, wanted)
            if body is None:
                return LineOutcome(Outcome.REJECTED, gettext(
                    "스마트스토어 상품에 해당 옵션이 없습니다. 판매상품조회에서 제휴몰 상품을 다시 읽어 주세요."),
                    key=no)
            # Absolute quantities of named options: sending it twice leaves the same stock.
            self.client.call("PUT", f"/v1/products/origin-products/{no}/option-stock", json=body,
                             write=True, idempotent=True)
        except AuthError:
            raise
        except ChannelError as exc:
            return LineOutcome(outcome_for_error(exc), exc.message_ko, key=no)
        return LineOutcome(Outcome.OK, gettext("재고가 수정되었습니다."), key=no)

    def end_listing(self, channel_product_ids: list[str]) -> list[LineOutcome]:
        return [self._change_status(no, {"statusType": "SUSPENSION"}, gettext("판매중지 처리되었습니다."))
                for no in channel_product_ids]

    def fetch_listings(self) -> list[Listing]:
        out, page = [], 1
        while True:
            body = self.client.call("POST", "/v1/products/search", json={"page": page, "size": 100})
            out.extend(mapping.listings(body.get("contents") or []))
            if page >= body.get("totalPages", 1):
                return out
            page += 1
