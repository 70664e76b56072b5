"""주문확인/처리 jobs: 발주확인 and 판매취소 sent per channel account, each line's result in its 연동이력."""
from datetime import datetime
from itertools import groupby

from flask_babel import gettext as _
from flask_babel import pgettext

from blueprints.orders.services.confirmation import CANCEL_REASONS, DELAY_REASONS
from blueprints.orders.services.stock_link import announce_cancelled
from models import ChannelOrderLine
from portal.extensions import db
from portal.i18n import ko
from portal.marketplaces import KST, ChannelError, DispatchDelay, Outcome, outcome_for_error

from .orders_common import account_of, adapter_for, dto, event, label_of, line_ref, read_back


def _lines(tenant_id, line_ids):
    lines = (db.session.query(ChannelOrderLine)
             .filter(ChannelOrderLine.tenant_id == tenant_id, ChannelOrderLine.id.in_(line_ids),
                     ChannelOrderLine.account_id.isnot(None))  # a file order has no channel to tell
             .order_by(ChannelOrderLine.account_id, ChannelOrderLine.id).all())
    return [(account_id, list(group)) for account_id, group in groupby(lines, key=lambda x: x.account_id)]


def _send(progress, tenant_id, line_ids, what, call, settle):
    """Shared shape: per account, call the adapter, settle each outcome, read back lost answers.

    `what` (발주확인, 판매취소) is the 연동이력 kind as stored; the lines name it in the reader's language."""
    kind, what = what, pgettext("기능", what)
    user_id = progress.run.started_by_id
    progress.set_total(len(line_ids))
    progress.log(_("%(what)s 연동을 시작합니다.", what=what))
    for account_id, lines in _lines(tenant_id, line_ids):
        account = account_of(tenant_id, account_id)
        adapter = adapter_for(progress, account)
        failure = None
        try:
            outcomes = call(adapter, lines)
        except ChannelError as exc:  # the whole call failed: every line reads the same
            outcomes, failure = [], (outcome_for_error(exc), exc.message_ko)
        by_key = {(o.channel_order_id, o.channel_line_id): o for o in outcomes}
        unclear = []
        for line in lines:
            o = by_key.get((line.channel_order_id, line.channel_line_id))
            if o is not None:
                outcome, message = o.outcome, o.message
            else:
                outcome, message = failure or (Outcome.REJECTED, _("제휴몰 응답에 없는 주문입니다."))
            if outcome in (Outcome.OK, Outcome.ALREADY_DONE):
                settle(line)
                event(line, kind, _("%(what)s 연동에 성공하였습니다. %(message)s", what=what, message=message).strip(),
                      run_id=progress.id, user_id=user_id)
                progress.step(_("%(line_ref)s %(what)s 연동에 성공하였습니다.",
                                line_ref=line_ref(line), what=what))
            elif outcome is Outcome.AMBIGUOUS:
                unclear.append(line)
            else:
                event(line, kind, _("%(what)s 연동에 실패하였습니다: %(message)s", what=what, message=message),
                      ok=False, run_id=progress.id, user_id=user_id)
                progress.step(_("%(line_ref)s %(what)s 연동에 실패하였습니다: %(message)s",
                                line_ref=line_ref(line), what=what, message=message), ok=False)
        db.session.commit()
        if unclear:
            _settle_unclear(progress, adapter, unclear, kind, what, settle, user_id)
        progress.log(_("%(label_of)s 처리를 마쳤습니다.", label_of=label_of(account)))
    progress.log(_("%(what)s 연동을 종료합니다.", what=what))


def _settle_unclear(progress, adapter, lines, kind, what, settle, user_id):
    """A lost answer: ask the channel what happened instead of sending again."""
    progress.log(_("응답을 받지 못한 %(len)s건은 제휴몰 상태를 다시 확인합니다.", len=len(lines)))
    try:
        remote = read_back(adapter, lines)
    except ChannelError as exc:
        remote = {}
        progress.log(_("상태 확인에 실패했습니다: %(message_ko)s", message_ko=exc.message_ko), "fail")
    for line in lines:
        found = remote.get((line.channel_order_id, line.channel_line_id))
        if found is not None and settle(line, found.status.name):
            event(line, kind, _("%(what)s: 응답은 없었지만 제휴몰에 반영된 것을 확인했습니다.", what=what),
                  run_id=progress.id, user_id=user_id)
            progress.step(_("%(line_ref)s %(what)s 연동에 성공하였습니다. (반영 확인)",
                            line_ref=line_ref(line), what=what))
        else:
            event(line, kind, _("%(what)s: 처리 여부 확인 필요 (응답 없음). 잠시 후 다시 처리해 주세요.", what=what),
                  ok=False, run_id=progress.id, user_id=user_id)
            progress.step(_("%(line_ref)s %(what)s 처리 여부 확인 필요: 제휴몰 응답이 없었습니다.",
                            line_ref=line_ref(line), what=what), ok=False)
    db.session.commit()


def confirm_orders(progress, tenant_id: int, line_ids: list[int], ship_at: str, delay_reason: str = "",
                   delay_detail: str = "") -> None:
    """발주확인 per account; a 배송지연사유 goes with it to channels that take one, and the log says
    which channels do not."""
    when = datetime.fromisoformat(ship_at)
    delay = DispatchDelay(delay_reason, delay_detail) if delay_reason in DELAY_REASONS else None
    kept = delay.text_ko[:100] if delay else ""

    def settle(line, remote=None):
        if remote is not None and remote == "NEW":
            return False
        line.status = "CONFIRMED" if line.status == "NEW" else line.status
        line.ship_at, line.delay_reason = when, kept
        return True

    def call(adapter, lines):
        if delay and not adapter.sends_dispatch_delay:
            progress.log(adapter.dispatch_delay_gap_ko())
        return adapter.confirm_orders([dto(x) for x in lines], ship_at=when.replace(tzinfo=KST), delay=delay)

    if delay:
        progress.log(_("배송지연사유: %(text_ko)s", text_ko=delay.text_ko))
    _send(progress, tenant_id, line_ids, ko("발주확인"), call, settle)


def cancel_sales(progress, tenant_id: int, line_ids: list[int], reason: str) -> None:
    text = CANCEL_REASONS.get(reason, reason)
    canceled = []

    def settle(line, remote=None):
        if remote is not None and remote != "CANCELED":
            return False
        line.status, line.cancel_reason = "CANCELED", text
        canceled.append(line.id)
        return True

    _send(progress, tenant_id, line_ids, ko("판매취소"),
          lambda adapter, lines: adapter.cancel_sale([dto(x) for x in lines], text), settle)
    announce_cancelled(tenant_id, canceled)
