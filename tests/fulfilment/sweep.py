"""Ids of 배송관리 rows for the URL-map sweep: one manual order of seller A naming its product."""
from models import ManualOrder, ManualOrderLine, Product
from portal.extensions import db


def owned_args(tenant) -> dict:
    product = Product(tenant_id=tenant.id, own_code="SKU-1", name="스윕 상품", code=f"2026120199{tenant.id:05d}")
    db.session.add(product)
    db.session.flush()
    order = ManualOrder(tenant_id=tenant.id, platform="스윕몰", order_no="M-1", recipient_name="홍길동",
                        recipient_phone="010-1234-5678", zip_code="04524", address="서울특별시 중구 세종대로 110")
    order.lines = [ManualOrderLine(tenant_id=tenant.id, sku="SKU-1", quantity=1, product_id=product.id)]
    db.session.add(order)
    db.session.commit()
    return {"manual_id": order.id}
