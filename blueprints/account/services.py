"""Staff-account rules of 사용자권한관리: who may be created, changed, revoked, and the audit trail."""
from flask_babel import gettext as _

from models import DUTIES, User
from portal.extensions import db
from portal.i18n import N_
from portal.security import audit


class RuleViolation(Exception):
    """A refused change, in the words the page shows."""


def create_staff(tenant, form) -> User:
    if User.query.filter_by(login_id=form.login_id.data).first():
        raise RuleViolation(_("이미 사용 중인 ID입니다."))
    if not form.password.data:
        raise RuleViolation(_("직원계정을 추가할 때는 임시패스워드를 입력해 주세요."))
    user = User(tenant_id=tenant.id, login_id=form.login_id.data, must_change_password=True)
    _apply(user, form)
    user.set_password(form.password.data)
    db.session.add(user)
    db.session.flush()
    audit(N_("직원계정추가"), tenant_id=tenant.id, target=user, detail=_describe(user))
    db.session.commit()
    return user


def update_staff(user: User, form) -> None:
    if user.is_master:
        raise RuleViolation(_("마스터계정의 권한은 변경할 수 없습니다."))
    before = _describe(user)
    was_approved = user.access_approved
    _apply(user, form)
    if form.password.data:
        user.set_password(form.password.data)
        user.must_change_password = True
        user.rotate_session()
        audit(N_("임시비밀번호발급"), target=user)
    if was_approved and not user.access_approved:
        user.rotate_session()  # revocation ends the open session at once
    after = _describe(user)
    if before != after:
        audit(N_("권한변경"), target=user, detail=f"{before} → {after}")
    db.session.commit()


def _apply(user: User, form) -> None:
    user.name = form.name.data
    user.email = form.email.data
    user.phone = form.phone.data or ""
    user.mobile = form.mobile.data
    user.locale = form.locale.data
    user.duties = [d for d in form.duties.data if d in DUTIES]
    user.access_approved = form.access.data == "yes"


def _describe(user: User) -> str:
    access = "Yes" if user.access_approved else "No"
    return _("업무[%(duties)s] 접근권한[%(access)s]", duties=user.duty_labels or _("없음"), access=access)
