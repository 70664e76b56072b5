"""송장 jobs: sending the outbox to the channels exactly once per line, and the 송장대량등록 upload."""
import os
from datetime import timedelta
from itertools import groupby

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import update

from blueprints.orders.services import RuleViolation, couriers
from blueprints.orders.services.invoices import ENTRY_STATUSES, TEMPLATE_HEADERS, save_invoice
from blueprints.orders.services.sheets import read_rows
from models import ChannelOrderLine, InvoiceOutbox, JobRun
from models.base import utcnow
from models.order import AMBIGUOUS, FAILED, PENDING, SENDING, SENT
from portal.extensions import db
from portal.i18n import ko
from portal.marketplaces import ChannelError, Invoice, Outcome, chunks, outcome_for_error
from portal.services.excel import write_workbook

from .orders_common import account_of, adapter_for, event, label_of, line_ref, read_back

CHUNK = 50  # lines per send request (ORDERS_INVOICE_CHUNK overrides)
STALE_SENDING = 600  # seconds after which a 'sending' row of a vanished worker is read back
SHIPPED = ("SHIPPING", "DELIVERED", "PURCHASE_DECIDED")

INVOICE_EVENT = ko("송장전송")  # the 연동이력 kind, as stored


def send_invoices(progress, tenant_id: int, line_ids: list[int], skipped_cancel: int = 0) -> None:
    """송장송신: pending → sending → sent / failed / ambiguous; an unclear row is read back, never resent blindly."""
    progress.set_total(len(line_ids))
    progress.log(_("송장송신 연동을 시작합니다."))
    if skipped_cancel:
        progress.log(_("취소요청된 주문 %(skipped_cancel)s건은 송장을 전송하지 않았습니다. 클레임을 확인해 주세요.",
                       skipped_cancel=skipped_cancel), "fail")
    rows = (db.session.query(InvoiceOutbox).join(ChannelOrderLine, ChannelOrderLine.id == InvoiceOutbox.line_id)
            .filter(InvoiceOutbox.tenant_id == tenant_id, InvoiceOutbox.line_id.in_(line_ids),
                    ChannelOrderLine.account_id.isnot(None))  # a file order's 송장 is never sent
            .order_by(ChannelOrderLine.account_id, InvoiceOutbox.id).all())
    for account_id, group in groupby(rows, key=lambda r: r.line.account_id):
        account = account_of(tenant_id, account_id)
        adapter = adapter_for(progress, account)
        group = list(group)
        _resolve_unclear(progress, adapter, [r for r in group if _unclear(r, progress.id)])
        ids = [r.id for r in group]
        db.session.execute(update(InvoiceOutbox)
                           .where(InvoiceOutbox.id.in_(ids), InvoiceOutbox.state.in_((PENDING, FAILED)))
                           .values(state=SENDING, run_id=progress.id, attempts=InvoiceOutbox.attempts + 1,
                                   updated_at=utcnow()))
        db.session.commit()
        mine = (db.session.query(InvoiceOutbox)
                .filter(InvoiceOutbox.id.in_(ids), InvoiceOutbox.state == SENDING,
                        InvoiceOutbox.run_id == progress.id).order_by(InvoiceOutbox.id).all())
        for row in mine:
            row.line.invoice_state = SENDING
        db.session.commit()
        busy = len(ids) - len(mine) - len([r for r in group if r.state in (SENT, AMBIGUOUS)])
        if busy > 0:
            progress.log(_("%(busy)s건은 다른 작업에서 전송 중이거나 이미 처리되어 건너뜁니다.", busy=busy))
        for part in chunks(mine, current_app.config.get("ORDERS_INVOICE_CHUNK", CHUNK)):
            outcomes = _post(adapter, part)
            _settle(progress, part, outcomes)
        progress.log(_("%(label_of)s 송장송신을 마쳤습니다.", label_of=label_of(account)))
    progress.log(_("송장송신 연동을 종료합니다."))


