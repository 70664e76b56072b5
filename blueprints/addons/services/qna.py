"""1:1 QNA게시판: a seller's question (with the failed job it is about), the thread and support's answers."""
import logging

from flask_babel import gettext as _

from models import ChannelOrderLine, JobRun, Product, SupportQuestion, SupportReply, Tenant
from models.base import utcnow
from portal.extensions import db
from portal.tenancy import tenant_query
from portal.i18n import N_

from . import RuleViolation, day_range, utc_bounds
from .files import check_uploads, store_files

log = logging.getLogger("portal.addons.qna")
ANSWER_FILTER = {"waiting": N_("답변대기"), "answered": N_("답변완료")}
LINK_KINDS = {"order": N_("주문"), "product": N_("상품")}


def filtered(tenant, args):
    query = tenant_query(SupportQuestion, tenant)
    if args.get("days") or args.get("from") or args.get("to"):
        start, end = day_range(args, default_days=int(args.get("days") or 7), max_days=365)
        since, until = utc_bounds(start, end)
        query = query.filter(SupportQuestion.created_at >= since, SupportQuestion.created_at < until)
    if args.get("answered") in ANSWER_FILTER:
        query = query.filter(SupportQuestion.state == args["answered"])
    if (q := (args.get("q") or "").strip()):
        query = query.filter(SupportQuestion.title.ilike(f"%{q}%"))
    return query.order_by(SupportQuestion.created_at.desc(), SupportQuestion.id.desc())


def draft_from_run(tenant, run_id) -> tuple[JobRun | None, str, str]:
    """The form's title and body when opened from a failed job: its number, kind and failed lines."""
    if not str(run_id or "").isdigit():
        return None, "", ""
    run = db.session.query(JobRun).filter_by(id=int(run_id), tenant_id=tenant.id).one_or_none()
    if run is None:
        return None, "", ""
    failed = [ln.text for ln in run.lines if ln.level in ("fail", "error")][:10]
    kind = _(run.kind)
    body = (_("작업번호 %(id)s (%(kind)s)이(가) %(state)s 상태입니다.", id=run.id, kind=kind, state=run.status_label)
            + "\n" + (_("실패 내용:") + "\n" + "\n".join(f"- {t}" for t in failed) + "\n" if failed else "")
            + "\n" + _("문의 내용:") + " ")
    return run, _("[작업번호 %(id)s] %(kind)s 문의", id=run.id, kind=kind), body


def ask(tenant, user, form, uploads) -> SupportQuestion:
    title, body = (form.get("title") or "").strip(), (form.get("body") or "").strip()
    reasons = []
    if not title:
        reasons.append(_("제목을 입력해 주세요."))
    elif len(title) > 200:
        reasons.append(_("제목은 200자까지 입력할 수 있습니다."))
    if not body:
        reasons.append(_("내용을 입력해 주세요."))
    elif len(body) > 10000:
        reasons.append(_("내용은 10,000자까지 입력할 수 있습니다."))
    run_id = _owned_run(tenant, form.get("run_id"), reasons)
    link_kind, link_id = _owned_link(tenant, form.get("link_kind"), form.get("link_id"), reasons)
    try:
        checked = check_uploads(uploads)
    except RuleViolation as exc:
        reasons.append(str(exc))
        checked = []
    if reasons:
        raise RuleViolation(" ".join(reasons))
    question = SupportQuestion(tenant_id=tenant.id, title=title, body=body, author_id=user.id, run_id=run_id,
                               link_kind=link_kind, link_id=link_id)
    db.session.add(question)
    db.session.flush()
    store_files(checked, "question", question.id, tenant.id)
    db.session.commit()
    return question


def _owned_run(tenant, value, reasons):
    if not str(value or "").isdigit():
        return None
    if db.session.query(JobRun).filter_by(id=int(value), tenant_id=tenant.id).count() == 0:
        reasons.append(_("첨부할 작업을 찾을 수 없습니다."))
        return None
    return int(value)


def _owned_link(tenant, kind, value, reasons):
    if not kind:
        return "", None
    model = {"order": ChannelOrderLine, "product": Product}.get(kind)
    if model is None or not str(value or "").isdigit() or \
            tenant_query(model, tenant).filter(model.id == int(value)).count() == 0:
        reasons.append(_("연결할 %(get)s을(를) 찾을 수 없습니다.", get=LINK_KINDS.get(kind, '항목')))
        return "", None
    return kind, int(value)


def follow_up(question: SupportQuestion, user, text: str) -> None:
    """The seller adds to the thread; the question waits for support again."""
    text = (text or "").strip()
    if not text:
        raise RuleViolation(_("추가 문의 내용을 입력해 주세요."))
    db.session.add(SupportReply(question_id=question.id, author_id=user.id, from_support=False, body=text[:10000]))
    question.state = "waiting"
    db.session.commit()


def answer(question: SupportQuestion, support_user, text: str) -> list[str]:
    """Support answers: the thread grows, the question is 답변완료 and the seller is notified."""
    text = (text or "").strip()
    if not text:
        raise RuleViolation(_("답변 내용을 입력해 주세요."))
    db.session.add(SupportReply(question_id=question.id, author_id=support_user.id, from_support=True, body=text))
    question.state, question.answered_at = "answered", utcnow()
    db.session.commit()
    return notify(question.tenant_id, _("[1:1 문의 답변] %(title)s", title=question.title),
                  _("1:1 문의 '%(title)s'에 지원센터 답변이 등록되었습니다. 부가서비스 > 1:1 QNA게시판에서 확인해 주세요.",
                    title=question.title))


def notify(tenant_id: int, subject: str, text: str) -> list[str]:
    """Through the configured notifier backends; a backend that fails is logged, never raised."""
    from blueprints.orders.services.notify import NotifyError, notifier

    tenant = db.session.get(Tenant, tenant_id)
    said = []
    for backend in notifier().notifiers:
        try:
            backend.send(tenant, subject, text)
            said.append(_("%(backend)s 알림을 보냈습니다.", backend=backend.label))
        except NotifyError as exc:
            log.warning("1:1 문의 답변 알림 실패 (%s, 판매자 %s): %s", backend.label, tenant_id, exc)
            said.append(_("%(backend)s 알림을 보내지 못했습니다: %(error)s", backend=backend.label, error=exc))
    return said
