"""Anonymous portal pages kept whole (`indicators.opendata.per_cube_run`, the one cache of pages and answers
computed from public cells): the article page, the open-data catalogue, an indicator's open-data page and a
city's page.

An anonymous visitor with no session and no pending message sees the same page as every other one — e.g.
an article's title, photos, body with live figures, published comments and the comment form without its
captcha (fetched on demand, `views.captcha_new`); an indicator's table, chart data, map and downloads —
except for the CSRF token of its forms. Such a page is rendered once with a placeholder for the token and
kept under the cube's version, the URL's name and path, its query (only the parameters the page's entry in
`KEEPABLE` names, in their canonical order), the page's state (what else changes it: `KEEPABLE`), the
host, scheme and language. `KeptPageMiddleware` serves it from then on, before the user, the messages,
the actor and the URL resolver are set up, with the visitor's own token put in. Staff (a session), a
visitor with a message, another query (`?captcha=1`) or a POST get the page rendered by the view.

A view takes part with `page(request, name, kwargs, render)`; `render(token)` renders the page with
`token_context(token)` in its context.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from ipgov.indicators.opendata import database_rows, kept_for_cube_run, per_cube_run

KEPT = "portal-page-whole"  # the name of the kept pages in `per_cube_run`
TOKEN = "ipgovKeptCsrfTokenPlaceholder"  # what `{% csrf_token %}` writes in a kept page, replaced per visitor


# ------------------------------------------------------------------ what changes a page besides the cube
def article_state(pk: int) -> tuple:
    """The article (edits, photos and attachments touch `updated`; withdrawing changes the status) and its
    published comments (an approval sets `moderated_at`): one small statement, asked only after a commit on
    SQLite."""
    from ipgov.portal.choices import CommentStatus
    from ipgov.portal.models import Article, Comment

    if pk >= 2**63:  # no such article; an id SQL cannot take
        return ()
    articles, comments = (f'"{m._meta.db_table}"' for m in (Article, Comment))
    published = f"FROM {comments} c WHERE c.article_id = a.id AND c.status = %s"
    return database_rows(
        f"SELECT CAST(a.updated AS TEXT), a.status, CAST(a.publish_at AS TEXT), (SELECT COUNT(*) {published}), "  # noqa: S608 -- table names
        f"(SELECT CAST(MAX(c.moderated_at) AS TEXT) {published}) FROM {articles} a WHERE a.id = %s",
        (CommentStatus.PUBLISHED.value, CommentStatus.PUBLISHED.value, pk))


_catalogue_seen: list = [None, ""]  # the catalogue object last digested, its digest


def catalogue_state(**_kwargs) -> tuple:
    """The public indicators as the catalogue defines them (ids, names, units, definitions, areas): a public
    flag set or cleared, an indicator added or its definition edited is a new page. Digested once per
    loaded catalogue (a process loads it once; a test may swap it)."""
    from ipgov.indicators import catalogue

    loaded = catalogue.default()
    if _catalogue_seen[0] is not loaded:
        public = [ind for ind in loaded.indicators.values() if ind.public]
        _catalogue_seen[:] = [loaded, hashlib.sha256(repr(public).encode()).hexdigest()[:16]]
    return (_catalogue_seen[1],)


def indicator_state(indicator: str) -> tuple:
    """The catalogue, and the newest bulk release (the page lists its files with their checksums; `ipgov
    release` writes one without a new cube run)."""
    from ipgov.indicators import releases

    return (*catalogue_state(), (releases.release_ids() or [None])[0])


@dataclass(frozen=True)
class Keepable:
    state: Callable[..., tuple]  # the URL's arguments → what changes the page besides the cube
    query: tuple[str, ...] = ()  # parameters kept per value (the view keeps only values it knows: bounded)


KEEPABLE: dict[str, Keepable] = {  # portal URL name → its entry
    "article": Keepable(article_state),
    "data": Keepable(catalogue_state),
    "indicator": Keepable(indicator_state, query=("kind", "region")),
    "region": Keepable(catalogue_state),
}


# ------------------------------------------------------------------ the request's side
def anonymous(request) -> bool:
    """A GET by a visitor with nothing of their own on the page: no session (so not staff: the editor's
    preview and moderation links stay uncached), no message waiting in a cookie."""
    return (request.method == "GET" and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and CookieStorage.cookie_name not in request.COOKIES)


def kept_query(request, name: str) -> tuple | None:
    """The query a page of `name` is kept under: () for none; the sorted pairs when every parameter is one
    the entry names, given once, and the query is written in that canonical order (`kind=half&region=410100`,
    as the portal's links write it); None (render it) otherwise, and for a request that is not `anonymous`."""
    if not anonymous(request):
        return None
    raw = request.META.get("QUERY_STRING", "")
    if not raw:
        return ()
    allowed = KEEPABLE[name].query
    pairs = sorted(parse_qsl(raw, keep_blank_values=True))
    names = [k for k, _v in pairs]
    if not allowed or len(set(names)) != len(names) or not set(names) <= set(allowed) or urlencode(pairs) != raw:
        return None
    return tuple(pairs)


def parts(request, name: str, kwargs: dict, query: tuple) -> tuple:
    """What a kept page is kept under beside the cube's version (the same in the middleware and the view)."""
    return (name, request.path, query, KEEPABLE[name].state(**kwargs), request.get_host(), request.scheme,
            get_language())


def token_context(token: str | None) -> dict:
    """The template context that makes `{% csrf_token %}` write the placeholder of a page to keep."""
    return {"csrf_token": token} if token else {}


def respond(request, html: str) -> HttpResponse:
    """The kept page with this visitor's CSRF token (Django's: `CsrfViewMiddleware` sets its cookie), and the
    headers the middlewares after this one would have added."""
    response = HttpResponse(html.replace(TOKEN, get_token(request)))
    response["X-Frame-Options"] = getattr(settings, "X_FRAME_OPTIONS", "DENY")
    patch_vary_headers(response, ("Cookie",))
    return response


def page(request, name: str, kwargs: dict, render: Callable[[str | None], HttpResponse], *,
         bounded: bool = True) -> HttpResponse:
    """The view's side. `render(token)` renders the page (`token_context(token)` in its context); for a request
    whose page may be kept it is called with `TOKEN`, once per key, and only a 200 is kept. `bounded`: the
    view knows the query's values (an unknown region or period kind is rendered, not kept)."""
    query = kept_query(request, name)
    if query is None or not bounded or request.user.is_authenticated:
        return render(None)
    refused = []

    def build():
        response = render(TOKEN)
        if response.status_code != 200:
            refused.append(response)
            return None
        return response.content.decode()

    html = per_cube_run(KEPT, build, *parts(request, name, kwargs, query))
    return render(None) if refused else respond(request, html)


@functools.cache
def _portal_routes(urlconf) -> tuple:
    """The portal's include in this URL conf (`/portal/`, or the root of the portal's host) and the routes of
    the keepable pages in it."""
    from django.urls import URLResolver, get_resolver

    for included in get_resolver(urlconf).url_patterns:
        if isinstance(included, URLResolver) and included.app_name == "portal":
            return included.pattern, tuple((p.name, p.pattern) for p in included.url_patterns if p.name in KEEPABLE)
    return None, ()


def matched(request) -> tuple[str, dict] | None:
    """The keepable page (its URL name and arguments) a path names, without the URL resolver."""
    outer, routes = _portal_routes(getattr(request, "urlconf", None) or settings.ROOT_URLCONF)
    found = outer.match(request.path_info[1:]) if outer is not None else None
    if found is None:
        return None
    for name, route in routes:
        inner = route.match(found[0])
        if inner is not None:
            return name, inner[2]
    return None


class KeptPageMiddleware:
    """Serves a kept page (see the module) right after `CsrfViewMiddleware`; with nothing kept, the request
    goes the normal way (the view renders and keeps it, or answers 404)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "GET" and (found := matched(request)) is not None:
            query = kept_query(request, found[0])
            if query is not None:
                html = kept_for_cube_run(KEPT, *parts(request, *found, query))
                if html is not None:
                    return respond(request, html)
        return self.get_response(request)
