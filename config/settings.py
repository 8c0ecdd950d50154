"""KTTT settings, read from environment variables only (see docs/deployment.md)."""

import contextlib
import os
from pathlib import Path

import dj_database_url
import django_stubs_ext

# Lets admin classes be written ModelAdmin[Model] for the type checker.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", False)
# Without DEBUG this is production, and there is no default key: left unset, SECRET_KEY is empty, Django refuses
# to sign sessions and CSRF tokens (every page fails) and `check --deploy` reports it. Only DEBUG has a fixed key.
SECRET_KEY = os.environ.get("SECRET_KEY") or ("kttt-local-demo-key-never-used-in-production" if DEBUG else "")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")

DATA_DIR = Path(os.environ.get("KTTT_DATA_DIR", BASE_DIR / "var"))
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'kttt.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
else:
    # PostgreSQL settings for KTTT's sessions (docs/deployment.md, docs/performance.md). work_mem: with the 4 MB
    # default the national snapshot sorts the 23,000 fact rows it reads instead of hashing them into a few
    # hundred groups (90–110 ms instead of 45–60). No parallel workers: on a web server's few cores, shared by
    # many requests, they cost more than they save (a dashboard's reporting counts: 60–80 ms with two, 24 alone).
    # Options given in DATABASE_URL (?options=…) take precedence.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", os.environ.get("DB_PG_OPTIONS", "-c work_mem=32MB -c max_parallel_workers_per_gather=0")
    )

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "kttt.web",
    "kttt.areas",
    "kttt.rules",
    "kttt.registry",
    "kttt.annual",
    "kttt.exchange",
    "kttt.indicators",
    "kttt.demo",
    "kttt.reports",
    "kttt.plans",
    "kttt.support",
    "kttt.ratings",
    "kttt.training",
    "kttt.ranking",
    "kttt.audit",
    "kttt.accounts",
    "kttt.api",
    "kttt.backups",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    # Last, so KTTT's own translations win over the admin's for the same English words ("Save", "Filter").
    "django.contrib.admin",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page needs a login unless its view is marked @login_not_required (public pages, login).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "kttt.web.security.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kttt.web.context.site",
            ],
        },
    },
]
WSGI_APPLICATION = "config.wsgi.application"
FORM_RENDERER = "kttt.web.forms.Renderer"

LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "kttt" / "locale"]
FORMAT_MODULE_PATH = ["kttt.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed names once `kttt collectstatic` has run, the files' own names before (kttt/web/storage.py).
    "staticfiles": {"BACKEND": "kttt.web.storage.StaticFilesStorage"},
}
# Serve static files straight from the apps when they have not been collected (local demo, tests).
WHITENOISE_USE_FINDERS = True
if DEBUG:
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
with contextlib.suppress(OSError):  # WhiteNoise warns at every start when the folder is missing
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Without DEBUG, errors (an unhandled exception's traceback) go to stderr, which systemd's journal keeps
# (docs/deployment.md). Django's default only mails them to ADMINS, which KTTT does not use: they would be lost.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"production": {"()": "django.utils.log.RequireDebugFalse"}},
    "formatters": {"level": {"format": "[{levelname}] {name}: {message}", "style": "{"}},
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "level": "ERROR", "filters": ["production"], "formatter": "level"}
    },
    "root": {"handlers": ["stderr"], "level": "WARNING"},
}

# Production hardening, switched on whenever DEBUG is off (docs/deployment.md).
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True  # pages send the token from the page itself (forms, htmx's hx-headers), not the cookie
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
# Behind a reverse proxy that ends TLS: the header it sets and its value, e.g. "HTTP_X_FORWARDED_PROTO,https".
if proxy_header := envlist("SECURE_PROXY_SSL_HEADER", ""):
    SECURE_PROXY_SSL_HEADER = (proxy_header[0], proxy_header[1])
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600))
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Only the site's own files: no inline scripts or styles, no other origins, no framing (kttt/web/security.py).
# With DEBUG it is sent as Report-Only, so Django's debug pages keep their inline styles.
KTTT_CONTENT_SECURITY_POLICY = os.environ.get(
    "KTTT_CONTENT_SECURITY_POLICY",
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
)
# Request bodies read into memory: form fields (not files) at most this size, and uploaded files above
# FILE_UPLOAD_MAX_MEMORY_SIZE go to a temporary file. The size of an uploaded data package is limited by
# KTTT_IMPORT_MAX_BYTES below, and the whole request by the reverse proxy (docs/deployment.md).
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440))
FILE_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("FILE_UPLOAD_MAX_MEMORY_SIZE", 2_621_440))
FILE_UPLOAD_PERMISSIONS = 0o640

