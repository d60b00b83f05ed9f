"""Django settings for ipgov, driven by the environment (see configuration.py)."""

from __future__ import annotations

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from ipgov import configuration

BASE_DIR = Path(__file__).resolve().parent
IPGOV_HOME = configuration.ipgov_home()

SECRET_KEY = configuration.secret_key(IPGOV_HOME)
DEBUG = configuration.env_bool("IPGOV_DEBUG", False)
ALLOWED_HOSTS = [h for h in os.environ.get("IPGOV_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
# The portal's own host name (portal/host.py): requests to it get the portal at /, the staff app at /office/.
# Empty: the portal is at /portal/ on every host.
IPGOV_PORTAL_HOST = os.environ.get("IPGOV_PORTAL_HOST", "").strip().lower()
if IPGOV_PORTAL_HOST and IPGOV_PORTAL_HOST not in ALLOWED_HOSTS:
    ALLOWED_HOSTS.append(IPGOV_PORTAL_HOST)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ipgov.core",
    "ipgov.regions",
    "ipgov.rights",
    "ipgov.orgs",
    "ipgov.indicators",
    "ipgov.cases",
    "ipgov.programs",
    "ipgov.finance",
    "ipgov.analysis",
    "ipgov.portal",
    "ipgov.demo",
    "captcha",  # django-simple-captcha: the portal's offline captcha (images drawn on the server)
    "django_filters",
    "axes",
    "ipgov.web",
    "ipgov.reports",
    "ipgov.api",
    "ninja",  # its Swagger UI from our own static files (no CDN): the API docs work offline
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ipgov.web.security.ContentSecurityPolicyMiddleware",  # scripts and styles from our static files only
    "ipgov.portal.host.PortalHostMiddleware",  # IPGOV_PORTAL_HOST: the portal at the root of its own host
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files from the app server itself (intranet, no CDN)
    "ipgov.api.middleware.OpenDataMiddleware",  # open data the cube's run already answered, as cheaply
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ipgov.web.middleware.DefaultLanguageMiddleware",  # zh-Hans unless the user switched (not Accept-Language)
    "django.middleware.common.CommonMiddleware",
    "ipgov.web.busy.BusyDatabaseMiddleware",  # a locked database: "import in progress, try again" (503)
    "django.middleware.csrf.CsrfViewMiddleware",
    "ipgov.portal.kept.KeptPageMiddleware",  # an anonymous article page kept whole, with the visitor's token
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ipgov.core.middleware.ActorMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "ipgov.urls"
WSGI_APPLICATION = "ipgov.wsgi.application"

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
                "django.template.context_processors.i18n",
                "ipgov.web.context_processors.web",
                "ipgov.portal.context_processors.portal",
            ],
        },
    },
]

DATABASES = {"default": configuration.database(IPGOV_HOME, web=configuration.is_web_process())}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# One in-process cache per web worker: the pages, fragments and answers kept per computation run (the
# portal's kept pages, the open-data answers, the dashboard) and the rate-limit counters. Django's default
# holds 300 entries, fewer than the kept pages of the cities, indicators and languages evict from each other;
# 2,000 pages of 20–100 KB stay under ~200 MB a worker.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                      "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("IPGOV_CACHE_ENTRIES", "2000"))}}}

STATIC_URL = "static/"
STATIC_ROOT = IPGOV_HOME / "static"
MEDIA_ROOT = IPGOV_HOME / "media"
MEDIA_URL = "media/"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("IPGOV_LOG_LEVEL", "WARNING")},
    # WeasyPrint warns, in English, on every PDF of a machine without HarfBuzz-Subset that it subsets with
    # fontTools (slower, the same PDF; reports.fonts.cut_to_text makes it quick): not a user's concern
    "loggers": {"weasyprint": {"level": os.environ.get("IPGOV_WEASYPRINT_LOG_LEVEL", "ERROR")}},
}

# API rate limits, requests a minute per client address without a token and per token (api/ratelimit.py).
IPGOV_API_RATE_ANONYMOUS = int(os.environ.get("IPGOV_API_RATE_ANONYMOUS", "300"))
IPGOV_API_RATE_TOKEN = int(os.environ.get("IPGOV_API_RATE_TOKEN", "1200"))

# Content digests `ipgov backup` records in its manifest and `ipgov restore` checks (core/backup.py).
IPGOV_BACKUP_DIGESTS = {"cube": "ipgov.indicators.digest.cube_hash_sql"}
# Folders of uploaded files under IPGOV_HOME that a backup copies: case documents and article attachments,
# the portal's images and thumbnails.
IPGOV_BACKUP_FOLDERS = ["cases/documents", "portal/images"]

# Staff web application (web app): login, lockout after repeated failures (django-axes).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out logins before checking passwords
    "ipgov.web.auth.StaffBackend",  # ModelBackend; a request's user comes with its staff profile and region
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "web:login"
AXES_FAILURE_LIMIT = int(os.environ.get("IPGOV_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours a locked username+address pair stays locked; an admin can `ipgov axes_reset`
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]  # not by address alone: offices share one NAT address
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"
AXES_VERBOSE = False
# The lockout counts failures per client address by the same rule as the audit trail (trusted proxies only).
IPGOV_TRUSTED_PROXIES = configuration.trusted_proxies()
AXES_CLIENT_IP_CALLABLE = "ipgov.core.remote.client_ip"
SESSION_COOKIE_HTTPONLY = True
# IPGOV_HTTPS=true: the site is reached over HTTPS only (a TLS-terminating proxy in IPGOV_TRUSTED_PROXIES,
# whose X-Forwarded-Proto gunicorn believes). Browsers are then told to use HTTPS for a year, plain HTTP
# is redirected and cookies never travel unencrypted: `ipgov check --deploy` has nothing left to warn.
IPGOV_HTTPS = configuration.env_bool("IPGOV_HTTPS", False)
SECURE_SSL_REDIRECT = IPGOV_HTTPS
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = IPGOV_HTTPS
SECURE_HSTS_SECONDS = 365 * 24 * 3600 if IPGOV_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = IPGOV_HTTPS and configuration.env_bool("IPGOV_HSTS_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = False  # an intranet name is never on the browsers' preload list
SILENCED_SYSTEM_CHECKS = ["security.W021"]  # SECURE_HSTS_PRELOAD: see above
SESSION_COOKIE_AGE = 8 * 3600  # one working day
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True  # serve straight from the apps' static folders when collectstatic has not run

# Public portal (ipgov.portal): captcha images drawn by the server (no third-party service), 4 letters.
CAPTCHA_LENGTH = 4
CAPTCHA_TIMEOUT = 10  # minutes a challenge stays valid
CAPTCHA_TEST_MODE = configuration.env_bool("IPGOV_CAPTCHA_TEST_MODE", False)  # tests only: "PASSED" passes
