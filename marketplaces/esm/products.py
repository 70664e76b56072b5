"""ESM products (G마켓/옥션 2.0): site categories, 상품 등록/수정/조회, 가격/재고/판매상태, 재고 수정."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext

from portal.i18n import N_
from portal.marketplaces import (
    Category, ChannelError, LineOutcome, Listing, ListingItem, Outcome, detail_html, to_kst,
)

# 판매기간: "-1(무제한, 3PL상품 한정), 0(수정 시 기존 기간 유지), 15, 30, 60, 90".
PERIODS = (15, 30, 60, 90)
NOTICE_VALUE = "상품상세설명 참조"   # the document's own 수정 sample fills every 고시 item so
NAME_BYTES = 100                    # 검색용 상품명 (kor): "최대 100byte"
CODE_BYTES = 100                    # managedCode: "100byte 이내"
NO_OPTIONS = N_("ESM 옵션은 카테고리별 추천옵션 코드로만 등록할 수 있어 옵션 상품은 아직 포털에서 "
              "연동하지 않습니다. 옵션 없이 판매하거나 ESM PLUS에서 등록해 주세요.")
STOCK_RANGE = N_("ESM 재고는 1~99,999개로만 수정할 수 있습니다. 품절은 ESM PLUS에서 판매중지로 "
               "처리해 주세요.")
NO_IMAGE = N_("ESM 상품 등록에는 대표 이미지(basicImgURL)가 필요합니다. 상품 이미지를 등록해 주세요.")
# Courier names 판매정보 offers -> 택배사 리스트 조회 codes (etapi.gmarket.com/142).
COURIER_NAMES = {"CJ대한통운": 10013, "한진택배": 10007, "롯데택배": 10008, "우체국택배": 10005,
                 "로젠택배": 10003, "경동택배": 10016, "대신택배": 10014, "일양로지스": 10015,
                 "천일택배": 10017}


def period(sale_end: date | None, today: date, *, update: bool) -> int:
    """The shortest documented period reaching sale_end (90 when it lies further out); on an
    update without an end date, 0 keeps ESM's period."""
    if sale_end is None:
        return 0 if update else 90
    days = (sale_end - today).days
    return next((p for p in PERIODS if p >= days), 90)


def cut(text: str, limit: int) -> str:
    data = (text or "").encode("utf-8")
    return data[:limit].decode("utf-8", "ignore") if len(data) > limit else (text or "")


def sites(obj) -> dict:
    """A per-site object ({"Gmkt": .., "Iac": ..} or {"gmkt": .., "iac": ..}) keyed gmkt/iac."""
    return {k.lower(): v for k, v in (obj or {}).items()}


def int_or_none(value):
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


