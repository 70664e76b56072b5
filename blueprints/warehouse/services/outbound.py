"""출고관리: 출고신청 of one or several orders with several items (택배 or 밀크런), its cancel, and the warehouse's side."""
import re

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from models import CoupangCentre, OutboundLine, OutboundRequest, WarehouseItem
from models.base import utcnow
from models.warehouse import (ITEM_ACTIVE, MILKRUN, OUT_CANCELLED, OUT_PICKING, OUT_REFUSED,
                              OUT_REQUESTED, OUT_SHIPPED, PARCEL)
from portal.extensions import db
from portal.i18n import N_, ko
from portal.tenancy import tenant_query
from portal.web import kst

from . import TRANSPORTS, FieldErrors, RuleViolation, new_number
from .files import check_attachment, is_given, store_attachment
from .items import search
from .lists import period_filter
from .stock import OUT_CANCELLED as LEDGER_CANCELLED
from .stock import OUT_REFUSED as LEDGER_REFUSED
from .stock import OUT_REQUESTED as LEDGER_REQUESTED
from .stock import Shortage, announce, move, parse_count

STATUS_LABELS = {OUT_REQUESTED: _l("출고요청"), OUT_PICKING: _l("피킹중"), OUT_SHIPPED: _l("출고완료"),
                 OUT_CANCELLED: _l("출고취소"), OUT_REFUSED: _l("출고실패")}
PHONE = re.compile(r"[0-9()+\- ]{8,15}")
ZIPCODE = re.compile(r"\d{5}")
ORDER_FIELDS = {"order_no": 50, "po_no": 50, "recipient_name": 20, "recipient_phone": 15,
                "province": 30, "city": 50, "zipcode": 5, "address": 200}
EXPORT_HEADERS = [N_("출고번호"), N_("출고상태"), N_("신청일"), N_("출고일"), N_("주문번호"), N_("발주번호"),
                  N_("받는 분 이름"), N_("연락처"), N_("우편번호"), N_("주소"), N_("운송방식"), N_("택배사/쿠팡창고"),
                  N_("송장번호"), N_("바코드"), N_("중문상품명"), N_("수량")]


def courier() -> str:
    """택배: the courier the warehouse has a contract with (지정 택배사)."""
    return current_app.config.get("WAREHOUSE_COURIER", ko("CJ대한통운"))  # a courier's name, stored


def new_po_no() -> str:
    """발주번호 생성 (택배): unique per seller; the database's constraint stands behind it."""
    return new_number("PO", 6)


def _check_order(order: dict, attachment) -> tuple[dict, dict]:
    clean = {k: str(order.get(k) or "").strip() for k in ORDER_FIELDS}
    errors = {}
    for name, most in ORDER_FIELDS.items():
        if not clean[name]:
            errors[name] = _("필수 입력 항목입니다.")
        elif len(clean[name]) > most:
            errors[name] = _("%(n)d자 이내로 입력해 주세요.", n=most)
    if clean["recipient_phone"] and "recipient_phone" not in errors and not PHONE.fullmatch(clean["recipient_phone"]):
        errors["recipient_phone"] = _("연락처는 숫자와 ( ) + - 로 입력해 주세요.")
    if clean["zipcode"] and not ZIPCODE.fullmatch(clean["zipcode"]):
        errors["zipcode"] = _("우편번호는 숫자 5자리로 입력해 주세요.")
    transport = str(order.get("transport") or "")
    if transport not in TRANSPORTS:
        errors["transport"] = _("운송방식을 선택해 주세요.")
    clean["transport"] = transport
    if transport == PARCEL:
        clean["courier"] = courier()
        if "po_no" in errors and not clean["po_no"]:
            errors["po_no"] = _("택배는 발주번호 생성 버튼으로 발주번호를 만들어 주세요.")
    if transport == MILKRUN:
        centre_id = str(order.get("centre_id") or "")
        centre = db.session.get(CoupangCentre, int(centre_id)) if centre_id.isdigit() else None
        if centre is None or not centre.active:
            errors["centre_id"] = _("쿠팡창고를 선택해 주세요.")
        else:
            clean["centre_id"] = centre.id
        if not is_given(attachment):
            errors["attachment"] = _("밀크런은 쿠팡 부착서 파일을 첨부해 주세요.")
        elif (problem := check_attachment(attachment)):
            errors["attachment"] = problem
    return clean, errors


