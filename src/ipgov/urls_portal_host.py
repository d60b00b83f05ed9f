"""The URLs of the portal's own host name (settings.IPGOV_PORTAL_HOST, portal/host.py): the portal at the
root, the open-data API and releases beside it, and the staff app under /office/ (so the portal's staff
pages, login and admin links still resolve)."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("captcha/", include("captcha.urls")),
    path("", include("ipgov.api.urls")),
    path("office/", include("ipgov.web.urls")),
    path("", include("ipgov.portal.urls")),
]

handler500 = "ipgov.web.busy.server_error"
