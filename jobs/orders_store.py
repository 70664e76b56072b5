"""A collection's storing and telling: each window's orders stored, the account lease kept, the outcome reported."""
import time

from flask_babel import gettext as _

from .orders_common import label_of

# The order services are imported where they are used: they import the menu, whose package imports the jobs.


def report_collection(progress, account, items: list[str], result, received: list[int]) -> None:
    """What a finished collection tells: orders received, per item 성공 with its counts, 신규주문 알림."""
    from blueprints.orders.services import collection as col
    from blueprints.orders.services.notify import notifier

    label = label_of(account)
    progress.set_total(len(items))
    progress.log(_("%(label)s에서 주문 %(value)s건(상품 %(value2)s개)을 받았습니다.",
                   label=label, value=received[0], value2=received[1]))
    if "new" in items:
        message = _("신규주문 %(inserted)s건, 이미 등록된 주문 %(already)s건",
                    inserted=result.inserted, already=result.already)
        col.record_status(account.tenant_id, account.id, "new", True, message)
        progress.step(_("%(label)s 신규주문 주문 수집을 성공하였습니다. (%(message)s)",
                        label=label, message=message))
        if result.inserted:
            for said in notifier().new_orders(account.tenant_id, label, result.inserted):
                progress.log(_("신규주문 알림: %(said)s", said=said))
    if "delivered" in items:
        message = _("배송완료 %(delivered)s건", delivered=result.delivered)
        col.record_status(account.tenant_id, account.id, "delivered", True, message)
        progress.step(_("%(label)s 배송완료 주문 수집을 성공하였습니다. (%(message)s)",
                        label=label, message=message))


def store_window(account, orders, items, run_id, lease, result) -> None:
    """Store one window's orders (their stock moves with them) and announce the products touched."""
    from blueprints.fulfilment.learning import learn_from_order_lines
    from blueprints.orders.services.stock_link import announce
    from blueprints.orders.services.store import store_orders

    lease.renew()
    if not orders:
        return
    touched_before, new_before = set(result.touched), len(result.new_line_ids)
    store_orders(account.tenant_id, account, orders, take_new="new" in items,
                 take_delivered="delivered" in items, run_id=run_id, heartbeat=lambda done, count: lease.renew(),
                 result=result)
    announce(account.tenant_id, result.touched - touched_before)
    # the matched lines' channel codes go to the SKU mapping table (수기주문 uploads then know them)
    learn_from_order_lines(account.tenant_id, result.new_line_ids[new_before:])


class Lease:
    """Keeps the account's collection lock: renewed once a quarter of the lease has gone, not per batch
    (each renewal is a commit)."""

    def __init__(self, account_id: int, run_id: int):
        self.account_id, self.run_id, self.renewed = account_id, run_id, time.monotonic()

    def renew(self) -> None:
        from blueprints.orders.services import collection as col

        if time.monotonic() - self.renewed >= col.lock_seconds() / 4:
            col.renew_lock(self.account_id, self.run_id)
            self.renewed = time.monotonic()
