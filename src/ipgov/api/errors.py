"""What the API answers when a request cannot be served: a sentence (`detail`) and the right status."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from ipgov.api.ratelimit import RateLimited
from ipgov.api.rendering import FormatError
from ipgov.cases.workflow import WorkflowError
from ipgov.core.periods import PeriodError
from ipgov.indicators.catalogue import UnknownIndicator
from ipgov.indicators.opendata import OpenDataError
from ipgov.indicators.releases import ReleaseError
from ipgov.indicators.services import UnknownBreakdown
from ipgov.regions.services import UnknownRegion

BAD_REQUEST = (FormatError, PeriodError, OpenDataError, UnknownBreakdown, ValidationError)
NOT_FOUND = (UnknownIndicator, UnknownRegion, ReleaseError)


def _message(exc) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(exc.messages)
    return str(exc) or exc.__class__.__name__


def _invalid_input(api):
    """ninja's own validation errors (a missing or mistyped parameter), as a 400 with a sentence."""

    def handle(request, exc):
        parts = []
        for error in exc.errors:
            where = ".".join(str(x) for x in error.get("loc", ())[1:]) or "request"
            parts.append(f"{where}: {error.get('msg', 'invalid')}")
        return api.create_response(request, {"detail": "; ".join(parts) or _("invalid request")}, status=400)

    return handle


def install(api) -> None:
    from ninja.errors import ValidationError as InputError

    api.add_exception_handler(InputError, _invalid_input(api))
    def handler(status):
        def handle(request, exc):
            response = api.create_response(request, {"detail": _message(exc)}, status=status)
            if isinstance(exc, RateLimited):
                response["Retry-After"] = str(exc.retry_after)
            return response

        return handle

    for exc in BAD_REQUEST:
        api.add_exception_handler(exc, handler(400))
    for exc in NOT_FOUND:
        api.add_exception_handler(exc, handler(404))
    api.add_exception_handler(PermissionDenied, handler(403))
    api.add_exception_handler(RateLimited, handler(429))
    api.add_exception_handler(WorkflowError, handler(409))  # the case's state does not allow it
