"""상담내역 가져오기: starting collections, the per-account lease, storing inquiries and notices, the schedule."""
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import or_, select, update

from models import ChannelAccount, ChannelNotice, Inquiry, InquirySync
from models.base import utcnow
from models.inquiry import SAVED, SENT, UNANSWERED
from portal.i18n import N_
from portal.extensions import db
from portal.marketplaces import NotSupported, get_adapter_class
from portal.queues import COLLECT_QUEUE, enqueue
from portal.tenancy import tenant_query

from . import RuleViolation, accounts_of, channel_name, chosen_accounts, day_range, utc_bounds

MAX_DAYS = 30
DEFAULT_DAYS = 7
LOCK_SECONDS = 120
AUTO_EVERY = timedelta(minutes=15)
AUTO_OVERLAP = timedelta(minutes=30)
AUTO_FIRST = timedelta(days=7)
NOTICES_EVERY = timedelta(days=1)


def capability(account_or_channel) -> dict[str, str]:
    """Per capability the channel's own NotSupported reason, or '' when its adapter implements it."""
    code = getattr(account_or_channel, "channel", account_or_channel)
    try:
        cls = get_adapter_class(code)
    except NotSupported as exc:
        return dict.fromkeys(WHAT, exc.message_ko)
    caps, out = cls.capabilities(), {}
    for name, what in WHAT.items():
        out[name] = "" if name in caps else _reason(cls, name, what)
    return out


WHAT = {"fetch_inquiries": N_("문의 수집"), "answer_inquiry": N_("문의 답변"), "fetch_notices": N_("공지사항 수집")}


def _reason(cls, name: str, what: str) -> str:
    impl = getattr(cls, name)
    if getattr(impl, "__not_supported__", False):
        try:
            impl(None)
        except NotSupported as exc:
            return exc.message_ko
    return _("%(display_name)s은(는) %(what_ko)s 기능을 제공하지 않습니다.", display_name=cls.display_name,
             what_ko=_(what))


def default_days() -> tuple[str, str]:
    from . import today_kst

    today = today_kst()
    return (today - timedelta(days=DEFAULT_DAYS - 1)).isoformat(), today.isoformat()


def start_collection(tenant, user, form, job) -> list:
    """One job per chosen account; an account whose channel has no inquiry API is refused by name."""
    accounts = chosen_accounts(tenant, form.getlist("account_ids"))
    unsupported = [f"{channel_name(a.channel)}({a.alias}): {capability(a)['fetch_inquiries']}"
                   for a in accounts if capability(a)["fetch_inquiries"]]
    if unsupported:
        raise RuleViolation(_("문의 수집을 제공하지 않는 제휴몰이 있습니다. %(channels)s", channels=" / ".join(unsupported)))
    start, end = day_range(form, default_days=DEFAULT_DAYS, max_days=MAX_DAYS)
    since, until = utc_bounds(start, end)

    return [enqueue(job, kind=_("상담내역 가져오기 (%(channel_name)s %(alias)s)",
                                channel_name=channel_name(a.channel), alias=a.alias),
                    queue="channel", tenant_id=tenant.id, user_id=user.id, account_id=a.id,
                    since=since.isoformat(), until=until.isoformat()) for a in accounts]


def status_table(tenant) -> list[tuple[ChannelAccount, InquirySync | None, dict]]:
    rows = {r.account_id: r for r in tenant_query(InquirySync, tenant).all()}
    return [(a, rows.get(a.id), capability(a)) for a in accounts_of(tenant)]


# --- the lease: one inquiry collection per channel account at a time ----------------------------

def ensure_sync_row(tenant_id: int, account_id: int) -> InquirySync:
    row = db.session.query(InquirySync).filter_by(account_id=account_id).one_or_none()
    if row is None:
        from blueprints.orders.services.store import _insert

        db.session.execute(_insert(InquirySync).on_conflict_do_nothing(index_elements=["account_id"]),
                           [{"tenant_id": tenant_id, "account_id": account_id, "message": "",
                             "notices_message": ""}])
        db.session.commit()
        row = db.session.query(InquirySync).filter_by(account_id=account_id).one()
    return row


def lock_seconds() -> int:
    return current_app.config.get("INQUIRIES_LOCK_SECONDS", LOCK_SECONDS)


def acquire_lock(tenant_id: int, account_id: int, run_id: int) -> bool:
    """Atomic compare-and-set on the lease: true for exactly one run at a time."""
    ensure_sync_row(tenant_id, account_id)
    now = utcnow()
    taken = db.session.execute(
        update(InquirySync).where(InquirySync.account_id == account_id,
                                  or_(InquirySync.locked_until.is_(None), InquirySync.locked_until < now,
                                      InquirySync.locked_by == run_id))
        .values(locked_until=now + timedelta(seconds=lock_seconds()), locked_by=run_id)).rowcount
    db.session.commit()
    return taken == 1


def renew_lock(account_id: int, run_id: int) -> None:
    db.session.execute(update(InquirySync).where(InquirySync.account_id == account_id,
                                                 InquirySync.locked_by == run_id)
                       .values(locked_until=utcnow() + timedelta(seconds=lock_seconds())))
    db.session.commit()


