"""Amazon SP-API Orders v0 answers as portal orders: OrderStatus, Money, order items."""
from __future__ import annotations

import hashlib
from datetime import datetime, timezone

from portal.marketplaces import Order, OrderLine, OrderStatus

JP_MARKETPLACE = "A1VC38T7YXB528"   # Amazon.co.jp

# OrderStatus (ordersV0.json): PendingAvailability/Pending are not paid yet; Unshipped and
# PartiallyShipped still need shipping (Amazon has no 발주확인 step); InvoiceUnconfirmed is
# shipped (a Brazil/China invoice state); Unfulfillable is an FBA-only state.
STATUS = {"PendingAvailability": OrderStatus.PAYMENT_WAITING,
          "Pending": OrderStatus.PAYMENT_WAITING, "Unshipped": OrderStatus.NEW,
          "PartiallyShipped": OrderStatus.NEW, "Shipped": OrderStatus.SHIPPING,
          "InvoiceUnconfirmed": OrderStatus.SHIPPING, "Canceled": OrderStatus.CANCELED,
          "Unfulfillable": OrderStatus.UNKNOWN}

# confirmShipment packageDetail.carrierCode / carrierName. The model leaves carrierCode a free
# string; a parcel to Japan leaves Korea with the post (EMS) or an international express.
CARRIERS = {"DHL": ("DHL", ""), "FEDEX": ("FedEx", ""), "UPS": ("UPS", ""),
            "YAMATO": ("Yamato Transport", ""), "SAGAWA": ("Sagawa Express", ""),
            "JPPOST": ("Japan Post", ""), "EPOST": ("Other", "Korea Post EMS"),
            "EMS": ("Other", "Korea Post EMS")}


def package_reference(tracking_number: str) -> str:
    """packageReferenceId: unique per package within an order, "only positive numeric values":
    derived from the tracking number, so sending the same package again names it the same."""
    digest = int(hashlib.sha256(tracking_number.encode("utf-8")).hexdigest()[:12], 16)
    return str(digest % 999_999_999 + 1)


def iso(value: datetime) -> str:
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def when(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def money(value: dict | None) -> int:
    """Money {CurrencyCode, Amount "1980.00"}: yen have no fraction."""
    try:
        return int(round(float((value or {}).get("Amount") or 0)))
    except ValueError:
        return 0


def order(row: dict, items: list[dict], channel: str, account_key: str) -> Order:
    status = STATUS.get(row.get("OrderStatus", ""), OrderStatus.UNKNOWN)
    address = row.get("ShippingAddress") or {}
    buyer = row.get("BuyerInfo") or {}
    lines = []
    for item in items:
        qty = int(item.get("QuantityOrdered") or 0)
        amount = money(item.get("ItemPrice"))   # ItemPrice is price × quantity
        shipped = qty and int(item.get("QuantityShipped") or 0) >= qty
        lines.append(OrderLine(
            channel, account_key, row["AmazonOrderId"], str(item["OrderItemId"]),
            item.get("Title") or "", qty, unit_price=amount // qty if qty else 0, amount=amount,
            status=OrderStatus.SHIPPING if shipped and status is OrderStatus.NEW else status,
            raw_status=row.get("OrderStatus", ""), channel_product_id=item.get("ASIN") or "",
            channel_item_id=item.get("SellerSKU") or "", seller_code=item.get("SellerSKU") or ""))
    street = " ".join(address.get(k) or "" for k in ("AddressLine1", "AddressLine2",
                                                      "AddressLine3")).strip()
    region = "".join(address.get(k) or "" for k in ("StateOrRegion", "City", "District"))
    return Order(channel, account_key, row["AmazonOrderId"], when(row.get("PurchaseDate")),
                 buyer_name=buyer.get("BuyerName") or "",
                 recipient_name=address.get("Name") or "",
                 recipient_phone=address.get("Phone") or "",
                 address=f"{region} {street}".strip(), zip_code=address.get("PostalCode") or "",
                 total_amount=money(row.get("OrderTotal")),
                 shipping_fee=sum(money(i.get("ShippingPrice")) for i in items),
                 raw_status=row.get("OrderStatus", ""), lines=lines)
