"""Qoo10 QAPI rows (GetShippingInfo_v2, GetClaimInfo_V3, GetInquiryMessage) <-> portal DTOs."""
from __future__ import annotations

from datetime import datetime

from marketplaces.carts import cart_orders, num, text  # noqa: F401  (mapping.num, mapping.text)
from portal.marketplaces import KST, Claim, ClaimKind, Inquiry, Order, OrderStatus

# ShippingStat asked of GetShippingInfo_v2: 1 入金待ち, 2 配送要請 (paid; the seller's new order),
# 3 配送準備 (発注確認 done), 4 配送中, 5 配送完了.
SHIPPING_STAT = {"1": OrderStatus.PAYMENT_WAITING, "2": OrderStatus.NEW,
                 "3": OrderStatus.CONFIRMED, "4": OrderStatus.SHIPPING,
                 "5": OrderStatus.DELIVERED}
LIST_STATS = ("2", "3", "4", "5")
# SetSellerCheckYN_V2 DelayType: 1 商品準備中, 2 注文製作, 3 顧客の要求, 4 その他.
DELAY_TYPES = {"PRODUCT_PREPARE": "1", "CUSTOM_BUILD": "2", "CUSTOMER_REQUEST": "3"}
# SetSendingInfo ShippingCorp takes the carrier's name as QSM lists it.
CARRIERS = {"YAMATO": "ヤマト宅急便", "SAGAWA": "佐川急便", "JAPANPOST": "ゆうパック",
            "YUPACKET": "ゆうパケット", "NEKOPOS": "ネコポス", "QXPRESS": "Qxpress",
            "EPOST": "EMS", "EMS": "EMS"}


def when(value) -> datetime | None:
    """"2021-07-20 13:05:11" in JST (UTC+9, the same offset as KST)."""
    if not value:
        return None
    try:
        return datetime.strptime(str(value)[:19], "%Y-%m-%d %H:%M:%S").replace(tzinfo=KST)
    except ValueError:
        return None


def orders(pairs: list[tuple[str, dict]], channel: str, account_key: str) -> list[Order]:
    """Rows are order lines (orderNo) paired with the ShippingStat they were listed under; the cart
    (packNo) is the order."""
    return cart_orders(pairs, channel, account_key,
                       cart=lambda p: text(p[1].get("packNo") or p[1]["orderNo"]),
                       order=lambda p: order_fields(p[1]), line=lambda p: order_line(*p),
                       fee=lambda p: num(p[1].get("ShippingRate")))


def order_fields(r: dict) -> dict:
    return dict(ordered_at=when(r.get("orderDate")), buyer_name=text(r.get("buyer")),
                buyer_phone=text(r.get("buyerMobile") or r.get("buyerTel")),
                recipient_name=text(r.get("receiver")),
                recipient_phone=text(r.get("receiverMobile") or r.get("receiverTel")),
                address=text(r.get("Addr1")), address_detail=text(r.get("Addr2")),
                zip_code=text(r.get("zipCode")), delivery_message=text(r.get("ShippingMsg")))


def order_line(stat: str, r: dict) -> dict:
    return dict(channel_line_id=text(r["orderNo"]), product_name=text(r.get("itemTitle")),
                quantity=num(r.get("orderQty")), unit_price=num(r.get("orderPrice")),
                amount=num(r.get("total")),
                status=SHIPPING_STAT.get(stat, OrderStatus.UNKNOWN),
                raw_status=text(r.get("shippingStatus")) or stat, option_name=text(r.get("option")),
                channel_product_id=text(r.get("itemCode")),
                channel_item_id=text(r.get("optionCode")),
                seller_code=text(r.get("sellerItemCode")),
                courier_code=text(r.get("DeliveryCompany")),
                tracking_number=text(r.get("TrackingNo")))


# GetClaimInfo_V3 ClaimStat (claimStatus): 1 취소요청, 2 취소중, 3 취소완료, 4 반품요청, 5 반품중,
# 6 반품완료, 11 교환 신청, 12 교환 승인, 13 다시 배송 중, 16 미납주문 취소 (14/15 미수취 환불 are
# not claims the portal processes).
CLAIM_STATS = {
    "1": (ClaimKind.CANCEL, OrderStatus.CANCEL_REQUESTED),
    "2": (ClaimKind.CANCEL, OrderStatus.CANCEL_REQUESTED),
    "3": (ClaimKind.CANCEL, OrderStatus.CANCELED),
    "16": (ClaimKind.CANCEL, OrderStatus.CANCELED),
    "4": (ClaimKind.RETURN, OrderStatus.RETURN_REQUESTED),
    "5": (ClaimKind.RETURN, OrderStatus.RETURN_REQUESTED),
    "6": (ClaimKind.RETURN, OrderStatus.RETURNED),
    "11": (ClaimKind.EXCHANGE, OrderStatus.EXCHANGE_REQUESTED),
    "12": (ClaimKind.EXCHANGE, OrderStatus.EXCHANGE_REQUESTED),
    "13": (ClaimKind.EXCHANGE, OrderStatus.EXCHANGED),
}
CLAIM_PREFIX = {ClaimKind.CANCEL: "C", ClaimKind.RETURN: "R", ClaimKind.EXCHANGE: "X"}
# Claim.SetCancelProcess CancelReason: (none) 재고 없음, 1 주문 변경, 2 배송 불가 지역, 3 배송 지연.
CANCEL_REASONS = {"배송지연": "3"}


def claim(r: dict) -> Claim | None:
    found = CLAIM_STATS.get(text(r.get("claimStatus")))
    if found is None:
        return None
    kind, status = found
    order_no = text(r["orderNo"])
    return Claim(channel_claim_id=f"{CLAIM_PREFIX[kind]}{order_no}", kind=kind, status=status,
                 raw_status=text(r.get("claimStatus")),
                 channel_order_id=text(r.get("packNo") or order_no), channel_line_id=order_no,
                 reason=text(r.get("reason")), quantity=num(r.get("orderQty")) or 1,
                 requested_at=when(r.get("requestDate")), product_name=text(r.get("itemTitle")),
                 extra={"item_code": text(r.get("itemCode"))})


def inquiry_id(r: dict) -> str:
    """SetInquiryMessage names inq_type, question_no and seq_no: the id carries all three."""
    return f"{text(r.get('INQ_TYPE'))}:{text(r.get('QUESTION_NO'))}:{text(r.get('SEQ_NO'))}"


def inquiry(r: dict) -> Inquiry:
    contr = text(r.get("CONTR_NO"))
    return Inquiry(channel_inquiry_id=inquiry_id(r), question=text(r.get("CONTENTS")),
                   asked_at=when(r.get("INQ_DT")), channel_product_id=text(r.get("GD_NO")),
                   channel_order_id="" if contr in ("", "0") else contr,
                   product_name=text(r.get("GD_NM")), writer=text(r.get("CUST_NM")),
                   answered=text(r.get("STATUS")) == "S3",
                   extra={"title": text(r.get("TITLE")), "type": text(r.get("INQ_TYPE")),
                          "category": text(r.get("CATE_NM"))})
