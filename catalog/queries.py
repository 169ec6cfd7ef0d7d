"""Reads of the catalogue: what a user may see, the public search, and matching.

Visibility: the public (and every role but the project team) sees published measures and
published offers that are still valid; the project team sees drafts and expired offers too.

Matching ("Wer hilft uns?") is `match()` and `match_for_organization()` below; surveys and
consulting call them. Every result carries its score and the German reasons that make it up, so
the ranking can be shown and checked:

    score = 3 × matching fields of action
          + 2 if the entry names the organisation's kind (1 if it is open to every kind)
          + 2 if the offer names the district itself (1 if it serves all of Bavaria)   [offers]

Entries meant only for other kinds, offers not serving the district and, when fields of action
are given, entries sharing none of them are left out. Ties go to fewer effort (measures), then
to the title. The ranking runs in SQL; each call runs a fixed number of queries.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog import labels, search
from catalog.history import real_changes, shown_value
from catalog.models import (
    Effort,
    FieldOfAction,
    Label,
    LiteratureReference,
    Measure,
    Offer,
    Provider,
    Status,
)
from districts.models import Contact, District, Need, Organization
from ikokmu.roles import Role, roles_of

FIELD_POINTS = 3
KIND_POINTS = 2
OPEN_KIND_POINTS = 1
LOCAL_POINTS = 2
BAVARIA_POINTS = 1


# Visibility -------------------------------------------------------------------------------


def is_editor(user) -> bool:
    """May edit the catalogue and see drafts: the project team."""
    return Role.PROJECT_TEAM in roles_of(user)


def current_offer_condition(on=None) -> Q:
    """Offers whose validity has not ended (`on`: a date, default today)."""
    on = on or timezone.localdate()
    return Q(valid_until__isnull=True) | Q(valid_until__gte=on)


def public_measures() -> QuerySet[Measure]:
    return Measure.objects.filter(status=Status.PUBLISHED)


def public_offers() -> QuerySet[Offer]:
    return Offer.objects.filter(current_offer_condition(), status=Status.PUBLISHED)


def measures_visible_to(user) -> QuerySet[Measure]:
    return Measure.objects.all() if is_editor(user) else public_measures()


def offers_visible_to(user) -> QuerySet[Offer]:
    return Offer.objects.all() if is_editor(user) else public_offers()


def contacts_shown_to(user) -> QuerySet[Contact]:
    """Contact persons of providers and offers a user may see.

    Contacts are personal data; the public sees only those who consented to be listed.
    """
    contacts = Contact.objects.select_related("organization")
    if is_editor(user):
        return contacts
    return contacts.filter(legal_basis=Contact.LegalBasis.CONSENT)


def serves_district(district: District) -> Q:
    """Offers available in `district`: all of Bavaria, or the district named."""
    named = Offer.districts.through.objects.filter(offer=OuterRef("pk"), district=district)
    return Q(serves_all_bavaria=True) | Q(Exists(named))


# Catalogue lists --------------------------------------------------------------------------
#
# A list page runs in two small queries: the ranked keys of one page with the total
# (COUNT(*) OVER () over narrow rows), then the page's full rows with their search snippets.
# Ranking and counting thousands of wide rows in one query was three times slower.


def search_measures(
    user,
    *,
    text: str = "",
    field_of_action: FieldOfAction | None = None,
    target_kind: str = "",
    effort: str = "",
    status: str = "",
) -> QuerySet[Measure]:
    """The measures of the catalogue list, filtered and ordered (by rank when searching).

    Load a page's rows with `measure_rows()`.
    """
    measures = measures_visible_to(user)
    if field_of_action is not None:
        measures = measures.filter(fields_of_action=field_of_action)
    if target_kind:
        measures = measures.filter(target_kinds__contains=[target_kind])
    if effort:
        measures = measures.filter(effort=effort)
    if status:
        measures = measures.filter(status=status)
    return _ranked(measures, text)


def search_offers(
    user,
    *,
    text: str = "",
    field_of_action: FieldOfAction | None = None,
    target_kind: str = "",
    offer_type: str = "",
    district: District | None = None,
    status: str = "",
) -> QuerySet[Offer]:
    """The offers of the catalogue list, filtered and ordered (by rank when searching).

    Load a page's rows with `offer_rows()`.
    """
    offers = offers_visible_to(user)
    if field_of_action is not None:
        offers = offers.filter(fields_of_action=field_of_action)
    if target_kind:
        offers = offers.filter(target_kinds__contains=[target_kind])
    if offer_type:
        offers = offers.filter(offer_type=offer_type)
    if district is not None:
        offers = offers.filter(serves_district(district))
    if status:
        offers = offers.filter(status=status)
    return _ranked(offers, text)


def _ranked(queryset: QuerySet, text: str) -> QuerySet:
    if not (text or "").strip():
        return queryset.order_by("title", "pk")
    query = search.search_query(text)
    if query is None:
        return queryset.none()
    return (
        queryset.filter(search_vector__matches=query)
        .annotate(rank=search.rank(query))
        .order_by("-rank", "title", "pk")
    )


def page_of(ranked: QuerySet, *, number: int, size: int) -> tuple[list[int], int]:
    """The primary keys on page `number` (from 1) and the total, in one query."""
    offset = (number - 1) * size
    keys = list(
        ranked.annotate(total_count=Window(Count("pk"))).values_list("pk", "total_count")[
            offset : offset + size
        ]
    )
    if keys:
        return [pk for pk, _total in keys], keys[0][1]
    return [], 0 if number == 1 else ranked.count()


# The texts a list's snippet may come from, in this order; the first with a hit is shown.
MEASURE_SNIPPET_FIELDS = (
    "summary",
    "description",
    "prerequisites",
    "cost_and_funding",
    "expected_benefit",
    "success_indicators",
)
OFFER_SNIPPET_FIELDS = ("description", "languages", "cost")


def _rows(queryset: QuerySet, pks: list[int], text: str, snippet_fields: tuple[str, ...]):
    query = search.search_query(text) if (text or "").strip() else None
    if query is not None:
        any_word = search.any_word_query(text)
        queryset = queryset.annotate(
            title_headline=search.highlighted(query, "title"),
            headline=search.snippet(any_word, *snippet_fields),
        )
        if queryset.model is Offer:
            queryset = queryset.annotate(
                provider_headline=search.highlighted(query, "provider__name")
            )
    by_pk = {row.pk: row for row in queryset.filter(pk__in=pks)}
    names: dict[int, list[str]] = {pk: [] for pk in pks}
    through = queryset.model.fields_of_action.through
    owner = f"{queryset.model._meta.model_name}_id"
    links = (
        through.objects.filter(**{f"{owner}__in": pks})
        .order_by("fieldofaction__position")
        .values_list(owner, "fieldofaction__name", "fieldofaction__translations")
    )
    for pk, name, translations in links:
        names[pk].append(labels.localized(name, translations, "name"))
    rows = [by_pk[pk] for pk in pks if pk in by_pk]
    for row in rows:
        row.field_names = names[row.pk]
        row.snippet_field, row.headline = search.split_snippet(
            getattr(row, "headline", None), snippet_fields
        )
    return rows


def measure_rows(pks: list[int], *, text: str = "") -> list[Measure]:
    """The measures of one list page, in the given order, with `field_names` and, when
    searching, `title_headline`, and `headline` (ts_headline with marker characters) from the
    text named by `snippet_field` (see MEASURE_SNIPPET_FIELDS)."""
    columns = ("title", "slug", "effort", "typical_duration", "status", *MEASURE_SNIPPET_FIELDS)
    return _rows(Measure.objects.only(*columns), pks, text, MEASURE_SNIPPET_FIELDS)


def offer_rows(pks: list[int], *, text: str = "") -> list[Offer]:
    """The offers of one list page, like measure_rows(), with their provider (and, when
    searching, `provider_headline`)."""
    columns = (
        "title", "slug", "offer_type", "serves_all_bavaria", "status", "valid_until",
        "provider__name", *OFFER_SNIPPET_FIELDS,
    )  # fmt: skip
    offers = Offer.objects.select_related("provider").only(*columns)
    return _rows(offers, pks, text, OFFER_SNIPPET_FIELDS)


# Single records ---------------------------------------------------------------------------


def measure_page(user, queryset: QuerySet[Measure] | None = None) -> QuerySet[Measure]:
    """Measures with what their page shows: fields, the offers the user may see, literature."""
    offers = offers_visible_to(user).select_related("provider").order_by("title")
    return (queryset if queryset is not None else measures_visible_to(user)).prefetch_related(
        "fields_of_action",
        "references",
        Prefetch("offers", queryset=offers, to_attr="visible_offers"),
    )


def offer_page(user) -> QuerySet[Offer]:
    """Offers with their provider, fields, districts, contacts and the measures using them."""
    contacts = contacts_shown_to(user)
    return (
        offers_visible_to(user)
        .select_related("provider")
        .prefetch_related(
            "fields_of_action",
            "districts",
            Prefetch("contacts", queryset=contacts, to_attr="shown_contacts"),
            Prefetch("provider__contacts", queryset=contacts, to_attr="shown_contacts"),
            Prefetch(
                "measures",
                queryset=measures_visible_to(user).order_by("title"),
                to_attr="visible_measures",
            ),
        )
    )


def history_of(record, limit: int = 20) -> list[dict]:
    """The latest changes of a record with history: who, when, what kind, which fields, and
    for short fields the old and the new value.

    Two queries for the records plus those simple_history needs for the many-to-many fields.
    """
    entries = list(
        record.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    rows = []
    for newer, older in zip(entries, [*entries[1:], None], strict=False):
        if len(rows) == limit:
            break
        changed: list[dict] = []
        if older is not None and newer.history_type == "~":
            model = type(record)
            by_name = {
                change.field: change
                for change in real_changes(newer, older, foreign_keys_are_objs=True)
            }
            changed = [
                {
                    "label": str(model._meta.get_field(name).verbose_name),
                    "old": shown_value(model, by_name[name], "old"),
                    "new": shown_value(model, by_name[name], "new"),
                }
                for name in _field_order(record)
                if name in by_name
            ]
        rows.append(
            {
                "date": newer.history_date,
                "user": newer.history_user,
                "kind": {"+": _("angelegt"), "~": _("geändert"), "-": _("gelöscht")}.get(
                    newer.history_type, newer.history_type
                ),
                "changed": changed,
            }
        )
    return rows


def _field_order(record) -> list[str]:
    return [f.name for f in record._meta.get_fields() if getattr(f, "concrete", False)] + [
        f.name for f in record._meta.many_to_many
    ]


def providers_overview() -> QuerySet[Provider]:
    """Providers with their number of offers and their districts, in two queries."""
    return (
        Provider.objects.annotate(offer_count=Count("offers", distinct=True))
        .select_related("organization")
        .prefetch_related("districts")
        .order_by("name")
    )


def references_overview() -> QuerySet[LiteratureReference]:
    """Literature references with the number of measures citing them, in one query."""
    return LiteratureReference.objects.annotate(
        measure_count=Count("measures", distinct=True)
    ).order_by("authors", "year", "title")


# Dashboard --------------------------------------------------------------------------------


def catalog_figures() -> dict:
    """The project team's panel: measures and offers by state, in two queries."""
    today = timezone.localdate()
    year_ago = today - timedelta(days=365)
    measures = Measure.objects.aggregate(
        published=Count("pk", filter=Q(status=Status.PUBLISHED)),
        drafts=Count("pk", filter=Q(status=Status.DRAFT)),
        review_due=Count(
            "pk",
            filter=Q(status=Status.PUBLISHED)
            & (Q(last_reviewed__isnull=True) | Q(last_reviewed__lt=year_ago)),
        ),
    )
    offers = Offer.objects.aggregate(
        published=Count("pk", filter=Q(status=Status.PUBLISHED) & current_offer_condition(today)),
        expiring=Count(
            "pk",
            filter=Q(status=Status.PUBLISHED)
            & Q(valid_until__gte=today, valid_until__lte=today + timedelta(days=60)),
        ),
    )
    return {
        "measures_published": measures["published"],
        "measures_draft": measures["drafts"],
        "measures_review_due": measures["review_due"],
        "offers_published": offers["published"],
        "offers_expiring": offers["expiring"],
    }


