"""Settings for the coalition portal.

Every knob is an environment variable with a development default, so a fresh
checkout runs with `make run` and production is configured without code changes.
`.env.example` lists each variable.
"""

import datetime
import sys
from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A value that starts with $ names another variable (django-environ's proxy); a leading \$
# is a literal dollar sign, which a generated SECRET_KEY or a password may start with.
env.escape_proxy = True
# Env.bool reads any word it does not know ("maybe", "ture") as False: refuse those instead.
BOOLEAN_WORDS = {*environ.Env.BOOLEAN_TRUE_STRINGS, "false", "no", "off", "0", ""}


def envbool(name: str, default: bool) -> bool:
    if env.str(name, default="").strip().lower() not in BOOLEAN_WORDS:
        raise ImproperlyConfigured(f"{name} must be true or false, not {env.str(name)!r}")
    return env.bool(name, default=default)


def envint(name: str, default: int) -> int:
    try:
        return env.int(name, default=default)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must be a whole number, not {env.str(name)!r}"
        ) from None


DEBUG = envbool("DEBUG", True)
SECRET_KEY = env.str("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "development-only-not-secret"  # noqa: S105

SITE_NAME = env.str("SITE_NAME", "Mental Health Reform Coalition")
SITE_ROOT = env.str("SITE_ROOT", "http://127.0.0.1:8000").rstrip("/")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", cast=str.strip, default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", cast=str.strip, default=[])

INSTALLED_APPS = [
    "members.admin_widgets.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "post_office",
    "simple_history",
    "django_filters",
    "coalition",
    "outbox",
    "members",
    "pledges",
    "campaigns",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "coalition.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "members.language.PersonLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "coalition.middleware.StaffMFARequiredMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "coalition.middleware.NoStoreForSignedInMiddleware",
]

ROOT_URLCONF = "coalition.urls"
WSGI_APPLICATION = "coalition.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "coalition.context_processors.site",
            ],
            # {% translate %} and {% blocktranslate %} in every template without a {% load %}.
            "builtins": ["django.templatetags.i18n"],
        },
    },
    {
        # Plain-text email (subjects and text bodies): no HTML escaping, so "Peer & Co's"
        # reads as written (outbox.emails.render_email).
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {"autoescape": False, "builtins": ["django.templatetags.i18n"]},
    },
]

# Database: SQLite only serves the zero-setup demo; tests and production use PostgreSQL.
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# Persistent connections measured as fast as a pool here; health checks replace one the
# server or a proxy dropped before a request uses it.
DATABASES["default"]["CONN_MAX_AGE"] = envint("CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Every request runs in one transaction, so a page never saves half its work. Services are
# also @transaction.atomic, so they hold on their own in tasks and management commands.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A dead database must fail a request quickly, never hang a worker.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = envint(
        "DATABASE_CONNECT_TIMEOUT", 3
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Sessions and the cache live in the database so pages keep serving while Redis is down
# and every gunicorn worker shares allauth's rate-limit counters.
# Database sessions whose rows name the person signed in (members/sessions.py).
SESSION_ENGINE = "members.sessions"
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "coalition_cache",
        # A pledge summary per organization and the shared page parts, with room to spare.
        "OPTIONS": {"MAX_ENTRIES": envint("CACHE_MAX_ENTRIES", 50_000)},
    },
    # Whole public pages for first visits, the footer and partners' menus, in each process's
    # memory: a copy per process is fine for what may lag five minutes or changes only with a
    # release, and costs no query (members.caching).
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 1000},
    },
}

AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    # Django's and allauth's, each reading the membership with the user (one query).
    "members.backends.ModelBackend",
    "members.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"

# django-allauth: email only, verified before first login, no account enumeration.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "members.signup.SignupDetailsForm"
# Confirming the address in the browser that signed up goes straight to the dashboard.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_RATE_LIMITS_ENABLED = envbool("ACCOUNT_RATE_LIMITS_ENABLED", True)
if not ACCOUNT_RATE_LIMITS_ENABLED:
    ACCOUNT_RATE_LIMITS = False
