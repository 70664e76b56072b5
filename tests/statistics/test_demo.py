"""Demo data: 90 days of sales history, so every statistics page and the dashboard chart have figures."""
from datetime import timedelta

from werkzeug.datastructures import MultiDict

from blueprints.statistics import services
from blueprints.statistics.periods import Period, today_kst
from models import ChannelAccount, ChannelOrder, ManualOrder, Product
from portal.extensions import db

from .test_totals import PAGES, recompute, totals


def test_demo_history_spans_90_days_on_every_page(app, seller):
    db.session.add_all([ChannelAccount(tenant_id=seller.id, channel="gmarket", alias="G마켓 본점", status="active"),
                        ChannelAccount(tenant_id=seller.id, channel="hmall", alias="현대몰", status="active")])
    db.session.add_all([Product(tenant_id=seller.id, name=f"데모상품{i}", own_code=f"DEMO{i:02d}", rep_price=12000 * i,
                                category_code="01010101", category_path="패션의류 > 여성의류 > 원피스 > 미니원피스")
                        for i in range(1, 5)])
    db.session.commit()
    app.extensions["menus"]["statistics"].demo_data(seller)
    period = Period("custom", today_kst() - timedelta(days=89), today_kst())
    days = services.report(seller, "by_period", period, services.Filters(), MultiDict())
    assert sum(1 for r in days.rows if r.now.sales) >= 85
    assert totals(days.total) == recompute(seller, period.start, period.end)
    assert days.total.now.refunds > 0 and db.session.query(ManualOrder).count() > 20
    for page in PAGES:
        assert services.report(seller, page, period, services.Filters(), MultiDict()).rows, page
    count = db.session.query(ChannelOrder).count()
    app.extensions["menus"]["statistics"].demo_data(seller)
    assert db.session.query(ChannelOrder).count() == count
