"""Naver Commerce payloads (product-orders, claims, Q&A, products) <-> portal DTOs."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from portal.i18n import ko
from portal.marketplaces import (
    Category, Claim, ClaimKind, Inquiry, Listing, ListingItem, Order, OrderLine, OrderStatus, detail_html,
)

from . import notices

PRODUCT_ORDER_STATUS = {
    "PAYMENT_WAITING": OrderStatus.PAYMENT_WAITING, "DELIVERING": OrderStatus.SHIPPING,
    "DELIVERED": OrderStatus.DELIVERED, "PURCHASE_DECIDED": OrderStatus.PURCHASE_DECIDED,
    "EXCHANGED": OrderStatus.EXCHANGED, "CANCELED": OrderStatus.CANCELED,
    "CANCELED_BY_NOPAYMENT": OrderStatus.CANCELED, "RETURNED": OrderStatus.RETURNED,
}
CLAIM_STATUS = {
    "CANCEL_REQUEST": OrderStatus.CANCEL_REQUESTED, "CANCELING": OrderStatus.CANCEL_REQUESTED,
    "CANCEL_DONE": OrderStatus.CANCELED, "CANCEL_REJECT": OrderStatus.CONFIRMED,
    "ADMIN_CANCELING": OrderStatus.CANCEL_REQUESTED, "ADMIN_CANCEL_DONE": OrderStatus.CANCELED,
    "RETURN_REQUEST": OrderStatus.RETURN_REQUESTED, "COLLECTING": OrderStatus.RETURN_REQUESTED,
    "COLLECT_DONE": OrderStatus.RETURN_REQUESTED, "RETURN_DONE": OrderStatus.RETURNED,
    "RETURN_REJECT": OrderStatus.RETURN_REJECTED,
    "EXCHANGE_REQUEST": OrderStatus.EXCHANGE_REQUESTED,
    # 교환 재배송 중: the seller's part (수거 완료 + 재배송) is done, what the portal calls 교환완료.
    "EXCHANGE_REDELIVERING": OrderStatus.EXCHANGED, "EXCHANGE_DONE": OrderStatus.EXCHANGED,
    "EXCHANGE_REJECT": OrderStatus.EXCHANGE_REJECTED,
}
# COLLECTING/COLLECT_DONE serve returns and exchanges alike; an exchange collected is still
# waiting for its re-dispatch.
EXCHANGE_OPEN = {"COLLECTING", "COLLECT_DONE"}
REQUESTED = {OrderStatus.CANCEL_REQUESTED, OrderStatus.RETURN_REQUESTED,
             OrderStatus.EXCHANGE_REQUESTED}
CLAIM_KIND = {"cancel": ClaimKind.CANCEL, "return": ClaimKind.RETURN,
              "exchange": ClaimKind.EXCHANGE}


def when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def line_status(po: dict) -> OrderStatus:
    claim = CLAIM_STATUS.get(po.get("claimStatus") or "")
    if po.get("claimType") == "EXCHANGE" and po.get("claimStatus") in EXCHANGE_OPEN:
        claim = OrderStatus.EXCHANGE_REQUESTED
    if claim in REQUESTED:
        return claim       # an open claim is what the seller must act on
    if po["productOrderStatus"] == "PAYED":
        return OrderStatus.NEW if po.get("placeOrderStatus") == "NOT_YET" else OrderStatus.CONFIRMED
    return PRODUCT_ORDER_STATUS.get(po["productOrderStatus"], OrderStatus.UNKNOWN)


def raw_status(po: dict) -> str:
    return "/".join(str(po.get(k) or "-")
                    for k in ("productOrderStatus", "placeOrderStatus", "claimStatus"))


def orders(details: list[dict], channel: str, account_key: str) -> list[Order]:
    grouped: dict[str, Order] = {}
    for d in details:
        o, po = d["order"], d["productOrder"]
        addr = po.get("shippingAddress") or {}
        order = grouped.get(o["orderId"])
        if order is None:
            order = grouped[o["orderId"]] = Order(
                channel=channel, account_key=account_key, channel_order_id=o["orderId"],
                ordered_at=when(o.get("orderDate")), buyer_name=o.get("ordererName", ""),
                buyer_phone=o.get("ordererTel", ""), recipient_name=addr.get("name", ""),
                recipient_phone=addr.get("tel1", ""), address=addr.get("baseAddress", ""),
                address_detail=addr.get("detailedAddress", ""), zip_code=addr.get("zipCode", ""),
                delivery_message=po.get("shippingMemo", ""),
                shipping_fee=po.get("deliveryFeeAmount", 0))
        delivery = d.get("delivery") or {}
        line = OrderLine(channel=channel, account_key=account_key, channel_order_id=o["orderId"],
                         channel_line_id=po["productOrderId"],
                         product_name=po.get("productName", ""),
                         quantity=po.get("quantity", 0), unit_price=po.get("unitPrice", 0),
                         amount=po.get("totalPaymentAmount", 0), status=line_status(po),
                         raw_status=raw_status(po),
                         option_name=po.get("productOption") or "",
                         channel_product_id=str(po.get("productId", "")),
                         origin_product_id=str(po.get("originalProductId") or ""),
                         seller_code=po.get("sellerProductCode") or "",
                         channel_item_id=str(po.get("optionCode") or ""),
                         courier_code=delivery.get("deliveryCompany") or "",
                         tracking_number=delivery.get("trackingNumber") or "")
        order.lines.append(line)
        order.total_amount = sum(x.amount for x in order.lines)
    return list(grouped.values())


def claims(details: list[dict]) -> list[Claim]:
    out = []
    for d in details:
        for key, c in (d.get("currentClaim") or {}).items():
            if key not in CLAIM_KIND or not c:
                continue
            status = CLAIM_STATUS.get(c.get("claimStatus", ""), OrderStatus.UNKNOWN)
            if key == "exchange" and c.get("claimStatus") in EXCHANGE_OPEN:
                status = OrderStatus.EXCHANGE_REQUESTED
            out.append(Claim(channel_claim_id=str(c["claimId"]), kind=CLAIM_KIND[key],
                             status=status,
                             raw_status=c.get("claimStatus", ""),
                             channel_order_id=d["order"]["orderId"],
                             channel_line_id=d["productOrder"]["productOrderId"],
                             reason=c.get(f"{key}Reason") or "",
                             detail=c.get(f"{key}DetailedReason") or "",
                             quantity=d["productOrder"].get("quantity", 1),
                             requested_at=when(c.get("claimRequestDate")),
                             product_name=d["productOrder"].get("productName") or ""))
    return out


def top_categories(rows: list[dict]) -> list[Category]:
    """Rows are {wholeCategoryName, id, name, last}; a top category's path has no ">"."""
    return [Category(str(r["id"]), r["name"], None, bool(r.get("last")))
            for r in rows if ">" not in (r.get("wholeCategoryName") or r["name"])]


