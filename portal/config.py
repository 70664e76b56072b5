"""Configuration defaults; every key can be overridden by a PORTAL_* environment variable."""
from datetime import timedelta

from portal.i18n import ko


class Config:
    """Embedded defaults: SQLite under instance/, Redis on localhost if it answers."""

    SECRET_KEY = "dev-only-secret-change-me"
    # Fernet keys for marketplace secrets, newest first; kept outside the database
    # (instance/portal.cfg or PORTAL_ENCRYPTION_KEYS). Older keys still decrypt during rotation.
    ENCRYPTION_KEYS: list[str] | str = []
    SQLALCHEMY_DATABASE_URI = None  # filled by create_app with instance/portal.sqlite
    # PostgreSQL: a pooled connection the server ended is replaced at checkout without a round trip (db_pool).
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    REDIS_URL = "redis://127.0.0.1:6379/0"
    # "auto": use RQ when Redis answers, run in-process otherwise; "inline" or "rq" force one.
    JOBS_MODE = "auto"
    # RQ queue names are "<prefix><purpose>"; give each installation on a shared Redis its own.
    QUEUE_PREFIX = "portal-"
    JOB_FILES_DIR = None  # defaults to instance/job-files
    # A worker refreshes its heartbeat key this often; a run whose worker's key expired lost it.
    WORKER_HEARTBEAT_SECONDS = 10
    WORKER_DEAD_AFTER_SECONDS = 30
    # Marketplace calls per second (and burst) per channel account, shared by every worker
    # through Redis; channels publish no numbers, so these stay conservative.
    CHANNEL_CALL_RATE = 5.0
    CHANNEL_CALL_BURST = 10.0
    # The portal's address as seen from outside (https://portal.example.com): product images reach
    # channels that take image addresses through signed links under it. Empty: no public addresses.
    PUBLIC_BASE_URL = ""
    SUPPORT_FILES_DIR = None  # 1:1 문의 and 공지사항 attachments; defaults to instance/support-files
    # A job's marketplace call that failed in a way worth repeating waits this long (seconds), doubling per attempt.
    CHANNEL_BACKOFF_BASE = 0.5
    # The sandbox marketplace, reached over HTTP only: where each protocol is mounted under its URL
    # ("*": every other channel) and the published keys of its demo shops the demo accounts use.
    SANDBOX_URL = "http://127.0.0.1:5001"
    SANDBOX_PATHS = {"naver": "/naver/external", "coupang": "/coupang", "11st": "/11st/rest",
                     "gmarket": "/esm", "auction": "/esm", "qoo10jp": "/qoo10/ebayjapan.qapi",
                     "rakuten": "/rakuten/es", "amazonjp": "/amazonjp", "*": "/generic"}
    SANDBOX_DEMO_CREDENTIALS = {
        "naver": {"client_id": "demo-naver-client", "client_secret": "$2a$04$DemoNaverSandboxSalt.u",
                  "account_id": "demo-seller", "as_phone": "02-1234-5678"},
        "coupang": {"vendor_id": "A00012345", "access_key": "demo-coupang-access-key",
                    "secret_key": "demo-coupang-secret-key", "wing_user_id": "demoseller",
                    "outbound_place_code": "74010", "return_center_code": "1000274592",
                    "return_center_name": ko("반품지_1"), "return_contact": "02-1234-678"},
        "11st": {"openapikey": "demo-11st-openapikey-00000000000", "addr_seq_out": "4",
                 "addr_seq_in": "8"},
        "rakuten": {"service_secret": "SP000000_demoRakutenServiceSecret",
                    "license_key": "SL000000_demoRakutenLicenseKey"},
        "gmarket": {"master_id": "demo-esm-master", "secret_key": "demo-esm-secret-key-0000000000000",
                    "seller_id": "demo-gmarket-seller", "place_no": "1025418",
                    "delivery_tmpl_id": "4235749", "return_addr_no": "1546789",
                    "dispatch_policy_no": "306", "notice_group_no": "1"},
        "qoo10jp": {"api_key": "demo-qoo10jp-key", "login_id": "demo-seller", "password": "demo-password"},
        **{code: {"login_id": "demo-seller", "password": "demo-password", "api_key": f"demo-{code}-key"}
           for code in ("interpark", "hmall")},
    }

    MAX_CONTENT_LENGTH = 20 * 1024 * 1024
    UPLOAD_MAX_ROWS = 100_000  # 수기주문 / 송장대량등록: data rows in one uploaded sheet
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
    LANGUAGES = {"ko": ko("한국어"), "en": "English"}  # each language named in itself

    LOGIN_MAX_FAILURES = 5
    LOGIN_RATE_LIMIT = "20 per minute"  # per address, every POST
    LOGIN_FAILURE_LIMIT = "5 per 15 minutes"  # failed sign-ins per address and login id
    RATELIMIT_STORAGE_URI = "memory://"
    PROXY_HOPS = 0  # reverse proxies in front: ProxyFix trusts that many X-Forwarded-* hops
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
    """PORTAL_ENV=production, behind HTTPS: cookies only over TLS; the development SECRET_KEY is refused."""

    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
