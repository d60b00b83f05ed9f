from ipgov.core.actor import Actor, acting_as


class ActorMiddleware:
    """Makes the logged-in user the actor of every service call made by the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[0].strip()
            actor = Actor.for_user(user, remote_addr=forwarded or request.META.get("REMOTE_ADDR"))
        else:
            actor = Actor.anonymous(remote_addr=request.META.get("REMOTE_ADDR"))
        with acting_as(actor):
            return self.get_response(request)
