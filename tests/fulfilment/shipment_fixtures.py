"""Shared builders for the shipment tests: a Japan-bound seller's SKUs and its Qoo10/Rakuten orders as
수기/엑셀 orders (the way a seller without API accounts brings them in)."""
from decimal import Decimal

from models import FulfilmentSku, ManualOrder, ManualOrderLine
from portal.extensions import db


def add_sku(tenant, code, name, **kw) -> FulfilmentSku:
    sku = FulfilmentSku(tenant_id=tenant.id, code=code, code_key=code.lower(), name=name, **kw)
    db.session.add(sku)
    db.session.commit()
    return sku


def add_order(tenant, order_no, lines, *, platform="qoo10jp", name="山田花子", phone="090-1234-5678",
              zip_code="150-0001", address="東京都渋谷区神宮前1-1-1") -> ManualOrder:
    """lines: (code written in the seller code column, quantity, amount)."""
    order = ManualOrder(tenant_id=tenant.id, platform=platform, country="JP", order_no=order_no, recipient_name=name,
                        recipient_phone=phone, zip_code=zip_code, address=address, currency="JPY", source="excel",
                        product_url="https://www.qoo10.jp/g/1")
    order.lines = [ManualOrderLine(tenant_id=tenant.id, sku=code, quantity=qty, product_name=f"商品 {code}",
                                   line_amount=Decimal(amount)) for code, qty, amount in lines]
    db.session.add(order)
    db.session.commit()
    return order
