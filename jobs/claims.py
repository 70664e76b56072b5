"""취소/반품/교환 jobs: collecting one account's claims and sending a claim's new state to the channel."""
from datetime import datetime, timedelta

from flask_babel import gettext as _

from blueprints.orders.services import aware_utc, status_label
from blueprints.orders.services import claims as svc
from blueprints.orders.services import collection as col
from blueprints.orders.services.stock_link import announce_cancelled
from models import ChannelOrderLine, OrderClaim
from models.base import utcnow
from portal.extensions import db
from portal.i18n import ko
from portal.marketplaces import ChannelError, Claim, ClaimKind, Invoice, OrderStatus, Outcome

from .orders_common import account_of, adapter_for, event, label_of

CLAIM_EVENT = ko("클레임처리")  # the 연동이력 kind, as stored


def collect_claims(progress, tenant_id: int, account_id: int, since: str, until: str, items: list[str]) -> None:
    account = account_of(tenant_id, account_id)
    if not col.acquire_lock(tenant_id, account_id, progress.id):
        progress.log(_("%(label_of)s 계정은 다른 수집 작업이 진행 중입니다. 끝난 뒤 다시 수집해 주세요.",
                       label_of=label_of(account)), "fail")
        return
    try:
        progress.log(_("취소/반품/교환 수집을 시작합니다."))
        run_claim_collection(progress, account, datetime.fromisoformat(since), datetime.fromisoformat(until),
                             items)
        progress.log(_("취소/반품/교환 수집을 종료합니다."))
    finally:
        col.release_lock(account_id, progress.id)


def run_claim_collection(progress, account, since, until, items) -> bool:
    label = label_of(account)
    names = "/".join(col.CLAIM_ITEMS[i] for i in items)
    try:
        claims = adapter_for(progress, account).fetch_claims(aware_utc(since), aware_utc(until))
    except ChannelError as exc:
        for item in items:
            col.record_status(account.tenant_id, account.id, item, False, exc.message_ko)
        progress.step(_("%(label)s %(names)s 취소/반품/교환 수집을 실패하였습니다: %(message_ko)s",
                        label=label, names=names, message_ko=exc.message_ko), ok=False)
        return False
    chosen = [c for c in claims if svc.wanted(c, items)]
    new, known, canceled = svc.store_claims(account.tenant_id, account, chosen, run_id=progress.id)
    announce_cancelled(account.tenant_id, canceled)
    for item in items:
        count = len([c for c in chosen if svc.wanted(c, [item])])
        col.record_status(account.tenant_id, account.id, item, True, _("%(value)s %(count)s건",
                                                                       value=col.CLAIM_ITEMS[item], count=count))
    progress.step(_("%(label)s %(names)s 취소/반품/교환 수집을 성공하였습니다. (신규 %(new)s건, 이미 등록된 클레임 "
                    "%(known)s건)",
                    label=label, names=names, new=new, known=known))
    return True


def _dto(row: OrderClaim) -> Claim:
    import json

    return Claim(channel_claim_id=row.channel_claim_id, kind=ClaimKind[row.kind],
                 status=OrderStatus.__members__.get(row.status, OrderStatus.UNKNOWN), raw_status=row.raw_status,
                 channel_order_id=row.channel_order_id, channel_line_id=row.channel_line_id, reason=row.reason,
                 detail=row.detail, quantity=row.quantity, extra=json.loads(row.extra_json or "{}"))


def _apply(row: OrderClaim, target: str, run_id, user_id, message: str) -> list[int]:
    row.status, row.send_state, row.send_message = target, "done", message[:500]
    canceled = []
    if row.line_id:
        line = db.session.get(ChannelOrderLine, row.line_id)
        line.status = target
        if target == "CANCELED":
            canceled.append(line.id)
        event(line, CLAIM_EVENT, _("%(kind)s %(label)s 처리 연동을 성공하였습니다. %(message)s", kind=row.kind_label,
                                   label=status_label(target), message=message).strip(), run_id=run_id, user_id=user_id)
    return canceled


def process_claim(progress, tenant_id: int, claim_id: int, target: str, reason: str = "",
                  courier: str = "", tracking: str = "") -> None:
    """Send 반품완료/반품거부/교환완료/교환거부/취소승인; a lost answer is read back, never resent blindly.

    courier/tracking: the re-delivery invoice of an exchange where the channel takes one with 교환완료.
    """
    row = db.session.query(OrderClaim).filter_by(tenant_id=tenant_id, id=claim_id).one()
    _kind, action, label = svc.TARGETS[target]
    account = account_of(tenant_id, row.account_id)
    adapter = adapter_for(progress, account)
    ref = f"{row.channel_order_id}[{row.channel_line_id}][{row.channel_claim_id}]"
    progress.set_total(1)
    progress.log(_("클레임 %(kind_label)s 처리 연동을 시작합니다.", kind_label=row.kind_label))
    if row.send_state in ("ambiguous", "sending"):
        state = _read_back(adapter, row)
        if state is not None and state != svc.REQUESTED[row.kind]:
            canceled = _apply(row, state, progress.id, progress.run.started_by_id, _("제휴몰에서 처리된 것을 확인했습니다."))
            db.session.commit()
            announce_cancelled(tenant_id, canceled)
            progress.step(_("%(ref)s 이미 %(status_label)s 처리되어 있어 다시 보내지 않았습니다.",
                            ref=ref, status_label=status_label(state)))
            return
    row.send_state, row.send_target = "sending", target
    db.session.commit()
    try:
        if tracking:
            invoice = Invoice(row.channel_order_id, row.channel_line_id, courier, tracking)
            outcome = adapter.process_claim(_dto(row), action, reason or None, invoice=invoice)[0]
        else:
            outcome = adapter.process_claim(_dto(row), action, reason or None)[0]
    except ChannelError as exc:
        outcome = None
        message = exc.message_ko
    if outcome is not None:
        message = outcome.message
    if outcome is not None and outcome.ok:
        canceled = _apply(row, target, progress.id, progress.run.started_by_id, message)
        db.session.commit()
        announce_cancelled(tenant_id, canceled)
        progress.step(_("%(ref)s %(label)s 처리 연동을 성공하였습니다.", ref=ref, label=label))
    else:
        ambiguous = outcome is not None and outcome.outcome is Outcome.AMBIGUOUS
        row.send_state, row.send_message = ("ambiguous" if ambiguous else "failed"), message[:500]
        if row.line_id:
            event(db.session.get(ChannelOrderLine, row.line_id), CLAIM_EVENT,
                  _("%(kind)s %(label)s 처리 연동을 실패하였습니다: %(message)s", kind=row.kind_label, label=label,
                    message=message), ok=False, run_id=progress.id)
        db.session.commit()
        progress.step(_("%(ref)s %(label)s 처리 연동을 실패하였습니다: %(message)s",
                        ref=ref, label=label, message=message), ok=False)
    progress.log(_("%(label)s 처리 연동을 종료합니다.", label=label))


def _read_back(adapter, row: OrderClaim) -> str | None:
    since = (row.requested_at or utcnow()) - timedelta(hours=1)
    try:
        claims = adapter.fetch_claims(aware_utc(since), aware_utc(utcnow() + timedelta(minutes=5)))
    except ChannelError:
        return None
    found = next((c for c in claims if c.channel_claim_id == row.channel_claim_id), None)
    return found.status.name if found else None
