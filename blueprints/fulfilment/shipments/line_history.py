"""대기목록 수정 이력 of the other changes: a waiting line's recipient fields, 장바구니번호, 보류, 삭제 and 복구,
each one FulfilmentOrderChange with who and when (단가/수량 keep theirs in amounts.py).

Personal data goes into the history masked, as the lists show it: the history says that the recipient's
phone changed and by whom, it does not keep a second copy of the number.
"""
from models import FulfilmentOrderChange
from portal.extensions import db
from portal.security import mask_name, mask_phone


def _area(address: str) -> str:
    """The start of an address (prefecture, city) and stars: Japanese addresses have no spaces to cut at."""
    return address if len(address) <= 6 else address[:6] + "***"


MASKS = {"recipient_name": mask_name, "recipient_kana": mask_name, "recipient_name_en": mask_name,
         "recipient_phone": mask_phone, "recipient_mobile": mask_phone, "address": _area,
         "address_detail": lambda _v: "***", "address_en": _area}
# Actions noted with a marker field (models.fulfilment_order.CHANGE_LABELS words them).
HELD, DELETED, RESTORED = "held", "deleted", "restored"


def _shown(field: str, value) -> str:
    value = "" if value is None else str(value)
    return (MASKS[field](value) if field in MASKS and value else value)[:100]


def note(row, field: str, before, after, user) -> None:
    """One change of one line; the caller commits."""
    db.session.add(FulfilmentOrderChange(tenant_id=row.tenant_id, order_id=row.id, field=field,
                                         before=_shown(field, before), after=_shown(field, after),
                                         user_id=getattr(user, "id", None)))


def note_fields(row, values: dict, user) -> None:
    """The fields of `values` whose value differs from the line's (before they are set)."""
    for field, value in values.items():
        if (getattr(row, field) or "") != value:
            note(row, field, getattr(row, field), value, user)
