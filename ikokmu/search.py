"""Search that forgives umlauts and case; the SQL function comes from migration ikokmu/0004."""

from django.db.models import CharField, Func, Q


class Fold(Func):
    function = "ikokmu_fold"
    output_field = CharField()


def fold(text: str) -> str:
    """The same folding in Python, for the query string."""
    value = (text or "").lower().replace("ß", "ss")
    for pair, letter in (("ae", "a"), ("oe", "o"), ("ue", "u")):
        value = value.replace(pair, letter)
    return value.translate(str.maketrans("äöüéèêëáàâíìîóòôúùûçñ", "aoueeeeaaaiiiooouuucn"))


def folded_contains(query: str, *fields: str) -> tuple[dict, Q]:
    """Annotations and a filter matching every word of `query` in any of `fields`."""
    annotations = {f"_fold_{i}": Fold(field) for i, field in enumerate(fields)}
    condition = Q()
    for word in fold(query).split():
        any_field = Q()
        for name in annotations:
            any_field |= Q(**{f"{name}__contains": word})
        condition &= any_field
    return annotations, condition
