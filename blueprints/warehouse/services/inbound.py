"""입고관리: 입고신청 with boxes, the warehouse's receipts per line, refusals, and the day's receipt sheet."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import update
from models import InboundLine, InboundRequest, WarehouseItem
from models.base import utcnow
from models.warehouse import IN_DONE, IN_PARTIAL, IN_REFUSED, IN_WAITING, ITEM_ACTIVE
from portal.extensions import db
from portal.i18n import N_, ko
from portal.tenancy import tenant_query
from portal.web import kst

from . import FieldErrors, RuleViolation, new_number, warehouse_name
from .items import positive_decimal, search
from .lists import period_filter
from .stock import RECEIVED, announce, move, parse_count

STATUS_LABELS = {IN_WAITING: _l("입고대기"), IN_PARTIAL: _l("부분입고"), IN_DONE: _l("입고완료(전체)"),
                 IN_REFUSED: _l("입고실패")}
RECEIPT_HEADERS = [ko("입고신청번호"), ko("바코드"), ko("입고수량")]  # matched in the warehouse's result file
EXPORT_HEADERS = [N_("입고신청번호"), N_("입고상태"), N_("창고"), N_("화주명"), N_("바코드"), N_("중문상품명"),
                  N_("신청수량"), N_("입고수량"), N_("상자번호"), N_("화물상자부피(cm)"), N_("신청일"), N_("입고일")]


def create(tenant, user, rows: list[dict]) -> InboundRequest:
    """입고신청: each line an item of ours with a quantity, its 상자번호 and the box's size."""
    if not rows:
        raise RuleViolation(_("입고상품추가로 입고할 상품을 추가해 주세요."))
    ids = [int(r["item_id"]) for r in rows if str(r.get("item_id", "")).isdigit()]
    items = {i.id: i for i in tenant_query(WarehouseItem, tenant).filter(WarehouseItem.id.in_(ids))}
    errors, lines = {}, []
    for index, row in enumerate(rows):
        item = items.get(int(row["item_id"])) if str(row.get("item_id", "")).isdigit() else None
        if item is None:
            raise LookupError(row.get("item_id"))  # another seller's item looks like none
        if item.status != ITEM_ACTIVE:
            errors[(index, "item")] = _("입고할 수 없는 상품입니다. 상품신청실패목록에서 사유를 확인해 주세요.")
        qty = parse_count(row.get("quantity"))
        if not qty:
            errors[(index, "quantity")] = _("수량은 1 이상의 숫자로 입력해 주세요.")
        box_no = str(row.get("box_no") or "").strip()
        if not box_no or len(box_no) > 30:
            errors[(index, "box_no")] = _("상자번호를 30자 이내로 입력해 주세요.")
        dims = [positive_decimal(row.get(k) or "", 1, 999) for k in ("box_width_cm", "box_depth_cm", "box_height_cm")]
        if None in dims:
            errors[(index, "box")] = _("화물상자부피는 가로, 세로, 높이를 0보다 큰 숫자(cm)로 입력해 주세요.")
        if not errors:
            lines.append(InboundLine(tenant_id=tenant.id, item_id=item.id, quantity=qty, box_no=box_no,
                                     box_width_cm=dims[0], box_depth_cm=dims[1], box_height_cm=dims[2]))
    if errors:
        raise FieldErrors(errors)
    request = InboundRequest(tenant_id=tenant.id, no=new_number("IN", 8), created_by_id=user.id, lines=lines)
    db.session.add(request)
    db.session.commit()
    return request


def listing(tenant, args):
    """입고신청목록: one row per line, newest request first, with the period, word and state filters."""
    query = (tenant_query(InboundLine, tenant).join(InboundRequest).join(WarehouseItem)
             .filter(InboundRequest.status != IN_REFUSED))
    status = args.get("status")
    if status in (IN_WAITING, IN_PARTIAL, IN_DONE):
        query = query.filter(InboundRequest.status == status)
    query = period_filter(query, args, {"requested": InboundRequest.created_at,
                                        "received": InboundRequest.received_at})
    words = (args.get("q") or "").strip()
    if words:
        if args.get("field") == "no":
            query = query.filter(InboundRequest.no == words)
        else:
            query = search(query, args)
    return query.order_by(InboundRequest.created_at.desc(), InboundLine.id.desc())


def export_row(line: InboundLine) -> list:
    r, item = line.request, line.item
    return [r.no, str(STATUS_LABELS[r.status]), warehouse_name(item.warehouse), item.owner_name, item.fnsku,
            item.name_zh, line.quantity, line.received, line.box_no,
            f"{line.box_width_cm}×{line.box_depth_cm}×{line.box_height_cm}", kst(r.created_at), kst(r.received_at)]


def refused(tenant):
    """입고신청실패목록: the requests the warehouse refused, with the reason."""
    return (tenant_query(InboundRequest, tenant).filter(InboundRequest.status == IN_REFUSED)
            .order_by(InboundRequest.updated_at.desc()))


