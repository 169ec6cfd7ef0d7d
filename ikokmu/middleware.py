import re

from django.conf import settings
from django.http import QueryDict
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


class NulFreeQueryMiddleware:
    """Query parameters never carry NUL characters, nor date parts no calendar has.

    PostgreSQL refuses NUL in any text, so `?q=%00` in a search or a filter ended in a server
    error wherever the value reached a query (the district search, the stage filter, the
    brochure's field). Dropping the character here fixes that for every view at once; a form
    field of a POST refuses it with Django's own message.

    Django's admin turns `?<date field>__year=99999999999999999999` (its date hierarchy and
    filters) into a datetime and fails with an OverflowError; such a date part is dropped too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or _DATE_PART_KEY.search(query):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                values = [value.replace("\x00", "") for value in values]
                if key.endswith(_DATE_PARTS):
                    values = [value for value in values if _DATE_PART.fullmatch(value.strip())]
                if values:
                    cleaned.setlist(key.replace("\x00", ""), values)
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)


_DATE_PARTS = ("__year", "__month", "__day")
_DATE_PART_KEY = re.compile(r"__(?:year|month|day)=")
_DATE_PART = re.compile(r"0*[1-9][0-9]{0,3}")  # 1 to 9999, the years datetime can hold
