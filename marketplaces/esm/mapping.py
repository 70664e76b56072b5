"""ESM Trading API rows (주문조회, 취소/반품/교환조회, 판매자문의) <-> portal DTOs."""
from __future__ import annotations

from datetime import datetime

from marketplaces.carts import cart_orders, num, text  # noqa: F401  (mapping.num, mapping.text)
from portal.marketplaces import KST, Claim, ClaimKind, Inquiry, Order, OrderStatus

# RequestOrders orderStatus / row OrderStatus: 1 신규주문(결제완료) 2 발송대기중(배송준비중) 3 배송중
# 4 배송완료 5 구매결정완료.
ORDER_STATUS = {1: OrderStatus.NEW, 2: OrderStatus.CONFIRMED, 3: OrderStatus.SHIPPING,
                4: OrderStatus.DELIVERED, 5: OrderStatus.PURCHASE_DECIDED}
LIST_STATUSES = (1, 2, 3, 4)

# Claim lists: (kind, status value asked, date type) -> our status. Cancels: CancelStatus
# 1 취소요청 3 취소완료; Returns: ReturnStatus 1 반품요청 4 반품환불완료; Exchanges: ExchangeStatus
# 1 교환요청 4 교환완료 (G마켓 only). Type 2 = 신청일, 3 = 완료일.
CLAIM_QUERIES = (
    (ClaimKind.CANCEL, 1, 2, OrderStatus.CANCEL_REQUESTED),
    (ClaimKind.CANCEL, 3, 3, OrderStatus.CANCELED),
    (ClaimKind.RETURN, 1, 2, OrderStatus.RETURN_REQUESTED),
    (ClaimKind.RETURN, 4, 3, OrderStatus.RETURNED),
    (ClaimKind.EXCHANGE, 1, 2, OrderStatus.EXCHANGE_REQUESTED),
    (ClaimKind.EXCHANGE, 4, 3, OrderStatus.EXCHANGED),
)
CLAIM_PATHS = {ClaimKind.CANCEL: ("/claim/v1/sa/Cancels", "CancelStatus"),
               ClaimKind.RETURN: ("/claim/v1/sa/Returns", "ReturnStatus"),
               ClaimKind.EXCHANGE: ("/claim/v1/sa/Exchanges", "ExchangeStatus")}
CLAIM_PREFIX = {ClaimKind.CANCEL: "C", ClaimKind.RETURN: "R", ClaimKind.EXCHANGE: "X"}
# 취소/반품요청사유코드 (ReasonCode)
REASONS = {0: "기타", 1: "단순변심", 2: "사이즈/색상 등 변경", 3: "오배송", 4: "상품미도착",
           5: "상품불량", 6: "재고없음(판매자요청)", 7: "선물수락기한만료", 8: "선물거절"}
# 발송예정일 등록 ReasonType: 1 상품준비중(재고 부족), 2 고객요청, 3 기타.
DELAY_TYPES = {"PRODUCT_PREPARE": 1, "CUSTOMER_REQUEST": 2}
# 택배사 리스트 조회 (item/v1/shipping/delivery-company) codes for the portal's courier codes.
COURIERS = {"CJGLS": 10013, "HANJIN": 10007, "LOTTE": 10008, "HYUNDAI": 10008, "EPOST": 10005,
            "LOGEN": 10003, "KGB": 10003, "KDEXP": 10016, "DAESIN": 10014, "ILYANG": 10015,
            "CHUNIL": 10017, "DHL": 10022, "FEDEX": 10023, "EMS": 10036, "UPS": 10042}


def when(value) -> datetime | None:
    """"2019-04-10T17:45:39.727" (KST, no offset) or "2019-04-15T04:05:00+09:00"."""
    if not value or str(value).startswith("0001-01-01"):
        return None
    text = str(value).rstrip("Z")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:
            parsed = datetime.strptime(text[:19], "%Y-%m-%dT%H:%M:%S")
        except ValueError:
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=KST)


def option_name(row: dict) -> str:
    return ", ".join(text(o.get("ItemOptionValue")) for o in row.get("ItemOptionSelectList") or []
                     if o.get("ItemOptionValue"))


def orders(rows: list[dict], channel: str, account_key: str) -> list[Order]:
    """One Order per 장바구니 (PayNo); each ESM OrderNo is one line, and every write names it."""
    return cart_orders(rows, channel, account_key,
                       cart=lambda r: text(r.get("PayNo") or r["OrderNo"]), order=order_fields,
                       line=order_line, fee=lambda r: num(r.get("ShippingFee")))


def order_fields(r: dict) -> dict:
    return dict(ordered_at=when(r.get("OrderDate")), buyer_name=text(r.get("BuyerName")),
                buyer_phone=text(r.get("BuyerMobileTel") or r.get("BuyerTel")),
                recipient_name=text(r.get("ReceiverName")),
                recipient_phone=text(r.get("HpNo") or r.get("TelNo")),
                address=text(r.get("DelFrontAddress")),
                address_detail=text(r.get("DelBackAddress")),
                zip_code=text(r.get("ZipCode")), delivery_message=text(r.get("DelMemo")))


def order_line(r: dict) -> dict:
    status = num(r.get("OrderStatus"))
    return dict(channel_line_id=text(r["OrderNo"]), product_name=text(r.get("GoodsName")),
                quantity=num(r.get("ContrAmount")), unit_price=num(r.get("SalePrice")),
                amount=num(r.get("OrderAmount")),
                status=ORDER_STATUS.get(status, OrderStatus.UNKNOWN), raw_status=str(status),
                option_name=option_name(r), channel_product_id=text(r.get("SiteGoodsNo")),
                seller_code=text(r.get("OutGoodsNo")), courier_code=text(r.get("TakbaeName")),
                tracking_number=text(r.get("NoSongjang")))


def claim(kind: ClaimKind, status: OrderStatus, r: dict) -> Claim:
    order_no = text(r["OrderNo"])
    code = r.get("ReasonCode")
    return Claim(channel_claim_id=f"{CLAIM_PREFIX[kind]}{order_no}", kind=kind, status=status,
                 raw_status=text(r.get(CLAIM_PATHS[kind][1])),
                 channel_order_id=text(r.get("PayNo") or order_no), channel_line_id=order_no,
                 reason=REASONS.get(num(code), "") if code is not None else "",
                 detail=text(r.get("ReasonDetail") or r.get("ResonDetail")),
                 requested_at=when(r.get("RequestDate")),
                 extra={"site_goods_no": text(r.get("SiteGoodsNo"))})


NO_NUMBER = ("", "0", "-")   # "데이터 없을 경우, 옥션 "0" / G마켓 "-"로 내려감"


def inquiry(r: dict) -> Inquiry:
    # Our orders are 장바구니 (PayNo); the row's 대표 장바구니번호 names it, else its 대표 주문번호.
    pay_no, order_no = text(r.get("payNo")), text(r.get("orderNo"))
    return Inquiry(channel_inquiry_id=text(r["messageNo"]), question=text(r.get("details")),
                   asked_at=when(r.get("receiveDate")),
                   channel_product_id=text(r.get("siteGoodsNo")),
                   channel_order_id=next((n for n in (pay_no, order_no) if n not in NO_NUMBER), ""),
                   writer=text(r.get("inquirerName")),
                   answer=text(r.get("answer")) if r.get("informStatus") == "처리완료" else "",
                   answered=r.get("informStatus") == "처리완료",
                   extra={"title": text(r.get("title")), "category": text(r.get("contractType"))})
