"""Dashboard charts of 통계관리 (회계담당, 영업담당): daily sales of the last 7 and 30 days beside the period before."""
from flask import url_for
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from portal.plugins import Widget

from . import services
from .periods import period_from
from .rollups import rollup_facts


def sales_charts(user):
    if not user.has_duty(("accounting", "sales")):
        return None
    out, month = [], period_from(MultiDict({"period": "30d"}))
    loaded = rollup_facts(user.tenant_id, month, products=False, by_day=True)  # read once for both charts
    for preset, days in (("7d", 7), ("30d", 30)):
        rep = services.report(user.tenant, "by_period", period_from(MultiDict({"period": preset})),
                              services.Filters(), MultiDict({"unit": "day"}), loaded)
        t = rep.total
        line = _("매출액 %(sales)s원 · 순매출 %(net)s원 · 이전 %(days)d일 매출액 %(before)s원",
                 sales=format(t.now.sales, ","), net=format(t.now.net, ","), days=days,
                 before=format(t.before.sales, ","))
        out.append(Widget(_("최근 %(days)d일 매출", days=days), lines=[line], chart=services.chart_data(rep, limit=days),
                          link=url_for("statistics.by_period", period=preset)))
    return out
