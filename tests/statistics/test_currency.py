"""A collected order of a yen channel (라쿠텐, Qoo10 JP, Amazon JP) is kept and counted in yen, never as won."""
from datetime import UTC, datetime, timedelta

from werkzeug.datastructures import MultiDict

from blueprints.orders.services.store import store_orders
from blueprints.statistics import services
from blueprints.statistics.periods import Period, today_kst
from models import ChannelAccount, ChannelOrder
from portal.channel_types import Order, OrderLine, OrderStatus
from portal.extensions import db


def collected(account, number, amount):
    at = datetime.now(UTC) - timedelta(minutes=5)
    line = OrderLine(channel=account.channel, account_key="k", channel_order_id=number, channel_line_id="1",
                     product_name="상품", quantity=2, unit_price=amount // 2, amount=amount, status=OrderStatus.NEW)
    return Order(channel=account.channel, account_key="k", channel_order_id=number, ordered_at=at,
                 recipient_name="수령인", address="서울특별시 강남구 역삼로 1", total_amount=amount, lines=[line])


def test_a_collected_yen_order_is_a_yen_figure_not_won(seller):
    rakuten = ChannelAccount(tenant_id=seller.id, channel="rakuten", alias="라쿠텐", status="active")
    local = ChannelAccount(tenant_id=seller.id, channel="sandbox", alias="국내", status="active")
    db.session.add_all([rakuten, local])
    db.session.commit()
    store_orders(seller.id, rakuten, [collected(rakuten, "R-1", 3960)])
    store_orders(seller.id, local, [collected(local, "K-1", 20000)])
    kept = {o.channel_order_id: o.currency for o in db.session.query(ChannelOrder).filter_by(tenant_id=seller.id)}
    assert kept == {"R-1": "JPY", "K-1": "KRW"}
    period = Period("custom", today_kst() - timedelta(days=1), today_kst() + timedelta(days=1))
    rep = services.report(seller, "by_channel", period, services.Filters(), MultiDict())
    assert rep.total.now.sales == 20000  # 매출액 in won only
    assert rep.total.now.foreign_text == "JPY 3,960"
    rows = {r.key: r for r in rep.rows}
    assert rows[str(rakuten.id)].now.sales == 0 and rows[str(rakuten.id)].now.foreign_text == "JPY 3,960"
