"""Coupang payloads <-> portal DTOs: ordersheets, return/exchange requests, inquiries, products."""
from __future__ import annotations

import re
from datetime import date, datetime

from portal.i18n import ko
from portal.marketplaces import (
    KST, Category, Claim, ClaimKind, Inquiry, Listing, ListingItem, Order, OrderLine, OrderStatus, detail_html,
)

SHEET_STATUS = {"ACCEPT": OrderStatus.NEW, "INSTRUCT": OrderStatus.CONFIRMED,
                "DEPARTURE": OrderStatus.SHIPPING,
                "DELIVERING": OrderStatus.SHIPPING, "FINAL_DELIVERY": OrderStatus.DELIVERED,
                "NONE_TRACKING": OrderStatus.SHIPPING}
RECEIPT_STATUS = {
    ("CANCEL", "RELEASE_STOP_UNCHECKED"): OrderStatus.CANCEL_REQUESTED,
    ("CANCEL", "RETURNS_UNCHECKED"): OrderStatus.CANCEL_REQUESTED,
    ("CANCEL", "RETURNS_COMPLETED"): OrderStatus.CANCELED,
    ("RETURN", "RELEASE_STOP_UNCHECKED"): OrderStatus.RETURN_REQUESTED,
    ("RETURN", "RETURNS_UNCHECKED"): OrderStatus.RETURN_REQUESTED,
    ("RETURN", "VENDOR_WAREHOUSE_CONFIRM"): OrderStatus.RETURN_REQUESTED,
    ("RETURN", "REQUEST_COUPANG_CHECK"): OrderStatus.RETURN_REQUESTED,
    ("RETURN", "RETURNS_COMPLETED"): OrderStatus.RETURNED,
}
EXCHANGE_STATUS = {"RECEIPT": OrderStatus.EXCHANGE_REQUESTED,
                   "PROGRESS": OrderStatus.EXCHANGE_REQUESTED,
                   "SUCCESS": OrderStatus.EXCHANGED, "REJECT": OrderStatus.EXCHANGE_REJECTED}
SHIPPED = {"DEPARTURE", "DELIVERING", "FINAL_DELIVERY", "NONE_TRACKING"}


def money(value) -> int:
    """v5 money object {currencyCode, units, nanos} as whole won; null (e.g. remotePrice) is 0."""
    if not value:
        return 0
    if isinstance(value, dict):
        return round(int(value.get("units") or 0) + int(value.get("nanos") or 0) / 1e9)
    return int(value)


def when(value: str | None) -> datetime | None:
    """ISO-8601 with an offset (v5 `orderedAt` ...ss.ssssss±hh:mm); a bare time is KST."""
    if not value:
        return None
    parsed = datetime.fromisoformat(value.replace(" ", "T"))
    return parsed.astimezone(KST) if parsed.tzinfo else parsed.replace(tzinfo=KST)


# middleCancelCode of 주문 상품 취소 처리: CCTTER 재고 연동 오류, CCPNER 제휴사이트 오류 (주소),
# CCPRER 가격등재오류. 배송지연 and 기타 have no code of their own and go as a stock problem.
MIDDLE_CANCEL_CODES = (("가격", "CCPRER"), ("상품정보", "CCPRER"), ("주소", "CCPNER"))


def middle_cancel_code(reason: str) -> str:
    return next((code for word, code in MIDDLE_CANCEL_CODES if word in (reason or "")), "CCTTER")


def channel_text(message: str | None) -> str:
    """A WING message without its "[요청번호] …" prefix; for "[ids]<= reason" only the reason."""
    text = re.sub(ko(r"\[요청번호\]\s*[0-9a-fA-F-]+"), "", message or "")
    text = text.replace("\\r\\n", "\n").replace("\r\n", "\n")
    reasons = [part.split("<=", 1)[1].strip() for part in text.splitlines() if "<=" in part]
    return reasons[0] if reasons else " ".join(text.split())


def line_id(box_id, vendor_item_id) -> str:
    """Coupang has no line id; (shipmentBoxId, vendorItemId) identifies a line."""
    return f"{box_id}-{vendor_item_id}"


