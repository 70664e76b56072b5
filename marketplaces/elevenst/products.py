"""11번가 products: register (with options), read back with stock numbers, update in place,
stock, stop and restart display."""
from __future__ import annotations

from xml.sax.saxutils import escape

from flask_babel import gettext

from portal.i18n import ko
from portal.marketplaces import (
    AuthError, ChannelError, LineOutcome, Listing, ListingItem, Outcome, detail_html,
)

from .client import rows, to_xml
from .notices import notification_xml

FEE_CODES = {"free": "01", "fixed": "02", "conditional": "03", "tiered": "04"}
STOPPED = {"104": "OUTOFSTOCK", "105": "SUSPENSION"}
def stock_key(product_no: str, stock_no: str) -> str:
    return f"{product_no}:{stock_no}"


# 다중 상품 조회 takes up to 500 a call and asks to keep `limit` small.
LIST_PAGE = 100


def product_xml(listing: Listing, settings: dict) -> bytes:
    """<Product>: flat fields, then one <ProductOption> per option (colValue0/colCount).

    출고지/반품지 go as the account's address-book sequences (addrSeqOut/addrSeqIn, apiSeq 1003).
    """
    fields = {"selMthdCd": "01", "dispCtgrNo": listing.category_id, "prdNm": listing.name,
              "sellerPrdCd": listing.seller_code,
              "htmlDetail": detail_html(listing.description_html or listing.name,
                                        listing.detail_image_url),
              "selPrc": listing.price, "prdSelQty": listing.stock, "dlvCnAreaCd": "01",
              "dlvWyCd": "01", "dlvEtprsCd": "00034", "dlvCstInstBasiCd": "01",
              # Required by apiSeq 1003 with one documented value for a domestic seller's
              # ordinary new product: 일반배송상품, 새상품, 과세, 미성년자 구매가능.
              "prdTypCd": "01", "prdStatCd": "01", "suplDtyfrPrdClfCd": "01",
              "minorSelCnYn": "Y"}
    # prdImage01 대표 이미지, prdImage02-04 추가 이미지 1-3 (apiSeq 1003).
    for n, url in enumerate(listing.image_urls[:4], start=1):
        fields[f"prdImage{n:02d}"] = url
    if listing.sale_end:
        fields.update(selTermUseYn="Y", aplEndDy=listing.sale_end.strftime("%Y/%m/%d"))
    fields.update(addrSeqOut=settings.get("addr_seq_out", ""),
                  addrSeqIn=settings.get("addr_seq_in", ""), bndlDlvCnYn="N",
                  dlvCstPayTypCd="03")
    terms = listing.shipping
    if terms is not None:
        fields.update(dlvCstInstBasiCd=FEE_CODES.get(terms.fee_type, "01"), dlvCst1=terms.fee,
                      PrdFrDlvBasiAmt=terms.free_over, rtngdDlvCst=terms.return_fee,
                      exchDlvCst=terms.exchange_fee, asDetail=terms.as_info,
                      rtngExchDetail=ko(f"반품 배송비 편도 {terms.return_fee:,}원, 교환 배송비 왕복 "
                                        f"{terms.exchange_fee:,}원. 반품/교환지: "
                                        f"({terms.return_zip}) {terms.return_address}"))  # buyers read it
    fields = {k: v for k, v in fields.items() if v not in ("", None)}
    options = ""
    if listing.items:
        fields.update(optSelectYn="Y", txtColCnt=1, colTitle=ko("옵션"))
        options = "".join(
            "<ProductOption>" + "".join(f"<{k}>{escape(str(v))}</{k}>" for k, v in {
                "colOptPrice": i.price - listing.price if i.price else 0,
                "colValue0": i.option_name, "colCount": i.stock}.items()) + "</ProductOption>"
            for i in listing.items)
    # "html 을 입력하실 경우 <![CDATA[ ]]> 로 묶어 주세요": the detail HTML goes as CDATA.
    detail = str(fields.pop("htmlDetail")).replace("]]>", "]]]]><![CDATA[>")
    options = f"<htmlDetail><![CDATA[{detail}]]></htmlDetail>" + options
    # 상품정보제공고시 (required): the type of the product's 품목고시 group with every item of it.
    options += notification_xml(listing.notice, listing.name[:50], settings.get("as_phone", ""))
    document = to_xml("Product", fields)
    return document.replace(b"</Product>", options.encode("euc-kr", "xmlcharrefreplace")
                            + b"</Product>")


