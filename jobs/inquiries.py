"""문의관리 jobs: collecting inquiries and channel notices per account, and sending answers exactly once."""
from datetime import UTC, datetime, timedelta
from itertools import groupby

from flask import current_app
from flask_babel import gettext as _

from blueprints.inquiries.services import collection as col
from blueprints.inquiries.services.answers import claim_outbox
from models import AnswerOutbox, Inquiry, JobRun
from models.base import utcnow
from models.inquiry import AMBIGUOUS, FAILED, SENT
from portal.extensions import db
from portal.marketplaces import ChannelError, NotSupported, Outcome, outcome_for_error, split_windows
from portal.queues import Refused

from .orders_common import account_of, adapter_for, label_of

STALE_SENDING = 600  # seconds after which a 'sending' answer of a vanished worker is read back
READBACK_DAYS = 30


class CollectionFailed(Refused):
    """The channel could not be read: the run ends as 실패 with this Korean reason."""


def collect_inquiries(progress, tenant_id: int, account_id: int, since: str, until: str) -> None:
    """수동 상담내역 가져오기 of one account for [since, until) (naive UTC ISO strings)."""
    account = account_of(tenant_id, account_id)
    if not col.acquire_lock(tenant_id, account_id, progress.id):
        raise CollectionFailed(_("%(label_of)s 계정은 다른 상담내역 수집이 진행 중입니다. 끝난 뒤 다시 수집해 주세요.",
                                 label_of=label_of(account)))
    try:
        _run(progress, account, datetime.fromisoformat(since), datetime.fromisoformat(until), auto=False)
    finally:
        col.release_lock(account_id, progress.id)


def auto_collect_inquiries(progress, tenant_id: int, account_id: int) -> None:
    """자동수집 every 15 minutes since the last run (minus an overlap); skipped while another run holds the lease."""
    account = account_of(tenant_id, account_id)
    if not col.acquire_lock(tenant_id, account_id, progress.id):
        progress.log(_("%(label_of)s 계정은 이미 상담내역을 수집 중이라 이번 자동수집은 건너뜁니다.",
                       label_of=label_of(account)))
        return
    try:
        since, until = col.auto_window(account_id)
        _run(progress, account, since, until, auto=True)
    finally:
        col.release_lock(account_id, progress.id)


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def _run(progress, account, since: datetime, until: datetime, auto: bool) -> None:
    label = label_of(account)
    adapter = adapter_for(progress, account)
    progress.log(_("%(label)s 상담내역 수집을 시작합니다.", label=label))
    new = updated = received = 0
    windows = list(split_windows(_aware(since), _aware(until), timedelta(days=7)))
    progress.set_total(len(windows))
    try:
        for start, end in windows:
            inquiries = list(adapter.fetch_inquiries(start, end))
            received += len(inquiries)
            n, u = col.store_inquiries(account, inquiries)
            new, updated = new + n, updated + u
            col.renew_lock(account.id, progress.id)
            progress.step(_("%(astimezone)s ~ %(astimezone2)s 문의 %(len)s건을 받았습니다.",
                            astimezone=format(start.astimezone(UTC), '%m-%d'), astimezone2=format(end.astimezone(UTC), '%m-%d'), len=len(inquiries)))
    except NotSupported as exc:
        col.record(account.id, False, exc.message_ko)
        raise CollectionFailed(f"{label}: {exc.message_ko}") from None
    except ChannelError as exc:
        col.record(account.id, False, exc.message_ko)
        raise CollectionFailed(_("%(label)s 상담내역 수집을 실패하였습니다: %(message_ko)s",
                                 label=label, message_ko=exc.message_ko)) from None
    message = _("신규 문의 %(new)s건, 변경된 문의 %(updated)s건 (받은 문의 %(received)s건)",
                new=new, updated=updated, received=received)
    col.record(account.id, True, message, until=until)
    progress.log(_("%(label)s 상담내역 수집을 성공하였습니다. (%(message)s)", label=label, message=message), "ok")


