"""문의사항 처리: the filtered list with counts and deadlines, saving answers, 상용구 and preparing a send."""
import re

from flask_babel import gettext as _
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import and_, case, func, or_, select, update

from models import AnswerOutbox, AnswerTemplate, ChannelOrder, Inquiry, Listing
from models.base import utcnow
from models.inquiry import AMBIGUOUS, FAILED, KIND_LABELS, SAVED, SENDING, SENT, STATE_LABELS, UNANSWERED
from portal.extensions import db
from portal.tenancy import tenant_query
from portal.i18n import N_, ko

from . import RuleViolation, channel_name, day_range, utc_bounds
from .deadlines import DEADLINES, late_before

PER_PAGE = 20
DEFAULT_DAYS = 30
MAX_DAYS = 365
MAX_ANSWER = 2000
# Channel limits on an answer's length, from their documents (PROTOCOL.md): 쿠팡 replies take 2..1,000 characters.
ANSWER_LENGTH = {"coupang": (2, 1000)}
# The 처리상태 filter of the guide; 전송중 and 전송확인필요 count as 전송실패 until they settle.
FILTER_STATES = {UNANSWERED: N_("미답변"), SAVED: N_("답변저장"), SENT: N_("전송완료"), FAILED: N_("전송실패")}
STATE_GROUPS = {UNANSWERED: (UNANSWERED,), SAVED: (SAVED,), SENT: (SENT,), FAILED: (FAILED, AMBIGUOUS, SENDING)}
OPEN_STATES = (UNANSWERED, SAVED, FAILED, AMBIGUOUS)
# 전송중 may be sent again: the job reads the channel first when the run that took it is gone.
SENDABLE = (SAVED, FAILED, AMBIGUOUS, SENDING)
SEARCH_FIELDS = {"all": N_("전체"), "title": N_("제목"), "question": N_("문의내용"), "product": N_("상품명"), "writer": N_("구매자")}
# The 상용구 variables as the seller types them, matched in the text.
VARIABLES = {ko("{구매자명}"): "writer", ko("{상품명}"): "product_name", ko("{주문번호}"): "channel_order_id"}


def filtered(tenant, args):
    """The 문의사항 처리 query of the filters in args (raises RuleViolation on a bad period).

    Without a period the last 30 days are shown: the channels want answers within a day or two, and a
    search over years of answered questions is what a period is for.
    """
    query = tenant_query(Inquiry, tenant)
    days = args.get("days")
    if days and (not str(days).isdigit() or not 1 <= int(days) <= MAX_DAYS):
        raise RuleViolation(_("조회 기간은 1일부터 최대 %(MAX_DAYS)s일까지 고를 수 있습니다.", MAX_DAYS=MAX_DAYS))
    start, end = day_range(args, default_days=DEFAULT_DAYS, max_days=MAX_DAYS)
    since, until = utc_bounds(start, end)
    query = query.filter(Inquiry.asked_at >= since, Inquiry.asked_at < until)
    accounts = [int(a) for a in args.getlist("account") if str(a).isdigit()]
    if accounts:
        query = query.filter(Inquiry.account_id.in_(accounts))
    if args.get("kind") in KIND_LABELS:
        query = query.filter(Inquiry.kind == args["kind"])
    if args.get("late") == "1":
        query = query.filter(Inquiry.state.in_(OPEN_STATES), _late_clause())
    text = (args.get("q") or "").strip()
    if text:
        like = f"%{text}%"
        columns = {"title": [Inquiry.title], "question": [Inquiry.question], "product": [Inquiry.product_name],
                   "writer": [Inquiry.writer]}.get(args.get("field") or "all",
                                                   [Inquiry.title, Inquiry.question, Inquiry.product_name,
                                                    Inquiry.writer])
        query = query.filter(or_(*[c.ilike(like) for c in columns]))
    return query


def _late_clause():
    """Past the deadline of its own channel (deadlines are data, so one OR per channel)."""
    from .deadlines import DEFAULT

    now = utcnow()
    known = list(DEADLINES)
    parts = [and_(Inquiry.channel == code, Inquiry.asked_at < late_before(code, now)) for code in known]
    parts.append(and_(Inquiry.channel.notin_(known), Inquiry.asked_at < now - _hours(DEFAULT.hours)))
    return or_(*parts)


