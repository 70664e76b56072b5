"""받는사람 수정 after 배송접수: a shipment's recipient, message and memo change until the forwarder receives it
(입고, A99), as the manual allows every field but 장바구니번호 until then; the shipment's live orders follow,
and the history names the fields changed, who and when (personal data is not copied into it)."""
from flask_babel import gettext as _

from models.shipment import EV_EDIT
from portal.extensions import db

from .events import record
from .waiting import FIELD_LABELS, Refused, check_fields

FIELDS = ("recipient_name", "recipient_kana", "recipient_name_en", "recipient_phone", "recipient_mobile",
          "zip_code", "address", "address_detail", "address_en", "message", "memo")
ORDER_FIELDS = FIELDS[:-1]  # the memo is the shipment's own


def apply(tenant, user, shipment, form) -> list[str]:
    """Set the fields the form holds; returns the changed fields' names. Raises Refused (every reason at
    once, nothing changed) for a received shipment or a bad field. Commits."""
    db.session.refresh(shipment, with_for_update=True)  # the forwarder's 입고 waits for this edit, or it for 입고
    if not shipment.editable:
        raise Refused(_("입고(A99) 이후의 배송건은 받는사람 정보를 수정할 수 없습니다: %(no)s", no=shipment.receipt_no))
    if "cart_no" in form:
        raise Refused(_("장바구니번호는 배송접수 후에는 수정할 수 없습니다."))
    values = {f: (form.get(f) or "").strip() for f in FIELDS if f in form}
    check_fields(values, required=("recipient_name", "address"))
    changed = [f for f, v in values.items() if (getattr(shipment, f) or "") != v]
    if not changed:
        return []
    for field in changed:
        setattr(shipment, field, values[field])
        if field in ORDER_FIELDS:
            for order in shipment.orders:
                if order.deleted_at is None:
                    setattr(order, field, values[field])
                    order.updated_by_id = user.id
    shipment.updated_by_id = user.id
    record(shipment, EV_EDIT, user, _("받는사람 정보 수정: %(fields)s",
                                      fields=", ".join(_(FIELD_LABELS[f]) for f in changed)))
    db.session.commit()
    return changed