def _unclear(row: InvoiceOutbox, run_id: int) -> bool:
    if row.state == AMBIGUOUS:
        return True
    if row.state != SENDING or row.run_id == run_id:
        return False
    owner = db.session.get(JobRun, row.run_id) if row.run_id else None
    stale = timedelta(seconds=current_app.config.get("ORDERS_STALE_SENDING_SECONDS", STALE_SENDING))
    return owner is None or owner.finished or row.updated_at < utcnow() - stale


def _resolve_unclear(progress, adapter, rows) -> None:
    """Rows whose send may or may not have landed: the channel's own state decides."""
    if not rows:
        return
    progress.log(_("전송 결과를 모르는 송장 %(len)s건은 제휴몰에서 먼저 확인합니다.", len=len(rows)))
    try:
        remote = read_back(adapter, [r.line for r in rows])
    except ChannelError as exc:
        for row in rows:
            row.state, row.message = AMBIGUOUS, _("확인 실패: %(message)s", message=exc.message_ko)
            row.line.invoice_state = AMBIGUOUS
            progress.step(_("%(line_ref)s 전송 여부를 확인하지 못해 다시 보내지 않았습니다.",
                            line_ref=line_ref(row.line)), ok=False)
        db.session.commit()
        return
    for row in rows:
        found = remote.get((row.line.channel_order_id, row.line.channel_line_id))
        if found is not None and (found.tracking_number == row.tracking_number or found.status.name in SHIPPED):
            _mark_sent(row, _("제휴몰에 이미 반영된 송장을 확인했습니다."), progress.id)
            progress.step(_("%(line_ref)s 송장송신 연동에 성공하였습니다. (반영 확인, 재전송 안 함)",
                            line_ref=line_ref(row.line)))
        elif found is not None:
            row.state, row.line.invoice_state = PENDING, PENDING  # the channel never got it: safe to send
        else:
            row.state, row.message = AMBIGUOUS, _("제휴몰에서 주문을 찾지 못했습니다.")
            row.line.invoice_state = AMBIGUOUS
            progress.step(_("%(line_ref)s 처리 여부 확인 필요: 제휴몰에서 주문을 찾지 못했습니다.",
                            line_ref=line_ref(row.line)), ok=False)
    db.session.commit()


def _post(adapter, rows):
    invoices = [Invoice(r.line.channel_order_id, r.line.channel_line_id, r.courier_code, r.tracking_number,
                        ship_unit_id=r.line.ship_unit_id, shipped_at=None) for r in rows]
    try:
        return adapter.send_invoices(invoices)
    except ChannelError as exc:
        from portal.marketplaces import LineOutcome

        return [LineOutcome(outcome_for_error(exc), exc.message_ko, r.line.channel_order_id,
                            r.line.channel_line_id) for r in rows]


def _mark_sent(row: InvoiceOutbox, message: str, run_id: int) -> None:
    row.state, row.message, row.sent_at = SENT, message[:500], utcnow()
    line = row.line
    line.invoice_state = SENT
    if line.status in ("NEW", "CONFIRMED"):
        line.status = "SHIPPING"
    event(line, INVOICE_EVENT, _("송장전송 성공: %(courier)s %(number)s. %(message)s",
                                 courier=couriers.name_of(row.courier_code), number=row.tracking_number,
                                 message=message), run_id=run_id, invoice=True)


