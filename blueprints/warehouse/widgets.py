"""창고관리's dashboard notice: how many warehouse items are at or below their 재고부족 threshold."""
from flask import url_for
from flask_babel import gettext as _

from models import WarehouseItem
from models.warehouse import ITEM_ACTIVE
from portal.plugins import Widget
from portal.tenancy import tenant_query


def low_stock_widget(user) -> Widget | None:
    tenant = user.tenant
    if tenant is None or not tenant.warehouse_enabled or not user.has_duty(("logistics",)):
        return None
    count = (tenant_query(WarehouseItem, tenant)
             .filter(WarehouseItem.status == ITEM_ACTIVE, WarehouseItem.low_threshold.isnot(None),
                     WarehouseItem.available <= WarehouseItem.low_threshold).count())
    if not count:
        return None
    return Widget(title=_("창고 재고부족"), lines=[_("재고부족 상품이 %(n)d개 있습니다.", n=count)],
                  level="warning", link=url_for("warehouse.stock", low=1))