def split_line_id(value: str) -> tuple[str, str]:
    box, _, item = value.partition("-")
    return box, item


def orders(sheets: list[dict], channel: str, account_key: str) -> list[Order]:
    grouped: dict[str, Order] = {}
    for s in sheets:
        order_id, receiver = str(s["orderId"]), s.get("receiver") or {}
        order = grouped.get(order_id)
        if order is None:
            orderer = s.get("orderer") or {}
            order = grouped[order_id] = Order(
                channel=channel, account_key=account_key, channel_order_id=order_id,
                ordered_at=when(s.get("orderedAt")), buyer_name=orderer.get("name", ""),
                buyer_phone=orderer.get("safeNumber", ""), recipient_name=receiver.get("name", ""),
                recipient_phone=receiver.get("safeNumber", ""), address=receiver.get("addr1", ""),
                address_detail=receiver.get("addr2", ""), zip_code=receiver.get("postCode", ""),
                delivery_message=s.get("parcelPrintMessage") or "", raw_status=s["status"])
        order.shipping_fee += money(s.get("shippingPrice")) + money(s.get("remotePrice"))
        for item in s.get("orderItems") or []:
            order.lines.append(OrderLine(
                channel=channel, account_key=account_key, channel_order_id=order_id,
                channel_line_id=line_id(s["shipmentBoxId"], item["vendorItemId"]),
                product_name=item.get("vendorItemName", ""), quantity=item.get("shippingCount", 0),
                unit_price=money(item.get("salesPrice")), amount=money(item.get("orderPrice")),
                status=SHEET_STATUS.get(s["status"], OrderStatus.UNKNOWN), raw_status=s["status"],
                option_name=item.get("sellerProductItemName") or "",
                channel_product_id=str(item.get("sellerProductId") or ""),
                channel_item_id=str(item["vendorItemId"]),
                seller_code=item.get("externalVendorSkuCode") or "",
                ship_unit_id=str(s["shipmentBoxId"]),
                courier_code=s.get("deliveryCompanyName") or "",
                tracking_number=s.get("invoiceNumber") or ""))
        order.total_amount = sum(x.amount for x in order.lines) + order.shipping_fee
    return list(grouped.values())


def return_claim(row: dict) -> Claim:
    kind = row.get("receiptType", "RETURN")
    item = (row.get("returnItems") or [{}])[0]
    return Claim(channel_claim_id=str(row["receiptId"]), kind=ClaimKind[kind],
                 status=RECEIPT_STATUS.get((kind, row.get("receiptStatus")), OrderStatus.UNKNOWN),
                 raw_status=row.get("receiptStatus", ""), channel_order_id=str(row["orderId"]),
                 channel_line_id=line_id(item.get("shipmentBoxId", ""),
                                         item.get("vendorItemId", "")),
                 reason=row.get("cancelReasonCategory1") or "",
                 detail=row.get("cancelReason") or "",
                 quantity=row.get("cancelCountSum", 1), requested_at=when(row.get("createdAt")),
                 extra={"cancelCount": str(row.get("cancelCountSum", 1))},
                 product_name=item.get("vendorItemName") or "")


def exchange_claim(row: dict) -> Claim:
    """exchangeItemDtoV1s name the original line by originalShipmentBoxId and orderItemId."""
    item = (row.get("exchangeItemDtoV1s") or [{}])[0]
    return Claim(channel_claim_id=str(row["exchangeId"]), kind=ClaimKind.EXCHANGE,
                 status=EXCHANGE_STATUS.get(row.get("exchangeStatus"), OrderStatus.UNKNOWN),
                 raw_status=row.get("exchangeStatus", ""), channel_order_id=str(row["orderId"]),
                 channel_line_id=line_id(item.get("originalShipmentBoxId", ""),
                                         item.get("orderItemId", "")),
                 reason=row.get("reasonCodeText") or "",
                 detail=row.get("reasonEtcDetail") or "", quantity=item.get("quantity", 1),
                 requested_at=when(row.get("createdAt")),
                 product_name=item.get("orderItemName") or "")