# Matching ---------------------------------------------------------------------------------


@dataclass
class MeasureMatch:
    measure: Measure
    score: int
    reasons: list[str]


@dataclass
class OfferMatch:
    offer: Offer
    score: int
    reasons: list[str]
    contacts: list[Contact]


@dataclass
class MatchResult:
    kind: str
    district: District
    fields_of_action: list[FieldOfAction]
    measures: list[MeasureMatch] = field(default_factory=list)
    offers: list[OfferMatch] = field(default_factory=list)
    organization: Organization | None = None
    fields_from_needs: bool = False
    #: The lists stop at `limit`; these say whether more entries would have fitted.
    more_measures: bool = False
    more_offers: bool = False
    limit: int = 10

    @property
    def kind_label(self) -> str:
        return str(labels.label(Label.Vocabulary.TARGET_KIND, self.kind))


def _kind_points(kind: str) -> Case:
    return Case(
        When(target_kinds__contains=[kind], then=Value(KIND_POINTS)),
        When(target_kinds=[], then=Value(OPEN_KIND_POINTS)),
        default=Value(0),
        output_field=IntegerField(),
    )


def _kind_fits(kind: str) -> Q:
    return Q(target_kinds__contains=[kind]) | Q(target_kinds=[])


def _field_reasons(entry, wanted: dict[int, FieldOfAction]) -> tuple[list[str], int]:
    # In the reader's language and quotation marks (catalog.labels).
    names = [str(f.local_name) for f in entry.fields_of_action.all() if f.pk in wanted]
    if not names:
        return [], 0
    if len(names) == 1:
        text = _("Handlungsfeld %(name)s") % {"name": labels.quoted(names[0])}
    else:
        text = _("Handlungsfelder %(names)s") % {
            "names": ", ".join(labels.quoted(name) for name in names)
        }
    return [text], len(names)


