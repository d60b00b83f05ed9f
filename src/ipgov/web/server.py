"""Serving the web application: gunicorn (the production server) or, with --dev, Django's own.

`ipgov serve` and the end of `ipgov demo` both come here, so the office serves its staff with the same
server the demo shows.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from ipgov import configuration

DEFAULT_BIND = "127.0.0.1:8000"
DEFAULT_WORKERS = 2
# A worker answering longer than this is killed and restarted. Well above the web lock timeout (a request
# waiting on an import's lock answers "try again" long before) and above the slowest page, a PDF report.
DEFAULT_TIMEOUT = 120


@dataclass(frozen=True)
class ServerOptions:
    bind: str = DEFAULT_BIND
    workers: int = DEFAULT_WORKERS
    timeout: int = DEFAULT_TIMEOUT

    @classmethod
    def from_environment(cls, bind=None, workers=None, timeout=None) -> ServerOptions:
        """Command-line values first, then IPGOV_WEB_BIND / IPGOV_WEB_WORKERS / IPGOV_WEB_TIMEOUT."""
        options = cls(bind=bind or os.environ.get("IPGOV_WEB_BIND", DEFAULT_BIND),
                      workers=workers or _positive("IPGOV_WEB_WORKERS", DEFAULT_WORKERS),
                      timeout=timeout or _positive("IPGOV_WEB_TIMEOUT", DEFAULT_TIMEOUT))
        lock = configuration.lock_timeout(web=True)
        if options.timeout < lock + 10:
            raise ImproperlyConfigured(
                f"the web timeout ({options.timeout} s) must be at least 10 s longer than the time a request "
                f"waits for a database lock (IPGOV_WEB_LOCK_TIMEOUT, {lock} s): otherwise gunicorn kills "
                "workers that would have answered 'an import is in progress'")
        return options

    @property
    def url(self) -> str:
        return f"http://{self.bind}" if not self.bind.startswith("unix:") else self.bind


def _positive(name: str, default: int) -> int:
    value = os.environ.get(name, str(default))
    if not value.isdecimal() or int(value) < 1:
        raise ImproperlyConfigured(f"{name}={value!r}: expected a whole number, at least 1")
    return int(value)


def gunicorn_command(options: ServerOptions) -> list[str]:
    proxies = ",".join(str(network) for network in settings.IPGOV_TRUSTED_PROXIES)
    return [sys.executable, "-m", "gunicorn", "ipgov.wsgi:application",
            "--bind", options.bind, "--workers", str(options.workers),
            "--timeout", str(options.timeout), "--graceful-timeout", "30",
            # X-Forwarded-Proto (HTTPS behind a proxy) is believed from the same proxies as X-Forwarded-For
            "--forwarded-allow-ips", proxies,
            "--access-logfile", "-"]


def serve(options: ServerOptions, *, dev: bool = False) -> None:
    """Serve until stopped. gunicorn replaces this process, so Ctrl+C and a service manager's SIGTERM
    reach its master directly and it shuts its workers down gracefully."""
    os.environ[configuration.WEB_PROCESS_ENV] = "1"  # the server's processes wait only briefly for locks
    if dev:
        # the reloader runs the server in a fresh child process, which reads the web settings above
        call_command("runserver", options.bind, use_reloader=True, insecure_serving=True)
        return
    call_command("collectstatic", interactive=False, verbosity=0)  # whitenoise serves them compressed
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipgov.settings")
    sys.stdout.flush()
    sys.stderr.flush()
    command = gunicorn_command(options)
    os.execv(command[0], command)
