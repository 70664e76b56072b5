"""Status changes of a shipment: the one place a tracking code moves, each move a ShipmentEvent with who
(seller, support staff, API key, system) and when, plus what the forwarder's side records with it
(입고: who received it and when; 보류: the reason; 국제 송장번호)."""
import re
from datetime import datetime
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import pgettext

from models import Shipment, ShipmentEvent
from models.shipment import BY_SUPPORT, EV_EDIT
from portal.extensions import db

from ..shipments import events as history
from .codes import label, may_move

RECEIVED, HOLD = "A99", "A02"
TRACKING_PATTERN = re.compile(r"^[0-9A-Za-z-]{6,40}$")


class Refused(Exception):
    """A change the shipment cannot take, with the reason in the user's language."""


def change_status(shipment: Shipment, code: str, *, by: str, user=None, api_key_id=None, message: str = "",
                  happened_at: datetime | None = None) -> ShipmentEvent:
    """Move `shipment` to `code` if the flow allows it (else Refused, saying why), recorded by the shipment
    history's own change_status. The caller commits."""
    code = (code or "").strip().upper()
    if shipment.deleted_at is not None:
        raise Refused(_("%(no)s: 삭제된 배송건입니다. 삭제목록에서 복구한 뒤 처리해 주세요.", no=shipment.receipt_no))
    if not may_move(shipment.status, code):
        if code == shipment.status:
            raise Refused(_("%(no)s: 이미 %(label)s(%(code)s) 상태입니다.", no=shipment.receipt_no, label=label(code),
                            code=code))
        raise Refused(_("%(no)s: %(before)s(%(before_code)s)에서 %(after)s(%(after_code)s)(으)로 바꿀 수 없습니다.",
                        no=shipment.receipt_no, before=label(shipment.status), before_code=shipment.status,
                        after=label(code), after_code=code or "-"))
    event = history.change_status(shipment, code, user, (message or "").strip(), by=by, api_key_id=api_key_id,
                                  happened_at=happened_at)
    if event.status_from == HOLD:
        shipment.hold_reason = ""  # the hold is over; its reason stays in the history
    return event


def receive(shipment: Shipment, user, weight_text: str = "") -> None:
    """입고 확인: A99 with the measured weight (kg), by support staff."""
    weight = None
    if (weight_text or "").strip():
        try:
            weight = Decimal(weight_text.strip())
        except ArithmeticError:
            raise Refused(_("무게는 kg 단위 숫자로 입력해 주세요: %(weight)s", weight=weight_text)) from None
        if not 0 < weight < 1000:
            raise Refused(_("무게는 0보다 크고 1000kg보다 작아야 합니다: %(weight)s", weight=weight_text))
    change_status(shipment, RECEIVED, by=BY_SUPPORT, user=user,
                  message=_("입고 확인 (%(weight)skg)", weight=weight) if weight
                  else pgettext("shipment history", "입고 확인"))
    if weight is not None:
        shipment.weight_kg = weight


def hold(shipment: Shipment, user, reason: str) -> None:
    """보류 (A02) with the reason the seller reads."""
    reason = (reason or "").strip()
    if not reason:
        raise Refused(_("보류 사유를 입력해 주세요."))
    change_status(shipment, HOLD, by=BY_SUPPORT, user=user, message=_("보류: %(reason)s", reason=reason))
    shipment.hold_reason = reason[:300]


def assign_tracking(shipment: Shipment, carrier: str, number: str, *, by: str, user=None,
                    api_key_id=None) -> bool:
    """국제 송장번호 배정: the carrier and its number; false when nothing changed. One number, one shipment."""
    carrier, number = (carrier or "").strip(), re.sub(r"\s", "", number or "")
    if not carrier:
        raise Refused(_("배송회사를 입력해 주세요."))
    if len(carrier) > 30:
        raise Refused(_("배송회사는 30자 이내로 입력해 주세요."))
    if not TRACKING_PATTERN.match(number):
        raise Refused(_("국제 송장번호는 영문/숫자/하이픈 6~40자로 입력해 주세요: %(number)s", number=number or _("(빈칸)")))
    if (shipment.intl_carrier, shipment.intl_tracking_no) == (carrier, number):
        return False
    taken = (db.session.query(Shipment.receipt_no)
             .filter(Shipment.intl_tracking_no == number, Shipment.id != shipment.id,
                     Shipment.deleted_at.is_(None)).first())
    if taken:
        raise Refused(_("국제 송장번호 %(number)s은(는) 다른 배송건(%(other)s)에 이미 배정되어 있습니다.", number=number,
                        other=taken[0]))
    before = f"{shipment.intl_carrier} {shipment.intl_tracking_no} → " if shipment.intl_tracking_no else ""
    shipment.intl_carrier, shipment.intl_tracking_no = carrier, number
    shipment.channel_notified_at = None  # the channel has yet to learn the new number (배송 통지)
    text = _("국제 송장번호 배정: %(before)s%(carrier)s %(number)s", before=before, carrier=carrier, number=number)
    history.record(shipment, EV_EDIT, user, text, by=by,
                   api_key_id=api_key_id)
    return True
