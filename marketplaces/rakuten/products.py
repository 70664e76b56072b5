"""라쿠텐 products: ジャンル (NavigationAPI 2.0), 商品登録・更新 (ItemAPI 2.0 items.upsert), 倉庫 and 在庫."""
from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

from flask_babel import gettext

from portal.i18n import N_
from portal.marketplaces import (
    Category, ChannelError, LineOutcome, Listing, ListingItem, Outcome, detail_html,
)

ITEM = "/2.0/items/manage-numbers/{}"
GENRES = "/2.0/navigation/genres/{}"
INVENTORY = "/2.1/inventories/manage-numbers/{}/variants/{}"

MANAGE_NUMBER = re.compile(r"^[a-z0-9_-]{1,32}$")   # "a~z, A~Z, 0~9, -, _"; upper case → lower
GENRE_ID = re.compile(r"^[1-9][0-9]{5}$")           # 6桁: 100000 ～ 999999
TITLE_BYTES = 255
DESCRIPTION_BYTES = 10240                            # productDescription.pc / sp
OPTION_BYTES = 32                                    # variantSelectors.values.displayValue
MAX_OPTIONS = 40                                     # values of one variantSelector: 1..40
SELECTOR_KEY = "option"
SELECTOR_NAME = "オプション"

NO_CABINET = N_("라쿠텐 상품 이미지는 R-Cabinet(또는 GOLD)에 올린 이미지의 경로로만 등록할 수 있는데, 이 상품의 "
              "이미지에는 R-Cabinet 경로가 없습니다. 포털은 아직 R-Cabinet 업로드를 하지 않으므로, 이미지를 "
              "뺀 상품으로 연동하거나 RMS에서 R-Cabinet에 이미지를 올려 상품을 등록해 주세요.")


def cut(text: str, limit: int) -> str:
    data = (text or "").encode("utf-8")
    return data[:limit].decode("utf-8", "ignore") if len(data) > limit else (text or "")


def manage_number(seller_code: str) -> str:
    """商品管理番号 from the portal's seller code (RMS turns upper case into lower case)."""
    return (seller_code or "").strip().lower()


def variant_id(option_name: str) -> str:
    """SKU管理番号: the same option name always gives the same id, so an upsert keeps each SKU."""
    return "v" + hashlib.sha1((option_name or "").encode("utf-8")).hexdigest()[:12]


