from django.apps import apps
from django.urls import get_script_prefix, get_urlconf

from ipgov.core.roles import is_administrator
from ipgov.web import pagestate
from ipgov.web.registry import PAGES


def web(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    is_admin = is_administrator(user)
    return {
        "web_cutoff": _cutoff_note(request),
        # what the header's menu depends on besides the language (base.html keeps it rendered): the role, and
        # the URL configuration and prefix its links are reversed with (the portal's host serves /office/)
        "web_nav_key": f"{is_admin}|{get_urlconf() or ''}|{get_script_prefix()}",
        "web_nav": [(slug, page.title) for slug, page in PAGES.items()],
        "web_is_admin": is_admin,
        "web_has_cases": apps.is_installed("ipgov.cases"),
        "web_has_reports": apps.is_installed("ipgov.reports"),
        "web_has_analysis": apps.is_installed("ipgov.analysis") and apps.is_installed("ipgov.reports"),
    }


def _cutoff_note(request) -> str:
    """"数据截至2020年6月30日" for the page header; "" without the indicator engine or a computed cube."""
    month = pagestate.of(request).cutoff
    if month is None:
        return ""
    from ipgov.indicators import cutoff

    return str(cutoff.note(month.code))
