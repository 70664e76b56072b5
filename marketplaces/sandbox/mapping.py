"""Generic sandbox protocol payloads <-> portal DTOs."""
from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime

from portal.marketplaces import (
    Category, Claim, ClaimKind, Inquiry, Listing, ListingItem, Notice, Order, OrderLine,
    OrderStatus, ShippingTerms,
)

CLAIM_STATUS = {("CANCEL", "REQUESTED"): OrderStatus.CANCEL_REQUESTED,
                ("CANCEL", "DONE"): OrderStatus.CANCELED,
                ("RETURN", "REQUESTED"): OrderStatus.RETURN_REQUESTED,
                ("RETURN", "DONE"): OrderStatus.RETURNED,
                ("RETURN", "REJECTED"): OrderStatus.RETURN_REJECTED,
                ("EXCHANGE", "REQUESTED"): OrderStatus.EXCHANGE_REQUESTED,
                ("EXCHANGE", "DONE"): OrderStatus.EXCHANGED,
                ("EXCHANGE", "REJECTED"): OrderStatus.EXCHANGE_REJECTED}


def when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def status(code: str) -> OrderStatus:
    # The generic protocol speaks the normalized vocabulary by name.
    return OrderStatus.__members__.get(code, OrderStatus.UNKNOWN)


def category(row: dict) -> Category:
    return Category(str(row["id"]), row["name"], row.get("parent_id"), bool(row.get("leaf")))


def shipping(terms: ShippingTerms) -> dict:
    return asdict(terms)


def listing(row: dict) -> Listing:
    ship = row.get("shipping")
    return Listing(name=row["name"], price=row["price"], stock=row["stock"],
                   category_id=row["category_id"],
                   seller_code=row.get("seller_code", ""), channel_product_id=row["product_id"],
                   status=row["status"],
                   items=[ListingItem(i["item_id"], i.get("option", ""), i["stock"], i["price"])
                          for i in row.get("items", [])],
                   sale_end=date.fromisoformat(row["sale_end"]) if row.get("sale_end") else None,
                   shipping=ShippingTerms(**{k: v for k, v in ship.items()
                                             if k in ShippingTerms.__dataclass_fields__})
                   if isinstance(ship, dict) else None)


def order(row: dict, channel: str, account_key: str) -> Order:
    lines = [OrderLine(channel=channel, account_key=account_key, channel_order_id=row["order_id"],
                       channel_line_id=x["line_id"], product_name=x["name"], quantity=x["quantity"],
                       unit_price=x["unit_price"], amount=x["quantity"] * x["unit_price"],
                       status=status(x["status"]), raw_status=x["status"],
                       option_name=x.get("option", ""), seller_code=x.get("seller_code", ""),
                       channel_product_id=x.get("product_id", ""),
                       channel_item_id=x.get("item_id", ""),
                       courier_code=x.get("courier", ""),
                       tracking_number=x.get("tracking_number", ""))
             for x in row["lines"]]
    return Order(channel=channel, account_key=account_key, channel_order_id=row["order_id"],
                 ordered_at=when(row.get("ordered_at")), buyer_name=row["buyer_name"],
                 buyer_phone=row["buyer_phone"], recipient_name=row["recipient_name"],
                 recipient_phone=row["recipient_phone"], address=row["address"],
                 address_detail=row.get("address_detail", ""), zip_code=row["zip_code"],
                 delivery_message=row.get("message", ""), shipping_fee=row.get("shipping_fee", 0),
                 total_amount=sum(x.amount for x in lines) + row.get("shipping_fee", 0),
                 lines=lines)


def claim(row: dict) -> Claim:
    return Claim(channel_claim_id=row["claim_id"], kind=ClaimKind[row["type"]],
                 status=CLAIM_STATUS.get((row["type"], row["status"]), OrderStatus.UNKNOWN),
                 raw_status=row["status"], channel_order_id=row["order_id"],
                 channel_line_id=row["line_id"],
                 reason=row.get("reason", ""), detail=row.get("detail") or "",
                 quantity=row.get("quantity", 1), requested_at=when(row.get("requested_at")),
                 product_name=row.get("product_name") or "")


def inquiry(row: dict) -> Inquiry:
    return Inquiry(channel_inquiry_id=row["inquiry_id"], question=row["question"],
                   asked_at=when(row["asked_at"]),
                   channel_product_id=row.get("product_id", ""),
                   channel_order_id=row.get("order_id", ""),
                   product_name=row.get("product_name", ""), writer=row.get("writer", ""),
                   answer=row.get("answer") or "", answered=bool(row.get("answer")))


def notice(row: dict) -> Notice:
    return Notice(row["notice_id"], row["title"], row.get("body", ""), when(row.get("posted_at")),
                  bool(row.get("important")))