def _hours(n):
    from datetime import timedelta

    return timedelta(hours=n)


def state_counts(query) -> dict[str, int]:
    """Count per filter state over the other filters."""
    raw = dict(query.with_entities(Inquiry.state, func.count()).group_by(Inquiry.state).order_by(None).all())
    return {key: sum(raw.get(s, 0) for s in group) for key, group in STATE_GROUPS.items()}


def with_state(query, args, newest_first: bool = True):
    state = args.get("state")
    if state in STATE_GROUPS:
        query = query.filter(Inquiry.state.in_(STATE_GROUPS[state]))
    if newest_first:
        return query.order_by(Inquiry.asked_at.desc(), Inquiry.id.desc())
    return query.order_by(Inquiry.asked_at.asc(), Inquiry.id.asc())


class CountedPage(Pagination):
    """A page whose total is already known from the 처리상태 counts: the list is counted once, not twice."""

    def _query_items(self):
        # The page's ids first (the list index alone), then those rows. A page in the older half is read
        # from the oldest end, so the last pages skip as few index entries as the first ones.
        offset, total = self._query_offset, self._query_args["total"]
        if offset > total // 2:
            tail = self._query_args["oldest"].with_entities(Inquiry.id)
            ids = [i for (i,) in tail.offset(max(0, total - offset - self.per_page))
                   .limit(min(self.per_page, total - offset))][::-1]
        else:
            query = self._query_args["query"]
            ids = [i for (i,) in query.with_entities(Inquiry.id).offset(offset).limit(self.per_page)]
        rows = {r.id: r for r in db.session.query(Inquiry).filter(Inquiry.id.in_(ids or [0]))}
        return [rows[i] for i in ids if i in rows]

    def _query_count(self):
        return self._query_args["total"]


