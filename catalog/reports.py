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
from catalog.queries import consented_contacts, public_measures, public_offers, serves_district
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

    A constant number of queries: measures with their links, then the offers' details.
    """
    offers = public_offers()
    if district is not None:
        offers = offers.filter(serves_district(district))
    # The appendix lists the offers linked to the brochure's measures and, for a brochure of
    # the catalogue (not of chosen measures), every other offer in its field and district.
    listed = None
    if measures is None:
        listed = offers
        if field_of_action is not None:
            listed = listed.filter(fields_of_action=field_of_action)
        measures = public_measures()
        if field_of_action is not None:
            measures = measures.filter(fields_of_action=field_of_action)
    measures = list(
        measures.order_by("title").prefetch_related(
            "fields_of_action",
            "references",
            Prefetch("offers", queryset=offers.order_by("title"), to_attr="brochure_offers"),
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
        measure.detail_lines = [
            (label, text)
            for label, text in (
                (_("Voraussetzungen"), measure.prerequisites),
                (_("Kosten und Förderung"), measure.cost_and_funding),
                (_("Erwarteter Nutzen"), measure.expected_benefit),
                (_("Woran man den Erfolg erkennt"), measure.success_indicators),
            )
            if text
        ]
        by_field[home.pk].append(measure)
    sections = [
        {"field": f, "anchor": f"feld-{f.slug}", "measures": by_field[f.pk]}
        for f in fields
        if by_field[f.pk]
    ]

    # Offers appear under the measures they belong to, with their contacts; a brochure of the
    # catalogue (not of chosen measures) lists the other offers in its scope at the end.
    linked = {offer.pk for measure in measures for offer in measure.brochure_offers}
    listed_ids = set(listed.values_list("pk", flat=True)) - linked if listed is not None else set()
    contacts = consented_contacts()
    details = {
        offer.pk: offer
        for offer in public_offers()
        .filter(pk__in=linked | listed_ids)
        .select_related("provider")
        .prefetch_related(
            "districts",
            Prefetch("contacts", queryset=contacts, to_attr="shown_contacts"),
            Prefetch("provider__contacts", queryset=contacts, to_attr="shown_contacts"),
        )
    }
    for offer in details.values():
        offer.people = offer.shown_contacts or offer.provider.shown_contacts
    for measure in measures:
        measure.brochure_offers = [
            details[o.pk] for o in measure.brochure_offers if o.pk in details
        ]
    more_offers = sorted(
        (details[pk] for pk in listed_ids if pk in details),
        key=lambda offer: (offer.provider.name, offer.title),
    )

    return {
        "title": brochure_title(field_of_action=field_of_action, district=district),
        "field_of_action": field_of_action,
        "district": district,
        "sections": sections,
        "more_offers": more_offers,
        "offer_count": len(details),
        "measure_count": sum(len(s["measures"]) for s in sections),
        "today": timezone.localdate(),
    }


def brochure_pdf(*, field_of_action=None, district=None, measures=None, strict=False) -> bytes:
    context = brochure_context(
        field_of_action=field_of_action, district=district, measures=measures
    )
    return render_pdf("catalog/pdf/brochure.html", context, strict=strict)
