"""Account rules: company sign-up, sign-in with lockout, password change, session rotation."""
from flask import current_app
from flask_babel import gettext as _

from models import Tenant, User
from models.base import utcnow
from portal.extensions import db
from portal.i18n import N_
from portal.security import audit


class SignInRefused(Exception):
    """A refused sign-in; the message is what the login page shows."""


def sign_up(form) -> Tenant:
    """회원가입: a tenant awaiting approval and its master account."""
    if User.query.filter_by(login_id=form.login_id.data).first():
        form.login_id.errors.append(_("이미 사용 중인 아이디입니다."))
        raise SignInRefused(_("이미 사용 중인 아이디입니다."))
    if Tenant.query.filter_by(business_no=form.business_no.data).first():
        form.business_no.errors.append(_("이미 가입된 사업자번호입니다. 지원센터에 문의해 주세요."))
        raise SignInRefused(_("이미 가입된 사업자번호입니다."))
    tenant = Tenant(
        name=form.company_name.data, ceo_name=form.ceo_name.data,
        business_no=form.business_no.data, business_item=form.business_item.data,
        business_type=form.business_type.data, contact_name=form.contact_name.data,
        zipcode=form.zipcode.data or "", address=form.address.data, email=form.email.data,
        mobile=form.mobile.data, en_sender_name=form.en_sender_name.data,
        en_street=form.en_street.data, en_city=form.en_city.data,
        en_state=form.en_state.data or "", en_zipcode=form.en_zipcode.data,
        en_country=form.en_country.data, en_phone=form.en_phone.data,
    )
    master = User(login_id=form.login_id.data, name=form.contact_name.data,
                  email=form.email.data, mobile=form.mobile.data, is_master=True,
                  access_approved=True, tenant=tenant)
    master.set_password(form.password.data)
    db.session.add_all([tenant, master])
    db.session.flush()
    audit(N_("가입신청"), tenant_id=tenant.id, target=master, actor=master,
          detail=_("%(name)s 마스터계정 %(login_id)s", name=tenant.name, login_id=master.login_id))
    db.session.commit()
    return tenant


def sign_in(login_id: str, password: str) -> User:
    """Check the password, the lockout, 접속승인 and the company's approval; rotate the session."""
    user = User.query.filter_by(login_id=login_id).first()
    now = utcnow()
    # No hard lock: the login view slows repeated failures per address and login id alike, so
    # the answer never tells whether an id exists and nobody can lock someone else out.
    if user is None or not user.check_password(password):
        if user is not None:
            _count_failure(user)
        raise SignInRefused(_("아이디 또는 비밀번호가 올바르지 않습니다."))
    if not user.is_support:
        if user.tenant.status == "pending":
            raise SignInRefused(_("가입 승인 대기 중입니다. 지원센터의 승인 후 로그인할 수 있습니다."))
        if user.tenant.status == "suspended":
            raise SignInRefused(_("이용이 정지된 회사 계정입니다. 지원센터에 문의해 주세요."))
    if not user.access_approved:
        raise SignInRefused(_("접속승인이 되지 않은 계정입니다. 마스터계정 관리자에게 접근권한(Yes)을 요청해 주세요."))
    user.failed_logins = 0
    user.locked_until = None
    user.login_count += 1
    user.last_login_at = now
    user.rotate_session()  # a new login ends the account's older session (KSE OMS)
    db.session.commit()
    return user


def _count_failure(user: User) -> None:
    """Failures in a row, for the support panel; the LOGIN_MAX_FAILURES-th is audited once."""
    user.failed_logins += 1
    if user.failed_logins == current_app.config["LOGIN_MAX_FAILURES"]:
        audit(N_("로그인실패반복"), target=user, actor=user, detail=_("로그인 %(failed_logins)s회 연속 실패",
                                                           failed_logins=user.failed_logins))
    db.session.commit()


def sign_out(user: User) -> None:
    """Copied session and remember-me cookies die with the old alternative id."""
    user.rotate_session()
    db.session.commit()


def change_password(user: User, current: str, new: str) -> None:
    if not user.check_password(current):
        raise SignInRefused(_("현재 비밀번호가 올바르지 않습니다."))
    if current == new:
        raise SignInRefused(_("새 비밀번호는 현재 비밀번호와 달라야 합니다."))
    user.set_password(new)
    user.must_change_password = False
    user.rotate_session()
    audit(N_("비밀번호변경"), target=user, actor=user)
    db.session.commit()
