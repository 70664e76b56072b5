"""수기주문 upload mirror on PostgreSQL: the orders just stored, into 주문관리 by COPY from the values in hand.

The same rows as mirror.ORDERS and mirror.LINES make from the stored tables (the form and SQLite use those),
written from the job's own values instead of read back: the mirrored orders take ids reserved from the
sequence, so their lines need no read-back either, and the server only stores rows (no join over the
order tables, whose cost grew with every order ever uploaded). The stored 수기주문 ids are fresh, so
uq_channel_order_manual_order_id can meet no earlier mirror; an order number registered before was
never stored, so it is not mirrored either.
"""
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from portal.services.bulk_sql import copy_writer, take_ids

from .mirror import FROM_FILE, take_stock

ORDER_COPY = ("id", "tenant_id", "channel", "channel_order_id", "source", "manual_order_id", "ordered_at",
              "buyer_name", "buyer_phone", "recipient_name", "recipient_phone", "zip_code", "address",
              "address_detail", "delivery_message", "total_amount", "shipping_fee", "currency", "created_at",
              "updated_at")
ORDER_TYPES = ["int4", "int4", "text", "text", "text", "int4", "timestamp"] + ["text"] * 8 + \
    ["int4", "int4", "text", "timestamp", "timestamp"]
LINE_COPY = ("tenant_id", "order_id", "channel", "channel_order_id", "channel_line_id", "ordered_at",
             "product_name", "option_name", "quantity", "unit_price", "amount", "status", "raw_status",
             "seller_code", "channel_product_id", "origin_product_id", "channel_item_id", "ship_unit_id",
             "product_id", "delay_reason", "cancel_reason", "courier_code", "tracking_number", "invoice_state",
             "manual_line_id", "created_at", "updated_at")
LINE_TYPES = ["int4", "int4", "text", "text", "text", "timestamp", "text", "text", "int4", "int4", "int4"] + \
    ["text"] * 7 + ["int4"] + ["text"] * 5 + ["int4", "timestamp", "timestamp"]
ONE = Decimal(1)
NINE_HOURS = timedelta(hours=9)  # a file's order date is the channel's local time (KST/JST)


def currency_of_order(currency) -> str:
    """The 수기주문's currency as the mirror keeps it ("" = KRW), as mirror.ORDERS does."""
    return (currency or "").upper()[:3] or "KRW"


def whole(amount) -> int:
    """An amount in whole units as the SQL mirror rounds it: halves away from zero."""
    if amount is None:
        return 0
    return int(Decimal(str(amount)).quantize(ONE, rounding=ROUND_HALF_UP))


def copy_mirror(conn, cursor, tenant_id: int, now, stored, order_columns, line_columns) -> set[int]:
    """stored: [(수기주문 id, its values in `order_columns` order, [(line id, values in `line_columns`
    order)])] as just written in this transaction; conn the SQLAlchemy connection of `cursor`. The lines
    take their stock too; returns the products whose stock moved."""
    if not stored:
        return set()
    o = {c: k for k, c in enumerate(order_columns)}
    x = {c: k for k, c in enumerate(line_columns)}
    platform, order_no, buyer, date = o["platform"], o["order_no"], o["buyer_name"], o["order_date"]
    amounts = (o["total_paid"], o["paid_amount"], o["order_amount"])
    sku, product_id, option_id = x["sku"], x["product_id"], x["option_id"]
    names = _names(cursor, {line[product_id] for _, _, lines in stored for _, line in lines},
                   {line[option_id] for _, _, lines in stored for _, line in lines})
    ids = take_ids(conn, "channel_order", len(stored))
    heads = []
    with copy_writer(cursor, "channel_order", ORDER_COPY, ORDER_TYPES) as write:
        for mirror_id, (manual_id, v, _) in zip(ids, stored):
            total = next((a for a in (v[k] for k in amounts) if a is not None), 0)
            ordered = v[date] - NINE_HOURS if v[date] is not None else now
            channel, number = v[platform][:40], v[order_no]
            write((mirror_id, tenant_id, channel, number, FROM_FILE, manual_id, ordered, (v[buyer] or "")[:60], "",
                   v[o["recipient_name"]], v[o["recipient_phone"]], v[o["zip_code"]], v[o["address"]],
                   v[o["address_detail"]], v[o["message"]], whole(total), 0, currency_of_order(v[o["currency"]]),
                   now, now))
            heads.append((mirror_id, channel, number, ordered))
    product, option = names
    with copy_writer(cursor, "channel_order_line", LINE_COPY, LINE_TYPES) as write:
        for (mirror_id, channel, number, ordered), (_, _, lines) in zip(heads, stored):
            for line_id, line in lines:
                code, quantity, unit, amount = line[sku], line[x["quantity"]], line[x["unit_price"]], \
                    line[x["line_amount"]]
                if amount is None and unit is not None:
                    amount = Decimal(str(unit)) * quantity
                write((tenant_id, mirror_id, channel, number,
                       (line[x["channel_line_no"]] or f"{number}-{line_id}")[:60], ordered,
                       (line[x["product_name"]] or product.get(line[product_id], code))[:200],
                       (line[x["option_name"]] or option.get(line[option_id]) or "")[:200],
                       quantity, whole(unit), whole(amount), "CONFIRMED", "", code[:60], "", "", "", "",
                       line[product_id], "", "", "", "", "", line_id, now, now))
    return take_stock(conn, *_taken(stored, x["quantity"], product_id, option_id))


def _taken(stored, quantity: int, product_id: int, option_id: int) -> tuple[dict, dict]:
    """Quantities per 조합형 option, and per product for lines naming no option."""
    options: dict[int, int] = {}
    products: dict[int, int] = {}
    for _, _, lines in stored:
        for _, line in lines:
            if line[option_id] is not None:
                options[line[option_id]] = options.get(line[option_id], 0) + line[quantity]
            elif line[product_id] is not None:
                products[line[product_id]] = products.get(line[product_id], 0) + line[quantity]
    return options, products


def _names(cursor, product_ids: set, option_ids: set) -> tuple[dict, dict]:
    """Product names and option values the mirrored lines show when the file named none."""
    product_ids.discard(None)
    option_ids.discard(None)
    cursor.execute("SELECT id, name FROM product WHERE id = ANY(%s)", (list(product_ids),))
    products = dict(cursor.fetchall())
    cursor.execute('SELECT id, "values" FROM product_option WHERE id = ANY(%s)', (list(option_ids),))
    return products, dict(cursor.fetchall())
