from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("ipgov.api.urls")),
    path("portal/", include("ipgov.portal.urls")),
    path("captcha/", include("captcha.urls")),
    path("", include("ipgov.web.urls")),
]

handler500 = "ipgov.web.busy.server_error"
