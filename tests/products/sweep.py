"""Ids of 상품정보관리 rows for the URL-map sweep."""
from models import Product
from portal.extensions import db


def owned_args(tenant) -> dict:
    product = Product(tenant_id=tenant.id, name="스윕 상품")
    db.session.add(product)
    db.session.commit()
    return {"product_id": product.id}
