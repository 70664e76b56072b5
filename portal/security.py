"""Security machinery: response headers, secret encryption, personal-data masking, audit records."""
import base64
import hashlib
import re

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import current_app, request
from flask_babel import gettext
from flask_login import current_user

from portal.extensions import db

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
       "script-src 'self'; frame-ancestors 'self'; form-action 'self'")
# Flask-Admin's own pages carry inline scripts; they are reachable by support staff only.
ADMIN_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")


def init_app(app) -> None:
    app.after_request(_security_headers)


def _security_headers(response):
    admin_url = current_app.config.get("ADMIN_URL", "/support-admin")
    csp = ADMIN_CSP if request.path.startswith(admin_url) else CSP
    response.headers.setdefault("Content-Security-Policy", csp)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if current_app.config.get("SESSION_COOKIE_SECURE"):
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    if current_user and getattr(current_user, "is_authenticated", False):
        response.headers.setdefault("Cache-Control", "no-store")
    return response


# --- secrets at rest ---------------------------------------------------------------------

def _fernet() -> MultiFernet:
    keys = current_app.config.get("ENCRYPTION_KEYS") or []
    if isinstance(keys, str):
        keys = [k.strip() for k in keys.split(",") if k.strip()]
    if not keys:
        # Development fallback: derived from SECRET_KEY, still never stored in the database.
        digest = hashlib.sha256(current_app.config["SECRET_KEY"].encode()).digest()
        keys = [base64.urlsafe_b64encode(digest).decode()]
    return MultiFernet([Fernet(k) for k in keys])


def encrypt_secret(plain: str) -> str:
    return _fernet().encrypt(plain.encode()).decode()


class SecretUnreadable(ValueError):
    """A stored secret no current key decrypts; its message is ours and safe to show."""


def decrypt_secret(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:  # a key was retired before every secret was rotated
        raise SecretUnreadable(gettext("암호화 키가 맞지 않아 저장된 인증정보를 읽을 수 없습니다.")) from None


# Whitespace and control characters inside a key: a line break copied along with it ends up in
# an HTTP header, and the HTTP library's error then quotes the whole key.
_UNSAFE_IN_CREDENTIAL = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u200b-\u200d\u2028\u2029\ufeff]")


def credential_problem(label_ko: str, value: str) -> str | None:
    """The Korean refusal for a credential value that carries whitespace or control characters."""
    if _UNSAFE_IN_CREDENTIAL.search(value):
        return gettext("%(label)s에 공백, 줄바꿈 같은 제어문자를 넣을 수 없습니다. "
                       "제휴몰에서 발급받은 값을 다시 복사해 붙여 넣어 주세요.", label=gettext(label_ko))
    return None


def is_password_field(name: str, label_ko: str) -> bool:
    return "password" in name.lower() or "비밀번호" in label_ko


def reencrypt_secret(token: str) -> str:
    """Rotation: re-encrypt under the newest key (MultiFernet.rotate)."""
    return _fernet().rotate(token.encode()).decode()


def last4(plain: str) -> str:
    """The only form in which a stored key is ever shown back (a password shows none of it)."""
    return "••••" + plain[-4:] if len(plain) > 4 else "••••"


PASSWORD_HINT = "••••••••"


# --- personal data masking ---------------------------------------------------------------

def mask_name(name: str) -> str:
    if not name:
        return ""
    if len(name) <= 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_phone(phone: str) -> str:
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) < 7:
        return "*" * len(phone or "")
    return f"{digits[:3]}-****-{digits[-4:]}"


def mask_address(address: str) -> str:
    words = (address or "").split()
    return " ".join(words[:2] + ["***"]) if len(words) > 2 else (address or "")


# --- audit -------------------------------------------------------------------------------

def audit(action: str, *, tenant_id=None, target=None, detail: str = "", actor=None) -> None:
    """Record an access-right change; the caller commits with its own change."""
    from models import AuditLog

    if actor is None and current_user and getattr(current_user, "is_authenticated", False):
        actor = current_user
    db.session.add(AuditLog(
        tenant_id=tenant_id if tenant_id is not None else getattr(target, "tenant_id", None),
        actor_id=getattr(actor, "id", None),
        target_user_id=getattr(target, "id", None),
        action=action,
        detail=detail,
        ip=(request.remote_addr or "") if request else "",
    ))
