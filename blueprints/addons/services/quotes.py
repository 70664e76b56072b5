"""견적요청목록: requested → quoted (amount, note) → accepted / declined, with every change kept."""
from flask_babel import gettext as _

from models import QuoteEvent, QuoteRequest, QuoteService
from portal.extensions import db
from portal.tenancy import tenant_query

from . import RuleViolation

MOVES = {  # (from state, action) → new state, who may do it
    ("quoted", "accept"): ("accepted", "seller"), ("quoted", "decline"): ("declined", "seller"),
    ("requested", "cancel"): ("canceled", "seller"), ("requested", "quote"): ("quoted", "support"),
    ("quoted", "quote"): ("quoted", "support"),
}


def services() -> list[QuoteService]:
    return db.session.query(QuoteService).filter_by(active=True).order_by(QuoteService.name).all()


def listing(tenant, args):
    query = tenant_query(QuoteRequest, tenant)
    if args.get("state"):
        query = query.filter(QuoteRequest.state == args["state"])
    return query.order_by(QuoteRequest.created_at.desc(), QuoteRequest.id.desc())


def request_quote(tenant, user, form) -> QuoteRequest:
    service_id, content = form.get("service_id"), (form.get("content") or "").strip()
    reasons = []
    service = db.session.get(QuoteService, int(service_id)) if str(service_id or "").isdigit() else None
    if service is None or not service.active:
        reasons.append(_("요청할 서비스를 선택해 주세요."))
    if not content:
        reasons.append(_("요청 내용을 입력해 주세요."))
    elif len(content) > 5000:
        reasons.append(_("요청 내용은 5,000자까지 입력할 수 있습니다."))
    if reasons:
        raise RuleViolation(" ".join(reasons))
    row = QuoteRequest(tenant_id=tenant.id, service_id=service.id, content=content, author_id=user.id)
    db.session.add(row)
    db.session.flush()
    db.session.add(QuoteEvent(request_id=row.id, actor_id=user.id, state="requested", message=_("견적을 요청했습니다.")))
    db.session.commit()
    return row


def move(row: QuoteRequest, user, action: str, *, amount=None, note: str = "") -> None:
    target = MOVES.get((row.state, action))
    who = "support" if user.is_support else "seller"
    if target is None or target[1] != who:
        raise RuleViolation(_("%(state_label)s 상태에서는 할 수 없는 처리입니다.", state_label=row.state_label))
    message = note.strip()
    if action == "quote":
        value = str(amount or "").replace(",", "").strip()
        if not value.isdigit() or int(value) <= 0:
            raise RuleViolation(_("견적금액을 원 단위 숫자로 입력해 주세요."))
        row.amount, row.note = int(value), message
        message = _("견적금액 %(amount)s원. %(note)s", amount=format(int(value), ","), note=message).strip()
    row.state = target[0]
    db.session.add(QuoteEvent(request_id=row.id, actor_id=user.id, state=row.state, message=message[:500]))
    db.session.commit()
