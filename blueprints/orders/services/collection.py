"""주문서 / 취소·반품·교환 가져오기: starting collections, the per-account lock, collection status, 자동수집."""
from datetime import datetime, timedelta

from flask import current_app, g, has_app_context
from flask_babel import gettext as _
from sqlalchemy import or_, update

from models import ChannelAccount, ChannelSync, CollectStatus
from models.base import utcnow
from portal.extensions import db
from portal.marketplaces import discover_adapters
from portal.queues import COLLECT_QUEUE, enqueue
from portal.signals import run_abandoned
from portal.tenancy import tenant_query
from portal.i18n import N_

from . import RuleViolation, day_range, today_kst, utc_bounds

ORDER_ITEMS = {"new": N_("신규주문"), "delivered": N_("배송완료")}
CLAIM_ITEMS = {"cancel_requested": N_("취소요청"), "canceled": N_("취소완료"), "exchange_requested": N_("교환요청"),
               "return_requested": N_("반품요청")}
MAX_DAYS = 30
# Yesterday and today (KST): a collection just after midnight still sees the last evening's orders.
DEFAULT_DAYS = 2
LOCK_SECONDS = 120          # a lease, renewed while the job works; a killed worker's lock runs out
AUTO_EVERY = timedelta(minutes=15)
AUTO_OVERLAP = timedelta(minutes=10)   # re-read the edge of the last window: late rows are not missed
AUTO_FIRST = timedelta(days=1)


def channel_name(code: str) -> str:
    """Display name of a channel; adapters are discovered once per app context (a list calls this per row)."""
    names = g.get("_channel_names") if has_app_context() else None
    if names is None:
        names = {c: cls.display_name for c, cls in discover_adapters().items()}
        if has_app_context():
            g._channel_names = names
    return names.get(code, code)


def accounts_of(tenant, active_only: bool = False) -> list[ChannelAccount]:
    query = tenant_query(ChannelAccount, tenant).order_by(ChannelAccount.channel, ChannelAccount.id)
    if active_only:
        query = query.filter(ChannelAccount.status == "active")
    return query.all()


def chosen_accounts(tenant, account_ids) -> list[ChannelAccount]:
    ids = sorted({int(i) for i in account_ids or [] if str(i).isdigit()})
    if not ids:
        raise RuleViolation(_("제휴몰을 선택해 주세요."))
    accounts = tenant_query(ChannelAccount, tenant).filter(ChannelAccount.id.in_(ids)).all()
    if len(accounts) != len(ids):
        raise RuleViolation(_("선택한 제휴몰 계정을 찾을 수 없습니다."))
    paused = [a.alias for a in accounts if a.status != "active"]
    if paused:
        raise RuleViolation(_("사용중지된 계정은 수집할 수 없습니다: %(join)s", join=', '.join(paused)))
    return accounts


def default_days() -> tuple[str, str]:
    """The 주문서 가져오기 form's preset period, as ISO dates."""
    today = today_kst()
    return (today - timedelta(days=DEFAULT_DAYS - 1)).isoformat(), today.isoformat()


def start_collection(tenant, user, form, job, *, claims: bool = False) -> list:
    """One `job` (the caller's collection job) per chosen channel account; returns the JobRuns."""
    labels = CLAIM_ITEMS if claims else ORDER_ITEMS
    items = [i for i in form.getlist("items") if i in labels]
    accounts = chosen_accounts(tenant, form.getlist("account_ids"))
    if not items:
        raise RuleViolation(_("수집할 항목을 선택해 주세요."))
    start, end = day_range(form, default_days=DEFAULT_DAYS, max_days=MAX_DAYS)
    since, until = utc_bounds(start, end)
    what = _("취소/반품/교환 수집") if claims else _("주문서 수집")
    return [enqueue(job, kind=_("%(what)s (%(channel)s %(alias)s)", what=what, channel=channel_name(a.channel),
                                alias=a.alias), queue="channel",
                    tenant_id=tenant.id, user_id=user.id, account_id=a.id, since=since.isoformat(),
                    until=until.isoformat(), items=items) for a in accounts]


# --- the lock: one collection per channel account at a time ------------------------------------

