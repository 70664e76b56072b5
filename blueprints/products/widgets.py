"""Dashboard tile of 상품정보관리 (상품담당): stock lines at or under the seller's 재고부족 threshold."""
from flask import url_for
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from portal.plugins import Widget

from .services import stock_lines
from .services.stock import settings_for


def low_stock_tile(user):
    """The count 재고관리's 재고부족상품보기 shows, and the link opening it."""
    if not user.has_duty("products"):
        return None
    settings = settings_for(user.tenant)
    if not settings.low_stock_enabled:
        return Widget(_("재고 부족"), count=0, lines=[_("재고부족 알림이 꺼져 있습니다.")],
                      link=url_for("products.stock"))
    count = stock_lines.count(user.tenant, MultiDict({"low": "1"}), settings)
    return Widget(_("재고 부족"), count=count, level="warning" if count else "info",
                  lines=[_("기준 %(limit)d개 이하", limit=settings.low_stock_threshold)],
                  link=url_for("products.stock", low="1"))