def category(row: dict, parent: str, has_children: bool) -> Category:
    """One child of a display-categories answer; the root's code 0 is no parent."""
    return Category(str(row["displayItemCategoryCode"]), row["name"],
                    parent if parent != "0" else None, not has_children)


def listing(data: dict) -> Listing:
    items = [ListingItem(str(i["vendorItemId"]), i.get("itemName", ""), i.get("maximumBuyCount", 0),
                         i.get("salePrice", 0)) for i in data.get("items") or []]
    return Listing(name=data["sellerProductName"], price=items[0].price if items else 0,
                   stock=sum(i.stock for i in items),
                   category_id=str(data.get("displayCategoryCode", "")),
                   seller_code=(data.get("items") or [{}])[0].get("externalVendorSku", ""),
                   channel_product_id=str(data["sellerProductId"]),
                   status=data.get("statusName", ""), items=items,
                   sale_end=date.fromisoformat(data["saleEndedAt"][:10])
                   if data.get("saleEndedAt") else None)


CHARGE_TYPES = {"free": "FREE", "fixed": "NOT_FREE", "conditional": "CONDITIONAL_FREE",
                "tiered": "NOT_FREE"}


def shipping_fields(terms) -> dict:
    """배송비/반품배송비/A-S from 판매정보 (출고지·반품지 go by the account's WING codes)."""
    return {"deliveryChargeType": CHARGE_TYPES.get(terms.fee_type, "FREE"),
            "deliveryCharge": terms.fee, "freeShipOverAmount": terms.free_over,
            "deliveryChargeOnReturn": terms.return_fee, "returnCharge": terms.return_fee,
            "afterServiceInformation": terms.as_info}


# 택배사 코드 (article 360034156033) for the couriers 판매정보 offers.
COURIER_CODES = {"CJ대한통운": "CJGLS", "한진택배": "HANJIN", "롯데택배": "HYUNDAI",
                 "우체국택배": "EPOST", "로젠택배": "KGB", "경동택배": "KDEXP"}


def product_body(listing, vendor_id: str, settings: dict, current: dict | None = None) -> dict:
    """The seller-product body with every field 상품 생성 marks required; with `current` (the
    product as read) items keep vendorItemId. 출고지/반품지 are the account's WING codes."""
    items = listing.items or [None]
    known = {i.get("itemName"): i.get("vendorItemId") for i in (current or {}).get("items") or []}
    if current and len(known) == 1 and len(items) == 1:
        known = {((items[0].option_name if items[0] else "") or listing.name):
                 next(iter(known.values()))}
    end = (f"{listing.sale_end.isoformat()}T23:59:59" if listing.sale_end
           else "2099-01-01T23:59:59")
    terms = listing.shipping
    place = str(settings.get("outbound_place_code") or "").strip()
    body = {"displayCategoryCode": int(listing.category_id or (current or {}).get(
                "displayCategoryCode") or 0), "sellerProductName": listing.name,
            "vendorId": vendor_id, "saleStartedAt": "2000-01-01T00:00:00",
            "saleEndedAt": end,
            "displayProductName": listing.name, "vendorUserId": settings.get("wing_user_id", ""),
            "requested": False, "deliveryMethod": "SEQUENCIAL",
            "deliveryCompanyCode": COURIER_CODES.get(terms.courier if terms else "", "CJGLS"),
            "deliveryChargeType": "FREE", "deliveryCharge": 0, "freeShipOverAmount": 0,
            "deliveryChargeOnReturn": 0, "remoteAreaDeliverable": "N",
            "unionDeliveryType": "UNION_DELIVERY" if place else "NOT_UNION_DELIVERY",
            "outboundShippingPlaceCode": int(place) if place.isdigit() else place,
            "returnCenterCode": settings.get("return_center_code", ""),
            "returnChargeName": settings.get("return_center_name", ""),
            "companyContactNumber": settings.get("return_contact", ""),
            "returnZipCode": terms.return_zip if terms else "",
            "returnAddress": terms.return_address if terms else "",
            "returnAddressDetail": terms.return_address if terms else "", "returnCharge": 0,
            "items": [{"itemName": (i.option_name if i else "") or listing.name,
                       "originalPrice": (i.price if i else 0) or listing.price,
                       "salePrice": (i.price if i else 0) or listing.price,
                       "maximumBuyCount": i.stock if i else listing.stock,
                       "maximumBuyForPerson": 0, "maximumBuyForPersonPeriod": 1,
                       "outboundShippingTimeDay": 2, "unitCount": 1, "adultOnly": "EVERYONE",
                       "taxType": "TAX", "parallelImported": "NOT_PARALLEL_IMPORTED",
                       "overseasPurchased": "NOT_OVERSEAS_PURCHASED", "pccNeeded": False,
                       "externalVendorSku": listing.seller_code,
                       "images": images(listing),
                       "attributes": [],
                       "contents": [{"contentsType": "HTML", "contentDetails": [
                           {"content": detail_html(listing.description_html or listing.name,
                                                   listing.detail_image_url),
                            "detailType": "TEXT"}]}],
                       **({"vendorItemId": known[(i.option_name if i else "") or listing.name]}
                          if known.get((i.option_name if i else "") or listing.name) else {})}
                      for i in items]}
    if current:
        body["sellerProductId"] = current["sellerProductId"]
    if terms is not None:
        body.update(shipping_fields(terms))
    return body


