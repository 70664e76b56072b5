"""삭제목록 lists: deleted 대기목록 lines and deleted shipments with the page's filters (삭제일 period, 마켓,
출처, search) and the rows of their Excel downloads."""
from datetime import datetime, timedelta

from sqlalchemy import exists

from models import FulfilmentOrder, Shipment
from models.fulfilment_order import SOURCE_LABELS, SOURCE_RESHIP
from portal.i18n import N_
from portal.tenancy import tenant_query

KST = timedelta(hours=9)
ORDER_HEADERS = [N_("삭제일"), N_("출처"), N_("마켓"), N_("주문번호"), N_("장바구니번호"), N_("주문일"), N_("받는사람"),
                 N_("전화번호"), N_("우편번호"), N_("주소"), N_("상품명(Market)"), N_("옵션명"), N_("수량"), N_("금액"),
                 N_("화폐"), N_("SKU"), N_("사유")]
SHIPMENT_HEADERS = [N_("삭제일"), N_("접수번호"), N_("상태"), N_("마켓"), N_("장바구니번호"), N_("받는사람"),
                    N_("전화번호"), N_("우편번호"), N_("주소"), N_("총금액"), N_("화폐"), N_("등록일")]


def _day(text: str | None):
    try:
        return datetime.strptime(text or "", "%Y-%m-%d")
    except ValueError:
        return None


def _period(query, column, args):
    """삭제일 from `start` to `end` (KST days, both included)."""
    start, end = _day(args.get("start")), _day(args.get("end"))
    if start:
        query = query.filter(column >= start - KST)
    if end:
        query = query.filter(column < end + timedelta(days=1) - KST)
    return query


def orders(tenant, args):
    """Deleted 대기목록 lines (never received) with the filters."""
    query = (tenant_query(FulfilmentOrder, tenant)
             .filter(FulfilmentOrder.deleted_at.isnot(None), FulfilmentOrder.shipment_id.is_(None)))
    query = _period(query, FulfilmentOrder.deleted_at, args)
    if args.get("channel"):
        query = query.filter(FulfilmentOrder.channel == args["channel"])
    if args.get("source") in SOURCE_LABELS:
        query = query.filter(FulfilmentOrder.source == args["source"])
    text = (args.get("q") or "").strip()
    if text:
        query = query.filter((FulfilmentOrder.order_no == text) | (FulfilmentOrder.cart_no == text)
                             | FulfilmentOrder.product_name.contains(text, autoescape=True))
    return query


def shipments(tenant, args):
    """Deleted shipments with the filters (출처: the source of an order in it; 재배송: a re-sent shipment)."""
    query = tenant_query(Shipment, tenant).filter(Shipment.deleted_at.isnot(None))
    query = _period(query, Shipment.deleted_at, args)
    if args.get("channel"):
        query = query.filter(Shipment.channel == args["channel"])
    source = args.get("source")
    if source == SOURCE_RESHIP:
        query = query.filter(Shipment.reship_of_id.isnot(None))
    elif source in SOURCE_LABELS:
        query = query.filter(exists().where(FulfilmentOrder.shipment_id == Shipment.id,
                                            FulfilmentOrder.source == source))
    text = (args.get("q") or "").strip()
    if text:
        query = query.filter((Shipment.receipt_no == text.upper()) | (Shipment.cart_no == text)
                             | exists().where(FulfilmentOrder.shipment_id == Shipment.id,
                                              FulfilmentOrder.order_no == text))
    return query


def channels(tenant) -> list[str]:
    """The 마켓 filter's choices: those of the deleted rows and shipments."""
    found = {c for (c,) in tenant_query(FulfilmentOrder, tenant).filter(FulfilmentOrder.deleted_at.isnot(None))
             .with_entities(FulfilmentOrder.channel).distinct()}
    found |= {c for (c,) in tenant_query(Shipment, tenant).filter(Shipment.deleted_at.isnot(None))
              .with_entities(Shipment.channel).distinct()}
    return sorted(c for c in found if c)


def order_row(r: FulfilmentOrder, mask, kst, translate) -> list:
    return [kst(r.deleted_at), translate(SOURCE_LABELS.get(r.source, r.source)), r.channel, r.order_no, r.cart_no,
            kst(r.ordered_at), mask["name"](r.recipient_name), mask["phone"](r.recipient_phone), r.zip_code,
            mask["address"](f"{r.address} {r.address_detail}".strip()), r.product_name, r.option_name, r.quantity,
            r.amount, r.currency, r.sku_code, r.delete_reason]


def shipment_row(s: Shipment, mask, kst, translate) -> list:
    return [kst(s.deleted_at), s.receipt_no, f"{s.status} {translate(s.status_label)}", s.channel, s.cart_no,
            mask["name"](s.recipient_name), mask["phone"](s.recipient_phone), s.zip_code,
            mask["address"](f"{s.address} {s.address_detail}".strip()), s.total_amount, s.currency, kst(s.created_at)]
