"""Sortable column headers for list pages: one look and one behaviour on every list.

`{% sort_header _("Name") "name" sort querystring %}` renders a column header whose link sorts
by that key (a second click reverses it), keeps the other parameters of the page's query
string except the page number, and tells screen readers the current order with aria-sort.
"""

from django import template
from django.http import QueryDict
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def sort_header(label, key, current, querystring="", numeric=False):
    query = QueryDict(querystring, mutable=True)
    query.pop("page", None)
    ascending, descending = current == key, current == f"-{key}"
    query["sort"] = f"-{key}" if ascending else key
    if ascending:
        aria, arrow, hint = "ascending", "▲", _("aufsteigend sortiert")
    elif descending:
        aria, arrow, hint = "descending", "▼", _("absteigend sortiert")
    else:
        aria, arrow, hint = "none", "", ""
    return format_html(
        '<th scope="col"{} aria-sort="{}"><a href="?{}">{}{}</a></th>',
        ' class="text-end"' if numeric else "",
        aria,
        query.urlencode(),
        label,
        format_html(
            ' <span aria-hidden="true">{}</span><span class="visually-hidden"> ({})</span>',
            arrow,
            hint,
        )
        if arrow
        else "",
    )