def _sync_row(tenant_id: int, account_id: int) -> ChannelSync:
    row = db.session.query(ChannelSync).filter_by(account_id=account_id).one_or_none()
    if row is None:
        from .store import _insert

        db.session.execute(_insert(ChannelSync).on_conflict_do_nothing(index_elements=["account_id"]),
                           [{"tenant_id": tenant_id, "account_id": account_id}])
        db.session.commit()
        row = db.session.query(ChannelSync).filter_by(account_id=account_id).one()
    return row


def lock_seconds() -> int:
    return current_app.config.get("ORDERS_LOCK_SECONDS", LOCK_SECONDS)


def acquire_lock(tenant_id: int, account_id: int, run_id: int) -> bool:
    """Atomic compare-and-set on the lease: true for exactly one run at a time."""
    _sync_row(tenant_id, account_id)
    now = utcnow()
    seconds = lock_seconds()
    taken = db.session.execute(
        update(ChannelSync).where(ChannelSync.account_id == account_id,
                                  or_(ChannelSync.locked_until.is_(None), ChannelSync.locked_until < now,
                                      ChannelSync.locked_by == run_id))
        .values(locked_until=now + timedelta(seconds=seconds), locked_by=run_id)).rowcount
    db.session.commit()
    return taken == 1


def renew_lock(account_id: int, run_id: int) -> None:
    seconds = lock_seconds()
    db.session.execute(update(ChannelSync).where(ChannelSync.account_id == account_id,
                                                 ChannelSync.locked_by == run_id)
                       .values(locked_until=utcnow() + timedelta(seconds=seconds)))
    db.session.commit()


@run_abandoned.connect
def _release_locks_of(sender, run_id: int, **_kw) -> None:
    """A run whose worker died lets go of every account lease it held, at once."""
    db.session.execute(update(ChannelSync).where(ChannelSync.locked_by == run_id)
                       .values(locked_until=None, locked_by=None))
    db.session.commit()


def release_lock(account_id: int, run_id: int) -> None:
    db.session.rollback()
    db.session.execute(update(ChannelSync).where(ChannelSync.account_id == account_id,
                                                 ChannelSync.locked_by == run_id)
                       .values(locked_until=None, locked_by=None))
    db.session.commit()


def mark_synced(account_id: int, until: datetime, claims: bool) -> None:
    row = db.session.query(ChannelSync).filter_by(account_id=account_id).one()
    if claims:
        row.claims_until = max(filter(None, [row.claims_until, until]))
    else:
        row.orders_until = max(filter(None, [row.orders_until, until]))
    db.session.commit()


def record_status(tenant_id: int, account_id: int, item: str, ok: bool, message: str) -> None:
    row = db.session.query(CollectStatus).filter_by(account_id=account_id, item=item).one_or_none()
    if row is None:
        row = CollectStatus(tenant_id=tenant_id, account_id=account_id, item=item)
        db.session.add(row)
    row.last_at, row.ok, row.message = utcnow(), ok, message[:500]
    db.session.commit()


def status_table(tenant, claims: bool = False) -> list[tuple[ChannelAccount, dict]]:
    """Rows of the 수집상태 table: each account with {item: CollectStatus}."""
    labels = CLAIM_ITEMS if claims else ORDER_ITEMS
    rows = tenant_query(CollectStatus, tenant).filter(CollectStatus.item.in_(list(labels))).all()
    by_account: dict[int, dict] = {}
    for row in rows:
        by_account.setdefault(row.account_id, {})[row.item] = row
    return [(a, by_account.get(a.id, {})) for a in accounts_of(tenant)]


# --- 자동수집: every 15 minutes, one job per active account --------------------------------------

def enqueue_auto_collections(app, job) -> int:
    """Schedule body: a `job` (자동수집) per active account; the per-account lock keeps runs from overlapping."""
    accounts = db.session.query(ChannelAccount).filter(ChannelAccount.status == "active").all()
    for account in accounts:
        enqueue(job, kind=_("주문 자동수집 (%(channel_name)s %(alias)s)",
                            channel_name=channel_name(account.channel), alias=account.alias),
                queue=COLLECT_QUEUE, tenant_id=account.tenant_id, account_id=account.id)
    return len(accounts)


def auto_window(account_id: int, claims: bool) -> tuple[datetime, datetime]:
    row = db.session.query(ChannelSync).filter_by(account_id=account_id).one_or_none()
    last = row and (row.claims_until if claims else row.orders_until)
    until = utcnow()
    since = (last - AUTO_OVERLAP) if last else until - AUTO_FIRST
    return since, until

