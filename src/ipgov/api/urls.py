from django.urls import path

from ipgov.api import views
from ipgov.api.main import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("api/tokens/", views.TokenPageView.as_view(), name="api-tokens"),
    path("open/releases/", views.release_index, name="open-releases"),
    path("open/releases/<str:release_id>/<str:name>", views.release_file, name="open-release-file"),
]