def collect_notices(progress, tenant_id: int, account_id: int) -> None:
    """제휴몰 공지사항 and 긴급알리미 of one account (daily, or from the page)."""
    account = account_of(tenant_id, account_id)
    label = label_of(account)
    adapter = adapter_for(progress, account)
    progress.set_total(1)
    try:
        notices = list(adapter.fetch_notices(utcnow().replace(tzinfo=UTC) - timedelta(days=READBACK_DAYS)))
    except ChannelError as exc:
        col.record(account.id, False, exc.message_ko, notices=True)
        raise CollectionFailed(_("%(label)s 공지사항 수집을 실패하였습니다: %(message_ko)s",
                                 label=label, message_ko=exc.message_ko)) from None
    col.ensure_sync_row(tenant_id, account_id)
    new = col.store_notices(account, notices)
    col.record(account.id, True, _("공지 %(len)s건 중 새 공지 %(new)s건", len=len(notices), new=new), notices=True)
    progress.step(_("%(label)s 공지사항 %(len)s건을 받았습니다. (새 공지 %(new)s건)",
                    label=label, len=len(notices), new=new))


# --- 답변 전송 ---------------------------------------------------------------------------------

def send_answers(progress, tenant_id: int, inquiry_ids: list[int]) -> None:
    """답변전송: sending → sent / failed / ambiguous per answer; an unclear one is read back, never posted blind."""
    progress.set_total(len(inquiry_ids))
    progress.log(_("답변전송 연동을 시작합니다."))
    rows = (db.session.query(AnswerOutbox).join(Inquiry, Inquiry.id == AnswerOutbox.inquiry_id)
            .filter(AnswerOutbox.tenant_id == tenant_id, AnswerOutbox.inquiry_id.in_(inquiry_ids))
            .order_by(Inquiry.account_id, AnswerOutbox.id).all())
    for account_id, group in groupby(rows, key=lambda r: r.inquiry.account_id):
        account = account_of(tenant_id, account_id)
        adapter = adapter_for(progress, account)
        group = list(group)
        _resolve_unclear(progress, adapter, account, [r for r in group if _unclear(r, progress.id)])
        ids = [r.inquiry_id for r in group]
        claim_outbox(progress.id, ids)
        mine = (db.session.query(AnswerOutbox)
                .filter(AnswerOutbox.inquiry_id.in_(ids), AnswerOutbox.state == "sending",
                        AnswerOutbox.run_id == progress.id).order_by(AnswerOutbox.id).all())
        for row in mine:
            row.inquiry.state = "sending"
        db.session.commit()
        skipped = [r for r in group if r not in mine and r.state != SENT]
        for row in skipped:
            progress.step(_("%(ref)s 다른 작업에서 전송 중이거나 확인이 필요해 보내지 않았습니다.", ref=_ref(row.inquiry)), ok=False)
        for row in [r for r in group if r.state == SENT and r.run_id != progress.id and r not in mine]:
            progress.step(_("%(ref)s 이미 전송된 답변입니다. (재전송 안 함)", ref=_ref(row.inquiry)))
        for row in mine:
            _post(progress, adapter, row)
        progress.log(_("%(label_of)s 답변전송을 마쳤습니다.", label_of=label_of(account)))
    progress.log(_("답변전송 연동을 종료합니다."))


def _ref(inquiry: Inquiry) -> str:
    return _("문의번호 %(number)s", number=inquiry.channel_inquiry_id)


def _post(progress, adapter, row: AnswerOutbox) -> None:
    inquiry = row.inquiry
    try:
        outcomes = adapter.answer_inquiry(inquiry.channel_inquiry_id, row.text)
    except ChannelError as exc:
        from portal.marketplaces import LineOutcome

        outcomes = [LineOutcome(outcome_for_error(exc), exc.message_ko, key=inquiry.channel_inquiry_id)]
    outcome = outcomes[0] if outcomes else None
    if outcome is None:
        _settle(progress, row, Outcome.AMBIGUOUS, _("제휴몰 응답에 결과가 없습니다."))
    else:
        _settle(progress, row, outcome.outcome, outcome.message)


