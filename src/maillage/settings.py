"""Django settings for Maillage: every value that varies between machines is read here, once.

DEBUG is off unless DEBUG=true, which gives development defaults (SQLite, eager background
jobs, localhost only); production sets SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and
CELERY_BROKER_URL.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no environment variable."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    """Read a comma-separated environment variable."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Off unless asked for: a server started without its environment must not show tracebacks.
# `make demo`, `make serve` and the tests (tests/settings.py) turn it on.
DEBUG = env_bool("DEBUG", False)
_DEV_SECRET = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", _DEV_SECRET if DEBUG else "")
if not SECRET_KEY or (not DEBUG and SECRET_KEY == _DEV_SECRET):
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "maillage.core",
    "maillage.territory",
    "maillage.people",
    "maillage.skills",
    "maillage.notifications",
    "maillage.missions",
    "maillage.consolidation",
    "maillage.execution",
    "maillage.pricing",
    "maillage.timesheets",
    "maillage.absences",
    "maillage.employment",
    "maillage.invoicing",
    "maillage.wages",
    "maillage.gpec",
    "maillage.directory",
    "maillage.engagement",
    "maillage.credentials",
    "maillage.training",
    "maillage.governance",
    "maillage.economics",
    "maillage.tokens",
    "maillage.accounts",
    "maillage.audit",
    "maillage.www",
    "maillage.demo",
    # Accounts (docs/decisions/0041): sign-up, verification, reset, email change, sign-in
    # with its rate limits, optional TOTP (mfa) and the list of one's sessions (usersessions).
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Production serves the collected static files itself (no CDN); in development,
    # runserver and the test live server serve them from the apps.
    *([] if DEBUG else ["whitenoise.middleware.WhiteNoiseMiddleware"]),
    # After static files, before sessions: a saturated process answers 503 without any DB work.
    "maillage.core.middleware.LoadSheddingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before any view reads a filter: a NUL in the query string is a 400 (PostgreSQL refuses it).
    "maillage.core.middleware.NulInQueryMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page asks for a sign-in unless its view is marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "maillage.core.middleware.SecurityHeadersMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
]

ROOT_URLCONF = "maillage.urls"
WSGI_APPLICATION = "maillage.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Each page feature keeps its templates beside its views: www/<feature>/templates/.
        "DIRS": sorted((BASE_DIR / "www").glob("*/templates")),
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "maillage.www.utils.context_processors.navigation",
            ],
            "builtins": ["maillage.core.templatetags.maillage_tags"],
            # Tests set this to a failing object so an unknown variable breaks the test.
            "string_if_invalid": os.environ.get("TEMPLATE_STRING_IF_INVALID", ""),
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{PROJECT_DIR / 'var' / 'maillage.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A demo server and its eager background jobs write at once: wait instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
elif DATABASE_POOL_MAX_SIZE := int(os.environ.get("DATABASE_POOL_MAX_SIZE", "0")):
    # PostgreSQL connection pool, one per process (psycopg_pool; gunicorn.conf.py sets the size).
    # The server is shared: gunicorn workers x DATABASE_POOL_MAX_SIZE stays within
    # DATABASE_CONNECTION_CAP. A request that waits longer than the timeout for a connection
    # fails rather than piling up. Pooling replaces persistent connections (CONN_MAX_AGE).
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": min(2, DATABASE_POOL_MAX_SIZE),
        "max_size": DATABASE_POOL_MAX_SIZE,
        "timeout": float(os.environ.get("DATABASE_POOL_TIMEOUT", "5")),
    }

# Cache: Redis when CACHE_URL (or REDIS_URL) is set, so every process shares it; otherwise
# each process keeps its own in memory (GPEC aggregates, keyed by published plan version).
CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "maillage"}
}

