"""Account services: staff users with a role and a region scope, audited like every write."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ipgov.core import audit
from ipgov.core.choices import Role
from ipgov.core.models import ObjectChange, StaffProfile
from ipgov.core.scope import check_accounts

# Where each role may be scoped: a city officer to a city-level unit, a county officer to a county, ...
ROLE_LEVELS = {
    Role.PROVINCE_ADMIN: {"province"},
    Role.CITY_OFFICER: {"prefecture", "county"},  # county: 济源 419001 is a city-level county
    Role.COUNTY_OFFICER: {"county", "zone"},
    Role.CENTER_STAFF: {"province", "prefecture", "county", "zone"},
    Role.LEADER: {"province", "prefecture", "county", "zone"},
}


# What a province administrator may do in the admin site: manage staff accounts and read the trail.
ACCOUNT_ADMIN_PERMISSIONS = [
    ("auth", "add_user"), ("auth", "change_user"), ("auth", "view_user"),
    ("core", "add_staffprofile"), ("core", "change_staffprofile"), ("core", "view_staffprofile"),
    ("core", "view_objectchange"),
]


def _grant_account_admin(user) -> None:
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    q = Q(pk__in=[])
    for app, codename in ACCOUNT_ADMIN_PERMISSIONS:
        q |= Q(content_type__app_label=app, codename=codename)
    user.user_permissions.add(*Permission.objects.filter(q))


@dataclass(frozen=True)
class StaffAccount:
    user: object
    profile: StaffProfile
    created: bool
    password: str | None  # the password set now (generated when not given); None when unchanged


def _check_role_region(role: str, region, organization: str) -> None:
    if role not in Role.values:
        raise ValidationError(_("unknown role %(role)r; one of: %(items)s") % {"role": role, "items": ', '.join(Role.values)})
    if not region.is_active:
        raise ValidationError(_("region %(code)s %(name)s is retired; use its successor") % {"code": region.code, "name": region.name})
    if region.level not in ROLE_LEVELS[role]:
        raise ValidationError(_("a %(role)s cannot be scoped to %(region)s (level %(level)s)") % {"role": Role(role).label, "region": region, "level": region.get_level_display()})
    if role == Role.CITY_OFFICER and not region.is_city_level:
        raise ValidationError(_("a city officer needs a city-level unit, %(region)s is not one") % {"region": region})
    if role == Role.CENTER_STAFF and not organization:
        raise ValidationError(_("center staff must name their center (--organization)"))


@transaction.atomic
def save_staff_user(username: str, role: str, region_code: str, password: str | None = None,
                    organization: str = "", email: str = "", generate_password: bool = True) -> StaffAccount:
    """Create a staff user, or update an existing one's role, region and (when given) password.

    Idempotent: the same call twice changes nothing the second time (no audit row either).
    """
    from ipgov.regions.services import get_region

    username = (username or "").strip()
    if not username:
        raise ValidationError(_("a username is required"))
    region = get_region(region_code)
    check_accounts(region.code)
    _check_role_region(role, region, organization)
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    created = user is None
    if created:
        user = User(username=username, email=email, is_staff=role == Role.PROVINCE_ADMIN)
        if password is None and generate_password:
            password = secrets.token_urlsafe(12)
    if password is not None:
        validate_password(password, user)
        user.set_password(password)
    if created or password is not None:
        user.save()
    if created:
        if role == Role.PROVINCE_ADMIN:
            _grant_account_admin(user)
        audit.record(user, ObjectChange.Action.CREATE, message=audit.text(gettext_noop("staff account created")),
                     after={"username": username, "role": role, "region": region.code})
    profile = StaffProfile.objects.filter(user=user).first()
    before = audit.snapshot(profile) if profile else None
    if profile is None:
        profile = StaffProfile(user=user)
    profile.role, profile.region, profile.organization = role, region, organization
    after = audit.snapshot(profile) if before is not None else None
    if before is None or before != after:
        profile.save()
        audit.record(profile, ObjectChange.Action.CREATE if before is None else ObjectChange.Action.UPDATE,
                     before=before)
    elif password is not None and not created:
        audit.record(user, ObjectChange.Action.UPDATE, message=audit.text(gettext_noop("password set")))
    return StaffAccount(user=user, profile=profile, created=created, password=password)