def sub_categories(rows: list[dict], parent_id: str) -> list[Category]:
    return [Category(str(r["id"]), r["name"], parent_id, bool(r.get("last"))) for r in rows]


# 택배사 코드 of 발송 처리 (deliveryCompanyCode) for the couriers 판매정보 offers.
# The portal's 택배사 codes are Naver's, but for 농협택배 (NONGHYUP in the 택배사 코드 table).
COURIER_ALIASES = {"NHLOGIS": "NONGHYUP"}
COURIER_CODES = {"CJ대한통운": "CJGLS", "롯데택배": "HYUNDAI", "한진택배": "HANJIN",
                 "로젠택배": "KGB", "우체국택배": "EPOST", "경동택배": "KDEXP"}
SEE_DETAIL = "상품상세 참조"


def provided_notice(listing, settings: dict) -> dict:
    """상품정보제공고시 of the type of the listing's 품목고시 group (notices.py); a listing without one goes
    as 기타 재화 (ETC), every field pointing to the detail page, the A/S number for 소비자 상담."""
    return notices.provided_notice(listing.notice, listing.name[:50], (listing.seller_code or SEE_DETAIL)[:50],
                                   settings.get("as_phone", ""))


@dataclass
class UploadedImages:
    """Addresses 상품 이미지 다건 등록 answered: 대표 then 추가 images, and the 상품상세 image."""

    listed: list[str]
    detail: str = ""