ACCOUNT_ADAPTER = "members.adapters.AccountAdapter"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# English and Spanish. Visitors get the one their browser asks for; a signed-in person gets
# the one they chose (User.language), which also picks the language of their emails.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Our own date formats for English ("December 5, 2026"); Spanish uses Django's.
FORMAT_MODULE_PATH = ["coalition.formats"]
TIME_ZONE = env.str("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True
# Links people type without a scheme are https; Django 6 makes this the default.
FORMS_URLFIELD_ASSUME_HTTPS = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed files need collectstatic, so only when DEBUG is off.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = BASE_DIR / "media"

# Email: every message is a database row first (django-post-office); Celery delivers it
# through the real backend, and a periodic task sends whatever is still queued.
EMAIL_BACKEND = "post_office.EmailBackend"
EMAIL_DELIVERY_BACKEND = env.str(
    "EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env.str("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", "Coalition portal <portal@coalition.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where the public contact page sends people; read by people, so a real inbox.
CONTACT_EMAIL = env.str("CONTACT_EMAIL", "hello@coalition.example")
POST_OFFICE = {
    "BACKENDS": {"default": EMAIL_DELIVERY_BACKEND},
    "DEFAULT_PRIORITY": "medium",
    "MAX_RETRIES": envint("EMAIL_MAX_RETRIES", 4),
    # The first retry waits this long, each next one twice as long (outbox/delivery.py).
    "RETRY_INTERVAL": datetime.timedelta(seconds=envint("EMAIL_RETRY_SECONDS", 300)),
    "MESSAGE_ID_ENABLED": True,
    # The right-hand side of every Message-ID: the site's own domain, never the host's name
    # (often "localhost" in a container), which spam filters hold against the sender.
    "MESSAGE_ID_FQDN": env.str("MESSAGE_ID_DOMAIN", urlsplit(SITE_ROOT).hostname or "localhost"),
    "LOG_LEVEL": 1,  # log failures only
    "BATCH_SIZE": 200,
}
# --- Delivery faults (outbox/delivery.py) ---
# An email still "sending" this long after its worker took it, or handed it to the server, was
# interrupted: never handed over, it is queued again; handed over, it is flagged for staff
# (outcome unknown), never sent again on a guess.
MAIL_UNKNOWN_AFTER_SECONDS = envint("MAIL_UNKNOWN_AFTER_SECONDS", max(120, EMAIL_TIMEOUT * 6))

# Celery: Redis is only the broker. Without REDIS_URL, tasks run in-process (demo).
REDIS_URL = env.str("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = envbool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# A page that queues work while Redis is down must not hang: fail fast, the database
# row and the periodic sweep make sure the work still happens.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "send-queued-mail": {
        "task": "outbox.tasks.send_queued_mail",
        "schedule": envint("MAIL_SWEEP_SECONDS", 60),
    },
}
# Strategy calls: announcement emails whose task was lost (Redis down) are sent by this sweep.
CELERY_BEAT_SCHEDULE["campaigns-call-announcements"] = {
    "task": "campaigns.tasks.send_pending_call_announcements",
    "schedule": envint("CALL_ANNOUNCEMENT_SWEEP_SECONDS", 300),
}
# Minutes, coalition updates by email and day-before call reminders: each is claimed by a row,
# so the sweep may run as often as wanted.
CELERY_BEAT_SCHEDULE["campaigns-followups"] = {
    "task": "campaigns.tasks.send_campaign_followups",
    "schedule": envint("CAMPAIGN_FOLLOWUP_SWEEP_SECONDS", 900),
}
# Expired sessions are removed once a day.
# Staff who chose one daily digest of what partners sent get it at this hour.
CELERY_BEAT_SCHEDULE["send-staff-digests"] = {
    "task": "campaigns.tasks.send_staff_digests",
    "schedule": crontab(hour=envint("STAFF_DIGEST_HOUR", 8), minute=0),
}

CELERY_BEAT_SCHEDULE["clear-expired-sessions"] = {
    "task": "members.tasks.clear_expired_sessions",
    "schedule": crontab(hour=4, minute=30),
}

# --- Pledge reminders (pledges app) ---
# A positive day is a day of the month; a negative one counts back from its last day
# (-3: three days before the month ends). The beat task runs daily at PLEDGE_REMINDER_HOUR
# (coalition time) and sends the latest stage whose day has come, once per organization.
PLEDGE_REMINDER_DAYS = {
    "first": envint("PLEDGE_REMINDER_FIRST_DAY", 15),
    "last": -envint("PLEDGE_REMINDER_LAST_DAYS_BEFORE_END", 3),
}
CELERY_BEAT_SCHEDULE["send-pledge-reminders"] = {
    "task": "pledges.tasks.send_pledge_reminders",
    "schedule": crontab(hour=envint("PLEDGE_REMINDER_HOUR", 9), minute=0),
}
# Partners who missed two months in a row get one kind email per episode; after this many
# missed months the coalition-health page asks staff whether to pause the partnership.
COALITION_CONTACT_EMAIL = env.str("COALITION_CONTACT_EMAIL", "staff@coalition.example")
PARTNERSHIP_PAUSE_ASK_AFTER_MONTHS = envint("PARTNERSHIP_PAUSE_ASK_AFTER_MONTHS", 4)
CELERY_BEAT_SCHEDULE["send-care-emails"] = {
    "task": "pledges.tasks.send_care_emails",
    "schedule": crontab(hour=envint("PLEDGE_REMINDER_HOUR", 9), minute=30),
}

# Security. Production sets DEBUG=false; the stricter values follow from it.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", not DEBUG)
X_FRAME_OPTIONS = "DENY"
# Staff hold everyone's contact details: in production they must use an authenticator app
# (TOTP) before any admin page opens. Off by default only for the local demo.
STAFF_REQUIRE_MFA = envbool("STAFF_REQUIRE_MFA", not DEBUG)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler", "stream": sys.stderr}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", "INFO")},
    # post_office logs every batch at INFO; failures are what matter.
    "loggers": {"post_office": {"level": "WARNING"}},
}

# --- Sign-in behind a proxy, staff two-factor, headers ---
# Behind a proxy every request arrives from the proxy's address, so allauth's per-address rate
# limits would lock everyone out together. Name where the client's own address is: either the
# number of proxies in front of the site that append to X-Forwarded-For (the client is then that
# many entries from the end), or the one header a single trusted proxy sets (e.g. X-Real-IP).
# Never both, and neither when the site faces the internet directly: the headers can be forged.
ALLAUTH_TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env.str("TRUSTED_CLIENT_IP_HEADER", "") or None
# An authenticator app, with recovery codes for the day the phone is lost.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
