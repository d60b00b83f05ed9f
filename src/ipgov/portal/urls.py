from django.urls import path

from ipgov.portal import downloads, feeds, views

app_name = "portal"

urlpatterns = [
    path("", views.index, name="index"),
    path("column/<slug:column>/", views.column, name="column"),
    path("article/<int:pk>/", views.article, name="article"),
    path("policy/<int:pk>/", views.policy, name="policy"),
    path("image/<int:pk>/<str:size>/", views.image, name="image"),
    path("attachment/<int:pk>/", views.attachment, name="attachment"),
    path("policy-attachment/<int:pk>/", views.policy_attachment, name="policy-attachment"),
    path("captcha/new/", views.captcha_new, name="captcha-new"),
    path("search/", views.search_page, name="search"),
    path("feed/<slug:column>/rss/", feeds.ColumnFeed(), name="feed-rss"),
    path("feed/<slug:column>/atom/", feeds.AtomColumnFeed(), name="feed-atom"),
    path("sitemap.xml", feeds.sitemap, name="sitemap"),
    path("data/", views.data_catalogue, name="data"),
    path("data/<slug:indicator>/", views.indicator, name="indicator"),
    path("data/<slug:indicator>/csv/", downloads.indicator_csv, name="indicator-csv"),
    path("data/<slug:indicator>/xlsx/", downloads.indicator_xlsx, name="indicator-xlsx"),
    path("data/<slug:indicator>/sdmx/", downloads.indicator_sdmx, name="indicator-sdmx"),
    path("region/<str:code>/", views.region, name="region"),
    path("services/", views.service_index, name="services"),
    path("services/<slug:kind>/", views.service_form, name="service"),
    path("status/", views.status, name="status"),
    path("staff/articles/", views.staff_articles, name="staff-articles"),
    path("staff/articles/new/", views.staff_edit, name="staff-new"),
    path("staff/articles/<int:pk>/", views.staff_edit, name="staff-edit"),
    path("staff/articles/<int:pk>/<slug:transition>/", views.staff_move, name="staff-move"),
    path("staff/policies/", views.staff_policies, name="staff-policies"),
    path("staff/policies/new/", views.staff_policy, name="staff-policy-new"),
    path("staff/policies/<int:pk>/", views.staff_policy, name="staff-policy"),
    path("staff/policies/<int:pk>/attachments/", views.staff_policy_attachment, name="staff-policy-attachment"),
    path("staff/policies/<int:pk>/<slug:step>/", views.staff_policy_step, name="staff-policy-step"),
    path("staff/comments/", views.moderation, name="moderation"),
    path("staff/comments/<int:pk>/<slug:decision>/", views.moderate, name="moderate"),
]
