"""11번가 XML rows (orders, claims, Q&A, categories) <-> portal DTOs."""
from __future__ import annotations

from datetime import datetime

from portal.i18n import ko
from portal.marketplaces import (
    KST, Category, Claim, ClaimKind, Inquiry, Notice, Order, OrderLine, OrderStatus, to_kst,
)

from .client import to_xml

# Which list a row came from decides its status: 11번가 has one endpoint per order state.
LIST_STATUS = {"complete": OrderStatus.NEW, "packaging": OrderStatus.CONFIRMED,
               "shipping": OrderStatus.SHIPPING,
               "dlvcompleted": OrderStatus.DELIVERED, "completed": OrderStatus.PURCHASE_DECIDED}
CLAIM_LISTS = {"cancelorders": (ClaimKind.CANCEL, OrderStatus.CANCEL_REQUESTED, "ordPrdCnSeq"),
               "returnorders": (ClaimKind.RETURN, OrderStatus.RETURN_REQUESTED, "clmReqSeq"),
               "exchangeorders": (ClaimKind.EXCHANGE, OrderStatus.EXCHANGE_REQUESTED, "clmReqSeq")}
# dlvEtprsCd of 발송처리 (apiSeq 1888) and 교환 승인처리 (apiSeq 1649), keyed by the portal's codes.
COURIERS = {"CJGLS": "00034", "HYUNDAI": "00012", "LOTTE": "00012", "KGB": "00002",
            "HANJIN": "00011", "EPOST": "00007", "REGISTPOST": "00007", "KDEXP": "00026",
            "DAESIN": "00021", "ILYANG": "00022", "CHUNIL": "00027", "HDEXP": "00035",
            "CVSNET": "00060", "CUPARCEL": "00061", "NHLOGIS": "00067", "SEBANG": "00066",
            "DHL": "00039", "FEDEX": "00047", "UPS": "00053", "EMS": "00058", "CH1": "00099"}


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
            raw_status=f"{kind}/{r.get('ordPrdStat', '')}" + (
                f"/addPrdNo={r['addPrdNo']}" if r.get("addPrdYn") == "Y" else ""),
            option_name=r.get("slctPrdOptNm", ""), channel_product_id=r.get("prdNo", ""),
            channel_item_id=r.get("prdStckNo", ""), seller_code=r.get("sellerPrdCd", ""),
            ship_unit_id=r.get("dlvNo", ""), courier_code=r.get("dlvEtprsCd", ""),
            tracking_number=r.get("invcNo", "")))
        order.total_amount = sum(x.amount for x in order.lines) + order.shipping_fee
    return list(grouped.values())


# Row fields per claim list: cancel rows (apiSeq 1639) name theirs ordCn*, return and exchange
# rows (1643, 1648) clmReq*.
CLAIM_FIELDS = {ClaimKind.CANCEL: ("ordCnRsnCd", "ordCnDtlsRsn", "ordCnQty", "createDt"),
                ClaimKind.RETURN: ("clmReqRsn", "clmReqCont", "clmReqQty", "reqDt"),
                ClaimKind.EXCHANGE: ("clmReqRsn", "clmReqCont", "clmReqQty", "reqDt")}
# 반품 거부 (apiSeq 1645) 101 미입고, 102 철회 대행, 103 반품 불가 상품, 104 기타;
# 교환 거부 (1650) the same in the 200s.
REFUSAL_WORDS = (("미입고", 1), ("철회", 2), ("불가", 3))


def claim(kind_name: str, r: dict) -> Claim:
    kind, status, seq = CLAIM_LISTS[kind_name]
    reason, detail, qty, at = CLAIM_FIELDS[kind]
    return Claim(channel_claim_id=r[seq], kind=kind, status=status, raw_status=kind_name,
                 channel_order_id=r["ordNo"], channel_line_id=line_id(r),
                 reason=r.get(reason, ""), detail=r.get(detail, ""),
                 quantity=num(r.get(qty)) or 1, requested_at=when(r.get(at, "")),
                 product_name=r.get("prdNm", ""))


def refusal_code(kind: ClaimKind, reason: str | None) -> str:
    base = 200 if kind is ClaimKind.EXCHANGE else 100
    return str(base + next((n for word, n in REFUSAL_WORDS if word in (reason or "")), 4))


