from django.apps import apps

from ipgov.core.roles import is_administrator
from ipgov.web.registry import PAGES


def web(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "web_cutoff": _cutoff_note(),
        "web_nav": [(slug, page.title) for slug, page in PAGES.items()],
        "web_is_admin": is_administrator(user),
        "web_has_cases": apps.is_installed("ipgov.cases"),
        "web_has_reports": apps.is_installed("ipgov.reports"),
        "web_has_analysis": apps.is_installed("ipgov.analysis") and apps.is_installed("ipgov.reports"),
    }


def _cutoff_note() -> str:
    """"数据截至2020年6月30日" for the page header; "" without the indicator engine or a computed cube."""
    if not apps.is_installed("ipgov.indicators"):
        return ""
    from ipgov.indicators import cutoff

    month = cutoff.current()
    return str(cutoff.note(month.code)) if month else ""
