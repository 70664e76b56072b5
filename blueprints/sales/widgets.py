"""Dashboard tile of 판매상품관리: listings whose link to the channel failed (연동실패)."""
from flask import url_for
from flask_babel import gettext as _

from models import Listing
from models.listing import FAILED
from portal.plugins import Widget
from portal.tenancy import tenant_query


def failed_links_tile(user):
    if not user.has_duty(("products", "sales")):
        return None
    count = tenant_query(Listing, user.tenant).filter(Listing.status == FAILED).count()
    return Widget(_("연동실패 상품"), count=count, level="warning" if count else "info",
                  link=url_for("sales.search", status=FAILED))
