"""User: a seller's master or staff account, or a support-center account (no tenant)."""
import secrets

from flask_babel import gettext as _
from flask_login import UserMixin
from werkzeug.security import check_password_hash, generate_password_hash

from portal.extensions import db
from portal.i18n import N_

from .base import TimestampMixin

# 업무 (duties) decide which menus a staff account sees and uses.
DUTIES = {
    "logistics": N_("물류담당"),
    "products": N_("상품담당"),
    "inquiries": N_("문의관리"),
    "accounting": N_("회계담당"),
    "sales": N_("영업담당"),
}
MASTER = "master"  # pseudo-duty: only the master account (사용자권한관리, 제휴몰 계정정보)


class User(UserMixin, TimestampMixin, db.Model):
    id = db.Column(db.Integer, primary_key=True)
    tenant_id = db.Column(db.Integer, db.ForeignKey("tenant.id"), index=True)  # None = support
    login_id = db.Column(db.String(20), nullable=False, unique=True)
    password_hash = db.Column(db.String(255), nullable=False)
    name = db.Column(db.String(50), nullable=False)  # 계정명 (실제 직원명)
    email = db.Column(db.String(120), nullable=False, default="")
    mobile = db.Column(db.String(20), nullable=False, default="")
    phone = db.Column(db.String(20), nullable=False, default="")
    locale = db.Column(db.String(5), nullable=False, default="ko")  # 표시언어
    is_master = db.Column(db.Boolean, nullable=False, default=False)
    is_support = db.Column(db.Boolean, nullable=False, default=False)
    duties_csv = db.Column("duties", db.String(100), nullable=False, default="")
    access_approved = db.Column(db.Boolean, nullable=False, default=False)  # 접속승인
    must_change_password = db.Column(db.Boolean, nullable=False, default=False)
    # Flask-Login alternative id: rotating it ends every session and remember cookie.
    session_token = db.Column(db.String(64), nullable=False, unique=True,
                              default=lambda: secrets.token_urlsafe(32))
    failed_logins = db.Column(db.Integer, nullable=False, default=0)
    locked_until = db.Column(db.DateTime)
    login_count = db.Column(db.Integer, nullable=False, default=0)
    last_login_at = db.Column(db.DateTime)

    tenant = db.relationship("Tenant", back_populates="users")

    def get_id(self) -> str:
        return self.session_token

    def rotate_session(self) -> None:
        self.session_token = secrets.token_urlsafe(32)

    def set_password(self, raw: str) -> None:
        self.password_hash = generate_password_hash(raw)

    def check_password(self, raw: str) -> bool:
        return check_password_hash(self.password_hash, raw)

    @property
    def duties(self) -> set[str]:
        return {d for d in self.duties_csv.split(",") if d}

    @duties.setter
    def duties(self, values) -> None:
        self.duties_csv = ",".join(d for d in DUTIES if d in set(values))

    @property
    def duty_labels(self) -> str:
        return ", ".join(_(DUTIES[d]) for d in DUTIES if d in self.duties)

    @property
    def role_label(self) -> str:
        if self.is_support:
            return _("지원센터")
        return _("관리자") if self.is_master else _("직원")

    def has_duty(self, duty: str | tuple | None) -> bool:
        """Master accounts hold every duty; MASTER itself only the master holds.

        A tuple means any one of those duties is enough."""
        if duty is None or self.is_master:
            return True
        wanted = {duty} if isinstance(duty, str) else set(duty)
        return bool((wanted - {MASTER}) & self.duties)

    @property
    def can_sign_in(self) -> bool:
        """접속승인 and the company's approval are checked on every request, not only at login."""
        if self.is_support:
            return self.access_approved
        return bool(self.access_approved and self.tenant and self.tenant.is_active)

    def __str__(self) -> str:
        return f"{self.name} ({self.login_id})"
