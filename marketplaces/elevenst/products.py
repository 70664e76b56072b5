"""11번가 products: register (with options), read back with stock numbers, update in place,
stock, stop and restart display."""
from __future__ import annotations

from xml.sax.saxutils import escape

from portal.marketplaces import (
    AuthError, ChannelError, LineOutcome, Listing, ListingItem, Outcome, not_supported,
)

from .client import rows, to_xml

FEE_CODES = {"free": "01", "fixed": "02", "conditional": "03", "tiered": "04"}
STOPPED = {"104": "OUTOFSTOCK", "105": "SUSPENSION"}


def product_xml(listing: Listing) -> bytes:
    """<Product>: flat fields, then one <ProductOption> per option (colValue0/colCount)."""
    fields = {"selMthdCd": "01", "dispCtgrNo": listing.category_id, "prdNm": listing.name,
              "sellerPrdCd": listing.seller_code,
              "htmlDetail": listing.description_html or listing.name,
              "selPrc": listing.price, "prdSelQty": listing.stock, "dlvCnAreaCd": "01",
              "dlvWyCd": "01", "dlvEtprsCd": "00034", "dlvCstInstBasiCd": "01"}
    for n, url in enumerate(listing.image_urls[:5], start=1):
        fields[f"prdImage{n:02d}"] = url
    if listing.sale_end:
        fields.update(selTermUseYn="Y", aplEndDy=listing.sale_end.strftime("%Y/%m/%d"))
    terms = listing.shipping
    if terms is not None:
        fields.update(dlvCstInstBasiCd=FEE_CODES.get(terms.fee_type, "01"), dlvCst1=terms.fee,
                      PrdFrDlvBasiAmt=terms.free_over, rtngdDlvCst=terms.return_fee,
                      exchDlvCst=terms.exchange_fee, asDetail=terms.as_info)
    fields = {k: v for k, v in fields.items() if v not in ("", None)}
    options = ""
    if listing.items:
        fields.update(optSelectYn="Y", txtColCnt=1, colTitle="옵션")
        options = "".join(
            "<ProductOption>" + "".join(f"<{k}>{escape(str(v))}</{k}>" for k, v in {
                "colOptPrice": i.price - listing.price if i.price else 0,
                "colValue0": i.option_name, "colCount": i.stock}.items()) + "</ProductOption>"
            for i in listing.items)
    document = to_xml("Product", fields)
    return document.replace(b"</Product>", options.encode("euc-kr", "xmlcharrefreplace")
                            + b"</Product>")


class ElevenstProducts:
    """Catalogue part of the 11번가 adapter; needs the adapter's client."""

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
        return [self._product_write("POST", "/prodservices/product", product_xml(listing),
                                    listing.seller_code, "상품이 등록되었습니다.", listing.price)]

    def update_listing(self, listing: Listing) -> list[LineOutcome]:
        no = str(listing.channel_product_id)
        # A PUT of the whole product with absolute values: repeating it leaves the same product.
        return [self._product_write("PUT", f"/prodservices/product/{no}", product_xml(listing),
                                    no, "상품이 수정되었습니다.", listing.price)]

    def _stock_items(self, no: str, base: int) -> list[ListingItem]:
        """prdStckNo per option; addPrc is the option's extra over the sale price."""
        root = self.client.call("GET", f"/prodmarketservice/prodmarket/stck/{no}")
        return [ListingItem(r["prdStckNo"], r.get("mixDtlOptNm", ""), int(r.get("stckQty") or 0),
                            base + int(r.get("addPrc") or 0)) for r in rows(root, "ProductStock")]

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
        """Keyed by prdStckNo (the option's stock number)."""
        return [self._product_write("PUT", f"/prodservices/stockqty/{no}",
                                    to_xml("ProductStock", {"prdStckNo": no, "stckQty": int(qty)}),
                                    str(no), "재고가 수정되었습니다.")
                for no, qty in listing_ids_and_quantities]

    def end_listing(self, channel_product_ids: list[str]) -> list[LineOutcome]:
        return [self._product_write("PUT", f"/prodstatservice/stat/stopdisplay/{no}", None, str(no),
                                    "판매중지 처리되었습니다.") for no in channel_product_ids]

    def resume_listing(self, channel_product_ids: list[str]) -> list[LineOutcome]:
        return [self._product_write("PUT", f"/prodstatservice/stat/restartdisplay/{no}", None,
                                    str(no), "판매중지 해제되었습니다.")
                for no in channel_product_ids]

    fetch_listings = not_supported("11번가 Open API 문서에서 판매자 상품 전체 목록 조회를 "
                                   "확인하지 못해 상품 가져오기는 아직 지원하지 않습니다.")
