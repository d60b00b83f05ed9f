"""What a staff member's role allows, beside the region scope (scope.py decides reads and writes)."""

from __future__ import annotations

from ipgov.core.choices import Role


def role_of(user) -> str | None:
    profile = getattr(user, "staff_profile", None) if user is not None else None
    return profile.role if profile is not None else None


def is_administrator(user) -> bool:
    """Province administrators (and superusers) search the whole audit trail and manage accounts."""
    if user is None or not user.is_authenticated:
        return False
    return user.is_superuser or role_of(user) == Role.PROVINCE_ADMIN