def page_of(query, args, counts: dict[str, int]):
    page = int(args.get("page")) if str(args.get("page") or "").isdigit() else 1
    state = args.get("state")
    total = counts[state] if state in counts else sum(counts.values())
    pages = max(1, -(-total // PER_PAGE))
    return CountedPage(page=min(max(1, page), pages), per_page=PER_PAGE, error_out=False,
                       query=with_state(query, args), oldest=with_state(query, args, newest_first=False),
                       total=total)


def links_for(tenant, rows) -> tuple[dict, dict]:
    """Our order and product pages for the rows' channel order / product ids, where we have them."""
    order_ids = {r.channel_order_id for r in rows if r.channel_order_id}
    product_ids = {r.channel_product_id for r in rows if r.channel_product_id}
    orders, products = {}, {}
    if order_ids:
        for account_id, oid, pk in db.session.execute(
                select(ChannelOrder.account_id, ChannelOrder.channel_order_id, ChannelOrder.id)
                .where(ChannelOrder.tenant_id == tenant.id, ChannelOrder.channel_order_id.in_(order_ids))):
            orders[(account_id, oid)] = pk
    if product_ids:
        for account_id, cpid, pid in db.session.execute(
                select(Listing.account_id, Listing.channel_product_id, Listing.product_id)
                .where(Listing.tenant_id == tenant.id, Listing.channel_product_id.in_(product_ids))):
            products[(account_id, cpid)] = pid
    return orders, products


# --- answers ---------------------------------------------------------------------------------

def save_answer(inquiry: Inquiry, text: str, user) -> None:
    """저장: keeps the answer to send later; a sent or sending answer cannot change here."""
    text = (text or "").strip()
    if not text:
        raise RuleViolation(_("답변 내용을 입력해 주세요."))
    low, high = ANSWER_LENGTH.get(inquiry.channel, (1, MAX_ANSWER))
    if not low <= len(text) <= high:
        raise RuleViolation(_("%(channel_name)s 답변은 %(low)s자 이상 %(high)s자까지 입력할 수 있습니다. (현재 "
                              "%(len)s자)",
                              channel_name=channel_name(inquiry.channel), low=format(low, ','), high=format(high, ','), len=format(len(text), ',')))
    if inquiry.state in (SENT, SENDING, AMBIGUOUS):
        raise RuleViolation(_("%(value)s 상태의 문의는 답변을 바꿀 수 없습니다.",
                              value=_(STATE_LABELS[inquiry.state])))
    inquiry.answer, inquiry.state, inquiry.answered_by_id = text, SAVED, user.id
    inquiry.message = ""
    db.session.commit()


def prepare_send(tenant, inquiry_ids) -> list[int]:
    """The outbox rows for saved (or failed) answers; returns inquiry ids to hand to the send job."""
    ids = sorted({int(i) for i in inquiry_ids or [] if str(i).isdigit()})
    if not ids:
        raise RuleViolation(_("전송할 문의를 선택해 주세요."))
    rows = tenant_query(Inquiry, tenant).filter(Inquiry.id.in_(ids)).all()
    if len(rows) != len(ids):
        raise RuleViolation(_("선택한 문의를 찾을 수 없습니다."))
    reasons = [_("%(title)s: %(state)s 상태", title=r.title or r.channel_inquiry_id, state=_(STATE_LABELS[r.state]))
               for r in rows
               if r.state not in SENDABLE or not r.answer]
    if reasons:
        raise RuleViolation(_("답변저장 또는 전송실패 상태의 문의만 전송할 수 있습니다. %(reasons)s",
                              reasons=" / ".join(reasons[:5])))
    for row in rows:
        box = row.outbox
        if box is None:
            db.session.add(AnswerOutbox(tenant_id=tenant.id, inquiry_id=row.id, text=row.answer))
        elif box.state in ("pending", "failed"):
            box.text = row.answer
    db.session.commit()
    return [r.id for r in rows]


def claim_outbox(run_id: int, inquiry_ids: list[int]) -> None:
    """pending / failed → sending for this run in one statement: another run never takes the same row."""
    db.session.execute(update(AnswerOutbox)
                       .where(AnswerOutbox.inquiry_id.in_(inquiry_ids), AnswerOutbox.state.in_(("pending", "failed")))
                       .values(state="sending", run_id=run_id, attempts=AnswerOutbox.attempts + 1,
                               updated_at=utcnow()))
    db.session.commit()


# --- 상용구 -----------------------------------------------------------------------------------

def templates_of(tenant) -> list[AnswerTemplate]:
    return tenant_query(AnswerTemplate, tenant).order_by(AnswerTemplate.title).all()


def save_template(tenant, form, template: AnswerTemplate | None = None) -> AnswerTemplate:
    title, body = (form.get("title") or "").strip(), (form.get("body") or "").strip()
    errors = []
    if not title:
        errors.append(_("상용구 제목을 입력해 주세요."))
    elif len(title) > 100:
        errors.append(_("상용구 제목은 100자까지 입력할 수 있습니다."))
    if not body:
        errors.append(_("상용구 내용을 입력해 주세요."))
    elif len(body) > MAX_ANSWER:
        errors.append(_("상용구 내용은 %(MAX_ANSWER)s자까지 입력할 수 있습니다.",
                        MAX_ANSWER=format(MAX_ANSWER, ',')))
    unknown = sorted(set(re.findall(r"\{[^{}]*\}", body)) - set(VARIABLES))
    if unknown:
        errors.append(_("쓸 수 없는 변수입니다: %(join)s (사용 가능: %(join2)s)",
                        join=', '.join(unknown), join2=', '.join(VARIABLES)))
    if errors:
        raise RuleViolation(" ".join(errors))
    template = template or AnswerTemplate(tenant_id=tenant.id)
    template.title, template.body = title, body
    db.session.add(template)
    db.session.commit()
    return template


def render_template_for(body: str, inquiry: Inquiry | None) -> str:
    """The 상용구 with {구매자명} {상품명} {주문번호} filled from the question (blank when unknown)."""
    for variable, attr in VARIABLES.items():
        body = body.replace(variable, (getattr(inquiry, attr, "") if inquiry else "") or "")
    return body


def open_counts(tenant) -> tuple[int, int]:
    """(미답변 and unsent, of which past the channel's deadline) for the dashboard."""
    total, late = (tenant_query(Inquiry, tenant).filter(Inquiry.state.in_(OPEN_STATES))
                   .with_entities(func.count(), func.count(case((_late_clause(), 1)))).one())
    return total, late
