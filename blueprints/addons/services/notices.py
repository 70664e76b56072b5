"""공지사항: safe HTML, visibility window, pinned first, unread marks and the unread count."""
import nh3
from sqlalchemy import and_, or_

from models import NoticeRead, SupportNotice
from models.base import utcnow
from portal.extensions import db

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "u", "s", "ul", "ol", "li", "a", "h2", "h3", "h4",
                "blockquote", "table", "thead", "tbody", "tr", "th", "td", "span", "img", "hr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "width", "height"}, "td": {"colspan", "rowspan"},
                      "th": {"colspan", "rowspan"}}


def clean_html(html: str) -> str:
    """Only formatting survives: no script, style, event handler or javascript: link."""
    return nh3.clean(html or "", tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer")


def visible():
    now = utcnow()
    return db.session.query(SupportNotice).filter(
        or_(SupportNotice.visible_from.is_(None), SupportNotice.visible_from <= now),
        or_(SupportNotice.visible_to.is_(None), SupportNotice.visible_to >= now))


def listing(user, page: int, q: str = ""):
    query = visible()
    if q:
        query = query.filter(SupportNotice.title.ilike(f"%{q}%"))
    page = query.order_by(SupportNotice.pinned.desc(), SupportNotice.created_at.desc(), SupportNotice.id.desc()) \
        .paginate(page=page, per_page=20, error_out=False)
    read = {r for (r,) in db.session.query(NoticeRead.notice_id).filter(
        NoticeRead.user_id == user.id, NoticeRead.notice_id.in_([n.id for n in page.items] or [0]))}
    return page, read


def unread_count(user) -> int:
    return visible().outerjoin(NoticeRead, and_(NoticeRead.notice_id == SupportNotice.id,
                                                NoticeRead.user_id == user.id)) \
        .filter(NoticeRead.id.is_(None)).count()


def open_notice(notice_id: int, user) -> SupportNotice | None:
    notice = visible().filter(SupportNotice.id == notice_id).one_or_none()
    if notice is not None and not db.session.query(NoticeRead).filter_by(user_id=user.id, notice_id=notice.id).count():
        db.session.add(NoticeRead(user_id=user.id, notice_id=notice.id))
        db.session.commit()
    return notice


def newest(limit: int = 3) -> list[SupportNotice]:
    return visible().order_by(SupportNotice.pinned.desc(), SupportNotice.created_at.desc()).limit(limit).all()
