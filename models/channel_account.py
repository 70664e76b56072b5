"""ChannelAccount: a seller's login and API keys for one marketplace (제휴몰 계정정보)."""
from flask_babel import gettext as _

import json

from sqlalchemy import false as sa_false

from portal.extensions import db
from portal.i18n import N_

from .base import TenantOwned, TimestampMixin, utcnow

ACTIVE, PAUSED = "active", "paused"
STATUS_LABELS = {ACTIVE: N_("입점"), PAUSED: N_("사용중지")}


class ChannelAccount(TenantOwned, TimestampMixin, db.Model):
    id = db.Column(db.Integer, primary_key=True)
    channel = db.Column(db.String(40), nullable=False, index=True)  # the adapter's code
    alias = db.Column(db.String(50), nullable=False)  # 별칭: several accounts per channel
    # Non-secret credential fields (login id, vendor id…) as JSON.
    settings_json = db.Column(db.Text, nullable=False, default="{}")
    # Secret fields, each Fernet-encrypted on its own; decrypted only inside jobs.
    secrets_json = db.Column(db.Text, nullable=False, default="{}")
    # The last 4 characters per secret: the only form ever shown back.
    hints_json = db.Column(db.Text, nullable=False, default="{}")
    # "live" = the marketplace's real API; "sandbox" = the sandbox server of this installation.
    endpoint = db.Column(db.String(20), nullable=False, default="live")
    key_expires_on = db.Column(db.Date)
    status = db.Column(db.String(20), nullable=False, default=ACTIVE)
    last_test_at = db.Column(db.DateTime)
    last_test_ok = db.Column(db.Boolean)
    last_test_message = db.Column(db.String(500), nullable=False, default="")
    # 배송관리로 보내기: collected lines of this account also enter 배송관리's 대기목록.
    fulfilment_enabled = db.Column(db.Boolean, nullable=False, default=False, server_default=sa_false())

    __table_args__ = (db.UniqueConstraint("tenant_id", "channel", "alias",
                                          name="uq_channel_account_alias"),)

    @property
    def settings(self) -> dict:
        return json.loads(self.settings_json or "{}")

    @property
    def encrypted_secrets(self) -> dict:
        return json.loads(self.secrets_json or "{}")

    @property
    def hints(self) -> dict:
        return json.loads(self.hints_json or "{}")

    @property
    def status_label(self) -> str:
        return _(STATUS_LABELS.get(self.status, self.status))

    def record_test(self, ok: bool, message: str) -> None:
        self.last_test_at = utcnow()
        self.last_test_ok = ok
        self.last_test_message = message[:500]

    def __str__(self) -> str:
        return f"{self.channel}:{self.alias}"


class ChannelImage(TenantOwned, db.Model):
    """An image already uploaded to a channel account's own image store (스마트스토어 상품 이미지 다건
    등록): the same picture (by its content's sha256) is named by the address it answered with."""

    id = db.Column(db.Integer, primary_key=True)
    account_id = db.Column(db.Integer, db.ForeignKey("channel_account.id", ondelete="CASCADE"),
                           nullable=False)
    content_sha256 = db.Column(db.String(64), nullable=False)
    url = db.Column(db.String(500), nullable=False)
    uploaded_at = db.Column(db.DateTime, nullable=False, default=utcnow)

    __table_args__ = (db.UniqueConstraint("account_id", "content_sha256", name="uq_channel_image_content"),)