def _kind_reason(entry, kind: str, kind_label: str) -> str:
    if kind in entry.target_kinds:
        return _("richtet sich an %(kind)s") % {"kind": kind_label}
    return _("für alle Organisationsarten geeignet")


def match(
    *,
    kind: str,
    district: District,
    fields_of_action=None,
    limit: int = 10,
    user=None,
) -> MatchResult:
    """Rank published measures and current MigraNet offers for an organisation kind (a value of
    districts.Organization.Kind) in `district`, optionally for chosen fields of action.

    `user` decides which contact persons are listed (see contacts_shown_to); without a user,
    only those who consented. Runs six queries whatever the catalogue size.
    """
    chosen = list(fields_of_action or [])
    wanted = {f.pk: f for f in chosen}
    result = MatchResult(kind=kind, district=district, fields_of_action=chosen, limit=limit)
    kind_label = result.kind_label
    if wanted:
        field_count = Count(
            "fields_of_action", filter=Q(fields_of_action__in=list(wanted)), distinct=True
        )
    else:
        field_count = Value(0, output_field=IntegerField())

    measures = public_measures().filter(_kind_fits(kind))
    offers = public_offers().filter(_kind_fits(kind)).filter(serves_district(district))
    if wanted:
        measures = measures.filter(fields_of_action__in=list(wanted))
        offers = offers.filter(fields_of_action__in=list(wanted))

    effort_order = Case(
        When(effort=Effort.LOW, then=Value(0)),
        When(effort=Effort.MEDIUM, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    measures = (
        measures.alias(effort_order=effort_order)
        .annotate(total=FIELD_POINTS * field_count + _kind_points(kind))
        .order_by("-total", "effort_order", "title")
        .prefetch_related("fields_of_action")
    )
    # One row more than shown tells whether the list was cut, without counting all of them.
    found = list(measures[: limit + 1])
    result.more_measures = len(found) > limit
    for measure in found[:limit]:
        reasons, _n = _field_reasons(measure, wanted)
        reasons.append(_kind_reason(measure, kind, kind_label))
        result.measures.append(MeasureMatch(measure, measure.total, reasons))

    local = Offer.districts.through.objects.filter(offer=OuterRef("pk"), district=district)
    region_points = Case(
        When(Exists(local), then=Value(LOCAL_POINTS)),
        default=Value(BAVARIA_POINTS),
        output_field=IntegerField(),
    )
    contacts = contacts_shown_to(user) if user is not None else consented_contacts()
    offers = (
        offers.annotate(
            total=FIELD_POINTS * field_count + _kind_points(kind) + region_points,
            is_local=Exists(local),
        )
        .order_by("-total", "title")
        .select_related("provider")
        .prefetch_related(
            "fields_of_action",
            Prefetch("contacts", queryset=contacts, to_attr="shown_contacts"),
            Prefetch("provider__contacts", queryset=contacts, to_attr="shown_contacts"),
        )
    )
    found = list(offers[: limit + 1])
    result.more_offers = len(found) > limit
    for offer in found[:limit]:
        reasons, _n = _field_reasons(offer, wanted)
        reasons.append(_kind_reason(offer, kind, kind_label))
        if offer.is_local:
            reasons.append(_("im %(district)s tätig") % {"district": district.name})
        else:
            reasons.append(
                _("in ganz Bayern verfügbar, also auch im %(district)s")
                % {"district": district.name}
            )
        people = offer.shown_contacts or offer.provider.shown_contacts
        result.offers.append(OfferMatch(offer, offer.total, reasons, list(people)))
    return result


def consented_contacts() -> QuerySet[Contact]:
    """Contact persons who agreed to be named publicly (public pages, the brochure)."""
    return Contact.objects.select_related("organization").filter(
        legal_basis=Contact.LegalBasis.CONSENT
    )


def match_for_organization(
    *, organization: Organization, fields_of_action=None, limit: int = 10, user=None
) -> MatchResult:
    """`match()` for an organisation of the address book: its kind and district.

    Without `fields_of_action`, the fields of the needs recorded for the organisation or for its
    whole district are used (districts.Need); if there are none, every field counts.
    """
    from_needs = False
    if fields_of_action is None:
        needs = Need.objects.filter(
            Q(organization=organization)
            | Q(organization__isnull=True, district_id=organization.district_id)
        )
        fields_of_action = list(
            FieldOfAction.objects.filter(needs__in=needs).distinct().order_by("position")
        )
        from_needs = bool(fields_of_action)
    result = match(
        kind=organization.kind,
        district=organization.district,
        fields_of_action=fields_of_action,
        limit=limit,
        user=user,
    )
    result.organization = organization
    result.fields_from_needs = from_needs
    return result