def _check_lines(rows: list[dict], items: dict) -> tuple[list, dict]:
    """One order's lines: each item once, active, with a positive quantity within its own 출고가능수량."""
    if not rows:
        return [], {(None, "lines"): _("출고상품추가로 출고할 상품을 추가해 주세요.")}
    lines, seen, errors = [], set(), {}
    for index, row in enumerate(rows):
        item = items.get(int(row["item_id"])) if str(row.get("item_id", "")).isdigit() else None
        if item is None:
            raise LookupError(row.get("item_id"))
        qty = parse_count(row.get("quantity"))
        if item.id in seen:
            errors[(index, "item")] = _("같은 상품이 두 번 추가되었습니다. 한 줄에 수량을 합쳐 주세요.")
        elif item.status != ITEM_ACTIVE:
            errors[(index, "item")] = _("출고할 수 없는 상품입니다. 상품신청실패목록에서 사유를 확인해 주세요.")
        elif not qty:
            errors[(index, "quantity")] = _("수량은 1 이상의 숫자로 입력해 주세요.")
        elif qty > item.available:
            errors[(index, "quantity")] = _("수량이 출고가능수량(%(n)d개)을 넘습니다.", n=item.available)
        seen.add(item.id)
        lines.append((item, qty))
    return lines, errors


def _check_together(checked: list, errors: dict) -> None:
    """출고가능수량 holds for the whole submission: orders asking for the same item share its stock."""
    wanted: dict[int, int] = {}
    for _order, lines in checked:
        for item, qty in lines:
            wanted[item.id] = wanted.get(item.id, 0) + (qty or 0)
    for o, (_order, lines) in enumerate(checked):
        for index, (item, qty) in enumerate(lines):
            if qty and qty <= item.available < wanted[item.id] and (o, index, "quantity") not in errors:
                errors[(o, index, "quantity")] = _(
                    "이번 신청의 여러 주문이 이 상품을 합계 %(total)d개 요청했습니다. 출고가능수량은 %(n)d개입니다.",
                    total=wanted[item.id], n=item.available)


def create_many(tenant, user, orders: list[dict]) -> list[OutboundRequest]:
    """출고신청 of several orders at once, each {"order": fields, "rows": lines, "attachment": file}.
    All or nothing: errors come back as {(order index, line index or None, field): message}, and
    every quantity of every order is held in one transaction (출고가능수량 counts them together)."""
    if not orders:
        raise RuleViolation(_("출고상품추가로 출고할 상품을 추가해 주세요."))
    ids = [int(r["item_id"]) for o in orders for r in o["rows"] if str(r.get("item_id", "")).isdigit()]
    items = {i.id: i for i in tenant_query(WarehouseItem, tenant).filter(WarehouseItem.id.in_(ids))}
    errors, checked, po_seen = {}, [], set()
    for o, given in enumerate(orders):
        clean, order_errors = _check_order(given["order"], given.get("attachment"))
        lines, line_errors = _check_lines(given["rows"], items)
        errors.update({(o, None, f): m for f, m in order_errors.items()})
        errors.update({(o, i, f): m for (i, f), m in line_errors.items()})
        if clean["po_no"] and (clean["po_no"] in po_seen or tenant_query(OutboundRequest, tenant).filter(
                OutboundRequest.po_no == clean["po_no"]).first()):
            errors[(o, None, "po_no")] = _("이미 출고신청에 사용한 발주번호입니다.")
        po_seen.add(clean["po_no"])
        checked.append((clean, lines))
    _check_together(checked, errors)
    if errors:
        raise FieldErrors(errors)
    created, movements = [], []
    try:
        for o, (clean, lines) in enumerate(checked):
            request = OutboundRequest(tenant_id=tenant.id, no=new_number("EO", 6), created_by_id=user.id,
                                      lines=[OutboundLine(tenant_id=tenant.id, item_id=i.id, quantity=q)
                                             for i, q in lines], **clean)
            db.session.add(request)
            for index, (item, qty) in enumerate(lines):
                try:
                    movements.append(move(tenant.id, item.id, -qty, LEDGER_REQUESTED, request.no, user))
                except Shortage:
                    db.session.rollback()
                    left = db.session.get(WarehouseItem, item.id).available
                    raise FieldErrors({(o, index, "quantity"): _(
                        "방금 다른 출고신청이 먼저 재고를 사용했습니다. 출고가능수량은 %(n)d개입니다.", n=left)})
            created.append(request)
        for request, given in zip(created, orders):
            if request.transport == MILKRUN:
                request.attachment, request.attachment_name = store_attachment(tenant.id, given["attachment"])
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise FieldErrors({(None, None, "po_no"): _("이미 출고신청에 사용한 발주번호입니다.")})
    announce(tenant.id, movements)
    return created


