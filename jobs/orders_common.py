"""Helpers every order job shares: the logged adapter, DTOs from stored lines, events, reading state back."""
from datetime import timedelta

from models import ChannelAccount, ChannelOrderLine, OrderEvent
from models.base import utcnow
from portal.extensions import db
from portal.marketplaces import OrderLine, OrderStatus

from .channels import job_http

READBACK_MARGIN = timedelta(hours=1)
READBACK_MAX = timedelta(days=30)


def adapter_for(progress, account: ChannelAccount):
    """The account's adapter; every HTTP call goes into this job's 연동이력, never a secret."""
    from blueprints.account.channel_services import build_adapter_for

    return build_adapter_for(account, http=job_http(progress))


def account_of(tenant_id: int, account_id: int) -> ChannelAccount:
    return db.session.query(ChannelAccount).filter_by(tenant_id=tenant_id, id=account_id).one()


def label_of(account: ChannelAccount) -> str:
    from blueprints.orders.services.collection import channel_name

    return f"{channel_name(account.channel)}({account.alias})"


def dto(line: ChannelOrderLine) -> OrderLine:
    return OrderLine(channel=line.channel, account_key=f"{line.channel}:{line.account_id}",
                     channel_order_id=line.channel_order_id, channel_line_id=line.channel_line_id,
                     product_name=line.product_name, quantity=line.quantity, unit_price=line.unit_price,
                     amount=line.amount, status=OrderStatus.__members__.get(line.status, OrderStatus.UNKNOWN),
                     raw_status=line.raw_status,
                     option_name=line.option_name, channel_product_id=line.channel_product_id,
                     origin_product_id=line.origin_product_id,
                     channel_item_id=line.channel_item_id, seller_code=line.seller_code,
                     ship_unit_id=line.ship_unit_id, courier_code=line.courier_code,
                     tracking_number=line.tracking_number)


def line_ref(line: ChannelOrderLine) -> str:
    """How the manuals name a line in the progress window: 주문번호[라인]."""
    return f"{line.channel_order_id}[{line.channel_line_id}]"


def event(line: ChannelOrderLine, kind: str, message: str, ok: bool = True, run_id=None, user_id=None,
          invoice: bool = False) -> None:
    db.session.add(OrderEvent(tenant_id=line.tenant_id, line_id=line.id, kind=kind, message=message[:500],
                              ok=ok, run_id=run_id, user_id=user_id, is_invoice=invoice))


def read_back(adapter, lines: list[ChannelOrderLine]) -> dict[tuple[str, str], OrderLine]:
    """The channel's current view of these lines (after a lost answer), keyed by (order id, line id)."""
    oldest = min((x.ordered_at for x in lines if x.ordered_at), default=utcnow())
    since = max(oldest - READBACK_MARGIN, utcnow() - READBACK_MAX)
    until = utcnow() + timedelta(minutes=5)
    from blueprints.orders.services import aware_utc

    wanted = {(x.channel_order_id, x.channel_line_id) for x in lines}
    found = {}
    for order in adapter.fetch_orders(aware_utc(since), aware_utc(until)):
        for line in order.lines:
            key = (line.channel_order_id, line.channel_line_id)
            if key in wanted:
                found[key] = line
    return found
