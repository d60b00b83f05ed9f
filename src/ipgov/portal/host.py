"""Serving the portal at the root of its own host name: a request whose host is settings.IPGOV_PORTAL_HOST
(e.g. www.example.gov.cn) is resolved with `ipgov.urls_portal_host` — the portal at /, the staff app
under /office/ — and every URL reversed while answering it follows. Other hosts keep /portal/."""

from django.conf import settings
from django.http.request import split_domain_port

URLCONF = "ipgov.urls_portal_host"


class PortalHostMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        host = settings.IPGOV_PORTAL_HOST
        if host and split_domain_port(request.get_host())[0] == host.lower():
            request.urlconf = URLCONF
        return self.get_response(request)