def _receive_line(line: InboundLine, qty: int, user):
    """`received` grows by one conditional update: two people confirming the same box at once
    cannot receive more than was requested (the second is refused and nothing of it is kept)."""
    left = db.session.execute(
        update(InboundLine).where(InboundLine.id == line.id, InboundLine.received + qty <= InboundLine.quantity)
        .values(received=InboundLine.received + qty).returning(InboundLine.received),
        execution_options={"synchronize_session": "fetch"}).first()
    if left is None:
        db.session.rollback()
        raise RuleViolation(_("%(code)s: 다른 작업자가 먼저 입고를 확정했습니다. 화면을 새로 고쳐 주세요.",
                              code=line.item.fnsku))
    return move(line.tenant_id, line.item_id, qty, RECEIVED, line.request.no, user)


def _settle(request: InboundRequest) -> None:
    if all(line.received >= line.quantity for line in request.lines):
        request.status = IN_DONE
    elif any(line.received for line in request.lines):
        request.status = IN_PARTIAL


def receive(request: InboundRequest, counted: dict[int, str], user) -> int:
    """The warehouse confirms what it counted per line (this time); 가용재고 rises by it. A line may
    be received in several goes; more than requested is refused (it is a new 입고신청)."""
    if request.status in (IN_DONE, IN_REFUSED):
        raise RuleViolation(_("이미 처리가 끝난 입고신청입니다."))
    plan = {}
    for line in request.lines:
        text = str(counted.get(line.id, "") or "").strip()
        if not text:
            continue
        qty = parse_count(text)
        if qty is None:
            raise RuleViolation(_("%(code)s: 입고수량은 0 이상의 숫자로 입력해 주세요.", code=line.item.fnsku))
        if line.received + qty > line.quantity:
            raise RuleViolation(_("%(code)s: 입고수량이 남은 신청수량(%(left)d개)을 넘습니다.",
                                  code=line.item.fnsku, left=line.quantity - line.received))
        if qty:
            plan[line] = qty
    if not plan:
        raise RuleViolation(_("입고수량을 입력해 주세요."))
    movements = [_receive_line(line, qty, user) for line, qty in plan.items()]
    request.received_at = utcnow()
    _settle(request)
    db.session.commit()
    announce(request.tenant_id, movements)
    return sum(plan.values())


def refuse(request: InboundRequest, reason: str) -> None:
    """입고실패: only a request nothing of which was received; the reason goes to the seller."""
    if request.status != IN_WAITING:
        raise RuleViolation(_("입고가 시작된 신청은 거부할 수 없습니다."))
    if not reason.strip():
        raise RuleViolation(_("거부 사유를 입력해 주세요."))
    request.status, request.refused_reason = IN_REFUSED, reason.strip()[:200]
    db.session.commit()


def receipt_results(rows, user) -> int:
    """입고결과 엑셀 (a day's work): rows of 입고신청번호, 바코드, 입고수량. Every row is checked first and
    every reason reported with its row number; one bad row applies none of them."""
    plan, errors = {}, []
    for number, row in rows:
        no, fnsku, qty_text = (str(v or "").strip() for v in (list(row) + [None] * 3)[:3])
        if not (no or fnsku or qty_text):
            continue
        request = InboundRequest.query.filter_by(no=no).one_or_none() if no else None
        line = next((ln for ln in request.lines if ln.item.fnsku == fnsku), None) if request else None
        qty = parse_count(qty_text)
        reasons = []
        if request is None:
            reasons.append(_("입고신청번호를 찾을 수 없습니다."))
        elif request.status in (IN_DONE, IN_REFUSED):
            reasons.append(_("이미 처리가 끝난 입고신청입니다."))
        elif line is None:
            reasons.append(_("입고신청에 없는 바코드입니다."))
        if not qty:
            reasons.append(_("입고수량은 1 이상의 숫자로 입력해 주세요."))
        if line is not None and qty and line.received + plan.get(line, 0) + qty > line.quantity:
            reasons.append(_("입고수량이 남은 신청수량(%(left)d개)을 넘습니다.",
                             left=line.quantity - line.received - plan.get(line, 0)))
        if reasons:
            errors.append(_("%(row)d행: %(reasons)s", row=number, reasons=" / ".join(reasons)))
        else:
            plan[line] = plan.get(line, 0) + qty
    if errors:
        raise RuleViolation("\n".join(errors))
    if not plan:
        raise RuleViolation(_("입고결과가 있는 행이 없습니다."))
    movements = [_receive_line(line, qty, user) for line, qty in plan.items()]
    requests = {line.request for line in plan}
    for request in requests:
        request.received_at = utcnow()
        _settle(request)
    db.session.commit()
    for tenant_id in {m.ledger.tenant_id for m in movements}:
        announce(tenant_id, [m for m in movements if m.ledger.tenant_id == tenant_id])
    return sum(plan.values())
