"""Reads of survey rounds: which rounds a user may see, the round list with its figures, the
figures and completions over time of one round, its invitation list, and recipient candidates.

Every read district staff can reach is scoped by districts.queries.districts_visible_to, so a
round of another district is simply not found (404).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Lower, TruncDate
from django.utils import timezone

from districts.models import Organization
from districts.queries import districts_visible_to
from surveys.models import Invitation, OptOut, Reminder, Response, SurveyRound

INVITATIONS_PER_PAGE = 50


def rounds_visible_to(user) -> QuerySet[SurveyRound]:
    return SurveyRound.objects.filter(district__in=districts_visible_to(user))


def _count(model, condition: Q) -> Coalesce:
    """A per-round count as a correlated subquery: several of them side by side stay exact,
    where joins of invitations and responses would multiply each other."""
    rows = (
        model.objects.filter(condition, round=OuterRef("pk"))
        .order_by()
        .values("round")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def with_figures(rounds: QuerySet[SurveyRound]) -> QuerySet[SurveyRound]:
    """Rounds annotated with their figures, counted in SQL in the same query."""
    return rounds.annotate(
        invited=_count(Invitation, Q()),
        sent=_count(Invitation, Q(sent_at__isnull=False)),
        withdrawn=_count(Invitation, Q(withdrawn_at__isnull=False)),
        # What "entfernen" can take: not sent, link never used.
        not_sent=_count(Invitation, Q(sent_at__isnull=True, started=False)),
        failed=_count(Invitation, Q(failed_at__isnull=False, sent_at__isnull=True)),
        queued=_count(
            Invitation,
            Q(queued_at__isnull=False, sent_at__isnull=True, failed_at__isnull=True)
            & Q(opted_out_at__isnull=True),
        ),
        opted_out=_count(Invitation, Q(opted_out_at__isnull=False)),
        unsent=_count(
            Invitation,
            Q(queued_at__isnull=True, sent_at__isnull=True, failed_at__isnull=True)
            & Q(opted_out_at__isnull=True),
        ),
        invitations_started=_count(Invitation, Q(started=True)),
        invitations_completed=_count(Invitation, Q(completed=True)),
        responses_started=_count(Response, Q()),
        responses_completed=_count(Response, Q(submitted_at__isnull=False)),
    )


def response_rate(survey_round) -> int | None:
    """Completed invitations per sent invitation, in percent; None before anything was sent.
    A withdrawn invitation does not count as sent: its link leads nowhere."""
    valid = survey_round.sent - survey_round.withdrawn
    if not valid:
        return None
    return round(100 * survey_round.invitations_completed / valid)


def round_list(*, user) -> QuerySet[SurveyRound]:
    """The rounds a user may see with their figures: one query."""
    return (
        with_figures(rounds_visible_to(user))
        .select_related("district", "version__questionnaire")
        .order_by("-opens_at", "pk")
    )


def round_for(*, user, pk: int) -> SurveyRound:
    """One visible round with its figures (raises SurveyRound.DoesNotExist)."""
    return (
        with_figures(rounds_visible_to(user))
        .select_related("district", "version__questionnaire", "created_by")
        .get(pk=pk)
    )


@dataclass
class Day:
    day: datetime.date
    completed: int


def completions_per_day(survey_round) -> list[Day]:
    """Submitted responses per calendar day (local time) from the first day with a submission
    to today (or the round's last day, if it is over), days without one included: one query.
    Ending at today shows a round that has gone quiet as quiet."""
    rows = (
        Response.objects.filter(round=survey_round, submitted_at__isnull=False)
        .annotate(day=TruncDate("submitted_at", tzinfo=timezone.get_current_timezone()))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by("day")
    )
    counts = {row["day"]: row["n"] for row in rows}
    if not counts:
        return []
    first = min(counts)
    today = timezone.localdate()
    last_day = timezone.localtime(survey_round.closes_at - datetime.timedelta(microseconds=1))
    last = max(max(counts), min(today, last_day.date()))
    days = []
    day = first
    while day <= last:
        days.append(Day(day, counts.get(day, 0)))
        day += datetime.timedelta(days=1)
    return days


INVITATION_FILTERS = {
    "": Q(),
    "offen": Q(sent_at__isnull=True, failed_at__isnull=True, opted_out_at__isnull=True),
    "versandt": Q(sent_at__isnull=False),
    "fehlgeschlagen": Q(failed_at__isnull=False, sent_at__isnull=True),
    "abgemeldet": Q(opted_out_at__isnull=False),
    "abgeschlossen": Q(completed=True),
    "zurueckgezogen": Q(withdrawn_at__isnull=False),
}


def invitation_list(*, survey_round, status: str = "") -> QuerySet[Invitation]:
    """The round's invitations with their organisation, failed ones first: one query per page
    (plus the paginator's count). Only delivery state and the started/completed flags: an
    invitation's response is never read here."""
    return (
        Invitation.objects.filter(round=survey_round)
        .filter(INVITATION_FILTERS.get(status, Q()))
        .select_related("organization")
        .only(
            "pk",
            "email",
            "language",
            "queued_at",
            "sent_at",
            "failed_at",
            "failure_reason",
            "attempts",
            "reminders_sent",
            "last_reminded_at",
            "opted_out_at",
            "withdrawn_at",
            "started",
            "completed",
            "organization__name",
            "recipient_name",
        )
        .order_by("email", "pk")
    )


def failed_invitations(survey_round) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(round=survey_round, failed_at__isnull=False, sent_at__isnull=True)
        .select_related("organization")
        .order_by("-failed_at", "pk")
    )


# Who a reminder reaches: sent, neither completed, opted out nor withdrawn.
REMINDED = Q(
    sent_at__isnull=False, completed=False, opted_out_at__isnull=True, withdrawn_at__isnull=True
)


def reminder_audience(survey_round) -> int:
    """How many invitations a reminder now would reach."""
    return Invitation.objects.filter(REMINDED, round=survey_round).count()


def send_audience(survey_round) -> QuerySet[Invitation]:
    """The invitations "Einladungen senden" would put on the queue now: never queued, sent or
    failed, with an address, not opted out (in the round or on the platform's list)."""
    return (
        Invitation.objects.filter(
            round=survey_round,
            queued_at__isnull=True,
            sent_at__isnull=True,
            failed_at__isnull=True,
            opted_out_at__isnull=True,
        )
        .exclude(email="")
        .exclude(on_opt_out_list())
    )


def reminder_audience_list(survey_round) -> QuerySet[Invitation]:
    """The invitations a reminder now would reach, for the confirmation page."""
    return Invitation.objects.filter(REMINDED, round=survey_round)


def audience_digest(invitations: QuerySet[Invitation]) -> str:
    """A fingerprint of who a confirmation page named: the confirmed action refuses to run for
    a different set (someone added or removed recipients in between)."""
    import hashlib

    ids = invitations.order_by("pk").values_list("pk", flat=True)
    return hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:32]


