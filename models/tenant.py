"""Tenant: one seller company (회사정보) with its approval state and customs (English) block."""
from flask_babel import gettext as _

from portal.extensions import db
from portal.i18n import N_

from .base import TimestampMixin, utcnow

PENDING, APPROVED, SUSPENDED = "pending", "approved", "suspended"
STATUS_LABELS = {PENDING: N_("승인대기"), APPROVED: N_("승인"), SUSPENDED: N_("이용정지")}


class Tenant(TimestampMixin, db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(100), nullable=False)  # 회사명
    ceo_name = db.Column(db.String(50), nullable=False)  # 대표자
    business_no = db.Column(db.String(10), nullable=False, unique=True)  # 사업자번호
    business_item = db.Column(db.String(100), nullable=False, default="")  # 업종
    business_type = db.Column(db.String(100), nullable=False, default="")  # 업태
    contact_name = db.Column(db.String(50), nullable=False, default="")  # 담당자
    zipcode = db.Column(db.String(10), nullable=False, default="")
    address = db.Column(db.String(200), nullable=False, default="")
    email = db.Column(db.String(120), nullable=False)
    mobile = db.Column(db.String(20), nullable=False)
    memo = db.Column(db.Text, nullable=False, default="")
    # Customs block: support staff correct it, sellers read it (KSE OMS 회사정보수정).
    en_sender_name = db.Column(db.String(100), nullable=False, default="")
    en_street = db.Column(db.String(200), nullable=False, default="")
    en_city = db.Column(db.String(100), nullable=False, default="")
    en_state = db.Column(db.String(100), nullable=False, default="")
    en_zipcode = db.Column(db.String(20), nullable=False, default="")
    en_country = db.Column(db.String(100), nullable=False, default="Republic of Korea")
    en_phone = db.Column(db.String(30), nullable=False, default="")
    # 창고관리 (로켓3PL) 사용: the seller imports and sells through 로켓그로스 (기본정보관리).
    warehouse_enabled = db.Column(db.Boolean, nullable=False, default=False, server_default=db.false())
    status = db.Column(db.String(20), nullable=False, default=PENDING, index=True)
    approved_at = db.Column(db.DateTime)

    users = db.relationship("User", back_populates="tenant", lazy="dynamic")

    @property
    def status_label(self) -> str:
        return _(STATUS_LABELS.get(self.status, self.status))

    @property
    def is_active(self) -> bool:
        return self.status == APPROVED

    def approve(self) -> None:
        self.status = APPROVED
        self.approved_at = utcnow()

    def suspend(self) -> None:
        self.status = SUSPENDED

    def __str__(self) -> str:
        return self.name