class RakutenProducts:
    """Catalogue part of the 라쿠텐 adapter; needs the adapter's client."""

    # images[].location is a path in the shop's R-Cabinet or GOLD; the portal's files have none.
    image_transfer = "refused"
    max_options = MAX_OPTIONS

    # ------------------------------------------------------------ ジャンル
    def fetch_categories(self, parent_id: str | None = None) -> list[Category]:
        """genres.get: genre 0 gives the first level; showChildren lists the next one, and a
        genre marked `lowest` takes products."""
        body = self.client.call("GET", GENRES.format(quote(str(parent_id or 0), safe="")),
                                params={"showChildren": "true"}) or {}
        children = (body.get("genre") or {}).get("children") or []
        return [Category(str(c["genreId"]), str(c.get("nameJa") or ""), parent_id,
                         bool(c.get("lowest"))) for c in children]

    # ------------------------------------------------------------ 商品登録・更新
    def _variants(self, listing: Listing) -> list[tuple[str, str, int, int]]:
        """(variantId, option name, stock, price) per SKU; one SKU without options."""
        if listing.items and any(i.option_name for i in listing.items):
            return [(variant_id(i.option_name), i.option_name, int(i.stock), int(i.price))
                    for i in listing.items]
        return [(variant_id(""), "", int(listing.stock), int(listing.price))]

    def item_body(self, listing: Listing) -> dict:
        """The items.upsert body: the whole product, replaced as sent."""
        html = detail_html(listing.description_html or listing.name, listing.detail_image_url)
        variants = self._variants(listing)
        body = {
            "itemNumber": cut(listing.seller_code, 32),
            "title": cut(listing.name, TITLE_BYTES),
            "itemType": "NORMAL",
            "productDescription": {"pc": html, "sp": html},
            "genreId": str(listing.category_id),
            "hideItem": False,
            "features": {"searchVisibility": "ALWAYS_VISIBLE", "displayNormalCartButton": True,
                         "inventoryDisplay": "DISPLAY_ABSOLUTE_STOCK_COUNT",
                         "review": "SHOP_SETTING"},
            "payment": {"taxIncluded": True, "cashOnDeliveryFeeIncluded": False},
            "variants": {},
        }
        options = [name for _, name, _, _ in variants if name]
        if options:
            body["variantSelectors"] = [{"key": SELECTOR_KEY, "displayName": SELECTOR_NAME,
                                         "values": [{"displayValue": n} for n in options]}]
        for vid, name, _, price in variants:
            variant = {"standardPrice": str(price)}
            if name:
                variant["selectorValues"] = {SELECTOR_KEY: name}
            body["variants"][vid] = variant
        return body

    def _refusal(self, listing: Listing, key: str) -> list[LineOutcome]:
        def no(message):
            return [LineOutcome(Outcome.REJECTED, message, key=key)]

        if not MANAGE_NUMBER.match(manage_number(key)):
            return no(gettext("라쿠텐 商品管理番号는 판매자상품코드로 만들며 영문·숫자·-·_ 32자 이내여야 합니다 "
                              "(현재: %(key)s). 상품코드를 바꿔 주세요.", key=key))
        if not GENRE_ID.match(str(listing.category_id or "")):
            return no(gettext("라쿠텐 ジャンルID는 6자리 숫자(100000~999999)입니다. 판매정보에서 라쿠텐 카테고리를 "
                      "다시 골라 주세요."))
        if listing.image_files or listing.image_urls or listing.detail_image_file:
            return no(gettext(NO_CABINET))
        html = listing.description_html or listing.name
        if len(html.encode("utf-8")) > DESCRIPTION_BYTES:
            return no(gettext("라쿠텐 상품설명은 10,240바이트까지입니다. 상세설명을 줄여 주세요."))
        names = [i.option_name for i in listing.items if i.option_name]
        if len(names) > MAX_OPTIONS:
            return no(gettext("라쿠텐 옵션(バリエーション 選択肢)은 %(n)s개까지입니다.", n=MAX_OPTIONS))
        long = [n for n in names if len(n.encode("utf-8")) > OPTION_BYTES]
        if long:
            return no(gettext("라쿠텐 옵션명은 %(n)s바이트까지입니다: %(names)s", n=OPTION_BYTES,
                              names=", ".join(long)))
        if len(set(names)) != len(names):
            return no(gettext("라쿠텐에는 같은 이름의 옵션을 둘 등록할 수 없습니다. 옵션명을 바꿔 주세요."))
        return []

    def _upsert(self, listing: Listing, manage: str, done: str) -> LineOutcome:
        """items.upsert, then 在庫 per SKU (ItemAPI 2.0 keeps no stock)."""
        path = ITEM.format(quote(manage, safe=""))
        variants = self._variants(listing)
        try:
            self.client.call("PUT", path, json=self.item_body(listing), write=True)
        except ChannelError as exc:
            return self.line_failure(exc, key=manage)
        items = []
        for vid, name, stock, price in variants:
            try:
                self.client.call("PUT", INVENTORY.format(quote(manage, safe=""), vid), write=True,
                                 json={"mode": "ABSOLUTE", "quantity": stock})
            except ChannelError as exc:
                failed = self.line_failure(exc, key=manage)
                return LineOutcome(failed.outcome, gettext("라쿠텐 상품은 저장되었지만 재고를 넣지 못했습니다: "
                                   "%(message)s 다시 연동하면 같은 상품에 다시 보냅니다.", message=failed.message),
                                   key=manage)
            items.append(ListingItem(f"{manage}:{vid}", name, stock, price))
        # standardPrice is in 円: the 판매정보's 판매가 number goes as it is, and the line says so.
        return LineOutcome(Outcome.OK, gettext("%(done)s (商品管理番号 %(manage)s, 판매가 %(price)s円으로 등록)",
                                               done=done, manage=manage, price=format(variants[0][3], ",")),
                           key=manage, channel_ref=manage,
                           items=items)

    def push_listing(self, listing: Listing) -> list[LineOutcome]:
        """items.upsert under the seller code as 商品管理番号: a repeat after a lost answer
        replaces the same product, never makes a second one."""
        key = listing.seller_code
        return self._refusal(listing, key) or [
            self._upsert(listing, manage_number(key), gettext("상품이 등록되었습니다."))]

    def update_listing(self, listing: Listing) -> list[LineOutcome]:
        manage = manage_number(listing.channel_product_id)
        return self._refusal(listing, manage) or [
            self._upsert(listing, manage, gettext("상품이 수정되었습니다."))]

    # ------------------------------------------------------------ 倉庫 (판매중지/재개)
    def _hide(self, manage: str, hide: bool, done: str) -> LineOutcome:
        try:
            self.client.call("PATCH", ITEM.format(quote(manage, safe="")),
                             json={"hideItem": hide}, write=True)
        except ChannelError as exc:
            return self.line_failure(exc, key=manage)
        return LineOutcome(Outcome.OK, done, key=manage)

    def end_listing(self, channel_product_ids: list[str]) -> list[LineOutcome]:
        """items.patch hideItem true: 倉庫に入れる (the product stays, not on sale)."""
        return [self._hide(str(m), True, gettext("판매중지(倉庫) 처리되었습니다.")) for m in channel_product_ids]

    def resume_listing(self, channel_product_ids: list[str]) -> list[LineOutcome]:
        return [self._hide(str(m), False, gettext("판매가 재개되었습니다.")) for m in channel_product_ids]

    def fetch_listing(self, channel_product_id: str) -> Listing:
        """items.get: name, genre, code, sale state and each SKU's price (ItemAPI 2.0 holds no
        stock; the stock shown is 0 and 재고 goes by update_stock)."""
        manage = manage_number(channel_product_id)
        item = self.client.call("GET", ITEM.format(quote(manage, safe=""))) or {}
        variants = item.get("variants") or {}
        items = [ListingItem(f"{manage}:{vid}",
                             next(iter((v.get("selectorValues") or {}).values()), ""),
                             0, int(float(v.get("standardPrice") or 0)))
                 for vid, v in variants.items()]
        return Listing(name=item.get("title") or "", price=items[0].price if items else 0, stock=0,
                       category_id=str(item.get("genreId") or ""),
                       seller_code=item.get("itemNumber") or "", channel_product_id=manage,
                       status="SUSPENSION" if item.get("hideItem") else "SALE", items=items)
