"""창고관리's dashboard tile: warehouse items at or below their own 재고부족 threshold."""
from flask import url_for
from flask_babel import gettext as _

from models import WarehouseItem
from models.warehouse import ITEM_ACTIVE
from portal.plugins import Widget
from portal.tenancy import tenant_query


def low_stock_widget(user) -> Widget | None:
    """The count 재고관리's 재고부족상품보기 lists, and the link opening it (물류담당, menu turned on)."""
    tenant = user.tenant
    if tenant is None or not tenant.warehouse_enabled or not user.has_duty(("logistics",)):
        return None
    count = (tenant_query(WarehouseItem, tenant)
             .filter(WarehouseItem.status == ITEM_ACTIVE, WarehouseItem.low_threshold.isnot(None),
                     WarehouseItem.available <= WarehouseItem.low_threshold).count())
    return Widget(title=_("창고 재고부족"), count=count, level="warning" if count else "info",
                  lines=[_("상품별 기준 개수 이하")], link=url_for("warehouse.stock", low=1))