def product_body(listing, settings: dict, uploaded: UploadedImages | None = None) -> dict:
    """create-product: every block the document marks required, from the listing and settings.

    Images are the addresses the image upload answered with (the document accepts no others);
    without an upload, addresses the caller already holds from Naver (image_urls) are sent."""
    detail_url = uploaded.detail if uploaded else ""
    origin = {"statusType": "SALE", "leafCategoryId": listing.category_id, "name": listing.name,
              "detailContent": detail_html(listing.description_html or listing.name, detail_url),
              "salePrice": listing.price,
              "stockQuantity": listing.stock,
              "detailAttribute": {"sellerCodeInfo": {"sellerManagementCode": listing.seller_code},
                                  "minorPurchasable": True,
                                  # 03 = 기타 (상세 설명에 표시): the origin is in the detail page.
                                  "originAreaInfo": {"originAreaCode": "03"},
                                  "productInfoProvidedNotice": provided_notice(listing, settings)}}
    if listing.sale_end:
        origin["saleEndDate"] = f"{listing.sale_end.isoformat()}T23:59:00.000+09:00"
    if listing.shipping is not None:
        origin = apply_changes(origin, listing, settings, uploaded)
    else:   # afterServiceInfo is required on create; the number is the account's
        origin["detailAttribute"]["afterServiceInfo"] = {
            "afterServiceTelephoneNumber": settings.get("as_phone", ""),
            "afterServiceGuideContent": settings.get("as_phone", "")}
    if listing.items:
        origin["detailAttribute"]["optionInfo"] = option_info(listing)
    urls = uploaded.listed if uploaded else list(listing.image_urls)
    if urls:
        origin["images"] = images_block(urls)
    return {"originProduct": origin,
            "smartstoreChannelProduct": {"naverShoppingRegistration": False,
                                         "channelProductDisplayStatusType": "ON"}}


def images_block(urls: list[str]) -> dict:
    """images: the 대표 이미지 and at most 9 추가 이미지, each an address the upload answered with."""
    return {"representativeImage": {"url": urls[0]}, "optionalImages": [{"url": u} for u in urls[1:10]]}


def option_info(listing) -> dict:
    """optionInfo of a product with options: one combination per option, its price the amount added to
    salePrice (the portal's items carry the whole price), stock managed per option."""
    return {"optionCombinationSortType": "CREATE", "optionCombinationGroupNames": {"optionGroupName1": ko("옵션")},
            "optionCombinations": [{"optionName1": i.option_name, "stockQuantity": i.stock,
                                    "price": i.price - listing.price, "usable": True} for i in listing.items],
            "useStockManagement": True}


def option_stock_body(origin: dict, wanted: dict[str, int]) -> dict | None:
    """상품 옵션 재고 변경 body from the origin product as read: every combination with its id, price
    and use, the named ones with their new stock; None when a named option id is not there."""
    combos = ((origin.get("detailAttribute") or {}).get("optionInfo") or {}).get("optionCombinations") or []
    ids = {str(c.get("id")) for c in combos}
    if not combos or any(option_id not in ids for option_id in wanted):
        return None
    return {"productSalePrice": {"salePrice": origin.get("salePrice", 0)},
            "optionInfo": {"optionCombinations": [
                {"id": c["id"], "price": c.get("price") or 0, "usable": c.get("usable", True),
                 "stockQuantity": wanted.get(str(c["id"]), c.get("stockQuantity") or 0)}
                for c in combos],
                "useStockManagement": True}}


FEE_TYPES = {"free": "FREE", "fixed": "PAID", "conditional": "CONDITIONAL_FREE",
             "tiered": "UNIT_QUANTITY_PAID"}


def delivery_info(terms) -> dict:
    """deliveryInfo from 판매정보; 출고지/반품지 are address-book ids on Naver, not sent here."""
    fee = {"deliveryFeeType": FEE_TYPES.get(terms.fee_type, "FREE"), "baseFee": terms.fee}
    if terms.fee_type == "conditional":
        fee["freeConditionalAmount"] = terms.free_over
    return {"deliveryType": "DELIVERY", "deliveryAttributeType": "NORMAL",
            "deliveryCompany": COURIER_CODES.get(terms.courier, "CJGLS"), "deliveryFee": fee,
            "claimDeliveryInfo": {"returnDeliveryFee": terms.return_fee,
                                  "exchangeDeliveryFee": terms.exchange_fee}}


