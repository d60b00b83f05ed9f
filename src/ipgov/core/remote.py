"""The client's network address, for the audit trail and the login lockout alike.

`X-Forwarded-For` is anyone's to write; it is believed only when the request comes from a proxy the
deployment names in IPGOV_TRUSTED_PROXIES, and then only up to the first hop that is not such a proxy.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _ip(value: str):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address, proxies) -> bool:
    return address is not None and any(address in network for network in proxies)


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or — behind a trusted proxy — the nearest untrusted hop of X-Forwarded-For."""
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = getattr(settings, "IPGOV_TRUSTED_PROXIES", ())
    if not proxies or not _trusted(_ip(remote or ""), proxies):
        return remote
    hops = [h for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    client = remote
    for hop in reversed(hops):  # right to left: each hop was added by the proxy after it
        address = _ip(hop)
        if address is None:  # garbage in the header: stop believing it
            break
        client = str(address)
        if not _trusted(address, proxies):
            break
    return client
