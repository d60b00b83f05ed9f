"""Pages per domain app, registered only when that app is installed (web imports domains, never back)."""

from __future__ import annotations

from django.apps import apps
from django.utils.module_loading import import_string

# domain app -> module of this package that registers its pages
DOMAIN_PAGES = {
    "ipgov.rights": "ipgov.web.pages.rights.register_pages",
    "ipgov.cases": "ipgov.web.pages.cases.register_pages",
    "ipgov.finance": "ipgov.web.pages.finance.register_pages",
    "ipgov.programs": "ipgov.web.pages.programs.register_pages",
}


def register_installed() -> None:
    for app, path in DOMAIN_PAGES.items():
        if apps.is_installed(app):
            import_string(path)()
