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
# The fallback key is for a local demo only; every deployment sets SECRET_KEY (docs/deployment.md).
SECRET_KEY = os.environ.get("SECRET_KEY") or "kttt-local-demo-key-set-SECRET_KEY-in-production"
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
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
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
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Serve static files straight from the apps when they have not been collected (local demo, tests).
WHITENOISE_USE_FINDERS = True
if DEBUG or not (STATIC_ROOT / "staticfiles.json").exists():
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
with contextlib.suppress(OSError):  # WhiteNoise warns at every start when the folder is missing
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Production hardening, switched on whenever DEBUG is off.
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Whether people's credit funds (QTDND) are counted among HTX in roll-ups, as most reports do.
KTTT_COUNT_QTDND_AS_HTX = envbool("KTTT_COUNT_QTDND_AS_HTX", True)
# The province the demo data and the default report scope are about (GSO code; 20 = Lạng Sơn).
KTTT_DEFAULT_PROVINCE = os.environ.get("KTTT_DEFAULT_PROVINCE", "20")
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
