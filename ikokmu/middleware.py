from django.conf import settings
from django.utils import translation


class ChosenLanguageMiddleware:
    """German unless the user chose another language with the switch in the footer.

    Django's LocaleMiddleware would follow the browser's Accept-Language header; the platform's
    users work in German whatever their browser says, so only the explicit choice (the language
    cookie that set_language writes) counts.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