class ElevenstProducts:
    """Catalogue part of the 11번가 adapter; needs the adapter's client."""

    image_transfer = "urls"
    notice_by_group = True  # 상품정보제공고시 of the product's 품목고시 group (listing.notice)
    requires_main_image = True   # PROTOCOL.md: the 대표 image is a required field

    def _product_write(self, method, path, body, key, done, base=None) -> LineOutcome:
        """One product write; with `base` (the sale price) the stock numbers are read back."""
        try:
            root = self.client.call(method, path, body=body, write=True)
        except ChannelError as exc:
            return self.line_failure(exc, key=key)
        ref = root.findtext("productNo") or ""
        outcome = LineOutcome(Outcome.OK, root.findtext("message") or done, key=key,
                              channel_ref=ref)
        if base is not None and ref:
            try:
                outcome.items = self._stock_items(ref, base)
            except AuthError:
                raise
            except ChannelError:
                pass   # the write stands; fetch_listing can name the stock numbers later
        return outcome

    def push_listing(self, listing: Listing) -> list[LineOutcome]:
        refused = self.listing_settings_refusal(listing.seller_code)
        if refused:
            return refused
        return [self._product_write("POST", "/prodservices/product",
                                    product_xml(listing, self.credentials),
                                    listing.seller_code, gettext("상품이 등록되었습니다."), listing.price)]

    def update_listing(self, listing: Listing) -> list[LineOutcome]:
        no = str(listing.channel_product_id)
        # A PUT of the whole product with absolute values: repeating it leaves the same product.
        return [self._product_write("PUT", f"/prodservices/product/{no}",
                                    product_xml(listing, self.credentials),
                                    no, gettext("상품이 수정되었습니다."), listing.price)]

    def _stock_items(self, no: str, base: int) -> list[ListingItem]:
        """One item per option, its id "prdNo:prdStckNo" (the stock change names both);
        addPrc is the option's extra over the sale price."""
        root = self.client.call("GET", f"/prodmarketservice/prodmarket/stck/{no}")
        return [ListingItem(stock_key(no, r["prdStckNo"]), r.get("mixDtlOptNm", ""),
                            int(r.get("stckQty") or 0), base + int(r.get("addPrc") or 0))
                for r in rows(root, "ProductStock")]

    def fetch_listing(self, channel_product_id: str) -> Listing:
        no = str(channel_product_id)
        p = (rows(self.client.call("GET", f"/prodmarketservice/prodmarket/{no}"), "Product")
             or [{}])[0]
        price = int(p.get("selPrc") or 0)
        items = self._stock_items(no, price)
        status = p.get("selStatCd", "")
        return Listing(name=p.get("prdNm", ""), price=price,
                       stock=sum(i.stock for i in items) if items else int(p.get("prdSelQty") or 0),
                       category_id=p.get("dispCtgrNo", ""), seller_code=p.get("sellerPrdCd", ""),
                       channel_product_id=no,
                       status="SALE" if status == "103" else STOPPED.get(status, status),
                       items=items)

    def update_stock(self, listing_ids_and_quantities: list[tuple[str, int]]) -> list[LineOutcome]:
        """Keyed by "prdNo:prdStckNo"; <ProductStock>{prdNo, prdStckNo, stckQty, optWght} (0 g:
        an option's extra weight matters only to 11번가 해외 배송)."""
        out = []
        for key, qty in listing_ids_and_quantities:
            product_no, _, stock_no = str(key).rpartition(":")
            if not product_no:
                out.append(LineOutcome(Outcome.REJECTED, gettext("11번가 재고 변경에는 상품번호가 필요합니다. "
                                       "상품을 다시 연동해 주세요."), key=str(key)))
                continue
            out.append(self._product_write(
                "PUT", f"/prodservices/stockqty/{stock_no}",
                to_xml("ProductStock", {"prdNo": product_no, "prdStckNo": stock_no,
                                        "stckQty": int(qty), "optWght": 0}),
                str(key), gettext("재고가 수정되었습니다.")))
        return out

    def end_listing(self, channel_product_ids: list[str]) -> list[LineOutcome]:
        return [self._product_write("PUT", f"/prodstatservice/stat/stopdisplay/{no}", None, str(no),
                                    gettext("판매중지 처리되었습니다.")) for no in channel_product_ids]

    def resume_listing(self, channel_product_ids: list[str]) -> list[LineOutcome]:
        return [self._product_write("PUT", f"/prodstatservice/stat/restartdisplay/{no}", None,
                                    str(no), gettext("판매중지 해제되었습니다."))
                for no in channel_product_ids]

    def fetch_listings(self) -> list[Listing]:
        """다중 상품 조회 (POST prodmarketservice/prodmarket, SearchProduct with limit/start/end),
        page by page; each product's stock numbers and quantities from its stock read."""
        out, start = [], 1
        while True:
            root = self.client.call("POST", "/prodmarketservice/prodmarket", body=to_xml(
                "SearchProduct", {"limit": LIST_PAGE, "start": start, "end": start + LIST_PAGE}))
            page = rows(root, "product")
            for p in page:
                price = int(p.get("selPrc") or 0)
                items = self._stock_items(p["prdNo"], price)
                status = p.get("selStatCd", "")
                out.append(Listing(name=p.get("prdNm", ""), price=price,
                                   stock=sum(i.stock for i in items),
                                   category_id=p.get("dispCtgrNo", ""),
                                   seller_code=p.get("sellerPrdCd", ""),
                                   channel_product_id=p["prdNo"],
                                   status="SALE" if status == "103" else STOPPED.get(status, status),
                                   items=items))
            if len(page) < LIST_PAGE:
                return out
            start += LIST_PAGE
