"""Amazon sandbox Orders v0: getOrders (with restricted data), getOrderItems, confirmShipment."""
from __future__ import annotations

import base64
import json
from datetime import datetime

from flask import g, jsonify, request

from ..common import store
from ..store import Refused
from .auth import JP, bp, error, restricted_to

ORDER_BASE = 2026000000
SERIAL = 10 ** 7


def amazon_order_id(order) -> str:
    """3-7-7 digits, as Amazon numbers orders."""
    return f"503-{int(order['order_no']) - ORDER_BASE:07d}-{int(order['ship_unit']) % SERIAL:07d}"


def find(order_id):
    parts = str(order_id).split("-")
    if len(parts) != 3 or not parts[1].isdigit():
        return None
    order = store().order_by_no(g.shop["id"], str(ORDER_BASE + int(parts[1])))
    return order if order and amazon_order_id(order) == order_id else None


def iso(epoch) -> str:
    return datetime.utcfromtimestamp(epoch).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(value):
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def status(order) -> str:
    states = {x["status"] for x in order["lines"]}
    shipped = {"SHIPPING", "DELIVERED", "PURCHASE_DECIDED"}
    if states <= {"CANCELED"}:
        return "Canceled"
    if states <= shipped | {"CANCELED"}:
        return "Shipped"
    if states & shipped:
        return "PartiallyShipped"
    return "Unshipped"


def yen(amount) -> dict:
    return {"CurrencyCode": "JPY", "Amount": f"{amount:.2f}"}


def render(order, elements) -> dict:
    total = sum(x["qty"] * x["unit_price"] for x in order["lines"]) + order["shipping_fee"]
    row = {"AmazonOrderId": amazon_order_id(order), "PurchaseDate": iso(order["created_at"]),
           "LastUpdateDate": iso(max(x["changed_at"] for x in order["lines"])),
           "OrderStatus": status(order), "FulfillmentChannel": "MFN",
           "NumberOfItemsShipped": sum(x["qty"] for x in order["lines"]
                                       if x["status"] in ("SHIPPING", "DELIVERED",
                                                          "PURCHASE_DECIDED")),
           "NumberOfItemsUnshipped": sum(x["qty"] for x in order["lines"]
                                         if x["status"] in ("NEW", "CONFIRMED")),
           "OrderTotal": yen(total), "PaymentMethod": "Other", "MarketplaceId": JP,
           "ShipmentServiceLevelCategory": "Standard", "OrderType": "StandardOrder",
           "EarliestShipDate": iso(order["created_at"]),
           "LatestShipDate": iso(order["created_at"] + 2 * 86400), "IsBusinessOrder": False,
           "IsPrime": False, "IsPremiumOrder": False, "IsGlobalExpressEnabled": False,
           "IsSoldByAB": False, "IsISPU": False, "IsAccessPointOrder": False,
           # Without a restricted data token the address keeps only its non-personal parts.
           "ShippingAddress": {"StateOrRegion": "東京都", "City": "", "PostalCode":
                               order["zip_code"], "CountryCode": "JP"}}
    if "shippingAddress" in elements:
        row["ShippingAddress"].update(Name=order["recipient_name"],
                                      AddressLine1=order["address"],
                                      AddressLine2=order["address_detail"],
                                      Phone=order["recipient_phone"], AddressType="Residential")
    if "buyerInfo" in elements:
        row["BuyerInfo"] = {"BuyerName": order["buyer_name"],
                            "BuyerEmail": f"{order['order_no']}@marketplace.amazon.co.jp"}
    return row


