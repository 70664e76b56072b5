"""11번가 XML rows (orders, claims, Q&A, categories) <-> portal DTOs."""
from __future__ import annotations

from datetime import datetime

from portal.marketplaces import (
    KST, Category, Claim, ClaimKind, Inquiry, Order, OrderLine, OrderStatus,
)

# Which list a row came from decides its status: 11번가 has one endpoint per order state.
LIST_STATUS = {"complete": OrderStatus.NEW, "packaging": OrderStatus.CONFIRMED,
               "shipping": OrderStatus.SHIPPING,
               "dlvcompleted": OrderStatus.DELIVERED, "completed": OrderStatus.PURCHASE_DECIDED}
CLAIM_LISTS = {"cancelorders": (ClaimKind.CANCEL, OrderStatus.CANCEL_REQUESTED, "ordPrdCnSeq"),
               "returnorders": (ClaimKind.RETURN, OrderStatus.RETURN_REQUESTED, "clmReqSeq"),
               "exchangeorders": (ClaimKind.EXCHANGE, OrderStatus.EXCHANGE_REQUESTED, "clmReqSeq")}
COURIERS = {"CJGLS": "00034", "HYUNDAI": "00012", "LOTTE": "00012", "KGB": "00002",
            "HANJIN": "00011", "EPOST": "00007"}


def when(value: str) -> datetime | None:
    if not value:
        return None
    return datetime.strptime(value[:19], "%Y-%m-%d %H:%M:%S").replace(tzinfo=KST)


def num(value: str) -> int:
    try:
        return int(float(value or 0))
    except ValueError:
        return 0


def line_id(row: dict) -> str:
    """(ordNo, ordPrdSeq) identifies a line; ordPrdSeq alone is the channel line id."""
    return str(row["ordPrdSeq"])


def orders(pairs: list[tuple[str, dict]], channel: str, account_key: str) -> list[Order]:
    grouped: dict[str, Order] = {}
    for kind, r in pairs:
        order = grouped.get(r["ordNo"])
        if order is None:
            order = grouped[r["ordNo"]] = Order(
                channel=channel, account_key=account_key, channel_order_id=r["ordNo"],
                ordered_at=when(r.get("ordDt")),
                buyer_name=r.get("ordNm", ""), buyer_phone=r.get("ordPrtblTel", ""),
                recipient_name=r.get("rcvrNm", ""),
                recipient_phone=r.get("rcvrPrtblNo", ""), address=r.get("rcvrBaseAddr", ""),
                address_detail=r.get("rcvrDtlsAddr", ""), zip_code=r.get("rcvrMailNo", ""),
                delivery_message=r.get("ordDlvReqCont", ""), shipping_fee=num(r.get("dlvCst")))
        order.lines.append(OrderLine(
            channel=channel, account_key=account_key, channel_order_id=r["ordNo"],
            channel_line_id=line_id(r),
            product_name=r.get("prdNm", ""), quantity=num(r.get("ordQty")),
            unit_price=num(r.get("selPrc")),
            amount=num(r.get("ordAmt")), status=LIST_STATUS[kind],
            raw_status=f"{kind}/{r.get('ordPrdStat', '')}",
            option_name=r.get("slctPrdOptNm", ""), channel_product_id=r.get("prdNo", ""),
            channel_item_id=r.get("prdStckNo", ""), seller_code=r.get("sellerPrdCd", ""),
            ship_unit_id=r.get("dlvNo", ""), courier_code=r.get("dlvEtprsCd", ""),
            tracking_number=r.get("invcNo", "")))
        order.total_amount = sum(x.amount for x in order.lines) + order.shipping_fee
    return list(grouped.values())


def claim(kind_name: str, r: dict) -> Claim:
    kind, status, seq = CLAIM_LISTS[kind_name]
    return Claim(channel_claim_id=r[seq], kind=kind, status=status, raw_status=kind_name,
                 channel_order_id=r["ordNo"], channel_line_id=line_id(r),
                 reason=r.get("clmReqRsn", ""),
                 detail=r.get("clmReqCont", ""), quantity=num(r.get("clmReqQty")) or 1,
                 requested_at=when(r.get("reqDt", "")), product_name=r.get("prdNm", ""))


def category(r: dict) -> Category:
    parent = r.get("parentDispNo") or "0"
    return Category(r["dispNo"], r.get("dispNm", ""), None if parent == "0" else parent,
                    r.get("leafYn") == "Y")


def inquiry(r: dict) -> Inquiry:
    # The answer call needs brdInfoNo and prdNo, so both form the inquiry id.
    return Inquiry(channel_inquiry_id=f"{r['brdInfoNo']}-{r.get('prdNo', '')}",
                   question=r.get("brdInfoCont", ""), asked_at=when(r.get("createDt")),
                   channel_product_id=r.get("prdNo", ""), product_name=r.get("prdNm", ""),
                   writer=r.get("memID", ""),
                   answer=r.get("answerCont", ""), answered=r.get("answerYn") == "Y",
                   extra={"prdNo": r.get("prdNo", "")})
