"""Deploy-time configuration read from the environment, with explicit defaults.

Runtime parameters that staff may change belong in the database, not here.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


def ipgov_home() -> Path:
    """The folder that holds the embedded database, the secret key, uploads and reports."""
    home = Path(os.environ.get("IPGOV_HOME", "./var")).expanduser().resolve()
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ImproperlyConfigured(f"IPGOV_HOME {home} cannot be created ({exc.strerror}): set IPGOV_HOME to a "
                                   "folder this user can write") from None
    return home


def database_url(home: Path) -> str:
    return os.environ.get("IPGOV_DATABASE_URL") or f"sqlite:///{home / 'ipgov.sqlite3'}"


# Seconds a web request waits for a lock another writer (an import, a compute) holds before it answers
# "an import is in progress, try again" (web/busy.py). Commands wait longer: they have no user waiting on
# a page, and gunicorn's worker timeout (web/server.py) must stay well above the web value.
WEB_LOCK_TIMEOUT = 5
COMMAND_LOCK_TIMEOUT = 60
WEB_PROCESS_ENV = "IPGOV_WEB_PROCESS"  # set by the WSGI entry point: this process serves web requests


def is_web_process() -> bool:
    return os.environ.get(WEB_PROCESS_ENV) == "1"


def lock_timeout(web: bool) -> int:
    name, default = ("IPGOV_WEB_LOCK_TIMEOUT", WEB_LOCK_TIMEOUT) if web else ("IPGOV_LOCK_TIMEOUT",
                                                                           COMMAND_LOCK_TIMEOUT)
    value = os.environ.get(name, str(default))
    if not value.isdecimal() or int(value) < 1:
        raise ImproperlyConfigured(f"{name}={value!r}: expected a whole number of seconds, at least 1")
    return int(value)


def database(home: Path, *, web: bool) -> dict:
    """The default database: SQLite in WAL mode (readers never wait for the writer) or PostgreSQL,
    each with a bounded wait for locks. Every process (a web worker above all) keeps its connection for
    60 s on both: opening a SQLite connection (its pragmas, the page map and cache) cost a warm dashboard
    ~3 ms of its ~8 of CPU (bench/bench_dashboard.py); an idle connection in WAL mode holds no lock nor
    snapshot, and each autocommit read sees the last commit of any other process."""
    import dj_database_url

    db = dj_database_url.parse(database_url(home), conn_max_age=60)
    db.setdefault("OPTIONS", {}).update(lock_options(db["ENGINE"], lock_timeout(web), web=web))
    return db


def lock_options(engine: str, seconds: int, *, web: bool) -> dict:
    if engine == "django.db.backends.sqlite3":
        # IMMEDIATE: a write transaction takes the write lock when it begins, so it waits (up to the busy
        # timeout) there instead of failing half-way when it first writes.
        return {"timeout": seconds, "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=268435456; "
                                "PRAGMA cache_size=-32768;"}
    if engine.startswith("django.db.backends.postgresql") and web:
        return {"options": f"-c lock_timeout={seconds * 1000}"}  # commands wait for each other's rows
    return {}


def secret_key(home: Path) -> str:
    """IPGOV_SECRET_KEY, or a key generated once and kept under IPGOV_HOME."""
    key = os.environ.get("IPGOV_SECRET_KEY")
    if key:
        return key
    path = home / "secret_key"
    if path.exists():
        key = path.read_text(encoding="utf-8").strip()
        if not key:
            raise ImproperlyConfigured(f"{path} is empty: delete it to have a new key generated")
        return key
    key = secrets.token_urlsafe(50)
    try:
        path.write_text(key, encoding="utf-8")
        path.chmod(0o600)
    except OSError as exc:
        raise ImproperlyConfigured(f"cannot write the secret key to {path} ({exc.strerror}): make IPGOV_HOME "
                                   "writable, or set IPGOV_SECRET_KEY") from None
    return key


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r}: expected true or false")


def trusted_proxies() -> tuple:
    """IPGOV_TRUSTED_PROXIES: addresses or networks (CIDR) of the reverse proxies whose X-Forwarded-For counts."""
    value = os.environ.get("IPGOV_TRUSTED_PROXIES", "")
    networks = []
    for item in (part.strip() for part in value.split(",")):
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"IPGOV_TRUSTED_PROXIES: {item!r} is not an IP address or network (e.g. 10.0.0.5 or 10.0.0.0/24)"
            ) from None
    return tuple(networks)
