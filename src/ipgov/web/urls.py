from django.apps import apps
from django.contrib.auth import views as auth_views
from django.urls import path

from ipgov.web import generic, views, views_audit, views_imports

app_name = "web"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("compare/", views.CompareView.as_view(), name="compare"),
    path("login/", auth_views.LoginView.as_view(template_name="web/login.html", redirect_authenticated_user=True),
         name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("audit/", views_audit.AuditSearchView.as_view(), name="audit"),
    path("audit/<int:pk>/", views_audit.AuditDetailView.as_view(), name="audit-detail"),
    *views_imports.urlpatterns,
    path("records/<slug:slug>/", generic.ObjectListView.as_view(), name="list"),
    path("records/<slug:slug>/export.<str:fmt>", generic.ObjectExportView.as_view(), name="export"),
    path("records/<slug:slug>/<int:pk>/", generic.ObjectDetailView.as_view(), name="detail"),
    path("records/<slug:slug>/<int:pk>/history/", generic.ObjectHistoryView.as_view(), name="history"),
]

if apps.is_installed("ipgov.cases"):
    from ipgov.web import views_cases

    urlpatterns += views_cases.urlpatterns

if apps.is_installed("ipgov.orgs"):
    from ipgov.web import views_orgs

    urlpatterns += views_orgs.urlpatterns

if apps.is_installed("ipgov.reports"):
    from ipgov.web import views_reports

    urlpatterns += views_reports.urlpatterns

if apps.is_installed("ipgov.analysis") and apps.is_installed("ipgov.reports"):
    from ipgov.web import views_analysis

    urlpatterns += views_analysis.urlpatterns