def _settle(progress, row: AnswerOutbox, outcome: Outcome, message: str, read_back: bool = False) -> None:
    inquiry = row.inquiry
    if outcome in (Outcome.OK, Outcome.ALREADY_DONE):
        row.state, row.sent_at, row.message, row.run_id = SENT, utcnow(), message[:500], progress.id
        inquiry.state, inquiry.message = SENT, message[:500]
        inquiry.channel_answer, inquiry.channel_answered = row.text, True
        db.session.commit()
        progress.step(_("%(ref)s 답변전송에 성공하였습니다.", ref=_ref(inquiry)) + (f" ({message})" if read_back else ""))
        return
    state = AMBIGUOUS if outcome is Outcome.AMBIGUOUS else FAILED
    row.state, row.message = state, message[:500]
    inquiry.state, inquiry.message = state, message[:500]
    db.session.commit()
    progress.step(_("%(ref)s 답변전송에 실패하였습니다: %(label_ko)s %(message)s",
                    ref=_ref(inquiry), label_ko=outcome.label_ko, message=message), ok=False)


def _unclear(row: AnswerOutbox, run_id: int) -> bool:
    if row.state == AMBIGUOUS:
        return True
    if row.state != "sending" or row.run_id == run_id:
        return False
    owner = db.session.get(JobRun, row.run_id) if row.run_id else None
    stale = timedelta(seconds=current_app.config.get("INQUIRIES_STALE_SENDING_SECONDS", STALE_SENDING))
    return owner is None or owner.finished or row.updated_at < utcnow() - stale


def _resolve_unclear(progress, adapter, account, rows) -> None:
    """Answers whose post may or may not have landed: the channel's own answer state decides."""
    if not rows:
        return
    progress.log(_("전송 결과를 모르는 답변 %(len)s건은 제휴몰에서 먼저 확인합니다.", len=len(rows)))
    oldest = min(r.inquiry.asked_at for r in rows)
    since = max(oldest - timedelta(hours=1), utcnow() - timedelta(days=READBACK_DAYS))
    try:
        found = {i.channel_inquiry_id: i for i in adapter.fetch_inquiries(
            since.replace(tzinfo=UTC), utcnow().replace(tzinfo=UTC) + timedelta(minutes=5))}
    except ChannelError as exc:
        for row in rows:
            row.state = row.inquiry.state = AMBIGUOUS
            row.message = row.inquiry.message = _("확인 실패: %(message)s", message=exc.message_ko)[:500]
            progress.step(_("%(ref)s 전송 여부를 확인하지 못해 다시 보내지 않았습니다.", ref=_ref(row.inquiry)), ok=False)
        db.session.commit()
        return
    for row in rows:
        remote = found.get(row.inquiry.channel_inquiry_id)
        if remote is not None and remote.answered:
            _settle(progress, row, Outcome.OK, _("제휴몰에 이미 등록된 답변을 확인했습니다. 재전송 안 함"), read_back=True)
        elif remote is not None:
            row.state, row.inquiry.state = "pending", FAILED  # the channel never got it: safe to send
        else:
            row.state = row.inquiry.state = AMBIGUOUS
            row.message = row.inquiry.message = _("제휴몰에서 문의를 찾지 못했습니다.")
            progress.step(_("%(ref)s 처리 여부 확인 필요: 제휴몰에서 문의를 찾지 못했습니다.", ref=_ref(row.inquiry)), ok=False)
    db.session.commit()


def demo_collect(progress, tenant_id: int, account_id: int) -> None:
    """데모 상담내역: the last 7 days of questions and the channel's notices, so 문의관리 is alive on first run."""
    from blueprints.inquiries.services.demo_sandbox import wait_for_sandbox

    wait_for_sandbox()
    until = utcnow() + timedelta(minutes=5)
    collect_inquiries(progress, tenant_id, account_id, (until - timedelta(days=7)).isoformat(), until.isoformat())
    collect_notices(progress, tenant_id, account_id)
