"""Shipments as 배송접수 leaves them: SKUs of the master, orders of a cart, items, for two sellers."""
from datetime import datetime
from decimal import Decimal

import pytest

from models import FulfilmentOrder, FulfilmentSku, Shipment, ShipmentItem
from portal.extensions import db


def add_sku(tenant, code, name, **extra) -> FulfilmentSku:
    sku = FulfilmentSku(tenant_id=tenant.id, code=code, code_key=code.lower(), name=name, **extra)
    db.session.add(sku)
    db.session.flush()
    return sku


def add_shipment(tenant, receipt_no, items, status="A00", **extra) -> Shipment:
    """`items`: (sku, quantity, option code as the order wrote it, order product name) per order."""
    shipment = Shipment(tenant_id=tenant.id, receipt_no=receipt_no, status=status, channel="qoo10jp",
                        cart_no=f"cart-{receipt_no}", recipient_name="寺澤 史織", country="JP",
                        created_at=datetime(2022, 11, 7, 1), **extra)
    db.session.add(shipment)
    db.session.flush()
    for number, (skus, quantity, option_code, product_name) in enumerate(items, start=1):
        order = FulfilmentOrder(tenant_id=tenant.id, source="manual", channel="qoo10jp",
                                order_no=f"{receipt_no}-{number}", cart_no=shipment.cart_no,
                                product_name=product_name, option_name="Type:Pink", option_code=option_code,
                                item_code=f"7470227{number}", quantity=quantity, unit_price=Decimal("1200"),
                                amount=Decimal(1200 * quantity), currency="JPY", shipment_id=shipment.id)
        db.session.add(order)
        db.session.flush()
        for sku in skus:
            db.session.add(ShipmentItem(tenant_id=tenant.id, shipment_id=shipment.id, order_id=order.id,
                                        sku_id=sku.id, sku_code=sku.code, name=product_name,
                                        quantity=quantity, channel="qoo10jp"))
    db.session.commit()
    return shipment


@pytest.fixture
def floor(seller, other_seller):
    """Seller A: two waiting shipments and one received (A99); seller B: one of its own."""
    cream = add_sku(seller, "8809667983242", "에뛰드 AC 클린업 핑크 파우더 스팟 15ml", location="A17-A10",
                    customs_name_en="SKIN CARE COSMETIC", hs_code="3304992000", weight_kg=Decimal("0.120"))
    cushion = add_sku(seller, "8809685810315", "헤라 글로우 래스팅 쿠션 (리필) #17N1", location="A17-A2")
    patch = add_sku(seller, "TEST-01", "골드 하이드로겔 아이패치", location="B01")
    patch2 = add_sku(seller, "TEST-02", "골드 하이드로겔 아이패치 리필", location="B02")
    first = add_shipment(seller, "K2211070200001", [([cream], 2, cream.code, "ハイドロセラインテンスクリーム"),
                                                    ([cushion], 1, cushion.code, "クッション リフィル")])
    second = add_shipment(seller, "K2211070200002", [([cream], 3, cream.code, "ハイドロセラ"),
                                                     ([patch, patch2], 1, "TEST-01,TEST-02", "アイパッチ")],
                          memo="사입 (5) 10/31")
    shipped = add_shipment(seller, "K2211070200003", [([cream], 1, cream.code, "ハイドロセラ"),
                                                      ([cushion], 1, cushion.code, "クッション")],
                           status="A99", received_at=datetime(2022, 11, 8, 2))
    foreign = add_shipment(other_seller, "K2211070200009", [([], 1, "X", "他社")])
    return {"first": first, "second": second, "shipped": shipped, "foreign": foreign}
