"""Plain Django views of the api app: the release files (`/open/releases/`) and the staff token page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from ipgov.api import tokens
from ipgov.indicators import releases


def release_index(request):
    return JsonResponse({"releases": releases.listing()}, json_dumps_params={"ensure_ascii": False})


def release_file(request, release_id: str, name: str):
    try:
        path = releases.file_path(release_id, name)
    except releases.ReleaseError as exc:
        raise Http404(str(exc)) from None
    response = FileResponse(path.open("rb"), as_attachment=name != "manifest.json", filename=name)
    if name.endswith(".csv"):
        response["Content-Type"] = "text/csv; charset=utf-8"
    return response


class TokenPageView(TemplateView):
    """A staff member's API tokens (an administrator's: those of the staff of their scope): create, revoke."""

    template_name = "api/tokens.html"

    def dispatch(self, request, *args, **kwargs):
        from ipgov.core.scope import OutOfScope, check_staff

        if not request.user.is_authenticated:
            return redirect(f"/login/?next={request.path}")
        try:
            check_staff()
        except OutOfScope as exc:
            raise PermissionDenied(str(exc)) from None
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {"tokens": tokens.list_tokens()[:200], "secret": self.request.session.pop("api_token_secret", None)}

    def post(self, request):
        try:
            if "revoke" in request.POST:
                token = tokens.revoke_token(request.POST["revoke"])
                messages.success(request, _("Token %(prefix)s revoked.") % {"prefix": token.prefix})
            else:
                _token, secret = tokens.create_token(
                    request.POST.get("username") or request.user.get_username(),
                    region=request.POST.get("region") or None, read_only=bool(request.POST.get("read_only")),
                    expires=request.POST.get("expires") or "90d", description=request.POST.get("description", ""))
                request.session["api_token_secret"] = secret
        except (ValidationError, LookupError, PermissionDenied) as exc:
            messages.error(request, "; ".join(getattr(exc, "messages", [str(exc)])))
        return redirect(request.path)