def release_lock(account_id: int, run_id: int) -> None:
    db.session.rollback()
    db.session.execute(update(InquirySync).where(InquirySync.account_id == account_id,
                                                 InquirySync.locked_by == run_id)
                       .values(locked_until=None, locked_by=None))
    db.session.commit()


def record(account_id: int, ok: bool, message: str, *, until: datetime | None = None,
           notices: bool = False) -> None:
    row = db.session.query(InquirySync).filter_by(account_id=account_id).one()
    if notices:
        row.notices_at, row.notices_ok, row.notices_message = utcnow(), ok, message[:500]
    else:
        row.last_at, row.ok, row.message = utcnow(), ok, message[:500]
        if ok and until is not None:
            row.inquiries_until = max(filter(None, [row.inquiries_until, until]))
    db.session.commit()


def auto_window(account_id: int) -> tuple[datetime, datetime]:
    row = db.session.query(InquirySync).filter_by(account_id=account_id).one_or_none()
    until = utcnow()
    last = row.inquiries_until if row else None
    return ((last - AUTO_OVERLAP) if last else until - AUTO_FIRST), until


# --- storing: one row per (tenant, channel, channel inquiry id), edits and answer state picked up --

def store_inquiries(account: ChannelAccount, inquiries) -> tuple[int, int]:
    """Insert new questions, update known ones; returns (new, updated)."""
    wanted = {i.channel_inquiry_id: i for i in inquiries}
    if not wanted:
        return 0, 0
    known = {r.channel_inquiry_id: r for r in db.session.scalars(
        select(Inquiry).where(Inquiry.tenant_id == account.tenant_id, Inquiry.channel == account.channel,
                              Inquiry.channel_inquiry_id.in_(list(wanted))))}
    new = updated = 0
    for key, dto in wanted.items():
        values = _values(dto)
        row = known.get(key)
        if row is None:
            db.session.add(Inquiry(tenant_id=account.tenant_id, account_id=account.id, channel=account.channel,
                                   channel_inquiry_id=key, **values,
                                   state=SENT if dto.answered else UNANSWERED))
            new += 1
            continue
        changed = any(getattr(row, k) != v for k, v in values.items())
        for k, v in values.items():
            setattr(row, k, v)
        if dto.answered and row.state in (UNANSWERED, SAVED):
            row.state, row.message = SENT, _("제휴몰에서 답변된 문의입니다.")
        updated += int(changed)
    db.session.commit()
    return new, updated


def _values(dto) -> dict:
    extra = dto.extra or {}
    kind = extra.get("kind") or ("order" if dto.channel_order_id else "product")
    return {"question": dto.question or "", "asked_at": _naive(dto.asked_at) or utcnow(),
            "title": (extra.get("title") or dto.question or "")[:300].split("\n")[0][:100],
            "kind": kind, "category": (extra.get("category") or "")[:40],
            "writer": (dto.writer or "")[:60], "channel_product_id": dto.channel_product_id or "",
            "channel_order_id": dto.channel_order_id or "", "product_name": (dto.product_name or "")[:300],
            "channel_answer": dto.answer or "", "channel_answered": bool(dto.answered)}


def _naive(value):
    if value is None:
        return None
    if value.tzinfo is not None:
        from datetime import UTC

        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def store_notices(account: ChannelAccount, notices) -> int:
    """제휴몰 공지사항 and 긴급알리미 (a notice the channel marks important); returns how many are new."""
    new = 0
    for dto in notices:
        kind = "urgent" if dto.important else "notice"
        row = db.session.query(ChannelNotice).filter_by(account_id=account.id, kind=kind,
                                                        channel_notice_id=dto.channel_notice_id).one_or_none()
        values = {"title": dto.title[:300], "body": dto.body or "", "posted_at": _naive(dto.posted_at) or utcnow()}
        if row is None:
            db.session.add(ChannelNotice(tenant_id=account.tenant_id, account_id=account.id, channel=account.channel,
                                         kind=kind, channel_notice_id=dto.channel_notice_id, **values))
            new += 1
        else:
            for k, v in values.items():
                setattr(row, k, v)
    db.session.commit()
    return new


# --- 자동수집 ---------------------------------------------------------------------------------

def _active_accounts(method: str) -> list[ChannelAccount]:
    accounts = db.session.query(ChannelAccount).filter(ChannelAccount.status == "active").all()
    return [a for a in accounts if not capability(a)[method]]


def enqueue_auto_collections(app, job) -> int:
    """Every 15 minutes: a `job` per active account whose channel offers inquiries; the lease prevents overlap."""
    accounts = _active_accounts("fetch_inquiries")
    for a in accounts:
        enqueue(job, kind=_("상담내역 자동수집 (%(channel_name)s %(alias)s)",
                            channel_name=channel_name(a.channel), alias=a.alias),
                queue=COLLECT_QUEUE, tenant_id=a.tenant_id, account_id=a.id)
    return len(accounts)


def enqueue_notice_collections(app, job) -> int:
    """Daily: a `job` collecting 제휴몰 공지사항 and 긴급알리미 per active account whose channel offers them."""
    accounts = _active_accounts("fetch_notices")
    for a in accounts:
        enqueue(job, kind=_("제휴몰 공지사항 수집 (%(channel_name)s %(alias)s)",
                            channel_name=channel_name(a.channel), alias=a.alias),
                queue=COLLECT_QUEUE, tenant_id=a.tenant_id, account_id=a.id)
    return len(accounts)