def _token(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode()


@bp.get("/orders/v0/orders")
def get_orders():
    args = request.args
    elements = restricted_to("GET", "/orders/v0/orders")
    if elements == []:
        return error(403, "Unauthorized", "Access to requested resource is denied.")
    if JP not in args.get("MarketplaceIds", "").split(","):
        return error(400, "InvalidInput", "Invalid Input", "MarketplaceIds")
    if args.get("NextToken"):
        try:
            state = json.loads(base64.urlsafe_b64decode(args["NextToken"]))
        except ValueError:
            return error(400, "InvalidInput", "Invalid NextToken")
    else:
        start = parse_iso(args.get("CreatedAfter"))
        end = parse_iso(args["CreatedBefore"]) if args.get("CreatedBefore") else \
            store().now() - 120
        if start is None or end is None or end < start:
            return error(400, "InvalidInput", "Invalid Input",
                         "CreatedAfter/CreatedBefore must be ISO 8601 dates in order.")
        if end > store().now() - 120:
            return error(400, "InvalidInput", "Invalid Input",
                         "CreatedBefore must be at least two minutes before current time.")
        size = int(args.get("MaxResultsPerPage", 100))
        if not 1 <= size <= 100:
            return error(400, "InvalidInput", "Invalid Input", "MaxResultsPerPage")
        state = {"start": start, "end": end, "size": size, "offset": 0}
    rows = store().orders_page(g.shop["id"], state["start"], state["end"] + 1,
                               limit=state["size"] + 1, offset=state["offset"])
    payload = {"Orders": [render(o, elements or []) for o in rows[:state["size"]]],
               "CreatedBefore": iso(state["end"])}
    if len(rows) > state["size"]:
        payload["NextToken"] = _token({**state, "offset": state["offset"] + state["size"]})
    return jsonify(payload=payload)


@bp.get("/orders/v0/orders/<order_id>/orderItems")
def get_order_items(order_id):
    if g.restricted is not None and restricted_to(
            "GET", f"/orders/v0/orders/{order_id}/orderItems") == []:
        return error(403, "Unauthorized", "Access to requested resource is denied.")
    order = find(order_id)
    if order is None:
        return error(404, "NotFound", "Order not found", order_id)
    shipped = ("SHIPPING", "DELIVERED", "PURCHASE_DECIDED")
    return jsonify(payload={"AmazonOrderId": order_id, "OrderItems": [{
        "ASIN": f"B0{int(x['product_no'] or 0) % 10 ** 8:08d}", "OrderItemId": x["line_no"],
        "SellerSKU": x["item_no"], "Title": x["product_name"], "QuantityOrdered": x["qty"],
        "QuantityShipped": x["qty"] if x["status"] in shipped else 0,
        "ItemPrice": yen(x["qty"] * x["unit_price"]),
        "ShippingPrice": yen(order["shipping_fee"] if x["seq"] == 1 else 0),
        "ConditionId": "New", "IsGift": "false",
        **({"BuyerRequestedCancel": {"IsBuyerRequestedCancel": "true",
                                     "BuyerCancelReason": "Ordered by mistake."}}
           if x["status"] == "CANCEL_REQUESTED" else {})}
        for x in order["lines"]]})


@bp.post("/orders/v0/orders/<order_id>/shipmentConfirmation")
def confirm_shipment(order_id):
    if g.restricted is not None:
        return error(403, "Unauthorized", "Access to requested resource is denied.")
    order = find(order_id)
    if order is None:
        return error(404, "NotFound", "Order not found", order_id)
    body = request.get_json(silent=True) or {}
    package = body.get("packageDetail") or {}
    missing = [k for k in ("packageReferenceId", "carrierCode", "trackingNumber", "shipDate",
                           "orderItems") if not package.get(k)]
    if body.get("marketplaceId") != JP or missing:
        return error(400, "InvalidInput", "Invalid Input", ", ".join(missing) or "marketplaceId")
    if not str(package["packageReferenceId"]).isdigit() or int(package["packageReferenceId"]) < 1:
        return error(400, "InvalidInput", "Invalid Input",
                     "packageReferenceId: only positive numeric values are supported.")
    if package["carrierCode"] == "Other" and not package.get("carrierName"):
        return error(400, "InvalidInput", "Invalid Input",
                     "carrierName is required when carrierCode is Other.")
    if parse_iso(package["shipDate"]) is None:
        return error(400, "InvalidInput", "Invalid Input", "shipDate")
    lines = {x["line_no"]: x for x in order["lines"]}
    for item in package["orderItems"]:
        line = lines.get(str(item.get("orderItemId")))
        if line is None or not 1 <= int(item.get("quantity") or 0) <= line["qty"]:
            return error(400, "InvalidInput", "Invalid Input", "orderItems")
        if line["status"] not in ("NEW", "CONFIRMED"):
            return error(400, "InvalidInput", "The order item has already been shipped or "
                         "canceled.", str(item["orderItemId"]))
    try:
        for item in package["orderItems"]:
            store().dispatch(lines[str(item["orderItemId"])], package["carrierCode"],
                             package["trackingNumber"])
    except Refused as exc:
        return error(400, "InvalidInput", exc.reason)
    return "", 204


