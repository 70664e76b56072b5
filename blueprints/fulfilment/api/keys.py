"""KSE API keys of a seller (기본정보관리 > KSE API): made at random, shown once, kept only as a SHA-256 hash
with a short prefix to tell keys apart, revocable; a request's key is found by its hash."""
import hashlib
import secrets
from datetime import timedelta

from flask_babel import gettext as _

from models import ForwarderApiKey
from models.base import utcnow
from portal.extensions import db
from portal.i18n import ko
from portal.security import audit
from portal.tenancy import tenant_query

PREFIX = "kse_"
MAX_KEYS = 10  # live keys per seller
TOUCH_EVERY = timedelta(minutes=1)  # last-used time is written at most this often


class Refused(Exception):
    """A key that cannot be made or revoked, with the Korean reason."""


def digest(plain: str) -> str:
    return hashlib.sha256(plain.encode()).hexdigest()


def live_keys(tenant):
    return tenant_query(ForwarderApiKey, tenant).filter(ForwarderApiKey.revoked_at.is_(None))


def create(tenant, user, name: str) -> tuple[ForwarderApiKey, str]:
    """A new key: the row and the key itself, which is never shown again."""
    name = (name or "").strip()
    if not name:
        raise Refused(_("키 이름(용도)을 입력해 주세요. 예: 자체 WMS 연동"))
    if len(name) > 100:
        raise Refused(_("키 이름은 100자 이내로 입력해 주세요."))
    if live_keys(tenant).count() >= MAX_KEYS:
        raise Refused(_("사용 중인 키는 %(n)s개까지 만들 수 있습니다. 쓰지 않는 키를 폐기한 뒤 만들어 주세요.", n=MAX_KEYS))
    plain = PREFIX + secrets.token_urlsafe(32)
    row = ForwarderApiKey(tenant_id=tenant.id, name=name, key_hash=digest(plain), prefix=plain[:12],
                          created_by_id=user.id)
    db.session.add(row)
    # the audit log stores its action names as they are (ko), like the other access-right actions
    audit(ko("KSE API 키 생성"), tenant_id=tenant.id, detail=f"{name} ({row.prefix}…)")
    db.session.commit()
    return row, plain


def revoke(row: ForwarderApiKey, user) -> None:
    if row.revoked_at is not None:
        raise Refused(_("이미 폐기된 키입니다."))
    row.revoked_at, row.revoked_by_id = utcnow(), user.id
    audit(ko("KSE API 키 폐기"), tenant_id=row.tenant_id, detail=f"{row.name} ({row.prefix}…)")
    db.session.commit()


def authenticate(plain: str, address: str = "") -> ForwarderApiKey | None:
    """The live key a request carries, or None; its last use is noted."""
    if not plain or not plain.startswith(PREFIX) or len(plain) > 100:
        return None
    row = db.session.query(ForwarderApiKey).filter(ForwarderApiKey.key_hash == digest(plain)).one_or_none()
    if row is None or row.revoked_at is not None:
        return None
    now = utcnow()
    if row.last_used_at is None or now - row.last_used_at > TOUCH_EVERY or row.last_used_ip != address[:45]:
        row.last_used_at, row.last_used_ip = now, address[:45]
        db.session.commit()
    return row
