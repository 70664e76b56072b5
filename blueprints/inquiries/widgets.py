"""문의관리 dashboard notices: unanswered questions (and those past the deadline) and new 긴급알리미."""
from flask import url_for

from models import ChannelNotice
from portal.plugins import Widget
from portal.tenancy import tenant_query


def open_inquiries_widget(user):
    if user.tenant is None or not user.has_duty(("inquiries",)):
        return None
    from .services.answers import open_counts

    total, late = open_counts(user.tenant)
    if not total:
        return None
    lines = [f"미답변 문의 {total}건"] + ([f"답변기한이 지난 문의 {late}건"] if late else [])
    return Widget("미답변 문의", lines, "warning" if late else "info", url_for("inquiries.answer", state="unanswered", days=365))


def urgent_notices_widget(user):
    if user.tenant is None or not user.has_duty(("inquiries",)):
        return None
    rows = (tenant_query(ChannelNotice, user.tenant).filter(ChannelNotice.kind == "urgent",
                                                            ChannelNotice.state != "done")
            .order_by(ChannelNotice.posted_at.desc()).limit(3).all())
    if not rows:
        return None
    return Widget("긴급알리미", [r.title for r in rows], "warning", url_for("inquiries.emergency"))