# Load shedding (maillage.core.middleware.LoadSheddingMiddleware); 0 turns a test off.
# In flight per process: gunicorn.conf.py sets it a little under its threads per worker.
LOAD_SHED_MAX_IN_FLIGHT = int(os.environ.get("LOAD_SHED_MAX_IN_FLIGHT", "0"))
# Longest wait in the proxy's or gunicorn's queue (X-Request-Start) before a quick 503.
LOAD_SHED_MAX_QUEUE_MS = int(os.environ.get("LOAD_SHED_MAX_QUEUE_MS", "0"))
LOAD_SHED_RETRY_AFTER = int(os.environ.get("LOAD_SHED_RETRY_AFTER", "2"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "people.User"
LOGIN_URL = "home:login"
LOGIN_REDIRECT_URL = "home:role_home"
LOGOUT_REDIRECT_URL = "home:login"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", PROJECT_DIR / "var" / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Background jobs: Celery. Without a broker, jobs run in process (the embedded demo default);
# in production (DEBUG off) a broker is required. See maillage.core.jobs and the README.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
if not DEBUG and not CELERY_BROKER_URL:
    raise ImproperlyConfigured(
        "CELERY_BROKER_URL must be set when DEBUG is off (e.g. redis://127.0.0.1:6379/0): "
        "without a broker, consolidation runs and GPEC jobs would run inside web requests."
    )
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", None)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Jobs are sent to `territory.<slug>` (explicit queue at enqueue); upkeep goes to `celery`.
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_BEAT_SCHEDULE = {
    "reconcile-background-jobs": {
        "task": "maillage.core.tasks.reconcile_jobs",
        "schedule": 60.0,
    },
    "forget-old-idempotency-keys": {
        "task": "maillage.core.tasks.forget_old_idempotency_keys",
        "schedule": 24 * 3600.0,
    },
    "retry-pending-emails": {
        "task": "maillage.notifications.tasks.retry_pending",
        "schedule": 300.0,
    },
    "start-running-missions": {
        "task": "maillage.execution.tasks.start_running",
        "schedule": 900.0,
    },
    "validate-overdue-timesheets": {
        "task": "maillage.timesheets.tasks.validate_overdue_timesheets",
        "schedule": 24 * 3600.0,
    },
    "remind-timesheets-to-declare": {
        "task": "maillage.timesheets.tasks.remind_timesheets_to_declare",
        "schedule": 7 * 24 * 3600.0,
    },
    "close-finished-missions": {
        "task": "maillage.timesheets.tasks.close_finished_missions",
        "schedule": 24 * 3600.0,
    },
    "start-employments": {
        "task": "maillage.employment.tasks.start_employments",
        "schedule": 3600.0,
    },
    # Personal data past its duration (docs/personal-data.md, decision 0042).
    "purge-expired-data": {
        "task": "maillage.accounts.tasks.purge_expired_data",
        "schedule": 24 * 3600.0,
    },
    # Votes whose window has ended are closed and their decision recorded (governance).
    "close-due-votes": {
        "task": "maillage.governance.tasks.close_due_votes",
        "schedule": 300.0,
    },
}
# A running job silent for this long is shown interrupted, and may be taken over.
MAILLAGE_JOB_STALE_SECONDS = int(os.environ.get("JOB_STALE_SECONDS", "60"))
MAILLAGE_JOB_HEARTBEAT_SECONDS = float(os.environ.get("JOB_HEARTBEAT_SECONDS", "5"))
MAILLAGE_JOB_MAX_ATTEMPTS = 2
# Eager (no broker): run jobs in an in-process thread so pages show their progress.
MAILLAGE_EAGER_JOBS_IN_THREAD = env_bool("EAGER_JOBS_IN_THREAD", True)

# Email (maillage.notifications): the console in development and the demo, SMTP from the
# environment in production; tests use Django's locmem outbox.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Maillage <noreply@maillage.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Absolute links in emails.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
MAILLAGE_EMAIL_MAX_ATTEMPTS = 3
MAILLAGE_EMAIL_RETRY_SECONDS = int(os.environ.get("EMAIL_RETRY_SECONDS", "300"))
# Accounts: allauth (docs/decisions/0041-accounts-on-allauth.md). Self-service sign-up with a
# mandatory verified address; the sign-in page stays home:login (allauth's view, our form).
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Maillage] "
ACCOUNT_ADAPTER = "maillage.notifications.adapter.AccountAdapter"
ACCOUNT_FORMS = {"login": "maillage.accounts.forms.SignInForm"}
ACCOUNT_SIGNUP_REDIRECT_URL = "accounts:start"
ACCOUNT_LOGOUT_REDIRECT_URL = "home:login"
# Brute force: failed sign-ins counted per address and per IP (allauth's rate limits, in the
# cache: Redis in production so every process counts together); each refusal is logged.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/15m/key",
    "login": "30/m/ip",
    "signup": "10/m/ip",
    "reset_password": "20/m/ip,3/m/key",
}
# Optional two-factor (TOTP and recovery codes) for coordinators and admins.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Maillage"
MFA_ADAPTER = "maillage.accounts.mfa.MFAAdapter"
MFA_FORMS = {"activate_totp": "maillage.accounts.mfa.ActivateTOTPForm"}
# Sessions are listed from sign-in (no write on every request: no "last seen" column).
USERSESSIONS_TRACK_ACTIVITY = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if not DEBUG else "http"

# Security: strict everywhere, HTTPS-only when DEBUG is off.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # One line per task run is noise (the jobs' own tables say what ran); failures still show.
    # The factur-x library logs each step of every PDF at INFO: `invoices --output` would print
    # three lines per invoice.
    "loggers": {"celery.app.trace": {"level": "WARNING"}, "factur-x": {"level": "WARNING"}},
}