class EsmProducts:
    """Catalogue part of the ESM adapter; needs the adapter's client, site and site_type."""

    # Images go as public addresses (images.basicImgURL, addtionalImg1URL ... 14).
    image_transfer = "urls"
    requires_main_image = True   # PROTOCOL.md: the 대표 image is a required field

    @property
    def site_key(self) -> str:
        """The per-site key of price/stock/isSell objects: gmkt (G마켓) or iac (옥션)."""
        return "gmkt" if self.site == "G" else "iac"

    def fetch_categories(self, parent_id: str | None = None) -> list[Category]:
        """지마켓, 옥션 카테고리 조회: site-cats gives the 대분류, site-cats/{code} its children
        (subCats); only a leaf (isLeaf) takes products. One site per token."""
        path = "/item/v1/categories/site-cats" + (f"/{parent_id}" if parent_id else "")
        body = self.client.call("GET", path) or {}
        return [Category(str(c["catCode"]), str(c.get("catName") or ""), parent_id,
                         bool(c.get("isLeaf"))) for c in body.get("subCats") or []]

    def _notice(self, group_no: int) -> dict:
        """officialNotice of the account's 상품군: every item of the group (고시 정보 조회) answered
        "상품상세설명 참조"."""
        codes = (self.client.call("GET", f"/item/v1/official-notice/groups/{group_no}/codes")
                 or {}).get("codes") or []
        return {"officialNoticeNo": group_no,
                "details": [{"officialNoticeItemelementCode": c["officialNoticeItemelementCode"],
                             "value": NOTICE_VALUE, "isExtraMark": False} for c in codes]}

    def goods_body(self, listing: Listing, *, update: bool) -> dict:
        """The 상품 등록/수정 전문 for this site only (the other site's price and stock 0)."""
        site, other = self.site_key, "iac" if self.site_key == "gmkt" else "gmkt"
        cap = {"gmkt": "Gmkt", "iac": "Iac"}
        settings = self.credentials
        terms = listing.shipping
        images = {"basicImgURL": listing.image_urls[0]}
        images.update({f"addtionalImg{n}URL": url
                       for n, url in enumerate(listing.image_urls[1:15], start=1)})
        body = {
            "itemBasicInfo": {
                "goodsName": {"kor": cut(listing.name, NAME_BYTES)},
                "category": {"site": [{"siteType": self.site_type,
                                       "catCode": str(listing.category_id)}]},
            },
            "itemAddtionalInfo": {
                "price": {cap[site]: int(listing.price), cap[other]: 0},
                "stock": {cap[site]: int(listing.stock), cap[other]: 0},
                "recommendedOpts": {"type": 0, "isStockManage": False},
                "sellingPeriod": {cap[site]: period(listing.sale_end, self.today(), update=update),
                                  cap[other]: 0},
                "managedCode": cut(listing.seller_code, CODE_BYTES),
                "shipping": {
                    "type": 1,
                    "companyNo": COURIER_NAMES.get(terms.courier if terms else "", 10013),
                    "policy": {"placeNo": int_or_none(settings.get("place_no")), "feeType": 1,
                               "bundle": {"deliveryTmplId": str(settings.get("delivery_tmpl_id"))}},
                    "returnAndExchange": {"addrNo": str(settings.get("return_addr_no")),
                                          "fee": terms.return_fee if terms else 0},
                    "dispatchPolicyNo": {site: int_or_none(settings.get("dispatch_policy_no"))},
                },
                "officialNotice": self._notice(int_or_none(settings.get("notice_group_no"))),
                "isAdultProduct": False, "isVatFree": False,
                "images": images,
                "descriptions": {"kor": {"type": 2,
                                         "html": detail_html(listing.description_html or listing.name,
                                                             listing.detail_image_url)}},
            },
            "addtionalInfo": {"siteDiscount": {"gmkt": False, "iac": False}},
        }
        if update:
            # "상품수정/전환 API 호출 시 필수": the product is registered on this site only, and a
            # stopped product is resumed by resume_listing, which the portal calls on its own.
            body["isSell"] = {site: True, other: False}
        return body

    def today(self) -> date:
        return to_kst(self.now()).date()

    def _refusal(self, listing: Listing, key: str) -> list[LineOutcome]:
        refused = self.listing_settings_refusal(key)
        if refused:
            return refused
        labels = {f.name: f.label_ko for f in self.credential_fields}
        wrong = [labels[n] for n in self.listing_settings
                 if int_or_none(self.credentials[n]) is None]
        if wrong:
            return [LineOutcome(Outcome.REJECTED, gettext(
                "%(channel)s 제휴몰 계정정보의 %(labels)s은(는) 숫자로 입력해 주세요.", channel=self.display_name,
                labels=", ".join(gettext(label) for label in wrong)), key=key)]
        if listing.items and any(i.option_name for i in listing.items):
            return [LineOutcome(Outcome.REJECTED, gettext(NO_OPTIONS), key=key)]
        if not listing.image_urls:
            return [LineOutcome(Outcome.REJECTED, gettext(NO_IMAGE), key=key)]
        return []

    def _goods_write(self, method: str, path: str, listing: Listing, key: str, done: str,
                     *, update: bool) -> LineOutcome:
        try:
            body = self.client.call(method, path, json=self.goods_body(listing, update=update),
                                    write=True)
        except ChannelError as exc:
            return self.line_failure(exc, key=key)
        goods_no = str(body.get("goodsNo") or listing.channel_product_id or "")
        detail = ((body.get("siteDetail") or {}).get(self.site_key) or {})
        site_no = str(detail.get("SiteGoodsNo") or "")
        message = done if not site_no else gettext("%(done)s (%(channel)s 상품번호 %(number)s)", done=done,
                                                   channel=self.display_name, number=site_no)
        # One item: ESM keeps the stock on the product (재고 수정 names the master number).
        return LineOutcome(Outcome.OK, message, key=key, channel_ref=goods_no,
                           items=[ListingItem(goods_no, "", int(listing.stock),
                                              int(listing.price))] if goods_no else [])

    def push_listing(self, listing: Listing) -> list[LineOutcome]:
        """상품 등록 (POST item/v1/goods) for this site; the answer's goodsNo (마스터 상품번호) is
        what every later product call names."""
        key = listing.seller_code
        return self._refusal(listing, key) or [self._goods_write(
            "POST", "/item/v1/goods", listing, key, gettext("상품이 등록되었습니다."), update=False)]

    def update_listing(self, listing: Listing) -> list[LineOutcome]:
        """상품 수정 (PUT item/v1/goods/{goodsNo}): the whole 전문 with absolute values, so a
        repeat leaves the same product."""
        no = str(listing.channel_product_id)
        return self._refusal(listing, no) or [self._goods_write(
            "PUT", f"/item/v1/goods/{no}", listing, no, gettext("상품이 수정되었습니다."), update=True)]

    # ------------------------------------------------------------ 가격/재고/판매상태
    def _sell_status(self, goods_no: str) -> dict:
        return self.client.call("GET", f"/item/v1/goods/{goods_no}/sell-status") or {}

    def _set_selling(self, goods_no: str, selling: bool, done: str) -> LineOutcome:
        """가격/재고/판매상태 수정 with the price and stock read back just before (0원 is refused),
        sellingPeriod 0 keeping the period, only this site's isSell changed."""
        key = str(goods_no)
        try:
            now = self._sell_status(key)
            basic = now.get("itemBasicInfo") or {}
            price = sites(basic.get("Price") or basic.get("price"))
            stock = sites(basic.get("Stock") or basic.get("stock"))
            sell = sites(now.get("IsSell") or now.get("isSell"))
            sell[self.site_key] = selling
            both = ("gmkt", "iac")
            self.client.call("PUT", f"/item/v1/goods/{key}/sell-status", json={
                "isSell": {k: bool(sell.get(k)) for k in both},
                "itemBasicInfo": {"price": {k: int(price.get(k) or 0) for k in both},
                                  "stock": {k: int(stock.get(k) or 0) for k in both},
                                  "sellingPeriod": {k: 0 for k in both}}}, write=True)
        except ChannelError as exc:
            return self.line_failure(exc, key=key)
        return LineOutcome(Outcome.OK, done, key=key)

    def end_listing(self, channel_product_ids: list[str]) -> list[LineOutcome]:
        """판매중지 (isSell false; ESM deletes a product left stopped for a month)."""
        return [self._set_selling(no, False, gettext("판매중지 처리되었습니다."))
                for no in channel_product_ids]

    def resume_listing(self, channel_product_ids: list[str]) -> list[LineOutcome]:
        return [self._set_selling(no, True, gettext("판매가 재개되었습니다.")) for no in channel_product_ids]

    def fetch_listing(self, channel_product_id: str) -> Listing:
        """상품 조회 (GET item/v1/goods/{goodsNo}) for the name, category and code; 가격/재고/
        판매상태 조회 for this site's price, stock and sale state."""
        no = str(channel_product_id)
        goods = self.client.call("GET", f"/item/v1/goods/{no}") or {}
        basic = goods.get("itemBasicInfo") or {}
        extra = goods.get("itemAddtionalInfo") or {}
        status = self._sell_status(no)
        state = sites(status.get("IsSell") or status.get("isSell"))
        sell = status.get("itemBasicInfo") or {}
        price, stock = sites(sell.get("Price")), sites(sell.get("Stock"))
        site_cat = next((c for c in (basic.get("category") or {}).get("site") or []
                         if int_or_none(c.get("siteType")) == self.site_type), {})
        qty, won = int(stock.get(self.site_key) or 0), int(float(price.get(self.site_key) or 0))
        return Listing(name=(basic.get("goodsName") or {}).get("kor") or "", price=won, stock=qty,
                       category_id=str(site_cat.get("catCode") or ""),
                       seller_code=extra.get("managedCode") or "", channel_product_id=no,
                       status="SALE" if state.get(self.site_key) else "SUSPENSION",
                       items=[ListingItem(no, "", qty, won)])

    def update_stock(self, listing_ids_and_quantities: list[tuple[str, int]]) -> list[LineOutcome]:
        """재고 수정 by ESM 마스터 상품번호, this site's stock only; products with options and
        풀필먼트 스타배송 products are refused by ESM."""
        out = []
        for goods_no, qty in listing_ids_and_quantities:
            if not 1 <= qty <= 99999:
                out.append(LineOutcome(Outcome.REJECTED, gettext(STOCK_RANGE), key=goods_no))
                continue
            try:
                self.client.call("PUT", f"/item/v1/goods/{goods_no}/stock",
                                 json={"stock": {self.site_key: qty}}, write=True)
            except ChannelError as exc:
                out.append(self.line_failure(exc, key=goods_no))
                continue
            out.append(LineOutcome(Outcome.OK, gettext("재고가 수정되었습니다."), key=goods_no))
        return out