# Login throttling (kttt/audit/throttle.py): after this many failed logins for a user name, or from one address,
# within the lockout, attempts are refused until KTTT_LOGIN_LOCKOUT_MINUTES after the last failure.
KTTT_LOGIN_MAX_FAILURES = int(os.environ.get("KTTT_LOGIN_MAX_FAILURES", 5))
KTTT_LOGIN_MAX_FAILURES_PER_IP = int(os.environ.get("KTTT_LOGIN_MAX_FAILURES_PER_IP", KTTT_LOGIN_MAX_FAILURES))
KTTT_LOGIN_LOCKOUT_MINUTES = int(os.environ.get("KTTT_LOGIN_LOCKOUT_MINUTES", 15))
# The request header holding the visitor's address when a reverse proxy forwards it (e.g. HTTP_X_REAL_IP or
# HTTP_X_FORWARDED_FOR); empty: REMOTE_ADDR. Used by the audit trail and the login throttling.
KTTT_CLIENT_IP_HEADER = os.environ.get("KTTT_CLIENT_IP_HEADER", "")

# Whether people's credit funds (QTDND) are counted among HTX in roll-ups, as most reports do.
KTTT_COUNT_QTDND_AS_HTX = envbool("KTTT_COUNT_QTDND_AS_HTX", True)
# Year-end figures from the yearly fact table that triggers keep (ADR 0010); off: always from the records.
KTTT_USE_FACTS = envbool("KTTT_USE_FACTS", True)
# The province the demo data and the default report scope are about (GSO code; 20 = Lạng Sơn).
KTTT_DEFAULT_PROVINCE = os.environ.get("KTTT_DEFAULT_PROVINCE", "20")

# Rendered dashboard parts, keyed by the data stamp so never stale (kttt.indicators.cached, ADR 0009). A folder
# shared by the server's workers; KTTT_PAGE_CACHE=off renders every request afresh.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": (
        {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
        if os.environ.get("KTTT_PAGE_CACHE", "").strip().lower() in {"off", "false", "0", "no"}
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("KTTT_PAGE_CACHE", "") or DATA_DIR / "cache" / "pages",
            "TIMEOUT": 24 * 3600,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    ),
}
# Limits of an imported data package (kttt/exchange/guard.py): its size in bytes (a workbook's unpacked size
# may be at most 10 times this) and the rows read over all its sheets. A larger file is refused, not cut.
KTTT_IMPORT_MAX_BYTES = int(os.environ.get("KTTT_IMPORT_MAX_BYTES", 50 * 1024 * 1024))
KTTT_IMPORT_MAX_ROWS = int(os.environ.get("KTTT_IMPORT_MAX_ROWS", 500_000))
# The licence statement of the open data downloads (/du-lieu-mo/), shown on the page and written into every
# JSON file; set it to the licence the province has adopted.
KTTT_OPEN_DATA_LICENCE = os.environ.get(
    "KTTT_OPEN_DATA_LICENCE",
    "Dữ liệu mở, cấp phép theo Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0, "
    "https://creativecommons.org/licenses/by/4.0/deed.vi): được sao chép, chia sẻ, chỉnh sửa và sử dụng, "
    "kể cả cho mục đích thương mại, với điều kiện ghi rõ nguồn.",
)

# The letterhead of generated reports (Decree 30/2020/NĐ-CP). Empty values fall back to defaults built
# from the province: "ỦY BAN NHÂN DÂN TỈNH …", its name as the place, "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH".
KTTT_REPORT = {
    "parent_body": os.environ.get("KTTT_REPORT_PARENT_BODY", ""),
    "issuing_body": os.environ.get("KTTT_REPORT_ISSUING_BODY", ""),
    "number": os.environ.get("KTTT_REPORT_NUMBER", ""),
    "place": os.environ.get("KTTT_REPORT_PLACE", ""),
    "recipients": os.environ.get("KTTT_REPORT_RECIPIENTS", ""),  # lines separated by "|"
    "signer_authority": os.environ.get("KTTT_REPORT_SIGNER_AUTHORITY", ""),
    "signer_title": os.environ.get("KTTT_REPORT_SIGNER_TITLE", ""),
    "signer_name": os.environ.get("KTTT_REPORT_SIGNER_NAME", ""),
}

# The REST API (/api/v1/, docs/api.md): tokens for machine clients, the session for the browser. Every endpoint
# needs a signed-in person except those marked public (the aggregates, the public directory, the schema).
KTTT_API_ANON_RATE = os.environ.get("KTTT_API_ANON_RATE", "60/min")
KTTT_API_USER_RATE = os.environ.get("KTTT_API_USER_RATE", "2000/min")
REST_FRAMEWORK = {
    # Token first: an anonymous request is then answered 401 with "WWW-Authenticate: Token".
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": ["kttt.api.throttles.AnonymousThrottle", "kttt.api.throttles.SignedInThrottle"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        *(["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # Reverse proxies in front of KTTT: anonymous clients are then told apart by the address the last of them
    # adds to X-Forwarded-For; 0 (the default) uses the connection's address, which a client cannot forge.
    "NUM_PROXIES": int(os.environ.get("KTTT_API_NUM_PROXIES", 0)),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "KTTT API",
    "DESCRIPTION": "API của hệ thống theo dõi kinh tế tập thể: tổ chức, số liệu hằng năm, chỉ tiêu tổng hợp, "
    "kế hoạch và báo cáo. Hướng dẫn: /api/v1/docs/.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
}