def _settle(progress, rows, outcomes) -> None:
    by_key = {(o.channel_order_id, o.channel_line_id): o for o in outcomes}
    for row in rows:
        o = by_key.get((row.line.channel_order_id, row.line.channel_line_id))
        outcome, message = (o.outcome, o.message) if o else (Outcome.AMBIGUOUS, _("제휴몰 응답에 없는 주문입니다."))
        if outcome in (Outcome.OK, Outcome.ALREADY_DONE):
            _mark_sent(row, message, progress.id)
            progress.step(_("%(line_ref)s 송장송신 연동에 성공하였습니다.", line_ref=line_ref(row.line)))
            continue
        state = AMBIGUOUS if outcome is Outcome.AMBIGUOUS else FAILED
        row.state, row.message, row.line.invoice_state = state, message[:500], state
        event(row.line, INVOICE_EVENT, _("송장전송 %(outcome)s: %(message)s", outcome=_(outcome.label_ko),
                                         message=message), ok=False, run_id=progress.id, invoice=True)
        progress.step(_("%(line_ref)s 송장송신 연동에 실패하였습니다: %(message)s",
                        line_ref=line_ref(row.line), message=message), ok=False)
    db.session.commit()


# --- 송장대량등록 ------------------------------------------------------------------------------

def import_invoices(progress, tenant_id: int, path: str, filename: str) -> None:
    """Rows of (주문번호, 택배사, 송장번호); good rows saved, the rest back in a failure file."""
    failures, header, saved, seen = [], None, 0, 0
    try:
        for row in read_rows(path, filename):
            if header is None:
                header = row
                missing = [h for h in TEMPLATE_HEADERS if h not in header]
                if missing:
                    progress.log(_("양식의 제목줄에 %(join)s 열이 없습니다. 양식을 내려받아 사용해 주세요.",
                                   join=', '.join(missing)),
                                 "error")
                    return
                cols = [header.index(h) for h in TEMPLATE_HEADERS]
                continue
            if not any(row):
                continue
            seen += 1
            values = [row[i] if i < len(row) else "" for i in cols]
            reason = _import_row(tenant_id, *values, run_id=progress.id, user_id=progress.run.started_by_id)
            if reason:
                failures.append(row + [""] * (len(header) - len(row)) + [reason])
            else:
                saved += 1
            if seen % 200 == 0:
                db.session.commit()
                progress.log(_("%(seen)s행 처리", seen=seen))
    finally:
        db.session.commit()
        if os.path.exists(path):
            os.remove(path)
    progress.run.total = progress.run.done_count = seen
    progress.run.ok_count, progress.run.fail_count = saved, len(failures)
    db.session.commit()
    progress.log(_("송장 %(saved)s건을 저장했습니다. 실패 %(len)s건.", saved=saved, len=len(failures)), "ok" if not failures else "fail")
    if failures:
        out = progress.output_path(".xlsx")
        write_workbook(out, header + [_("실패사유")], failures, _("송장대량등록 실패"))
        progress.attach_file(out, _("송장대량등록_실패.xlsx"))
        progress.log(_("실패한 행은 결과 파일의 마지막 열에서 사유를 확인한 뒤 고쳐서 다시 올려 주세요."))
    progress.log(_("저장한 송장은 송장송신관리에서 제휴몰로 전송해야 완료됩니다."))


def _import_row(tenant_id, order_no, courier_text, number, run_id=None, user_id=None) -> str:
    if not order_no:
        return _("주문번호를 입력해 주세요.")
    lines = (db.session.query(ChannelOrderLine)
             .filter(ChannelOrderLine.tenant_id == tenant_id, ChannelOrderLine.channel_order_id == order_no).all())
    if not lines:
        return _("주문번호를 찾을 수 없습니다.")
    if len({x.account_id for x in lines}) > 1:
        return _("같은 주문번호가 여러 제휴몰 계정에 있습니다. 송장개별등록에서 등록해 주세요.")
    open_lines = [x for x in lines if x.status in ENTRY_STATUSES and x.invoice_state not in (SENT, "forced")]
    if not open_lines:
        return _("송장을 등록할 수 있는 주문이 아닙니다. 발주확인된 주문만 등록할 수 있고, 전송된 송장은 바꿀 수 없습니다.")
    try:
        # save_invoice checks everything before it writes, so a refused row leaves nothing behind.
        for line in open_lines:
            save_invoice(line, courier_text, number, user_id=user_id, run_id=run_id)
    except RuleViolation as refused:
        return str(refused)
    return ""
