"""자동수집 of orders from a channel that allows its order list only every few seconds: one call a part."""
from datetime import datetime

from flask_babel import gettext as _

from blueprints.orders.services import aware_utc
from blueprints.orders.services import collection as col
from blueprints.orders.services.store import StoreResult
from portal.marketplaces import ChannelError

from .orders_store import Lease, report_collection, store_window
from .orders_common import label_of


def collect_part(progress, account, adapter, paging: dict, items: list[str]) -> float | None:
    """Read and store the order-list call the channel allows now (ESM: one in 5 seconds), keeping the run's
    counts and where it stands in `paging` (what the continuation receives). Returns the seconds to wait
    before the next part, or None once the period is read or the channel refused (paging["ok"] says
    which; either is reported as run_collection reports it). Storing a page again changes nothing."""
    since = aware_utc(datetime.fromisoformat(paging["since"]))
    until = aware_utc(datetime.fromisoformat(paging["until"]))
    counts = paging.setdefault("counts", {"orders": 0, "lines": 0, "inserted": 0, "already": 0, "delivered": 0,
                                          "calls": 0})
    try:
        orders, following, wait = adapter.fetch_orders_page(since, until, paging.get("cursor"))
    except ChannelError as exc:
        for item in items:
            col.record_status(account.tenant_id, account.id, item, False, exc.message_ko)
        progress.step(_("%(label)s %(join)s 주문 수집을 실패하였습니다: %(message_ko)s", label=label_of(account),
                        join="/".join(col.ORDER_ITEMS[i] for i in items), message_ko=exc.message_ko), ok=False)
        paging["ok"] = False
        return None
    if orders is None:  # this seller's slot is not free yet (another job of the account just listed)
        return wait
    result = StoreResult()
    store_window(account, orders, items, progress.id, Lease(account.id, progress.id), result)
    counts["calls"] += 1
    counts["orders"] += len(orders)
    counts["lines"] += sum(len(o.lines) for o in orders)
    counts["inserted"] += result.inserted
    counts["already"] += result.already
    counts["delivered"] += result.delivered
    if following is not None:
        paging["cursor"] = following
        progress.log(_("%(label)s 주문조회 %(calls)s회: 지금까지 주문 %(orders)s건을 받았습니다. 주문조회는 "
                       "%(seconds)s초에 한 번만 허용되어 그 뒤에 이어서 조회합니다.", label=label_of(account),
                       calls=counts["calls"], orders=counts["orders"], seconds=f"{adapter.order_list_spacing:g}"))
        return adapter.order_list_spacing
    paging["ok"] = True
    total = StoreResult(inserted=counts["inserted"], already=counts["already"], delivered=counts["delivered"])
    report_collection(progress, account, items, total, [counts["orders"], counts["lines"]])
    return None