def apply_changes(origin: dict, listing, settings: dict, uploaded: UploadedImages | None = None) -> dict:
    """The origin product as read, with what the portal manages replaced (PUT is a replace); images
    only when they were uploaded for this write."""
    origin = dict(origin)
    origin.update(name=listing.name, salePrice=listing.price, stockQuantity=listing.stock)
    detail_url = uploaded.detail if uploaded else ""
    if listing.description_html or detail_url:
        origin["detailContent"] = detail_html(listing.description_html or listing.name, detail_url)
    if uploaded and uploaded.listed:
        origin["images"] = images_block(uploaded.listed)
    if listing.sale_end:
        origin["saleEndDate"] = f"{listing.sale_end.isoformat()}T23:59:00.000+09:00"
    if listing.shipping is not None:
        origin["deliveryInfo"] = delivery_info(listing.shipping)
        attr = dict(origin.get("detailAttribute") or {})
        attr["afterServiceInfo"] = {
            "afterServiceTelephoneNumber": settings.get("as_phone", ""),
            "afterServiceGuideContent": listing.shipping.as_info}
        origin["detailAttribute"] = attr
    if (listing.notice or {}).get("group"):   # the product's 품목고시 now: its type replaces the one read
        attr = dict(origin.get("detailAttribute") or {})
        attr["productInfoProvidedNotice"] = provided_notice(listing, settings)
        origin["detailAttribute"] = attr
    return origin


def origin_listing(no: str, body: dict) -> Listing:
    """GET /v2/products/origin-products/{no} -> Listing; options become items."""
    origin = body.get("originProduct") or {}
    attr = origin.get("detailAttribute") or {}
    price = origin.get("salePrice", 0)
    combos = (attr.get("optionInfo") or {}).get("optionCombinations") or []
    channel_no = str((body.get("smartstoreChannelProduct") or {}).get("channelProductNo", ""))
    items = ([ListingItem(str(c["id"]), c.get("optionName1", ""), c.get("stockQuantity", 0),
                          price + (c.get("price") or 0)) for c in combos]
             or [ListingItem(channel_no, "", origin.get("stockQuantity", 0), price)])
    end = origin.get("saleEndDate")
    return Listing(name=origin.get("name", ""), price=price, stock=origin.get("stockQuantity", 0),
                   category_id=str(origin.get("leafCategoryId", "")),
                   seller_code=(attr.get("sellerCodeInfo") or {}).get("sellerManagementCode", ""),
                   channel_product_id=str(no), status=origin.get("statusType", ""),
                   description_html=origin.get("detailContent", ""), items=items,
                   sale_end=date.fromisoformat(end[:10]) if end else None)


def listings(contents: list[dict]) -> list[Listing]:
    out = []
    for row in contents:
        for cp in row.get("channelProducts") or []:
            out.append(Listing(name=cp["name"], price=cp.get("salePrice", 0),
                               stock=cp.get("stockQuantity", 0),
                               category_id=str(cp.get("categoryId", "")),
                               seller_code=cp.get("sellerManagementCode") or "",
                               channel_product_id=str(row["originProductNo"]),
                               status=cp.get("statusType", ""),
                               items=[ListingItem(str(cp["channelProductNo"]), "",
                                                  cp.get("stockQuantity", 0),
                                                  cp.get("salePrice", 0))]))
    return out


def inquiry(row: dict) -> Inquiry:
    return Inquiry(channel_inquiry_id=str(row["questionId"]), question=row.get("question", ""),
                   asked_at=when(row.get("createDate")),
                   channel_product_id=str(row.get("productId", "")),
                   product_name=row.get("productName", ""), writer=row.get("maskedWriterId", ""),
                   answer=row.get("answer") or "", answered=bool(row.get("answered")),
                   extra={"kind": "product", "category": ko("상품문의")})


CUSTOMER_PREFIX = "inquiry-"  # 고객 문의 numbers and Q&A question ids are separate sequences


def customer_inquiry(row: dict) -> Inquiry:
    """고객 문의 조회 (GET /v1/pay-user/inquiries) content row: a buyer's question about an order."""
    return Inquiry(channel_inquiry_id=f"{CUSTOMER_PREFIX}{row['inquiryNo']}", question=row.get("inquiryContent", ""),
                   asked_at=when(row.get("inquiryRegistrationDateTime")),
                   channel_product_id=str(row.get("productNo") or ""), channel_order_id=str(row.get("orderId") or ""),
                   product_name=row.get("productName") or "", writer=row.get("customerName") or "",
                   answer=row.get("answerContent") or "", answered=bool(row.get("answered")),
                   extra={"kind": "order", "title": row.get("title") or "", "category": row.get("category") or ""})


def customer_inquiry_no(inquiry_id: str) -> str:
    return inquiry_id[len(CUSTOMER_PREFIX):] if inquiry_id.startswith(CUSTOMER_PREFIX) else ""
