"""Dashboard tile of 상품정보관리 (상품담당): stock lines at or under the seller's 재고부족 threshold."""
from flask import url_for
from flask_babel import gettext as _

from models import Product
from models.product import ProductOption
from portal.extensions import db
from portal.plugins import Widget

from .services.stock import settings_for


def low_stock_tile(user):
    if not user.has_duty("products"):
        return None
    settings = settings_for(user.tenant)
    if not settings.low_stock_enabled:
        return Widget(_("재고 부족"), count=0, lines=[_("재고부족 알림이 꺼져 있습니다.")],
                      link=url_for("products.stock"))
    limit, tenant_id = settings.low_stock_threshold, user.tenant_id
    live = (Product.tenant_id == tenant_id, Product.deleted_at.is_(None))
    with_options = db.session.query(ProductOption.product_id).filter(ProductOption.tenant_id == tenant_id)
    single = db.session.query(Product.id).filter(*live, Product.stock <= limit, ~Product.id.in_(with_options)).count()
    options = (db.session.query(ProductOption.id).join(Product, Product.id == ProductOption.product_id)
               .filter(*live, ProductOption.tenant_id == tenant_id, ProductOption.stock <= limit).count())
    count = single + options
    return Widget(_("재고 부족"), count=count, level="warning" if count else "info",
                  lines=[_("기준 %(limit)d개 이하", limit=limit)], link=url_for("products.stock", low="1"))



