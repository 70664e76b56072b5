"""Rakuten RMS answers as portal orders and inquiries: orderProgress, models, times in JST."""
from __future__ import annotations

from datetime import datetime

from portal.marketplaces import KST, Inquiry, Order, OrderLine, OrderStatus

# orderProgress (searchOrder/getOrder): 100 注文確認待ち, 200 楽天処理中, 300 発送待ち,
# 400 変更確定待ち, 500 発送済, 600 支払手続き中, 700 支払手続き済, 800 キャンセル確定待ち,
# 900 キャンセル確定. 200/300/400 are confirmed but not shipped; 600/700 come after shipping
# (settlement), and RMS does not tell delivery, so they stay 배송중.
STATUS = {100: OrderStatus.NEW, 200: OrderStatus.CONFIRMED, 300: OrderStatus.CONFIRMED,
          400: OrderStatus.CONFIRMED, 500: OrderStatus.SHIPPING, 600: OrderStatus.SHIPPING,
          700: OrderStatus.SHIPPING, 800: OrderStatus.CANCEL_REQUESTED,
          900: OrderStatus.CANCELED}
CONFIRMED_OR_LATER = {200, 300, 400, 500, 600, 700}
SHIPPED = {500, 600, 700}
CANCELABLE = {100, 200, 300}   # cancelOrder: "次のステータスの注文にのみ有効 100, 200, 300"
CANCELED = 900
# 판매취소 reasons (the portal's words) -> キャンセル理由 (店舗都合): 8 欠品, 13 発送遅延, 10 その他.
CANCEL_REASONS = {"품절": 8, "배송지연": 13}
OTHER_SHOP_REASON = 10


def cancel_reason(text: str) -> int:
    return CANCEL_REASONS.get((text or "").strip(), OTHER_SHOP_REASON)

# deliveryCompany of updateOrderShipping / getOrder ShippingModel (1000 その他 ... 1028).
# The portal's courier codes are Korean carriers' (Naver/Coupang style); a parcel to Japan
# leaves Korea with the post (EMS) or an international express; anything else is その他.
COURIERS = {"EPOST": "1017", "EMS": "1017", "DHL": "1018", "FEDEX": "1019", "UPS": "1020",
            "YAMATO": "1001", "SAGAWA": "1002", "JPPOST": "1003", "SGH": "1027"}
OTHER_COURIER = "1000"


def courier(code: str) -> str:
    """deliveryCompany for a portal courier code; RMS's own codes (1000–1028) pass through."""
    code = (code or "").strip().upper()
    if code.isdigit() and 1000 <= int(code) <= 1028:
        return code
    return COURIERS.get(code, OTHER_COURIER)


def jst(value: str | None) -> datetime | None:
    """RMS times: yyyy-MM-ddTHH:mm:ss+0900 (受注API) or +09:00 (問い合わせ管理API)."""
    if not value:
        return None
    text = value.strip()
    if len(text) >= 5 and text[-5] in "+-" and text[-3] != ":":
        text = text[:-2] + ":" + text[-2:]
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=KST)


def stamp(value: datetime) -> str:
    """startDatetime/endDatetime of searchOrder: yyyy-MM-ddTHH:mm:ss+0900."""
    return value.astimezone(KST).strftime("%Y-%m-%dT%H:%M:%S+0900")


def _name(model: dict) -> str:
    return " ".join(p for p in (model.get("familyName"), model.get("firstName")) if p)


def _phone(model: dict) -> str:
    return "-".join(p for p in (model.get("phoneNumber1"), model.get("phoneNumber2"),
                                model.get("phoneNumber3")) if p)


def _zip(model: dict) -> str:
    return "-".join(p for p in (model.get("zipCode1"), model.get("zipCode2")) if p)


def _address(model: dict) -> str:
    return "".join(model.get(k) or "" for k in ("prefecture", "city", "subAddress"))


def _amount(value) -> int:
    """-9999 is RMS for 未確定 (not settled yet)."""
    value = int(value or 0)
    return 0 if value == -9999 else value


def order(model: dict, channel: str, account_key: str) -> Order:
    progress = int(model.get("orderProgress") or 0)
    status = STATUS.get(progress, OrderStatus.UNKNOWN)
    orderer = model.get("OrdererModel") or {}
    packages = model.get("PackageModelList") or []
    first = packages[0] if packages else {}
    sender = first.get("SenderModel") or first.get("senderModel") or {}
    lines = []
    for package in packages:
        shipping = (package.get("ShippingModelList") or [{}])[-1] or {}
        for item in package.get("ItemModelList") or []:
            sku = (item.get("SkuModelList") or [{}])[0] or {}
            units, price = int(item.get("units") or 0), int(item.get("priceTaxIncl")
                                                             or item.get("price") or 0)
            lines.append(OrderLine(
                channel, account_key, model["orderNumber"], str(item["itemDetailId"]),
                item.get("itemName", ""), units, unit_price=price, amount=price * units,
                status=status, raw_status=str(progress),
                option_name=item.get("selectedChoice") or sku.get("skuInfo") or "",
                channel_product_id=item.get("manageNumber") or "",
                channel_item_id=sku.get("variantId") or "",
                seller_code=sku.get("merchantDefinedSkuId") or item.get("itemNumber") or "",
                ship_unit_id=str(package.get("basketId") or ""),
                courier_code=shipping.get("deliveryCompany") or "",
                tracking_number=shipping.get("shippingNumber") or ""))
    return Order(channel, account_key, model["orderNumber"], jst(model.get("orderDatetime")),
                 buyer_name=_name(orderer), buyer_phone=_phone(orderer),
                 recipient_name=_name(sender), recipient_phone=_phone(sender),
                 address=_address(sender), zip_code=_zip(sender),
                 delivery_message=model.get("remarks") or "",
                 total_amount=_amount(model.get("totalPrice")),
                 shipping_fee=_amount(model.get("postagePrice")), raw_status=str(progress),
                 lines=lines)


def inquiry(row: dict) -> Inquiry:
    replies = [r for r in row.get("replies") or [] if r.get("replyFrom", "merchant") == "merchant"]
    answer = replies[-1].get("message", "") if replies else ""
    return Inquiry(row["inquiryNumber"], row.get("message", ""), jst(row.get("regDate")),
                   channel_product_id=row.get("itemNumber") or "",
                   channel_order_id=row.get("orderNumber") or "",
                   product_name=row.get("itemName") or "", writer=row.get("userName") or "",
                   answer=answer, answered=bool(replies),
                   extra={"shopId": str(row.get("shopId") or ""), "type": row.get("type") or "",
                          "category": row.get("category") or ""})
