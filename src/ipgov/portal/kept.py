"""The anonymous article page, kept whole (`indicators.opendata.per_cube_run`, the one cache of pages and answers
computed from public cells).

An anonymous visitor with no session and no pending message sees the same article page as every other one —
title, photos, body with live figures, the published comments and their count, the comment form without its
captcha (fetched on demand, `views.captcha_new`) — except for the CSRF token of its forms. The page is
rendered once with a placeholder for the token and kept under the cube's version, the article's state (its
`updated`, status and publication time; the count and newest moderation of its published comments: one small
statement, asked only after a commit on SQLite), the path, host, scheme and language. `KeptPageMiddleware`
serves it from then on, before the user, the messages, the actor and the URL resolver are set up, with the
visitor's own token put in. Staff (a session), a visitor with a message, a query (`?captcha=1`) or a POST get
the page rendered by the view.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from ipgov.indicators.opendata import database_rows, kept_for_cube_run, per_cube_run

KEPT = "portal-article-whole"  # the name of the kept pages in `per_cube_run`
TOKEN = "ipgovKeptCsrfTokenPlaceholder"  # what `{% csrf_token %}` writes in a kept page, replaced per visitor
ARTICLE_PATH = re.compile(r"/article/(\d{1,18})/\Z")  # an id SQL can take


def keepable(request) -> bool:
    """A plain GET by a visitor with nothing of their own on the page: no query, no session (so not staff:
    the editor's preview and moderation links stay uncached), no message waiting in a cookie."""
    return (request.method == "GET" and not request.META.get("QUERY_STRING")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES and CookieStorage.cookie_name not in request.COOKIES)


def state(pk: int) -> tuple:
    """What changes the article's page besides the cube: the article (edits, photos and attachments touch
    `updated`; withdrawing changes the status) and its published comments (an approval sets `moderated_at`)."""
    from ipgov.portal.choices import CommentStatus
    from ipgov.portal.models import Article, Comment

    articles, comments = (f'"{m._meta.db_table}"' for m in (Article, Comment))
    published = f"FROM {comments} c WHERE c.article_id = a.id AND c.status = %s"
    return database_rows(
        f"SELECT CAST(a.updated AS TEXT), a.status, CAST(a.publish_at AS TEXT), (SELECT COUNT(*) {published}), "  # noqa: S608 -- table names
        f"(SELECT CAST(MAX(c.moderated_at) AS TEXT) {published}) FROM {articles} a WHERE a.id = %s",
        (CommentStatus.PUBLISHED.value, CommentStatus.PUBLISHED.value, pk))


def parts(request, pk: int) -> tuple:
    """What a kept page is kept under beside the cube's version (the same in the middleware and the view)."""
    return request.path, state(pk), request.get_host(), request.scheme, get_language()


def respond(request, html: str) -> HttpResponse:
    """The kept page with this visitor's CSRF token (Django's: `CsrfViewMiddleware` sets its cookie), and the
    headers the middlewares after this one would have added."""
    response = HttpResponse(html.replace(TOKEN, get_token(request)))
    response["X-Frame-Options"] = getattr(settings, "X_FRAME_OPTIONS", "DENY")
    patch_vary_headers(response, ("Cookie",))
    return response


def article_page(request, pk: int, render) -> HttpResponse:
    """The view's side: `render()` gives the page's HTML with `TOKEN` for the token, once per key."""
    return respond(request, per_cube_run(KEPT, render, *parts(request, pk)))


class KeptPageMiddleware:
    """Serves a kept article page (see the module) right after `CsrfViewMiddleware`; with nothing kept, the
    request goes the normal way (the view renders and keeps it, or answers 404)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "GET" and (match := ARTICLE_PATH.search(request.path_info)) and keepable(request):
            html = kept_for_cube_run(KEPT, *parts(request, int(match[1])))
            if html is not None:
                return respond(request, html)
        return self.get_response(request)