def add_on(raw_status: str) -> str:
    """addPrdNo kept in raw_status for an add-on line (addPrdYn=Y); "" for an ordinary line."""
    return raw_status.partition("/addPrdNo=")[2]


# 발송지연안내 (apiSeq 6728) delaySendRsnCd: 01 단기 재고 부족, 02 주문폭주, 03 주문제작,
# 04 고객 요청, 05 기타.
DELAY_CODES = {"PRODUCT_PREPARE": "01", "CUSTOM_BUILD": "03", "CUSTOMER_REQUEST": "04"}


def delay_xml(order_no: str, dlv_no: str, ship_at: datetime, delay) -> bytes:
    """DeliveryDelayGuideRequest; 상세사유 must be 20–300 bytes, so the date is written in."""
    text = ko(f"{delay.text_ko} (예상 발송일 {to_kst(ship_at):%Y-%m-%d})")  # the buyer reads it on 11번가
    text = text.encode("euc-kr", "replace")[:300].decode("euc-kr", "ignore")
    return to_xml("DeliveryDelayGuideRequest", {
        "ordNo": order_no, "dlvNo": dlv_no, "delaySendDt": f"{to_kst(ship_at):%Y%m%d}",
        "delaySendRsnCd": DELAY_CODES.get(delay.reason, "05"), "delaySendRsn": text})


def category(r: dict) -> Category:
    parent = r.get("parentDispNo") or "0"
    return Category(r["dispNo"], r.get("dispNm", ""), None if parent == "0" else parent,
                    r.get("leafYn") == "Y")


def inquiry(r: dict) -> Inquiry:
    # A Q&A row names its product in brdInfoClfNo (상품번호), not prdNo; the answer PUT takes
    # /prodqnaanswer/{brdInfoNo}/{상품번호}, so both form the inquiry id (PROTOCOL.md, Q&A).
    product_no = r.get("brdInfoClfNo") or r.get("prdNo", "")
    kind = "order" if r.get("buyYn") == "Y" and r.get("ordNoDe") else "product"
    return Inquiry(channel_inquiry_id=f"{r['brdInfoNo']}-{product_no}",
                   question=r.get("brdInfoCont", ""), asked_at=when(r.get("createDt")),
                   channel_product_id=product_no, channel_order_id=r.get("ordNoDe", "") or "",
                   product_name=r.get("prdNm", ""), writer=r.get("memNM") or r.get("memID", ""),
                   answer=r.get("answerCont", "") or "", answered=r.get("answerYn") == "Y",
                   extra={"prdNo": product_no, "title": r.get("brdInfoSbjct", "") or "", "kind": kind,
                          "category": QNA_TYPES.get(r.get("qnaDtlsCd", ""), "")})


QNA_TYPES = {"01": "상품", "02": "배송", "03": "반품/환불/취소", "04": "교환/변경", "05": "기타"}


ALIMI_STATES = {"01": "미확인", "02": "답변대기", "03": "답변완료", "04": "재답변요청", "05": "재답변완료", "06": "처리완료"}


def alimi(r: dict) -> Notice:
    """긴급알리미 조회 (apiSeq 1796) row: subject, content, 회신기한, the order and product it is about."""
    day, clock = r.get("createDt", ""), r.get("createTm", "") or "00:00:00"
    try:
        posted = datetime.strptime(f"{day[:8]} {clock[:8]}", "%Y%m%d %H:%M:%S").replace(tzinfo=KST)
    except ValueError:
        posted = None
    # The 긴급알리미 is kept as 11번가 wrote it: its field names stay Korean like its text.
    facts = [(ko("분류"), " > ".join(x for x in (r.get("emerNtceClfNm1"), r.get("emerNtceClfNm2"),
                                            r.get("emerNtceClfNm3")) if x)),
             (ko("처리상태"), ALIMI_STATES.get(r.get("emerNtceCrntCd", ""), "")),
             (ko("회신기한"), r.get("emerReplyDt", "")), (ko("주문번호"), r.get("ordNo", "")),
             (ko("상품명"), r.get("prdNm", ""))]
    body = "\n".join([r.get("emerCtnt", "")] + [f"{k}: {v}" for k, v in facts if v])
    return Notice(channel_notice_id=str(r.get("emerNtceSeq", "")), title=r.get("emerNtceSubject", ""),
                  body=body, posted_at=posted, important=True)
