"""발주확인 and 판매취소: which lines qualify, the 3-day ship-date rule, general malls, starting the jobs."""
from datetime import datetime, timedelta

from flask_babel import gettext as _

from models import ChannelOrderLine
from portal.channel_delay import DELAY_DETAIL_MAX
from portal.marketplaces import DELAY_REASONS, KST, ChannelType, discover_adapters
from portal.queues import enqueue
from portal.tenancy import tenant_query
from portal.i18n import N_

from . import RuleViolation
from .collection import channel_name

CANCEL_REASONS = {"SOLD_OUT": N_("품절"), "PRODUCT_ERROR": N_("상품정보 오류"), "DELIVERY_DELAY": N_("배송지연"),
                  "ETC": N_("기타")}
MAX_SHIP_DAYS = 3


def refuse_file_orders(lines, what: str) -> None:
    """Nothing is ever sent to a channel for an order without a channel account (a file or 수기주문 order)."""
    local = [x for x in lines if x.account_id is None]
    if not local:
        return
    no = local[0].channel_order_id
    if what == "confirm":
        raise RuleViolation(_("파일로 등록한 주문(%(no)s)은 제휴몰 계정이 없어 발주확인을 보낼 수 없습니다. 파일 주문은 "
                              "발주확인된 상태로 등록되어 바로 송장을 등록할 수 있습니다.", no=no))
    raise RuleViolation(_("파일로 등록한 주문(%(no)s)은 제휴몰 계정이 없어 판매취소를 보낼 수 없습니다. 배송관리 > "
                          "수기주문에서 강제취소해 주세요.", no=no))


def lines_of(tenant, line_ids) -> list[ChannelOrderLine]:
    ids = {int(i) for i in line_ids or [] if str(i).isdigit()}
    if not ids:
        raise RuleViolation(_("처리할 주문을 선택해 주세요."))
    lines = tenant_query(ChannelOrderLine, tenant).filter(ChannelOrderLine.id.in_(ids)).all()
    if len(lines) != len(ids):
        raise RuleViolation(_("선택한 주문을 찾을 수 없습니다. 목록을 새로고침해 주세요."))
    return sorted(lines, key=lambda x: x.id)


def parse_ship_at(value: str) -> datetime:
    """출고 예정일시 as typed (datetime-local, KST)."""
    if not (value or "").strip():
        raise RuleViolation(_("출고 예정일시를 입력해 주세요."))
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise RuleViolation(_("출고 예정일시는 YYYY-MM-DD HH:MM 형식으로 입력해 주세요.")) from None
    return parsed.replace(tzinfo=None)


def start_confirmation(tenant, user, line_ids, ship_at_text: str, delay_reason: str, now=None, *,
                       job, delay_detail: str = ""):
    """발주확인: the ship date may be at most 3 days out unless a 배송지연사유 (code + detail) is given;
    the job sends the reason to the channels that take one."""
    lines = lines_of(tenant, line_ids)
    refuse_file_orders(lines, "confirm")
    ship_at = parse_ship_at(ship_at_text)
    now = now or datetime.now(KST).replace(tzinfo=None)
    delay_detail = " ".join((delay_detail or "").split())
    if ship_at < now - timedelta(hours=1):
        raise RuleViolation(_("출고 예정일시는 현재 이후로 입력해 주세요."))
    if delay_reason and delay_reason not in DELAY_REASONS:
        raise RuleViolation(_("배송지연사유를 목록에서 선택해 주세요."))
    if ship_at > now + timedelta(days=MAX_SHIP_DAYS) and not delay_reason:
        raise RuleViolation(_("출고 예정일이 3일을 넘으면 배송지연사유를 선택해 주세요."))
    if delay_detail and not delay_reason:
        raise RuleViolation(_("배송지연 상세사유를 보내려면 배송지연사유를 선택해 주세요."))
    if len(delay_detail) > DELAY_DETAIL_MAX:
        raise RuleViolation(_("배송지연 상세사유는 %(DELAY_DETAIL_MAX)s자 이내로 입력해 주세요.",
                              DELAY_DETAIL_MAX=DELAY_DETAIL_MAX))
    wrong = [x for x in lines if x.status != "NEW"]
    if wrong:
        raise RuleViolation(_("신규주문 상태인 주문만 발주확인할 수 있습니다. (%(order)s 외 %(n)s건 제외 필요)",
                              order=wrong[0].channel_order_id, n=len(wrong) - 1) if len(wrong) > 1 else
                            _("신규주문 상태인 주문만 발주확인할 수 있습니다. (%(order)s)",
                              order=wrong[0].channel_order_id))
    return enqueue(job, kind=_("발주확인 처리 연동"), queue="channel", tenant_id=tenant.id,
                   user_id=user.id, line_ids=[x.id for x in lines], ship_at=ship_at.isoformat(),
                   delay_reason=delay_reason or "", delay_detail=delay_detail)


def is_general_mall(code: str) -> bool:
    cls = discover_adapters().get(code)
    return bool(cls and (cls.channel_type is ChannelType.GENERAL_MALL or "cancel_sale" not in cls.capabilities()))


def start_cancel(tenant, user, line_ids, reason: str, *, job):
    lines = lines_of(tenant, line_ids)
    refuse_file_orders(lines, "cancel")
    if reason not in CANCEL_REASONS:
        raise RuleViolation(_("판매취소 사유를 선택해 주세요."))
    malls = sorted({channel_name(x.channel) for x in lines if is_general_mall(x.channel)})
    if malls:
        raise RuleViolation(_("종합몰은 판매자에 의한 판매취소처리가 제공되지 않습니다(%(join)s). 주문고객 또는 제휴몰 담당MD와 처리를 "
                              "진행해 주세요.",
                              join=', '.join(malls)))
    wrong = [x for x in lines if x.status not in ("NEW", "CONFIRMED") or x.invoice_state in ("sent", "forced")]
    if wrong:
        raise RuleViolation(_("신규주문 또는 발주확인 상태의 주문만 판매취소할 수 있습니다. (%(channel_order_id)s)",
                              channel_order_id=wrong[0].channel_order_id))
    return enqueue(job, kind=_("판매취소 처리 연동"), queue="channel", tenant_id=tenant.id,
                   user_id=user.id, line_ids=[x.id for x in lines], reason=reason)
