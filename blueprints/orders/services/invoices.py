"""송장: saving invoices into the outbox, 송장송신 (selected or all), 강제완료, and the cancel-request guard."""
from flask_babel import gettext as _
from sqlalchemy import exists, or_

from models import ChannelOrderLine, InvoiceOutbox, OrderClaim, OrderEvent
from models.base import utcnow
from models.order import AMBIGUOUS, FAILED, FORCED, PENDING, SENDING, SENT
from portal.extensions import db
from portal.i18n import N_, ko
from portal.queues import enqueue
from portal.tenancy import tenant_query

from . import RuleViolation, couriers
from .confirmation import lines_of

ENTRY_STATUSES = ("CONFIRMED", "CANCEL_REQUESTED")
SENDABLE = (PENDING, FAILED, AMBIGUOUS, SENDING)
TEMPLATE_HEADERS = [ko("주문번호"), ko("택배사"), ko("송장번호")]  # 송장대량등록 양식: matched in the uploaded file


def entry_query(tenant):
    """송장개별등록 candidates: confirmed lines whose invoice has not gone out."""
    return tenant_query(ChannelOrderLine, tenant).filter(
        ChannelOrderLine.status.in_(ENTRY_STATUSES),
        ChannelOrderLine.invoice_state.notin_((SENT, FORCED, SENDING)))


def save_invoice(line: ChannelOrderLine, courier_text: str, number: str, *, user_id=None, run_id=None) -> bool:
    """One line's invoice into the outbox; false when nothing changed. Raises RuleViolation."""
    if line.invoice_state in (SENT, FORCED):
        raise RuleViolation(_("이미 송장이 전송(완료)된 주문은 송장을 수정할 수 없습니다."))
    if line.invoice_state == SENDING:
        raise RuleViolation(_("송장을 전송하는 중인 주문입니다. 전송이 끝난 뒤 확인해 주세요."))
    if line.status not in ENTRY_STATUSES:
        raise RuleViolation(_("발주확인된 주문만 송장을 등록할 수 있습니다."))
    courier, clean = couriers.check(courier_text, number)
    if line.account_id is None:
        return _save_local(line, courier, clean, user_id, run_id)
    row = db.session.query(InvoiceOutbox).filter_by(line_id=line.id).one_or_none()
    if row is not None and (row.courier_code, row.tracking_number) == (courier.code, clean) \
            and row.state == PENDING:
        return False
    before = f"{couriers.name_of(row.courier_code)} {row.tracking_number} → " if row else ""
    if row is None:
        row = InvoiceOutbox(tenant_id=line.tenant_id, line_id=line.id, courier_code=courier.code,
                            tracking_number=clean)
        db.session.add(row)
    row.courier_code, row.tracking_number, row.state, row.message = courier.code, clean, PENDING, ""
    line.courier_code, line.tracking_number, line.invoice_state = courier.code, clean, PENDING
    db.session.add(OrderEvent(tenant_id=line.tenant_id, line_id=line.id, kind=N_("송장저장"), is_invoice=True,
                              user_id=user_id, run_id=run_id,
                              message=_("송장저장: %(before)s%(name)s %(clean)s",
                                        before=before, name=courier.name, clean=clean)))
    return True


def _save_local(line: ChannelOrderLine, courier, clean: str, user_id, run_id) -> bool:
    """A file or 수기주문 order has no channel account: its invoice stays here (no outbox row, nothing is ever
    sent) and goes to the channel through the 송장 file in the channel's own upload format."""
    if (line.courier_code, line.tracking_number, line.invoice_state) == (courier.code, clean, PENDING):
        return False
    before = f"{couriers.name_of(line.courier_code)} {line.tracking_number} → " if line.tracking_number else ""
    line.courier_code, line.tracking_number, line.invoice_state = courier.code, clean, PENDING
    db.session.add(OrderEvent(tenant_id=line.tenant_id, line_id=line.id, kind=N_("송장저장"), is_invoice=True,
                              user_id=user_id, run_id=run_id,
                              message=_("송장저장: %(before)s%(courier)s %(number)s (파일 주문: 제휴몰 양식으로 내려받아 "
                                        "등록)", before=before, courier=courier.name, number=clean)))
    return True


