"""Region scope: a staff member sees and acts on records of their region only.

Applied as a queryset method (`Model.objects.restrict(user, action)`) in services, base views,
API routers and exports — never remembered call site by call site. A model opts in with
`objects = RestrictedQuerySet.as_manager()` and names its region field in `scope_region_field`.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import models

from ipgov.core.choices import READ_ONLY_ROLES

VIEW, CHANGE = "view", "change"


class OutOfScope(PermissionDenied):
    pass


def scope_region(user) -> str | None:
    """The region code a user is limited to; None means everything (superusers)."""
    if user is None or not user.is_authenticated:
        raise OutOfScope("not logged in")
    if user.is_superuser:
        return None
    profile = getattr(user, "staff_profile", None)
    if profile is None:
        raise OutOfScope(f"{user.get_username()} has no staff profile (role and region)")
    return profile.region_id


def region_in_scope(user, region_code: str | None, action: str = VIEW) -> bool:
    from ipgov.regions.models import Region

    scope = scope_region(user)
    if action != VIEW and not user.is_superuser and user.staff_profile.role in READ_ONLY_ROLES:
        return False
    if scope is None:
        return True
    if region_code is None:
        return False
    return Region.objects.within(scope).filter(code=region_code).exists()


def check_region(user, region_code: str | None, action: str = VIEW) -> None:
    if not region_in_scope(user, region_code, action):
        raise OutOfScope(f"{user.get_username()} may not {action} records of region {region_code}")


class RestrictedQuerySet(models.QuerySet):
    def restrict(self, user, action: str = VIEW) -> RestrictedQuerySet:
        try:
            scope = scope_region(user)
        except OutOfScope:
            return self.none()
        if action != VIEW and not user.is_superuser and user.staff_profile.role in READ_ONLY_ROLES:
            return self.none()
        if scope is None:
            return self
        from ipgov.regions.models import Region

        field = getattr(self.model, "scope_region_field", "region")
        # `IN (codes of the scope)` rather than ORs over a join: the region index on big tables applies
        return self.filter(**{f"{field}__in": Region.objects.within(scope).values("code")})