NAMED_ON_CONFIRMATION = 20


@dataclass
class Audience:
    """Who a mailing reaches, as the confirmation page shows it: the count, the first 20
    addresses and the languages with their counts."""

    count: int
    first: list[Invitation]
    languages: list[tuple[str, int]]
    digest: str

    @property
    def more(self) -> int:
        return self.count - len(self.first)


def audience(invitations: QuerySet[Invitation]) -> Audience:
    """Three queries, however many recipients."""
    first = list(
        invitations.select_related("organization")
        .only("pk", "email", "language", "recipient_name", "organization__name")
        .order_by("email", "pk")[:NAMED_ON_CONFIRMATION]
    )
    languages = list(
        invitations.order_by()
        .values("language")
        .annotate(n=Count("pk"))
        .order_by("-n", "language")
        .values_list("language", "n")
    )
    return Audience(
        count=sum(n for _code, n in languages),
        first=first,
        languages=languages,
        digest=audience_digest(invitations),
    )


def reminders_of(survey_round) -> QuerySet[Reminder]:
    return Reminder.objects.filter(round=survey_round).order_by("scheduled_for", "pk")


def on_opt_out_list() -> Exists:
    """For a queryset with an `email` column: is that address on the opt-out list?"""
    return Exists(OptOut.objects.alias(lower=Lower("email")).filter(lower=Lower(OuterRef("email"))))


def mark_shared_addresses(candidates) -> list:
    """The candidates as a list, each with `invitable` and, where an earlier one in the list has
    the same address, `same_address_as` (its name): one address gets one invitation."""
    first_with: dict[str, str] = {}
    marked = []
    for organization in candidates:
        address = (organization.email or "").strip().lower()
        organization.same_address_as = first_with.get(address, "") if address else ""
        organization.invitable = bool(
            address
            and not organization.already_invited
            and not organization.opted_out
            and not organization.same_address_as
        )
        if address:
            first_with.setdefault(address, organization.name)
        marked.append(organization)
    return marked


def recipient_candidates(*, survey_round, kind="", sector="", size_class="") -> QuerySet:
    """The round district's organisations matching the filters, each marked whether it has an
    address, whether that address is invited already or on the opt-out list: one query."""
    organizations = Organization.objects.filter(district=survey_round.district)
    if kind:
        organizations = organizations.filter(kind=kind)
    if sector:
        organizations = organizations.filter(sector=sector)
    if size_class:
        organizations = organizations.filter(size_class=size_class)
    invited = Invitation.objects.alias(lower=Lower("email")).filter(
        round=survey_round, lower=Lower(OuterRef("email"))
    )
    invited_org = Invitation.objects.filter(round=survey_round, organization=OuterRef("pk"))
    return organizations.annotate(
        opted_out=on_opt_out_list(),
        already_invited=Exists(invited) | Exists(invited_org),
    ).order_by("name", "pk")
