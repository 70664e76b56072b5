"""Ids of 주문관리 rows for the URL-map sweep: an order line and a claim of seller A."""
from models import ChannelAccount, ChannelOrder, ChannelOrderLine, OrderClaim
from models.base import utcnow
from portal.extensions import db


def owned_args(tenant) -> dict:
    account = ChannelAccount(tenant_id=tenant.id, channel="sandbox", alias="주문스윕", settings_json="{}",
                             secrets_json="{}", hints_json="{}")
    db.session.add(account)
    db.session.flush()
    order = ChannelOrder(tenant_id=tenant.id, account_id=account.id, channel="sandbox", channel_order_id="S-1",
                         ordered_at=utcnow(), recipient_name="홍길동", recipient_phone="010-1234-5678",
                         address="서울특별시 중구 세종대로 110", zip_code="04524")
    db.session.add(order)
    db.session.flush()
    line = ChannelOrderLine(tenant_id=tenant.id, order_id=order.id, account_id=account.id, channel="sandbox",
                            channel_order_id="S-1", channel_line_id="L-1", ordered_at=utcnow(),
                            product_name="스윕 상품", status="NEW")
    db.session.add(line)
    db.session.flush()
    claim = OrderClaim(tenant_id=tenant.id, account_id=account.id, channel="sandbox", channel_claim_id="C-1",
                       kind="RETURN", status="RETURN_REQUESTED", channel_order_id="S-1", channel_line_id="L-1",
                       line_id=line.id)
    db.session.add(claim)
    db.session.commit()
    return {"line_id": line.id, "claim_id": claim.id}
