"""Ids of 상품정보관리 rows for the URL-map sweep: a product and one of its stored images."""
from flask import current_app

from blueprints.products.services import images
from models import Product
from portal.extensions import db


def owned_args(tenant) -> dict:
    product = Product(tenant_id=tenant.id, name="스윕 상품")
    db.session.add(product)
    db.session.commit()
    with current_app.test_request_context():
        from .conftest import jpeg

        buf, filename = jpeg()
        from werkzeug.datastructures import FileStorage

        name = images.store(tenant.id, FileStorage(buf, filename))
    product.main_image = name
    db.session.commit()
    return {"product_id": product.id, "image_name": name}
