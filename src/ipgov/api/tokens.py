"""Token services: create (the secret is shown once, only its SHA-256 is kept), revoke, list, and
authenticate a request's bearer token into an actor narrowed to the token's region and flag."""

from __future__ import annotations

import datetime
import hashlib
import re
import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipgov.api.models import ApiToken, ApiTokenUse
from ipgov.core import audit
from ipgov.core.actor import Actor
from ipgov.core.models import ObjectChange
from ipgov.core.scope import check_region, check_staff, scope_of

PREFIX = "ipg_"
DURATION = re.compile(r"^(\d+)([dhw])$")


def parse_expiry(text: str | None) -> datetime.timedelta | None:
    """"90d", "12h", "2w"; empty or "never": no expiry."""
    text = (text or "").strip().lower()
    if text in ("", "never"):
        return None
    m = DURATION.match(text)
    if not m or int(m.group(1)) == 0:
        raise ValidationError(_("expiry %(text)r is not a duration like 90d, 12h or 2w (or “never”)") % {"text": text})
    n, unit = int(m.group(1)), m.group(2)
    return {"d": datetime.timedelta(days=n), "h": datetime.timedelta(hours=n), "w": datetime.timedelta(weeks=n)}[unit]


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _manage(user) -> None:
    """The token's owner manages their own tokens; province administrators and the system any."""
    me = scope_of()
    if me.user is not None and getattr(me.user, "pk", None) == user.pk:
        return
    from ipgov.core.scope import check_accounts

    profile = getattr(user, "staff_profile", None)
    check_accounts(profile.region_id if profile else "410000")


@transaction.atomic
def create_token(username: str, *, region: str | None = None, read_only: bool = False,
                 expires: str | None = "90d", description: str = "") -> tuple[ApiToken, str]:
    """A new token of `username`; returns (token, secret). The secret is not stored and shown only now."""
    user = get_user_model().objects.select_related("staff_profile").filter(username=username).first()
    if user is None or not user.is_active:
        raise ValidationError(_("no active user %(user)r: `ipgov user add` creates staff accounts") % {"user": username})
    _manage(user)
    owner = check_staff(user)  # a token acts as its user: only staff have anything to read
    if region:
        from ipgov.regions.services import get_region

        region = get_region(region).code
        check_region(region, who=owner)  # narrower, never wider than the user's scope
    delta = parse_expiry(expires)
    prefix = secrets.token_hex(4)
    secret = f"{PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user, prefix=prefix, key_hash=_hash(secret), description=description[:200], region_id=region,
        read_only=read_only, expires=timezone.now() + delta if delta else None)
    audit.record(token, ObjectChange.Action.CREATE, message="API token created",
                 after={"user": username, "prefix": prefix, "region": region, "read_only": read_only,
                        "expires": token.expires.isoformat() if token.expires else None})
    return token, secret


def get_token(prefix: str) -> ApiToken:
    prefix = (prefix or "").removeprefix(PREFIX).split("_")[0]
    token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if token is None:
        raise ValidationError(_("no API token %(prefix)r: `ipgov token list` shows them") % {"prefix": prefix})
    return token


@transaction.atomic
def revoke_token(prefix: str) -> ApiToken:
    token = get_token(prefix)
    _manage(token.user)
    if token.revoked is None:
        token.revoked = timezone.now()
        token.save(update_fields=["revoked"])
        audit.record(token, ObjectChange.Action.UPDATE, message="API token revoked")
    return token


def list_tokens(username: str | None = None):
    """Tokens the current actor may manage: their own; every one for administrators and the system."""
    me = scope_of()
    qs = ApiToken.objects.select_related("user", "region")
    if username:
        qs = qs.filter(user__username=username)
    if not me.everything:
        from ipgov.core.choices import Role

        if me.role != Role.PROVINCE_ADMIN:
            qs = qs.filter(user_id=getattr(me.user, "pk", None))
        else:
            qs = qs.filter(user__staff_profile__region__in=me.region_codes())
    return qs


def authenticate(secret: str, *, method: str = "", path: str = "", remote_addr: str | None = None) -> Actor | None:
    """The actor a bearer token acts as (None for an unknown, expired or revoked token); logs the use."""
    if not secret or not secret.startswith(PREFIX):
        return None
    token = ApiToken.objects.select_related("user", "user__staff_profile").filter(key_hash=_hash(secret)).first()
    now = timezone.now()
    if token is None or not token.is_usable(now) or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used=now, last_address=remote_addr)
    ApiTokenUse.objects.create(token=token, time=now, method=method[:8], path=path[:500], remote_addr=remote_addr)
    return Actor.for_token(token.user, region=token.region_id, read_only=token.read_only, remote_addr=remote_addr,
                           token=token.prefix)
