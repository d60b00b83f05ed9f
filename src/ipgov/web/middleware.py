from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from ipgov.core.middleware import chosen_language


class DefaultLanguageMiddleware(LocaleMiddleware):
    """zh-Hans for everyone unless they chose another language (set_language's cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language; an office intranet's
    working language is Chinese whatever the browser was installed with.
    """

    def process_request(self, request):
        translation.activate(chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()
