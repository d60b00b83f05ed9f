"""Deploy-time configuration read from the environment, with explicit defaults.

Runtime parameters that staff may change belong in the database, not here.
"""

from __future__ import annotations

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