def create(tenant, user, order: dict, rows: list[dict], attachment=None) -> OutboundRequest:
    """출고신청 of one order: the errors keyed (line index or None, field) as the one-order page shows them."""
    if not rows:
        raise RuleViolation(_("출고상품추가로 출고할 상품을 추가해 주세요."))
    try:
        return create_many(tenant, user, [{"order": order, "rows": rows, "attachment": attachment}])[0]
    except FieldErrors as refused:
        raise FieldErrors({(i, f): m for (_o, i, f), m in refused.errors.items()}) from None


def _give_back(request: OutboundRequest, reason: str, user) -> None:
    movements = [move(request.tenant_id, line.item_id, line.quantity, reason, request.no, user)
                 for line in request.lines]
    db.session.commit()
    announce(request.tenant_id, movements)


def _transition(request: OutboundRequest, before: tuple, after: str, message, **values) -> None:
    """One conditional update moves the state: of a cancel and a pick arriving together, exactly one
    finds the state it expects (on PostgreSQL and on SQLite alike); the other is refused."""
    done = db.session.execute(
        update(OutboundRequest).where(OutboundRequest.id == request.id, OutboundRequest.status.in_(before))
        .values(status=after, **values), execution_options={"synchronize_session": "fetch"}).rowcount
    if not done:
        db.session.rollback()
        raise RuleViolation(str(message))


def cancel(request: OutboundRequest, user) -> None:
    """출고취소: only before the warehouse starts picking; the held stock comes back."""
    _transition(request, (OUT_REQUESTED,), OUT_CANCELLED, _l("피킹이 시작된 출고신청은 취소할 수 없습니다."))
    _give_back(request, LEDGER_CANCELLED, user)


def pick(request: OutboundRequest) -> None:
    _transition(request, (OUT_REQUESTED,), OUT_PICKING, _l("출고요청 상태의 신청만 피킹할 수 있습니다."))
    db.session.commit()


def ship(request: OutboundRequest, tracking_no: str) -> None:
    """출고완료: 택배 needs the tracking number; a milk-run goes on Coupang's truck (number optional)."""
    tracking_no = tracking_no.strip()
    if request.transport == PARCEL and not re.fullmatch(r"[0-9\-]{8,20}", tracking_no):
        raise RuleViolation(_("택배 송장번호를 숫자로 입력해 주세요."))
    _transition(request, (OUT_PICKING,), OUT_SHIPPED, _l("피킹중인 출고신청만 출고완료할 수 있습니다."),
                tracking_no=tracking_no[:40], shipped_at=utcnow())
    db.session.commit()


def refuse(request: OutboundRequest, reason: str, user) -> None:
    """출고실패: the warehouse cannot send it; the held stock comes back, the reason goes to the seller."""
    if not reason.strip():
        raise RuleViolation(_("거부 사유를 입력해 주세요."))
    _transition(request, (OUT_REQUESTED, OUT_PICKING), OUT_REFUSED,
                _l("출고가 끝났거나 취소된 신청은 거부할 수 없습니다."), refused_reason=reason.strip()[:200])
    _give_back(request, LEDGER_REFUSED, user)


def listing(tenant, args, failed: bool = False):
    """출고신청목록 (one row per line) or 출고신청실패목록, with 신청일/출고일, word and state filters."""
    query = tenant_query(OutboundLine, tenant).join(OutboundRequest).join(WarehouseItem)
    if failed:
        query = query.filter(OutboundRequest.status == OUT_REFUSED)
    elif args.get("status") in STATUS_LABELS:
        query = query.filter(OutboundRequest.status == args["status"])
    query = period_filter(query, args, {"requested": OutboundRequest.created_at,
                                        "shipped": OutboundRequest.shipped_at})
    words = (args.get("q") or "").strip()
    if words and args.get("field") in ("no", "order_no", "po_no", "recipient_name"):
        query = query.filter(getattr(OutboundRequest, args["field"]) == words)
    elif words:
        query = search(query, args)
    return query.order_by(OutboundRequest.created_at.desc(), OutboundLine.id)


def export_row(line: OutboundLine, mask: dict) -> list:
    """One sheet row; the recipient as `mask` shows it (개인정보 보기 is asked for and logged)."""
    r = line.request
    return [r.no, str(STATUS_LABELS[r.status]), kst(r.created_at), kst(r.shipped_at), r.order_no, r.po_no,
            mask["name"](r.recipient_name), mask["phone"](r.recipient_phone), r.zipcode,
            mask["address"](f"{r.province} {r.city} {r.address}"),
            str(TRANSPORTS[r.transport]), r.courier or (r.centre.name if r.centre else ""), r.tracking_no,
            line.item.fnsku, line.item.name_zh, line.quantity]
