"""A web request that found the database locked by a long writer (an import, a compute) gets a page that
says so, with 503 and Retry-After, instead of a 500 traceback."""

from __future__ import annotations

import sys

from django.template.loader import render_to_string
from django.views.defaults import server_error as django_server_error

from ipgov.core.dblocks import is_lock_timeout

RETRY_AFTER_SECONDS = 30


def busy_response(request):
    from django.http import HttpResponse

    response = HttpResponse(render_to_string("web/busy.html", {"retry_after": RETRY_AFTER_SECONDS},
                                             request=None), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class BusyDatabaseMiddleware:
    """Turns a lock timeout raised by a view into the busy page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_lock_timeout(exception):
            return busy_response(request)
        return None


def server_error(request, template_name="500.html"):
    """handler500: the same page when the lock timeout came from outside a view (a middleware saving the
    session); any other error keeps Django's plain 500 page."""
    if is_lock_timeout(sys.exc_info()[1]):
        return busy_response(request)
    return django_server_error(request, template_name)
