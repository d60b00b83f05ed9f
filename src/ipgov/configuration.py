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
    home.mkdir(parents=True, exist_ok=True)
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
    path.write_text(key, encoding="utf-8")
    path.chmod(0o600)
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
