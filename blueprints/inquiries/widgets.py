"""문의관리 on the dashboard: unanswered questions and those past the deadline as tiles, new 긴급알리미 as a notice."""
from flask import url_for
from flask_babel import gettext as _

from models import ChannelNotice
from portal.plugins import Widget
from portal.tenancy import tenant_query


def open_inquiries_widget(user):
    """Two tiles: every open question (any period) and, of those, the ones past their channel's deadline."""
    if user.tenant is None or not user.has_duty(("inquiries",)):
        return None
    from .services.answers import open_counts

    total, late = open_counts(user.tenant)
    return [Widget(_("미답변 문의"), count=total, level="warning" if total else "info",
                   link=url_for("inquiries.answer", state="unanswered", days=365)),
            Widget(_("답변기한 초과 문의"), count=late, level="warning" if late else "info",
                   link=url_for("inquiries.answer", late=1, days=365))]


def urgent_notices_widget(user):
    if user.tenant is None or not user.has_duty(("inquiries",)):
        return None
    rows = (tenant_query(ChannelNotice, user.tenant).filter(ChannelNotice.kind == "urgent",
                                                            ChannelNotice.state != "done")
            .order_by(ChannelNotice.posted_at.desc()).limit(3).all())
    if not rows:
        return None
    return Widget(_("긴급알리미"), [r.title for r in rows], "warning", url_for("inquiries.emergency"))
