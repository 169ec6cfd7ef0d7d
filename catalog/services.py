"""Writes of the catalogue.

Every save of a measure, offer, provider or reference leaves exactly one history entry, links
(many-to-many fields) included: simple_history would otherwise write one entry for the save and
two more for every `set()` of a link.
"""

from collections.abc import Iterable
from contextlib import contextmanager

from django.db import transaction
from django.db.models import OuterRef, QuerySet, StringAgg, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.utils.text import slugify

from catalog.history import real_changes
from catalog.models import LiteratureReference, Measure, Offer, Provider, Status

_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def base_slug(title: str, max_length: int = 200) -> str:
    """A URL name from a German title: "Willkommensmappe für Zugezogene" →
    "willkommensmappe-fuer-zugezogene"."""
    return slugify(title.translate(_UMLAUTS))[:max_length].strip("-") or "eintrag"


def unique_slug(model, title: str, *, instance_pk=None, max_length: int = 200) -> str:
    """base_slug(), numbered if another record has it."""
    base = base_slug(title, max_length)
    taken = set(
        model.objects.filter(slug__startswith=base)
        .exclude(pk=instance_pk)
        .values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


@contextmanager
def _one_history_entry(instance):
    """Save an instance and its links inside the block; write one history entry afterwards,
    or none when the save changed nothing (so re-running the demo data leaves no trace)."""
    created = instance.pk is None
    instance.skip_history_when_saving = True
    try:
        yield
    finally:
        del instance.skip_history_when_saving
    records = type(instance).history_records
    previous = None if created else instance.history.order_by("-history_date", "-pk").first()
    # Written with the request's user (HistoryRequestMiddleware) as author, like a normal save.
    records.create_historical_record(instance, "+" if created else "~")
    if previous is None:
        return
    latest = instance.history.order_by("-history_date", "-pk").first()
    if not real_changes(latest, previous):
        for field in records.get_m2m_fields_from_model(type(instance)):
            records.m2m_models[field].objects.filter(history=latest).delete()
        latest.delete()


@transaction.atomic
def measure_save(
    *,
    measure: Measure,
    fields_of_action: Iterable,
    offers: Iterable = (),
    references: Iterable = (),
) -> Measure:
    """Create or change a measure with its fields of action, offers and literature."""
    if not measure.slug:
        measure.slug = unique_slug(Measure, measure.title, instance_pk=measure.pk)
    with _one_history_entry(measure):
        measure.save()
        measure.fields_of_action.set(fields_of_action)
        measure.offers.set(offers)
        measure.references.set(references)
    return measure


@transaction.atomic
def measure_set_status(*, measure: Measure, status: str) -> Measure:
    """Publish a measure or take it back to draft."""
    if status not in Status.values:
        raise ValueError(status)
    with _one_history_entry(measure):
        measure.status = status
        measure.save(update_fields=["status", "updated_at"])
    return measure


@transaction.atomic
def offer_save(
    *,
    offer: Offer,
    fields_of_action: Iterable,
    districts: Iterable = (),
    contacts: Iterable = (),
) -> Offer:
    """Create or change a MigraNet offer with its fields of action, districts and contacts."""
    if not offer.slug:
        offer.slug = unique_slug(Offer, offer.title, instance_pk=offer.pk)
    with _one_history_entry(offer):
        offer.save()
        offer.fields_of_action.set(fields_of_action)
        offer.districts.set([] if offer.serves_all_bavaria else districts)
        offer.contacts.set(contacts)
    return offer


@transaction.atomic
def provider_save(
    *, provider: Provider, districts: Iterable = (), contacts: Iterable = ()
) -> Provider:
    """Create or change a provider with the districts it serves and its contact persons."""
    with _one_history_entry(provider):
        provider.save()
        provider.districts.set([] if provider.serves_all_bavaria else districts)
        provider.contacts.set(contacts)
    return provider


@transaction.atomic
def reference_save(*, reference: LiteratureReference) -> LiteratureReference:
    """Create or change a literature reference."""
    with _one_history_entry(reference):
        reference.save()
    return reference


# Search over linked names ------------------------------------------------------------------


def _joined_names(through, owner: str, name_path: str, order_by: str) -> Subquery:
    """The names linked to the outer row through `through`, separated by spaces."""
    return Coalesce(
        Subquery(
            through.objects.filter(**{owner: OuterRef("pk")})
            .values(owner)
            .annotate(names=StringAgg(name_path, Value(" "), order_by=order_by))
            .values("names")
        ),
        Value(""),
        output_field=TextField(),
    )


def refresh_related_names(
    *, measures: QuerySet[Measure] | None = None, offers: QuerySet[Offer] | None = None
) -> None:
    """Copy the names of linked records into `related_names`, which the search vector reads:
    the fields of action of measures; the provider, fields of action and districts of offers.

    One UPDATE per model; catalog.signals calls this whenever one of those names or links
    changes. Pass the records to refresh (an empty queryset to skip a model).
    """
    if measures is not None:
        measures.update(
            related_names=_joined_names(
                Measure.fields_of_action.through,
                "measure",
                "fieldofaction__name",
                "fieldofaction__position",
            )
        )
    if offers is not None:
        provider_name = Subquery(Provider.objects.filter(pk=OuterRef("provider_id")).values("name"))
        offers.update(
            related_names=Concat(
                Coalesce(provider_name, Value(""), output_field=TextField()),
                Value(" "),
                _joined_names(
                    Offer.fields_of_action.through,
                    "offer",
                    "fieldofaction__name",
                    "fieldofaction__position",
                ),
                Value(" "),
                _joined_names(Offer.districts.through, "offer", "district__name", "district__name"),
                output_field=TextField(),
            )
        )
