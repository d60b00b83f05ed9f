"""Base access rules of every staff view: logged in, with a role and a region scope."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied

from ipgov.core.roles import is_administrator
from ipgov.core.scope import OutOfScope, check_staff


class StaffMixin(LoginRequiredMixin):
    """A logged-in user with a staff profile (or a superuser); anyone else is refused."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            try:
                check_staff(request.user)
            except OutOfScope as exc:
                raise PermissionDenied(str(exc)) from exc
        return super().dispatch(request, *args, **kwargs)


class AdministratorMixin(StaffMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_administrator(request.user):
            raise PermissionDenied("administrators only")
        return super().dispatch(request, *args, **kwargs)
