"""배송문의: a thread per shipment between the seller and the forwarder's support staff (배송문의, 재발송요청,
택배회수요청, 폐기요청, 한국반송요청, 기타). The seller opens it and may follow up; support answers; either side's
message is kept with who and when, and the thread shows 답변대기 until support has answered the last word."""
from flask_babel import gettext as _

from models import ShipmentInquiry, ShipmentInquiryMessage
from models.base import utcnow
from models.shipment_inquiry import ANSWERED, CLOSED, INQUIRY_KINDS, OPEN, SELLER, SUPPORT
from portal.extensions import db

BODY_MAX = 4000


class Refused(Exception):
    """A message that cannot be kept, with the reason in the user's language."""


def _body(text: str) -> str:
    body = (text or "").strip()
    if not body:
        raise Refused(_("문의 내용을 입력해 주세요."))
    if len(body) > BODY_MAX:
        raise Refused(_("문의 내용은 %(n)s자 이내로 입력해 주세요.", n=f"{BODY_MAX:,}"))
    return body


def open_inquiry(shipment, user, kind: str, title: str, body: str) -> ShipmentInquiry:
    errors = []
    if kind not in INQUIRY_KINDS:
        errors.append(_("문의 구분을 선택해 주세요."))
    title = (title or "").strip()
    if not title:
        errors.append(_("제목을 입력해 주세요."))
    elif len(title) > 200:
        errors.append(_("제목은 200자 이내로 입력해 주세요."))
    try:
        body = _body(body)
    except Refused as exc:
        errors.append(str(exc))
    if errors:
        raise Refused("\n".join(errors))
    inquiry = ShipmentInquiry(tenant_id=shipment.tenant_id, shipment_id=shipment.id, kind=kind, title=title,
                              status=OPEN, created_by_id=user.id)
    inquiry.messages.append(ShipmentInquiryMessage(tenant_id=shipment.tenant_id, side=SELLER, user_id=user.id,
                                                   body=body))
    db.session.add(inquiry)
    db.session.commit()
    return inquiry


def follow_up(inquiry: ShipmentInquiry, user, body: str) -> None:
    """The seller's next word: the thread waits for support again (a closed one opens again)."""
    inquiry.messages.append(ShipmentInquiryMessage(tenant_id=inquiry.tenant_id, side=SELLER, user_id=user.id,
                                                   body=_body(body)))
    inquiry.status, inquiry.closed_at = OPEN, None
    db.session.commit()


def answer(inquiry: ShipmentInquiry, user, body: str, close: bool = False) -> None:
    """Support's answer (the support panel)."""
    inquiry.messages.append(ShipmentInquiryMessage(tenant_id=inquiry.tenant_id, side=SUPPORT, user_id=user.id,
                                                   body=_body(body)))
    now = utcnow()
    inquiry.status, inquiry.answered_at = (CLOSED if close else ANSWERED), now
    inquiry.closed_at = now if close else None
    db.session.commit()
