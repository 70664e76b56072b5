"""주문서 가져오기 jobs: collecting one channel account's orders (manual and every 15 minutes)."""
from datetime import datetime

from flask_babel import gettext as _

from blueprints.orders.services import aware_utc
from blueprints.orders.services import collection as col
from blueprints.orders.services.store import StoreResult
from portal.marketplaces import ChannelError, discover_adapters, split_windows
from portal.queues import Refused

from .orders_common import account_of, adapter_for, label_of
from .orders_store import Lease, report_collection, store_window


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


def auto_collect(progress, tenant_id: int, account_id: int, paging: dict | None = None) -> None:
    """자동수집: orders and claims since the last run (minus an overlap), under the same lock.

    A channel that allows its order list only every few seconds (ESM) is read one call per part: the
    run carries on in the queue after the wait (`paging` holds where it stands), keeping its lease.
    """
    from .claims import run_claim_collection
    from .orders_paced import collect_part  # here: it imports the services that import this module

    account = account_of(tenant_id, account_id)
    if not col.acquire_lock(tenant_id, account_id, progress.id):
        if paging is not None:  # the lease ran out while this run waited, and another run took it
            raise Refused(_("%(label_of)s 계정의 수집을 다른 수집 작업이 이어받아 이 작업은 여기서 멈춥니다.",
                            label_of=label_of(account)))
        progress.log(_("%(label_of)s 계정은 이미 수집 중이라 이번 자동수집은 건너뜁니다.", label_of=label_of(account)))
        return
    waiting = False
    try:
        adapter = adapter_for(progress, account)
        if adapter.order_list_spacing:
            if paging is None:
                since, until = col.auto_window(account_id, claims=False)
                paging = {"since": since.isoformat(), "until": until.isoformat()}
            wait = collect_part(progress, account, adapter, paging, list(col.ORDER_ITEMS))
            if wait is not None:
                progress.continue_in(wait, tenant_id=tenant_id, account_id=account_id, paging=paging)
                waiting = True
                return
            if paging["ok"]:
                col.mark_synced(account_id, datetime.fromisoformat(paging["until"]), claims=False)
        else:
            since, until = col.auto_window(account_id, claims=False)
            if run_collection(progress, account, since, until, list(col.ORDER_ITEMS)):
                col.mark_synced(account_id, until, claims=False)
        since, until = col.auto_window(account_id, claims=True)
        if _claims_listed(progress, account) and run_claim_collection(
                progress, account, since, until, list(col.CLAIM_ITEMS)):
            col.mark_synced(account_id, until, claims=True)
    finally:
        if not waiting:
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
    lease = Lease(account.id, progress.id)
    result, seen, received = StoreResult(), set(), [0, 0]
    try:
        for start, end in split_windows(aware_utc(since), aware_utc(until), adapter.max_order_window):
            # Windows overlap a little at their edges; an order already stored in this run is skipped.
            orders = [o for o in adapter.fetch_orders(start, end) if o.channel_order_id not in seen]
            seen.update(o.channel_order_id for o in orders)
            received[0] += len(orders)
            received[1] += sum(len(o.lines) for o in orders)
            store_window(account, orders, items, progress.id, lease, result)
    except ChannelError as exc:
        for item in items:
            col.record_status(account.tenant_id, account.id, item, False, exc.message_ko)
        progress.step(_("%(label)s %(join)s 주문 수집을 실패하였습니다: %(message_ko)s",
                        label=label, join='/'.join((col.ORDER_ITEMS[i] for i in items)), message_ko=exc.message_ko), ok=False)
        return False
    report_collection(progress, account, items, result, received)
    return True


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
