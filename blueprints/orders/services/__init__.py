"""주문관리 rules shared by every service: RuleViolation, the 처리상태 vocabulary, KST date ranges."""
from datetime import UTC, date, datetime, timedelta

from flask_babel import gettext as _

from models.order import AMBIGUOUS, FAILED, FORCED, OUTBOX_LABELS, PENDING, SENDING, SENT
from portal.i18n import N_
from portal.days import PRESETS, today_kst, utc_bounds
from portal.marketplaces import KST, OrderStatus


class RuleViolation(Exception):
    """A refused request, in the words the page shows."""


FLOW = ["PAYMENT_WAITING", "NEW", "CONFIRMED", "SHIPPING", "DELIVERED", "PURCHASE_DECIDED"]
CLAIM_STATUSES = ["CANCEL_REQUESTED", "CANCELED", "RETURN_REQUESTED", "RETURNED", "RETURN_REJECTED",
                  "EXCHANGE_REQUESTED", "EXCHANGED", "EXCHANGE_REJECTED"]
DONE_STATUSES = ("DELIVERED", "PURCHASE_DECIDED")

# 처리상태 as the seller reads it: channel status and the portal's own invoice progress together.
STAGES = {
    "NEW": N_("신규주문"), "CONFIRMED": N_("발주확인"), "INVOICED": N_("송장등록"), "SEND_FAILED": N_("전송실패"),
    "AMBIGUOUS": N_("처리 여부 확인 필요"), "SENT": N_("송장전송완료"), "FORCED": N_("강제완료"),
    "SHIPPING": N_("배송중"), "DELIVERED": N_("배송완료"), "PURCHASE_DECIDED": N_("구매확정"),
    **{s: OrderStatus[s].label_ko for s in CLAIM_STATUSES},
}


def status_label(code: str) -> str:
    member = OrderStatus.__members__.get(code)
    return _(member.label_ko) if member else code


def stage_of(status: str, invoice_state: str) -> str:
    """The one 처리상태 key of a line."""
    if status in CLAIM_STATUSES or status in DONE_STATUSES:
        return status
    if invoice_state == FORCED:
        return "FORCED"
    if invoice_state == SENT:
        return "SENT"
    if invoice_state in (PENDING, SENDING):
        return "INVOICED"
    if invoice_state == FAILED:
        return "SEND_FAILED"
    if invoice_state == AMBIGUOUS:
        return "AMBIGUOUS"
    return status if status in STAGES else "NEW"


def stage_label(line) -> str:
    stage = STAGES.get(stage_of(line.status, line.invoice_state))
    return _(stage) if stage else status_label(line.status)


def merged_status(local: str, remote: str) -> str:
    """Channel status wins, except that the normal flow never moves backwards.

    A channel may still say 신규주문 for a moment after our 발주확인 was accepted; a claim or a
    rejected claim (back to 배송완료) always applies.
    """
    if remote in ("", "UNKNOWN") or remote == local:
        return local
    if local in FLOW and remote in FLOW and FLOW.index(remote) < FLOW.index(local):
        return local
    return remote


# --- dates: the seller picks KST calendar days; the database stores naive UTC -----------------

def parse_day(value, default: date) -> date:
    if not value:
        return default
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise RuleViolation(_("일자는 YYYY-MM-DD 형식으로 입력해 주세요.")) from None


def day_range(args, default_days: int = 7, max_days: int | None = None) -> tuple[date, date]:
    """(from, to) KST days from request args: `days` preset, or `from`/`to`."""
    today = today_kst()
    days = args.get("days", type=int) if hasattr(args, "getlist") else args.get("days")
    if days:
        return today - timedelta(days=int(days) - 1), today
    start = parse_day(args.get("from"), today - timedelta(days=default_days - 1))
    end = parse_day(args.get("to"), today)
    if end < start:
        raise RuleViolation(_("시작일이 종료일보다 늦습니다. 기간을 확인해 주세요."))
    if max_days and (end - start).days + 1 > max_days:
        raise RuleViolation(_("조회 기간은 최대 %(max_days)s일입니다.", max_days=max_days))
    return start, end


def naive_utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=KST)  # the channels speak KST
    return value.astimezone(UTC).replace(tzinfo=None)


def aware_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC)


__all__ = ["OUTBOX_LABELS", "STAGES", "RuleViolation", "merged_status", "stage_label", "stage_of"]
