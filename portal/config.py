"""Configuration defaults; every key can be overridden by a PORTAL_* environment variable."""
from datetime import timedelta


class Config:
    """Embedded defaults: SQLite under instance/, Redis on localhost if it answers."""

    SECRET_KEY = "dev-only-secret-change-me"
    # Fernet keys for marketplace secrets, newest first; kept outside the database
    # (instance/portal.cfg or PORTAL_ENCRYPTION_KEYS). Older keys still decrypt during rotation.
    ENCRYPTION_KEYS: list[str] | str = []
    SQLALCHEMY_DATABASE_URI = None  # filled by create_app with instance/portal.sqlite
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    REDIS_URL = "redis://127.0.0.1:6379/0"
    # "auto": use RQ when Redis answers, run in-process otherwise; "inline" or "rq" force one.
    JOBS_MODE = "auto"
    # RQ queue names are "<prefix><purpose>"; give each installation on a shared Redis its own.
    QUEUE_PREFIX = "portal-"
    JOB_FILES_DIR = None  # defaults to instance/job-files
    SUPPORT_FILES_DIR = None  # 1:1 문의 and 공지사항 attachments; defaults to instance/support-files
    SANDBOX_URL = "http://127.0.0.1:5001"

    MAX_CONTENT_LENGTH = 20 * 1024 * 1024
    BULK_UPLOAD_MAX_BYTES = 200 * 1024 * 1024  # 상품대량등록/수정: the sheet and its image zip together
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = False
    REMEMBER_COOKIE_DURATION = timedelta(days=14)
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session

    BABEL_DEFAULT_LOCALE = "ko"
    BABEL_DEFAULT_TIMEZONE = "Asia/Seoul"
    LANGUAGES = {"ko": "한국어", "en": "English"}

    LOGIN_MAX_FAILURES = 5
    LOGIN_LOCK_MINUTES = 15
    LOGIN_RATE_LIMIT = "20 per minute"
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True

    PAGE_SIZE = 50

    # 신규주문 알림: comma-separated backends, "log" (console), "email" (SMTP) and "sms" (NAVER Cloud SENS).
    ORDERS_NOTIFIER = "log"
    MAIL_SERVER = "127.0.0.1"
    MAIL_PORT = 25
    MAIL_USE_TLS = False
    MAIL_USE_SSL = False
    MAIL_USERNAME = ""
    MAIL_PASSWORD = ""
    MAIL_SENDER = "no-reply@localhost"
    SENS_URL = "https://sens.apigw.ntruss.com"
    SENS_SERVICE_ID = ""
    SENS_ACCESS_KEY = ""
    SENS_SECRET_KEY = ""
    SENS_FROM = ""


class ProductionConfig(Config):
    """Behind HTTPS: cookies only over TLS."""

    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
