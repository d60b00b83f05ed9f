"""Content-Security-Policy for every page the application renders.

Scripts and styles come only from our own static files (no inline script, no inline style, no eval), so
an injected `<script>` or `onerror=` cannot run even if some text escaped escaping. Django 5.2 has no CSP
of its own (6.0 does); this header is all it takes. A response that sets its own policy keeps it (the
self-contained HTML report, web/views_reports.py).
"""

from __future__ import annotations

POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",  # ECharts exports and the report's inlined charts are data: URLs
    "font-src 'self'",
    "connect-src 'self'",  # htmx and the dashboard's map fetch
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = POLICY
        return response
