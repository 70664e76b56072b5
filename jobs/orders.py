"""주문서 가져오기 jobs: collecting one channel account's orders (manual and every 15 minutes)."""
import time
from datetime import datetime

from flask_babel import gettext as _

from blueprints.orders.services import aware_utc
from blueprints.orders.services import collection as col
from blueprints.orders.services.notify import notifier
from blueprints.fulfilment.learning import learn_from_order_lines
from blueprints.orders.services.stock_link import announce
from blueprints.orders.services.store import StoreResult, store_orders
from portal.marketplaces import ChannelError, discover_adapters, split_windows

from .orders_common import account_of, adapter_for, label_of


def collect_orders(progress, tenant_id: int, account_id: int, since: str, until: str, items: list[str]) -> None:
    """수동 주문수집 of one account for [since, until) (naive UTC ISO strings)."""
    account = account_of(tenant_id, account_id)
    if not col.acquire_lock(tenant_id, account_id, progress.id):
        progress.log(_("%(label_of)s 계정은 다른 수집 작업이 진행 중입니다. 끝난 뒤 다시 수집해 주세요.",
                       label_of=label_of(account)), "fail")
        return
    try:
        progress.log(_("주문 수집을 시작합니다."))
        run_collection(progress, account, datetime.fromisoformat(since), datetime.fromisoformat(until), items)
        progress.log(_("주문 수집을 종료합니다."))
    finally:
        col.release_lock(account_id, progress.id)


def auto_collect(progress, tenant_id: int, account_id: int) -> None:
    """자동수집: orders and claims since the last run (minus an overlap), under the same lock."""
    from .claims import run_claim_collection

    account = account_of(tenant_id, account_id)
    if not col.acquire_lock(tenant_id, account_id, progress.id):
        progress.log(_("%(label_of)s 계정은 이미 수집 중이라 이번 자동수집은 건너뜁니다.", label_of=label_of(account)))
        return
    try:
        since, until = col.auto_window(account_id, claims=False)
        if run_collection(progress, account, since, until, list(col.ORDER_ITEMS)):
            col.mark_synced(account_id, until, claims=False)
        since, until = col.auto_window(account_id, claims=True)
        if _claims_listed(progress, account) and run_claim_collection(
                progress, account, since, until, list(col.CLAIM_ITEMS)):
            col.mark_synced(account_id, until, claims=True)
    finally:
        col.release_lock(account_id, progress.id)


def _claims_listed(progress, account) -> bool:
    """Whether the channel lists claims at all (라쿠텐 and Amazon do not): else say so and skip."""
    cls = discover_adapters().get(account.channel)
    if cls is None or "fetch_claims" in cls.capabilities():
        return True
    progress.log(_("%(channel)s은(는) 취소/반품/교환 목록을 API로 제공하지 않아 수집하지 않습니다.",
                   channel=cls.display_name))
    return False


def run_collection(progress, account, since: datetime, until: datetime, items: list[str]) -> bool:
    """Fetch, store, report per item; true when the channel answered.

    The period is read one channel window at a time and each window is stored before the next is
    asked for: storing then happens while the channel's rate limit refills, so a long collection
    takes about as long as its calls are allowed to, not that plus the time to store everything.
    """
    label = label_of(account)
    adapter = adapter_for(progress, account)
    lease = _Lease(account.id, progress.id)
    result, seen, received = StoreResult(), set(), [0, 0]
    try:
        for start, end in split_windows(aware_utc(since), aware_utc(until), adapter.max_order_window):
            # Windows overlap a little at their edges; an order already stored in this run is skipped.
            orders = [o for o in adapter.fetch_orders(start, end) if o.channel_order_id not in seen]
            seen.update(o.channel_order_id for o in orders)
            received[0] += len(orders)
            received[1] += sum(len(o.lines) for o in orders)
            _store_window(account, orders, items, progress.id, lease, result)
    except ChannelError as exc:
        for item in items:
            col.record_status(account.tenant_id, account.id, item, False, exc.message_ko)
        progress.step(_("%(label)s %(join)s 주문 수집을 실패하였습니다: %(message_ko)s",
                        label=label, join='/'.join((col.ORDER_ITEMS[i] for i in items)), message_ko=exc.message_ko), ok=False)
        return False
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
    return True


def _store_window(account, orders, items, run_id, lease, result) -> None:
    """Store one window's orders (their stock moves with them) and announce the products touched."""
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


class _Lease:
    """Keeps the account's collection lock: renewed once a quarter of the lease has gone, not per batch
    (each renewal is a commit)."""

    def __init__(self, account_id: int, run_id: int):
        self.account_id, self.run_id, self.renewed = account_id, run_id, time.monotonic()

    def renew(self) -> None:
        if time.monotonic() - self.renewed >= col.lock_seconds() / 4:
            col.renew_lock(self.account_id, self.run_id)
            self.renewed = time.monotonic()


def demo_collect(progress, tenant_id: int, account_id: int) -> None:
    """데모 주문 준비: the sandbox sells the demo catalogue, adds a return and an exchange; 3 days are collected."""
    from datetime import timedelta

    from blueprints.orders.services.demo_claims import prepare_sandbox_sales
    from models.base import utcnow

    from .claims import collect_claims

    account = account_of(tenant_id, account_id)
    made = prepare_sandbox_sales(account)
    if made:
        progress.log(_("샌드박스에 데모 주문을 만들었습니다: %(join)s", join=', '.join(made)))
    until, since = utcnow() + timedelta(minutes=5), utcnow() - timedelta(days=3)
    collect_orders(progress, tenant_id, account_id, since.isoformat(), until.isoformat(), list(col.ORDER_ITEMS))
    if not _claims_listed(progress, account):
        return
    collect_claims(progress, tenant_id, account_id, since.isoformat(), until.isoformat(), list(col.CLAIM_ITEMS))