# 상품 생성: one REPRESENTATION (대표) image and at most 9 DETAIL (기타) images, by address.
MAX_DETAIL_IMAGES = 9


def images(listing) -> list[dict]:
    """items[].images: imageOrder 0,1,2…, the first the 대표 image, vendorPath the public address
    (Coupang downloads an http(s) address onto its CDN)."""
    return [{"imageOrder": n, "imageType": "REPRESENTATION" if n == 0 else "DETAIL", "vendorPath": url}
            for n, url in enumerate(listing.image_urls[:1 + MAX_DETAIL_IMAGES])]


CALL_CENTER_PREFIX = "cs-"  # 고객센터 상담번호 and online inquiry ids are separate sequences


def call_center_inquiry(row: dict) -> Inquiry:
    """쿠팡 고객센터 문의 row: `content` only says 상담이력, the question is in the agent's transfer notes."""
    replies = row.get("replies") or []
    notes = [r.get("content", "") for r in replies if r.get("answerType") == "csAgent"]
    answers = [r.get("content", "") for r in replies if r.get("answerType") == "vendor"]
    item_ids = row.get("vendorItemId") or []
    item_ids = item_ids if isinstance(item_ids, list) else [item_ids]
    return Inquiry(channel_inquiry_id=f"{CALL_CENTER_PREFIX}{row['inquiryId']}",
                   question="\n\n".join(notes) or row.get("content", ""), asked_at=when(row.get("inquiryAt")),
                   channel_product_id=",".join(str(i) for i in item_ids),
                   channel_order_id=str(row.get("orderId") or ""), product_name=row.get("itemName", ""),
                   writer=row.get("buyerPhone", ""), answer=answers[-1] if answers else "",
                   answered=row.get("csPartnerCounselingStatus") == "answered",
                   extra={"kind": "order", "title": ko("[쿠팡 고객센터] ") + (row.get("receiptCategory") or ""),
                          "category": row.get("receiptCategory") or ""})


def call_center_no(inquiry_id: str) -> str:
    return inquiry_id[len(CALL_CENTER_PREFIX):] if inquiry_id.startswith(CALL_CENTER_PREFIX) else ""


def inquiry(row: dict) -> Inquiry:
    answers = [c.get("content", "") for c in row.get("commentDtoList") or []]
    return Inquiry(channel_inquiry_id=str(row["inquiryId"]), question=row.get("content", ""),
                   asked_at=when(row.get("inquiryAt")),
                   channel_product_id=str(row.get("productId", "")),
                   channel_order_id=",".join(str(o) for o in row.get("orderIds") or []),
                   writer=row.get("buyerEmail", ""), answer=answers[-1] if answers else "",
                   answered=bool(answers))