# Domain settings.
MAILLAGE_CONTRACT_THRESHOLD_MINUTES = int(os.environ.get("CONTRACT_THRESHOLD_MINUTES", "1440"))
# The lightest working week still counted in a worker's 24 h average (decision 0043): 0 judges
# the average alone; e.g. 720 for an annualised contract that accepts 12 h weeks, no less.
MAILLAGE_WEEK_FLOOR_MINUTES = int(os.environ.get("WEEK_FLOOR_MINUTES", "0"))
MAILLAGE_MIN_GROUP_SIZE = 5  # aggregates hide any group smaller than this (privacy)

# Open Badges (maillage.credentials): the Ed25519 signing keys live outside the database, in
# this directory (production: a path on a protected volume); certificates workers upload are
# private files served only through a view that checks who asks. PUBLIC_BASE_URL goes into
# every credential issued (issuer, status list, verification): set it before issuing any.
MAILLAGE_CREDENTIAL_KEYS_DIR = Path(
    os.environ.get("CREDENTIAL_KEYS_DIR", str(PROJECT_DIR / "var" / "keys"))
)
MAILLAGE_PRIVATE_FILES_DIR = Path(
    os.environ.get("PRIVATE_FILES_DIR", str(PROJECT_DIR / "var" / "private"))
)
MAILLAGE_PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000")
MAILLAGE_CERTIFICATE_MAX_BYTES = 5 * 1024 * 1024
# The carrier structure that issues the invoices (docs/decisions/0026-invoicing.md): its
# identity and terms come from the environment; the defaults are the demo's.
MAILLAGE_CARRIER = {
    "name": os.environ.get("CARRIER_NAME", "Maillage Coopérative (démo)"),
    "siret": os.environ.get("CARRIER_SIRET", "99100000100016"),
    "address": os.environ.get("CARRIER_ADDRESS", "12 rue de la République"),
    "postcode": os.environ.get("CARRIER_POSTCODE", "33000"),
    "city": os.environ.get("CARRIER_CITY", "Bordeaux"),
    "vat_number": os.environ.get("CARRIER_VAT_NUMBER", "FR67991000001"),
    # A rate in percent ("20.00"); empty: exempt, and the exemption mention is printed.
    "vat_rate": os.environ.get("CARRIER_VAT_RATE", "20.00"),
    "vat_exemption": os.environ.get(
        "CARRIER_VAT_EXEMPTION", "TVA non applicable, article 261-7-1° du CGI"
    ),
    "iban": os.environ.get("CARRIER_IBAN", "FR7630006000011234567890189"),
    "payment_days": int(os.environ.get("CARRIER_PAYMENT_DAYS", "30")),
    # Late-payment penalties, yearly rate in percent (at least 3 × the legal interest rate).
    "penalty_rate": os.environ.get("CARRIER_PENALTY_RATE", "12.00"),
    "number_prefix": os.environ.get("CARRIER_INVOICE_PREFIX", "F"),
}

# Bounds on what people type in, set so that a real buyer or worker never meets them: past
# them the input is a typo or an attack, and it is refused with a message at its field.
MAILLAGE_LIMITS = {
    "need_max_period_days": 366,  # a need covers at most a year (a school year is ten months)
    "need_max_start_ahead_days": 548,  # and starts at most 18 months from today
    "need_max_weekly_minutes": 35 * 60,  # a need is at most a full-time week
    "need_max_daily_minutes": 10 * 60,  # legal daily maximum (Code du travail L3121-18)
    "slot_earliest_minute": 6 * 60,  # slots and windows lie between 06:00...
    "slot_latest_minute": 23 * 60,  # ...and 23:00
    "children_workshop_weekdays": [0, 1, 2, 3, 4, 5],  # Monday to Saturday
    "children_workshop_earliest_minute": 7 * 60,  # children are not taught before 07:00...
    "children_workshop_latest_minute": 21 * 60,  # ...nor after 21:00
    "text_max_length": 2000,  # free text (descriptions, reasons, notes)
    "household_max_children": 12,
    "household_min_birth_year": 1900,
    "household_max_monthly_earnings": 100000,  # euros a month
    "self_declared_max_level": 4,  # above it, a coordinator confirms the declared level
    "idempotency_key_days": 7,  # how long a form's token is remembered
    # Years a month or week page, or an invoice run, may ask for: OpenFisca's SMIC starts in
    # 1970, and a month's neighbours must exist to link to them (year 0 and 10000 do not).
    "first_year": 1970,
    "last_year": 2199,
}

# The API's settings live with the API (maillage.api.conf).
from maillage.api.conf import REST_FRAMEWORK, SPECTACULAR_SETTINGS  # noqa: E402, F401
