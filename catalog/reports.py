"""The catalogue as a PDF brochure: title page, contents with page numbers, one section per field
of action, each measure with its offers and literature, and the offers with their contacts.

Only published measures and current published offers go in; contact persons only if they
consented to be listed, since the brochure is handed out. Each measure appears once, in the
section of its first field of action (by position); its other fields are named.
"""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import FieldOfAction
from catalog.queries import _consented_contacts, public_measures, public_offers, serves_district
from ikokmu.pdf import render_pdf


def brochure_title(*, field_of_action=None, district=None) -> str:
    parts = [_("Maßnahmenkatalog interkulturelle Öffnung")]
    if field_of_action is not None:
        parts.append(_("Handlungsfeld „%(name)s“") % {"name": field_of_action.name})
    if district is not None:
        parts.append(_("Angebote im %(district)s") % {"district": district.name})
    return " – ".join(parts)


def brochure_context(*, field_of_action=None, district=None, measures=None) -> dict:
    """What the brochure shows; `measures` narrows it down further (the benchmark uses it).

    Four queries for measures and their links, two for the offers' details.
    """
    offers = public_offers()
    if district is not None:
        offers = offers.filter(serves_district(district))
    if measures is None:
        measures = public_measures()
        if field_of_action is not None:
            measures = measures.filter(fields_of_action=field_of_action)
    measures = list(
        measures.order_by("title").prefetch_related(
            "fields_of_action",
            "references",
            Prefetch(
                "offers",
                queryset=offers.select_related("provider").order_by("title"),
                to_attr="brochure_offers",
            ),
        )
    )

    fields = list(FieldOfAction.objects.all())
    if field_of_action is not None:
        fields = [field_of_action]
    by_field = {f.pk: [] for f in fields}
    for measure in measures:
        own = sorted(measure.fields_of_action.all(), key=lambda f: (f.position, f.name))
        home = field_of_action if field_of_action is not None else (own[0] if own else None)
        if home is None or home.pk not in by_field:
            continue
        measure.other_fields = [f for f in own if f.pk != home.pk]
        by_field[home.pk].append(measure)
    sections = [
        {"field": f, "anchor": f"feld-{f.slug}", "measures": by_field[f.pk]}
        for f in fields
        if by_field[f.pk]
    ]

    linked = {offer.pk for measure in measures for offer in measure.brochure_offers}
    listed = offers
    if field_of_action is not None:
        listed = listed.filter(fields_of_action=field_of_action)
    listed_ids = set(listed.values_list("pk", flat=True)) | linked
    contacts = _consented_contacts()
    offer_list = list(
        public_offers()
        .filter(pk__in=listed_ids)
        .select_related("provider")
        .prefetch_related(
            "fields_of_action",
            "districts",
            Prefetch("contacts", queryset=contacts, to_attr="shown_contacts"),
            Prefetch("provider__contacts", queryset=contacts, to_attr="shown_contacts"),
        )
        .order_by("provider__name", "title")
    )
    for offer in offer_list:
        offer.people = offer.shown_contacts or offer.provider.shown_contacts

    return {
        "title": brochure_title(field_of_action=field_of_action, district=district),
        "field_of_action": field_of_action,
        "district": district,
        "sections": sections,
        "offers": offer_list,
        "measure_count": sum(len(s["measures"]) for s in sections),
        "today": timezone.localdate(),
    }


def brochure_pdf(*, field_of_action=None, district=None, measures=None, strict=False) -> bytes:
    context = brochure_context(
        field_of_action=field_of_action, district=district, measures=measures
    )
    return render_pdf("catalog/pdf/brochure.html", context, strict=strict)
