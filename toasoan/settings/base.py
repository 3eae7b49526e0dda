"""Settings shared by every environment; each feature is switched on by an environment variable.

Embedded default: SQLite in ``var/``, local-memory cache, database task queue.
Production: ``DATABASE_URL`` (PostgreSQL), ``REDIS_URL`` (cache), ``SECRET_KEY``, ``ALLOWED_HOSTS``.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from toasoan.formats.vi import formats as vi_formats

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("TOASOAN_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "toasoan.core",
    "toasoan.ops",
    "toasoan.headers",  # before wagtail.admin: its admin template overrides put CSP nonces on inline scripts
    "toasoan.limits",
    "toasoan.users",
    "toasoan.images",
    "toasoan.people",
    "toasoan.home",
    "toasoan.sections",
    "toasoan.events",
    "toasoan.news",
    "toasoan.importer",
    "toasoan.demo",
    "toasoan.search",
    "toasoan.entities",
    "toasoan.synth",
    "toasoan.analytics",
    "toasoan.caching",
    "toasoan.newsroom",
    "toasoan.seo",
    "toasoan.record",
    "toasoan.audit",
    "toasoan.live",
    "toasoan.comments",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "toasoan.users.apps.WagtailUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "toasoan.ops.logs.RequestIdMiddleware",  # outermost: every log line of a request names it
    "toasoan.headers.middleware.TrustedProxyMiddleware",  # before anything reads the client's address or scheme
    "toasoan.audit.middleware.AuditMiddleware",  # where audit log entries come from; account changes compared
    "toasoan.limits.middleware.RequestSizeMiddleware",  # a body over TOASOAN_MAX_REQUEST_BYTES is never read
    "toasoan.caching.middleware.FrontHeadersMiddleware",  # first of the rest: see its docstring
    "toasoan.core.middleware.ReaderConnectionMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache, so a page served from it gets them too.
    "toasoan.headers.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "toasoan.caching.middleware.PageCacheMiddleware",
    "toasoan.record.middleware.TakedownNoticeMiddleware",  # after the page cache: a 410 notice is never stored
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "toasoan.users.middleware.NewsroomSessionMiddleware",  # idle expiry, then the second factor (admin)
    "toasoan.newsroom.middleware.ReviewActionMiddleware",  # one review action at a time per story
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out login into the Vietnamese lockout page
]

ROOT_URLCONF = "toasoan.urls"
WSGI_APPLICATION = "toasoan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "toasoan.core.context_processors.site_chrome",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'toasoan.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# The hand-written reader queries (article lookup) are prepared once per PostgreSQL connection
# (toasoan/core/db.py); 0 for a connection pooler that cannot keep prepared statements.
TOASOAN_DB_PREPARED_STATEMENTS = env_bool("DB_PREPARED_STATEMENTS", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the task worker write while the web server reads; IMMEDIATE avoids lock upgrades.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "toasoan"),
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient", "IGNORE_EXCEPTIONS": True},
        },
        # Wagtail's rendition lookups, in each process's memory rather than two Redis round trips per image
        # (its key names the image's file hash and focal point: an edited image never matches an old entry).
        "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "renditions",
                       "TIMEOUT": 600, "OPTIONS": {"MAX_ENTRIES": 20000}},
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "toasoan"}}

# Queues and priorities: toasoan/core/queue.py (publication work first, bulk work last).
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
                     "QUEUES": ["default", "publication"]}}

AUTH_USER_MODEL = "users.User"
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]

# Accounts (toasoan/users, docs/accounts.md). Login lockout by django-axes, per account and per address:
# after AXES_FAILURE_LIMIT wrong passwords the account (from anywhere) and the address (for any account)
# are refused for AXES_COOLOFF_TIME, with a Vietnamese page (HTTP 429).
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "toasoan.users.views.lockout_response"
AXES_USERNAME_FORM_FIELD = "username"
# Two-factor authentication (TOTP and recovery codes, django-otp) for everyone who signs in to the admin.
TOASOAN_REQUIRE_2FA = env_bool("REQUIRE_2FA", True)
OTP_TOTP_ISSUER = os.environ.get("SITE_NAME", "Tòa Soạn")
# An admin session left idle this many minutes is signed out (0: never).
TOASOAN_IDLE_TIMEOUT_MINUTES = int(os.environ.get("IDLE_TIMEOUT_MINUTES", "30"))
# Two-person rule: whoever wrote or last edited a story, or approved the step before, does not give the
# final approval (an emergency override by the editor-in-chief is logged in the page history).
TOASOAN_TWO_PERSON_RULE = env_bool("TWO_PERSON_RULE", True)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt"))]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Day-first input formats for vi (toasoan/formats/vi/formats.py); the same lists are the settings' fallback
# (Django reads the settings when no language is active), so no code path reads 08/12 as 12 August.
FORMAT_MODULE_PATH = ["toasoan.formats"]
DATE_INPUT_FORMATS = vi_formats.DATE_INPUT_FORMATS
DATETIME_INPUT_FORMATS = vi_formats.DATETIME_INPUT_FORMATS
TIME_INPUT_FORMATS = vi_formats.TIME_INPUT_FORMATS
FIRST_DAY_OF_WEEK = vi_formats.FIRST_DAY_OF_WEEK
LOCALE_PATHS = [PROJECT_DIR / "locale"]

STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/uploads/"  # /media/ is the Media section
# Serve uploads from Django when no web server does (make demo); production points nginx at MEDIA_ROOT.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# What people may send (toasoan.limits): an oversize form gets a Vietnamese 413 page naming what is too large,
# and the admin checks the same limits before sending, keeping the form as typed.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("FORM_MAX_BYTES", 2_621_440))  # fields without files
TOASOAN_MAX_REQUEST_BYTES = int(os.environ.get("REQUEST_MAX_BYTES", 25 * 1024 * 1024))  # = nginx client_max_body_size
TOASOAN_MAX_SAPO_CHARS = 3000
TOASOAN_MAX_BODY_CHARS = 500_000  # an article body as stored (its JSON); one revision holds one copy
# Images: refused above a decoded-size budget, read from the file's header before any decoding (toasoan.images).
TOASOAN_IMAGE_MAX_PIXELS = int(os.environ.get("IMAGE_MAX_PIXELS", 50_000_000))  # width × height × frames
TOASOAN_IMAGE_MAX_DECODED_BYTES = int(os.environ.get("IMAGE_MAX_DECODED_BYTES", 200 * 1024 * 1024))

# Security headers (toasoan.headers): the reader site's and the admin's Content-Security-Policy
# (toasoan/headers/policy.py), sent as "Report-Only" with CSP_REPORT_ONLY=1 (to try a change of policy);
# CSP_REPORT_URI receives the browsers' violation reports.
TOASOAN_CSP_REPORT_ONLY = env_bool("CSP_REPORT_ONLY", False)
TOASOAN_CSP_REPORT_URI = os.environ.get("CSP_REPORT_URI", "")
PERMISSIONS_POLICY = {
    feature: [] for feature in ("accelerometer", "browsing-topics", "camera", "display-capture",
                                "geolocation", "gyroscope", "hid", "magnetometer", "microphone", "midi", "payment",
                                "serial", "usb", "xr-spatial-tracking")
}
# The addresses of the front (nginx) whose X-Forwarded-Proto and X-Real-IP are believed; from any other
# address those headers are dropped (toasoan.headers.middleware.TrustedProxyMiddleware).
TOASOAN_TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "Tòa Soạn")
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "images.NewsImage"
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt")]
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
# What the admin shows and its date pickers write: the first input format of each list above, so a value
# shown is read back unchanged (tests/core/test_formats.py checks that they agree).
WAGTAIL_DATE_FORMAT = DATE_INPUT_FORMATS[0]
WAGTAIL_DATETIME_FORMAT = DATETIME_INPUT_FORMATS[0]
WAGTAIL_TIME_FORMAT = TIME_INPUT_FORMATS[0]
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False  # its banner links to English release notes
# One newsroom, one time zone: the account screen offers no list of ~600 English zone names.
WAGTAIL_USER_TIME_ZONES = ["Asia/Ho_Chi_Minh"]
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatar requests to a third party (and none outside the admin's CSP)
# Vietnamese folding, equivalences and ranking for the admin's search too (toasoan.search).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "toasoan.search.wagtail_backend"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "mp3", "mp4", "m4a", "ogg", "webm", "docx", "xlsx"]
# Uploads refused with Vietnamese messages (wrong type, too large, a "video" that is not one): toasoan.seo.uploads
WAGTAILIMAGES_IMAGE_FORM_BASE = "toasoan.seo.uploads.SafeImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "toasoan.seo.uploads.SafeDocumentForm"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = TOASOAN_IMAGE_MAX_PIXELS
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILREDIRECTS_AUTO_CREATE = True
# Final review approval publishes (or schedules) without Wagtail's publish permission (toasoan.newsroom).
WAGTAIL_FINISH_WORKFLOW_ACTION = "toasoan.newsroom.workflows.publish_approved"

# Reader site
TOASOAN_PAGE_SIZE = 20
# View counting (toasoan/analytics/counters.py): a page token is good for this many hours; one address counts
# at most this many different browsers per article in the 10-minute window (0: no allowance, for benchmarks).
TOASOAN_BEACON_TOKEN_HOURS = int(os.environ.get("BEACON_TOKEN_HOURS", "48"))
TOASOAN_BEACON_READERS_PER_ADDRESS = int(os.environ.get("BEACON_READERS_PER_ADDRESS", "20"))
# Figures in AVIF (then WebP); renditions are made by the worker at publish (toasoan/news/renditions.py).
TOASOAN_AVIF = env_bool("TOASOAN_AVIF", True)

# LOG_FORMAT=json (make prod-local, the systemd units): one JSON object per line with the request id.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
# Legal record (lưu chiểu, docs/record.md): a deposit copy of every publication, kept at least 12 months.
TOASOAN_DEPOSIT_ENABLED = env_bool("TOASOAN_DEPOSIT", True)
TOASOAN_DEPOSIT_RETENTION_MONTHS = os.environ.get("TOASOAN_DEPOSIT_RETENTION_MONTHS", "24")
# A story taken down answers 410 Gone with a notice; 404 when the paper prefers.
TOASOAN_TAKEDOWN_STATUS = int(os.environ.get("TOASOAN_TAKEDOWN_STATUS", "410"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "toasoan.ops.logs.RequestIdFilter"}},
    "formatters": {"json": {"()": "toasoan.ops.logs.JsonFormatter"}, "text": {"format": "%(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id"],
                             "formatter": "json" if LOG_FORMAT == "json" else "text"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {"toasoan": {"level": os.environ.get("LOG_LEVEL", "INFO"), "propagate": True}},
}

# --- replica: reader pages from a PostgreSQL streaming replica (toasoan/replica, docs/deployment.md) ---
# DATABASE_REPLICA_URL: the replica (a hot standby of DATABASE_URL). Readers' GET pages read from it while it
# answers and is at most REPLICA_MAX_LAG_SECONDS behind (checked every REPLICA_CHECK_SECONDS per process);
# writes, the admin, tasks and a reader's requests for REPLICA_PIN_SECONDS after their own write use the primary.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
TOASOAN_REPLICA_MAX_LAG_SECONDS = float(os.environ.get("REPLICA_MAX_LAG_SECONDS", "5"))
TOASOAN_REPLICA_CHECK_SECONDS = float(os.environ.get("REPLICA_CHECK_SECONDS", "3"))
TOASOAN_REPLICA_PIN_SECONDS = int(os.environ.get("REPLICA_PIN_SECONDS", "15"))
if DATABASE_REPLICA_URL and DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True)
    DATABASES["replica"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        os.environ.get("REPLICA_CONNECT_TIMEOUT", "2"))
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["toasoan.replica.router.ReplicaRouter"]
    MIDDLEWARE.insert(MIDDLEWARE.index("toasoan.core.middleware.ReaderConnectionMiddleware"),
                      "toasoan.replica.middleware.ReplicaMiddleware")
# --- comments: readers' comments and their moderation (toasoan/comments; docs/newsroom.md, docs/security.md) ---
TOASOAN_COMMENTS_ENABLED = env_bool("COMMENTS", True)
# pre: every comment waits for a moderator; post: shown at once, moderated after; closed. Per section or story:
# admin → Bình luận → Chế độ bình luận.
TOASOAN_COMMENTS_DEFAULT_MODE = os.environ.get("COMMENTS_MODE", "pre")
TOASOAN_COMMENTS_MAX_CHARS = int(os.environ.get("COMMENTS_MAX_CHARS", "2000"))
# "count/seconds": comments per client (address and browser) and per email address.
TOASOAN_COMMENTS_RATE_CLIENT = os.environ.get("COMMENTS_RATE_CLIENT", "5/600")
TOASOAN_COMMENTS_RATE_EMAIL = os.environ.get("COMMENTS_RATE_EMAIL", "10/3600")
TOASOAN_COMMENTS_HIDE_AFTER_REPORTS = int(os.environ.get("COMMENTS_HIDE_AFTER_REPORTS", "3"))
# Personal data kept (days): the client's IP (and like/report rows), email and phone, rejected comments.
TOASOAN_COMMENTS_IP_RETENTION_DAYS = int(os.environ.get("COMMENTS_IP_RETENTION_DAYS", "30"))
TOASOAN_COMMENTS_CONTACT_RETENTION_DAYS = int(os.environ.get("COMMENTS_CONTACT_RETENTION_DAYS", "365"))
TOASOAN_COMMENTS_REJECTED_RETENTION_DAYS = int(os.environ.get("COMMENTS_REJECTED_RETENTION_DAYS", "90"))
# Phone verification of commenters: "" (off), "console" (development: the code goes to the log) or a class path.
TOASOAN_COMMENTS_PHONE_VERIFIER = os.environ.get("COMMENTS_PHONE_VERIFIER", "")
# --- storage: uploads and renditions on an S3-compatible object store, where readers get them (docs/operations.md,
# «Lưu trữ ảnh trên S3»). MEDIA_STORAGE_URL empty: the folder MEDIA_ROOT; s3://KEY:SECRET@host/bucket: the store
# (toasoan/settings/media_storage.py reads it). MEDIA_URL: where readers get the files, /uploads/ on this site (the
# front) or a CDN host such as https://anh.example.vn/ (then allowed by the pages' Content-Security-Policy).
from django.core.exceptions import ImproperlyConfigured  # noqa: E402

from toasoan.settings import media_storage as _media_storage  # noqa: E402

try:
    MEDIA_URL = _media_storage.media_url(os.environ.get("MEDIA_URL", MEDIA_URL))
    _remote_media = _media_storage.parse(os.environ.get("MEDIA_STORAGE_URL", ""))
except _media_storage.MediaStorageUrlError as _error:
    raise ImproperlyConfigured(str(_error)) from None
if _remote_media:
    STORAGES = {**STORAGES, "default": _remote_media}
# Cache-Control of every stored object (the store sends it to the front and the CDN); names are never reused.
TOASOAN_MEDIA_CACHE_SECONDS = int(os.environ.get("MEDIA_CACHE_SECONDS", 365 * 24 * 3600))
TOASOAN_MEDIA_ORIGIN = _media_storage.origin(MEDIA_URL)
# --- storage: the CDN, purged by cache tag (toasoan/caching/cdn, docs/operations.md «CDN»). CDN=cloudflare|fastly;
# the token (CDN_API_TOKEN) and the zone or service come from the environment and are never logged.
_CDN_BACKENDS = {"cloudflare": "toasoan.caching.cdn.backends.CloudflareBackend",
                 "fastly": "toasoan.caching.cdn.backends.FastlyBackend"}
_cdn = os.environ.get("CDN", "").strip().lower()
if _cdn and _cdn not in _CDN_BACKENDS:
    raise ImproperlyConfigured(f"CDN «{_cdn}» không được hỗ trợ: chỉ cloudflare hoặc fastly (hoặc để trống).")
TOASOAN_CDN = {
    "BACKEND": _CDN_BACKENDS[_cdn],
    "API_TOKEN": os.environ.get("CDN_API_TOKEN", ""),
    "ZONE_ID": os.environ.get("CDN_ZONE_ID", ""),  # Cloudflare
    "SERVICE_ID": os.environ.get("CDN_SERVICE_ID", ""),  # Fastly
    "SOFT_PURGE": env_bool("CDN_SOFT_PURGE", False),  # Fastly: mark stale instead of removing
    "TAG_HEADER": os.environ.get("CDN_TAG_HEADER", ""),  # default Cache-Tag (Cloudflare), Surrogate-Key (Fastly)
    "TAG_PREFIX": os.environ.get("CDN_TAG_PREFIX", ""),  # several sites in one zone or service
    "TAGS_PER_CALL": int(os.environ.get("CDN_TAGS_PER_CALL", "0")),  # default the provider's limit (30, 256)
    "PAGE_SECONDS": int(os.environ.get("CDN_PAGE_SECONDS", "3600")),  # how long the CDN keeps a page
    "API_URL": os.environ.get("CDN_API_URL", ""),  # default the provider's API
    "DRY_RUN": env_bool("CDN_DRY_RUN", False),  # print each purge request instead of sending it
} if _cdn else {}
# --- readers: reader accounts for comments, never staff (toasoan/readers; docs/security.md "Tài khoản bạn đọc") ---
INSTALLED_APPS.insert(INSTALLED_APPS.index("toasoan.comments"), "toasoan.readers")
TOASOAN_READERS_ENABLED = env_bool("READERS", True)
TOASOAN_READERS_SESSION_DAYS = int(os.environ.get("READERS_SESSION_DAYS", "30"))
# An account not signed in to for this many days is deleted (its comments stay, without the account); 0 keeps them.
TOASOAN_READERS_INACTIVE_DAYS = int(os.environ.get("READERS_INACTIVE_DAYS", "730"))
# Accounts one client (address) may open per window, and comments one account may send per window: count/seconds.
TOASOAN_READERS_RATE_SIGNUP = os.environ.get("READERS_RATE_SIGNUP", "3/3600")
TOASOAN_COMMENTS_RATE_ACCOUNT = os.environ.get("COMMENTS_RATE_ACCOUNT", "10/3600")
# The page of a running live story asks for newly shown comments this often (seconds; 0: never).
TOASOAN_COMMENTS_LIVE_POLL_SECONDS = int(os.environ.get("COMMENTS_LIVE_POLL_SECONDS", "15"))
# Phone verification through an HTTP SMS gateway (COMMENTS_PHONE_VERIFIER=http; toasoan/comments/phone.py).
TOASOAN_COMMENTS_SMS_URL = os.environ.get("COMMENTS_SMS_URL", "")
TOASOAN_COMMENTS_SMS_TOKEN = os.environ.get("COMMENTS_SMS_TOKEN", "")
TOASOAN_COMMENTS_SMS_SENDER = os.environ.get("COMMENTS_SMS_SENDER", "")
TOASOAN_COMMENTS_SMS_TEXT = os.environ.get("COMMENTS_SMS_TEXT", "")  # {code} is replaced; empty: the default
TOASOAN_COMMENTS_SMS_TIMEOUT = float(os.environ.get("COMMENTS_SMS_TIMEOUT", "5"))
# --- everyday: Vietnamese everywhere in the admin (issue 19). Fields without a label are labelled from the
# catalogue (toasoan/core/forms.py); the sites screens are the newsroom's (toasoan/newsroom/sites_admin.py),
# so Wagtail's own sites app, which has no models, is not installed.
FORM_RENDERER = "toasoan.core.forms.FormRenderer"
INSTALLED_APPS.remove("wagtail.sites")
# --- cluster: a web worker renders a few reader pages before its first request (toasoan/ops/warmup.py,
# docs/performance.md); on in production (toasoan/settings/production.py), WARM_START=0 turns it off.
TOASOAN_WARM_START = env_bool("WARM_START", False)
TOASOAN_WARM_SECONDS = float(os.environ.get("WARM_SECONDS", "20"))
# --- readers2: the emails of reader accounts (password reset, address confirmation; docs/security.md "Tài khoản
# bạn đọc"), sent through Django's mail with these settings by the task worker. Development prints them
# (toasoan/settings/dev.py); tests keep them in memory.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
TOASOAN_READERS_LINK_HOURS = int(os.environ.get("READERS_LINK_HOURS", "24"))
TOASOAN_READERS_RATE_MAIL = os.environ.get("READERS_RATE_MAIL", "3/3600")
# --- erasure: a reader account's verified phone number stands for a new code on its comments this many days
# (comment phone verification, COMMENTS_PHONE_VERIFIER; docs/newsroom.md); 0 asks a code for every comment.
TOASOAN_READERS_PHONE_VERIFIED_DAYS = int(os.environ.get("READERS_PHONE_VERIFIED_DAYS", "180"))
# Verification codes one client (address and browser) may ask for, whatever the numbers: count/seconds.
TOASOAN_COMMENTS_RATE_PHONE_CODES = os.environ.get("COMMENTS_RATE_PHONE_CODES", "5/3600")
# --- beacon: a view the app answers itself (no nginx front) is written to its own spool file before the 204,
# read by `toasoan spool_views` with nginx's (toasoan/analytics/appspool.py, docs/performance.md). The folder the
# spool reader reads (prod-local and systemd: nginx's beacons/ folder); "off": counts wait in Redis (the flusher).
TOASOAN_BEACON_SPOOL_DIR = os.environ.get("BEACON_SPOOL_DIR", str(VAR_DIR / "beacons"))
