"""취소/반품/교환: storing collected claims, the states a seller may set, and starting their send."""
import json

from flask_babel import gettext as _
from sqlalchemy import select

from models import ChannelOrderLine, OrderClaim, OrderEvent
from portal.extensions import db
from portal.marketplaces import ClaimAction, NotSupported, get_adapter_class
from portal.queues import enqueue
from portal.i18n import N_

from . import RuleViolation, couriers, merged_status, naive_utc, status_label
from .store import _insert

REQUESTED = {"CANCEL": "CANCEL_REQUESTED", "RETURN": "RETURN_REQUESTED", "EXCHANGE": "EXCHANGE_REQUESTED"}
# What the seller may choose for each kind, and what it means for the channel.
TARGETS = {
    "RETURNED": ("RETURN", ClaimAction.APPROVE, N_("반품완료")),
    "RETURN_REJECTED": ("RETURN", ClaimAction.REJECT, N_("반품거부")),
    "EXCHANGED": ("EXCHANGE", ClaimAction.APPROVE, N_("교환완료")),
    "EXCHANGE_REJECTED": ("EXCHANGE", ClaimAction.REJECT, N_("교환거부")),
    "CANCELED": ("CANCEL", ClaimAction.APPROVE, N_("취소승인")),
}
ITEM_FILTER = {"cancel_requested": ("CANCEL", "CANCEL_REQUESTED"), "canceled": ("CANCEL", "CANCELED"),
               "exchange_requested": ("EXCHANGE", None), "return_requested": ("RETURN", None)}


def wanted(claim, items: list[str]) -> bool:
    for item in items:
        kind, status = ITEM_FILTER[item]
        if claim.kind.name == kind and (status is None or claim.status.name == status):
            return True
    return False


def store_claims(tenant_id: int, account, claims, run_id=None) -> tuple[int, int, list[int]]:
    """Insert-or-update on (account, channel claim id); lines take the claim's status.

    Returns (new claims, already known, ids of lines that became 취소완료).
    """
    if not claims:
        return 0, 0, []
    ids = [c.channel_claim_id for c in claims]
    known = {c.channel_claim_id: c for c in db.session.scalars(
        select(OrderClaim).where(OrderClaim.account_id == account.id, OrderClaim.channel_claim_id.in_(ids)))}
    lines = {(x.channel_order_id, x.channel_line_id): x for x in db.session.scalars(
        select(ChannelOrderLine).where(ChannelOrderLine.account_id == account.id,
                                       ChannelOrderLine.channel_order_id.in_({c.channel_order_id for c in claims})))}
    rows = []
    canceled = []
    for c in claims:
        line = lines.get((c.channel_order_id, c.channel_line_id))
        row = known.get(c.channel_claim_id)
        if row is None:
            rows.append({"tenant_id": tenant_id, "account_id": account.id, "channel": account.channel,
                         "channel_claim_id": c.channel_claim_id, "kind": c.kind.name, "status": c.status.name,
                         "raw_status": c.raw_status[:60], "channel_order_id": c.channel_order_id,
                         "channel_line_id": c.channel_line_id, "line_id": line.id if line else None,
                         "reason": c.reason[:200], "detail": c.detail[:1000], "memo": "", "quantity": c.quantity,
                         "requested_at": naive_utc(c.requested_at), "extra_json": json.dumps(c.extra),
                         "send_state": "", "send_target": "", "send_message": "",
                         "product_name": c.product_name[:300]})
        else:
            row.status, row.raw_status, row.reason = c.status.name, c.raw_status[:60], c.reason[:200]
            row.detail = c.detail[:1000] or row.detail
            row.line_id = row.line_id or (line.id if line else None)
            row.product_name = c.product_name[:300] or row.product_name
        if line is not None:
            new = merged_status(line.status, c.status.name)
            if new != line.status:
                db.session.add(OrderEvent(tenant_id=tenant_id, line_id=line.id, kind=N_("클레임수집"), run_id=run_id,
                                          message=_("%(kind)s %(status)s: %(reason)s", kind=_(c.kind.label_ko),
                                                    status=status_label(c.status.name), reason=c.reason)))
                if new == "CANCELED":
                    canceled.append(line.id)
                line.status, line.raw_status = new, c.raw_status[:60]
    inserted = 0
    if rows:
        inserted = len(db.session.execute(
            _insert(OrderClaim).on_conflict_do_nothing(index_elements=["account_id", "channel_claim_id"])
            .returning(OrderClaim.id), rows).scalars().all())
    db.session.commit()
    return inserted, len(claims) - inserted, canceled


def needs_invoice(claim: OrderClaim) -> bool:
    """Whether this claim's 교환완료 carries a re-delivery invoice (스마트스토어, 11번가)."""
    if claim.kind != "EXCHANGE":
        return False
    try:
        return get_adapter_class(claim.channel).exchange_needs_invoice
    except NotSupported:
        return False


def start_state_change(tenant, user, claim: OrderClaim, target: str, reason: str, *, job,
                       courier: str = "", tracking: str = ""):
    """클레임 상태 저장: check the choice, then a job sends it with its 연동이력.

    교환완료 on a channel that re-delivers with the approval needs the new invoice (courier + number).
    """
    if target not in TARGETS:
        raise RuleViolation(_("변경할 클레임 상태를 선택해 주세요."))
    kind, action, label = TARGETS[target]
    if kind != claim.kind:
        raise RuleViolation(_("%(kind_label)s 클레임은 %(label)s(으)로 변경할 수 없습니다.",
                              kind_label=claim.kind_label, label=label))
    if claim.status != REQUESTED[claim.kind]:
        raise RuleViolation(_("이미 처리된 클레임입니다. (현재 상태: %(status_label)s)",
                              status_label=status_label(claim.status)))
    if claim.send_state == "sending":
        raise RuleViolation(_("이 클레임은 지금 제휴몰에 전송 중입니다. 잠시 후 확인해 주세요."))
    reason = (reason or "").strip()
    if action is ClaimAction.REJECT and not reason:
        raise RuleViolation(_("%(label)s 사유를 입력해 주세요.", label=label))
    invoice = {}
    if action is ClaimAction.APPROVE and needs_invoice(claim):
        if not (courier or "").strip() and not (tracking or "").strip():
            raise RuleViolation(_("교환완료에는 재배송 택배사와 송장번호를 입력해 주세요."))
        found, number = couriers.check(courier, tracking)
        invoice = {"courier": found.code, "tracking": number}
    return enqueue(job, kind=_("%(kind_label)s 클레임 처리 연동", kind_label=claim.kind_label), queue="channel",
                   tenant_id=tenant.id, user_id=user.id, claim_id=claim.id, target=target, reason=reason,
                   **invoice)


def save_memo(claim: OrderClaim, memo: str) -> None:
    memo = (memo or "").strip()
    if len(memo) > 1000:
        raise RuleViolation(_("문의/메모는 1,000자 이내로 입력해 주세요."))
    claim.memo = memo
    db.session.commit()
