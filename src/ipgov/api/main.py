"""The API object: `/api/v1/` (OpenAPI at `/api/v1/openapi.json`, docs at `/api/v1/docs`).

django-ninja rather than Django REST framework: the OpenAPI schema comes from the type hints of the
handlers (no serializer classes beside the services), it is small, and its Swagger UI ships as static
files (with `ninja` in INSTALLED_APPS no CDN is touched, so the docs work on an offline intranet under
our CSP).
"""

from __future__ import annotations

from ninja import NinjaAPI

from ipgov.api import errors, open_data, staff

api = NinjaAPI(
    title="ipgov API",
    version="1",
    description="Open data of the Henan IP office's statistics cube (no key), and the staff API (token).",
    urls_namespace="api",
    docs_url="/docs",
)
errors.install(api)
api.add_router("/open/", open_data.router)
staff.install(api)
