from django.conf import settings

from ipgov.core.actor import Actor, acting_as
from ipgov.core.remote import client_ip


def chosen_language(request) -> str:
    """The language of a request's answer: the one the visitor chose (set_language's cookie), else the
    office's working language (settings.LANGUAGE_CODE) — never the browser's Accept-Language."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return chosen if chosen in {code for code, _ in settings.LANGUAGES} else settings.LANGUAGE_CODE


class ActorMiddleware:
    """Makes the logged-in user the actor of every service call made by the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            actor = Actor.for_user(user, remote_addr=client_ip(request))
        else:
            actor = Actor.anonymous(remote_addr=client_ip(request))
        with acting_as(actor):
            return self.get_response(request)