def save_entries(tenant, user, entries: list[tuple[str, str, str]]) -> int:
    """송장저장 of the 송장개별등록 page: every row valid, or nothing saved."""
    entries = [(lid, c, n) for lid, c, n in entries if (c or "").strip() or (n or "").strip()]
    if not entries:
        raise RuleViolation(_("택배사와 송장번호를 입력한 주문이 없습니다."))
    lines = {x.id: x for x in lines_of(tenant, [e[0] for e in entries])}
    saved = 0
    for line_id, courier_text, number in entries:
        line = lines[int(line_id)]
        try:
            saved += save_invoice(line, courier_text, number, user_id=user.id)
        except RuleViolation as refused:
            db.session.rollback()
            raise RuleViolation(f"{line.channel_order_id}: {refused}") from None
    db.session.commit()
    return saved


def open_cancel_filter():
    """Lines with an open 취소요청: the line says so, or a collected cancel claim is still requested."""
    return or_(ChannelOrderLine.status == "CANCEL_REQUESTED",
               exists().where(OrderClaim.line_id == ChannelOrderLine.id, OrderClaim.kind == "CANCEL",
                              OrderClaim.status == "CANCEL_REQUESTED"))


def send_query(tenant):
    """Lines whose invoice can go to their channel (a file order has no channel account to send to)."""
    return tenant_query(ChannelOrderLine, tenant).filter(ChannelOrderLine.invoice_state.in_(SENDABLE),
                                                         ChannelOrderLine.account_id.isnot(None))


def start_send(tenant, user, line_ids, *, job, send_all: bool = False, insist: bool = False):
    """송장송신: lines with an open 취소요청 stay out unless the seller insists."""
    query = send_query(tenant)
    if not send_all:
        ids = [x.id for x in lines_of(tenant, line_ids)]
        query = query.filter(ChannelOrderLine.id.in_(ids))
    lines = query.all()
    if not lines and not send_all and any(x.account_id is None for x in lines_of(tenant, line_ids)):
        raise RuleViolation(_("파일로 등록한 주문은 제휴몰 계정이 없어 송장을 전송할 수 없습니다. 배송관리 > 송장 파일 "
                              "내려받기에서 제휴몰 양식으로 내려받아 제휴몰에 등록해 주세요."))
    if not lines:
        raise RuleViolation(_("전송할 송장이 없습니다. 송장개별등록 또는 송장대량등록에서 먼저 송장을 저장해 주세요."))
    flagged = {x.id for x in query.filter(open_cancel_filter()).all()}
    chosen = [x.id for x in lines if insist or x.id not in flagged]
    if not chosen:
        raise RuleViolation(_("취소요청된 주문 %(len)s건은 송장을 전송하지 않았습니다. 클레임을 확인한 뒤 전송하려면 '취소요청 주문 "
                              "포함'을 선택해 주세요.",
                              len=len(flagged)))
    skipped = 0 if insist else len(flagged & {x.id for x in lines})
    return enqueue(job, kind=_("송장송신 처리 연동"), queue="channel", tenant_id=tenant.id, user_id=user.id,
                   line_ids=chosen, skipped_cancel=skipped)


def force_complete(tenant, user, line_ids) -> int:
    """강제완료처리: done here, nothing sent to the channel."""
    lines = lines_of(tenant, line_ids)
    wrong = [x for x in lines if x.invoice_state in (SENT, FORCED, SENDING) or
             x.status not in ("NEW", "CONFIRMED", "SHIPPING", "CANCEL_REQUESTED")]
    if wrong:
        raise RuleViolation(_("강제완료할 수 없는 주문입니다: %(channel_order_id)s (이미 전송/완료되었거나 취소된 주문)",
                              channel_order_id=wrong[0].channel_order_id))
    for line in lines:
        row = db.session.query(InvoiceOutbox).filter_by(line_id=line.id).one_or_none()
        if row is not None:
            row.state, row.message = FORCED, _("강제완료처리")
        line.invoice_state, line.done_at = FORCED, utcnow()
        db.session.add(OrderEvent(tenant_id=line.tenant_id, line_id=line.id, kind=N_("강제완료"), is_invoice=True,
                                  user_id=user.id, message=_("강제완료처리: 제휴몰에 송장을 송신하지 않고 완료로 변경했습니다.")))
    db.session.commit()
    return len(lines)
