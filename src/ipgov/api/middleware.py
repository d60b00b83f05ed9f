"""Open data answered before the rest of the request is set up."""

from __future__ import annotations

OPEN_PATH = "/api/v1/open/"


class OpenDataMiddleware:
    """A GET of the open API (`/api/v1/open/…`, also under the portal host's /office/) that the cube's
    current run already answered is served from the kept answer (`api.open_data.per_run`) right after the
    static files: no session, user, CSRF, URL resolver nor API framework — what an anonymous read of a
    public figure does not need, and what made it cost eight static files. The per-address limit still
    counts it; over the limit, or with nothing kept, the request goes the normal way (which counts it, and
    answers 429, computes or refuses)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "GET" and OPEN_PATH in request.path:
            from ipgov.api import open_data
            from ipgov.api.ratelimit import RateLimited
            from ipgov.core.middleware import chosen_language
            from ipgov.indicators.opendata import kept_for_cube_run

            kept = kept_for_cube_run(open_data.KEPT, *open_data.kept_parts(request))
            if kept is not None:
                try:
                    open_data.count(request)
                except RateLimited:
                    return self.get_response(request)
                response = open_data.kept_response(request, kept)
                response["Content-Language"] = chosen_language(request)
                return response
        return self.get_response(request)
