"""Reads of the consulting app. Who sees a case is decided here."""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from consulting.models import PHASE_ORDER, ConsultingCase, NextStep, Phase
from districts.models import District
from ikokmu.roles import Role, roles_of


def cases_visible_to(user) -> QuerySet[ConsultingCase]:
    """The project team sees every case; anybody else only the cases they advise."""
    if Role.PROJECT_TEAM in roles_of(user):
        return ConsultingCase.objects.all()
    if not user.is_authenticated:
        return ConsultingCase.objects.none()
    return ConsultingCase.objects.filter(
        pk__in=ConsultingCase.advisers.through.objects.filter(user=user).values("consultingcase")
    )


def cases_in_districts_of(user) -> list[dict]:
    """For district staff: that a case exists in their district, its organisation and phase,
    and nothing more."""
    districts = District.objects.filter(memberships__user=user)
    return list(
        ConsultingCase.objects.filter(district__in=districts)
        .order_by("district__name", "organization__name")
        .values("organization__name", "district__name", "phase")
    )


def case_list(*, user, phase="", district=None, adviser=None, overdue=False):
    today = timezone.localdate()
    open_steps = NextStep.objects.filter(case=OuterRef("pk"), done=False)
    # Correlated subqueries, not a join with GROUP BY: PostgreSQL evaluates them for the
    # 50 rows of the page only, whatever the number of cases.
    cases = (
        cases_visible_to(user)
        .select_related("organization", "district")
        .prefetch_related("advisers")
        .annotate(
            open_steps=Coalesce(
                Subquery(open_steps.values("case").annotate(n=Count("pk")).values("n")), 0
            ),
            has_overdue=Exists(open_steps.filter(due_on__lt=today)),
        )
    )
    if phase:
        cases = cases.filter(phase=phase)
    if district:
        cases = cases.filter(district=district)
    if adviser:
        cases = cases.filter(advisers=adviser)
    if overdue:
        cases = cases.filter(has_overdue=True)
    return cases.order_by("-start_date", "-id")


def next_steps_for(user) -> QuerySet[NextStep]:
    """Open next steps across the cases the user advises (the project team: all), by due date."""
    cases = ConsultingCase.objects.filter(advisers=user).exclude(phase=Phase.CANCELLED)
    return (
        NextStep.objects.filter(case__in=cases, done=False)
        .select_related("case", "case__organization")
        .order_by("due_on", "id")
    )


def next_phase(case) -> str | None:
    if case.phase not in PHASE_ORDER:
        return None
    index = PHASE_ORDER.index(case.phase)
    return PHASE_ORDER[index + 1] if index + 1 < len(PHASE_ORDER) else None


def timeline(case) -> list[dict]:
    """Everything that happened in a case, oldest first, for the case page and the report."""
    events = []
    for change in case.phase_changes.select_related("changed_by"):
        if change.from_phase == change.to_phase:  # the case was opened
            text = change.reason
        else:
            text = f"{change.get_from_phase_display()} → {change.get_to_phase_display()}"
            if change.reason:
                text += f": {change.reason}"
        events.append(
            {
                "date": change.changed_at.date(),
                "kind": "phase",
                "text": text,
                "who": change.changed_by,
            }
        )
    for session in case.sessions.all():
        events.append(
            {
                "date": session.date,
                "kind": "session",
                "text": f"{session.get_kind_display()} ({session.duration_hours} h)",
                "who": None,
            }
        )
    for document in case.documents.select_related("uploaded_by"):
        events.append(
            {
                "date": document.uploaded_at.date(),
                "kind": "document",
                "text": document.original_name,
                "who": document.uploaded_by,
            }
        )
    for report in case.reports.select_related("created_by").defer("pdf"):
        events.append(
            {
                "date": report.created_at.date(),
                "kind": "report",
                "text": f"Fallbericht Version {report.version}",
                "who": report.created_by,
            }
        )
    return sorted(events, key=lambda e: e["date"])


# Needs assessment from the survey -------------------------------------------------------------


def survey_response_for(case):
    """The organisation's latest submitted response in a personalised survey round, or None.
    Anonymous rounds never count: nothing links their responses to an organisation."""
    from surveys.models import Response, SurveyRound

    return (
        Response.objects.filter(
            invitation__organization_id=case.organization_id,
            round__anonymity=SurveyRound.Anonymity.PERSONALISED,
            submitted_at__isnull=False,
        )
        .select_related("round")
        .order_by("-submitted_at", "-pk")
        .first()
    )


def _reachable_scores(structure, values) -> dict[int, Decimal]:
    """Per field of action, the score the answered questions could have given at most: the
    strongest choice of a single choice, the strongest allowed choices of a multiple choice, the
    top of a rated scale, every rated matrix row. Questions not answered (hidden, skipped,
    "weiß nicht") say nothing and count for nothing."""
    reachable: dict[int, Decimal] = {}

    def add(field_id, amount):
        reachable[field_id] = reachable.get(field_id, Decimal(0)) + max(amount, Decimal(0))

    for question in structure.questions:
        value = values.get(question.code)
        if value in (None, "", set(), "dont_know"):
            continue
        by_field: dict[int, list[Decimal]] = {}
        for weight in question.weights.all():
            if question.type == "rating":
                add(weight.field_of_action_id, weight.weight)
        for choice in question.choices_list:
            for weight in choice.weights.all():
                by_field.setdefault(weight.field_of_action_id, []).append(weight.weight)
        for field_id, weights in by_field.items():
            weights.sort(reverse=True)
            if question.type == "multiple_choice":
                add(field_id, sum(weights[: question.max_choices or len(weights)], Decimal(0)))
            else:
                add(field_id, weights[0])
        if question.type == "matrix":
            for item in question.items_list:
                if value.get(item.code) not in (None, "dont_know"):
                    for weight in item.weights.all():
                        add(weight.field_of_action_id, weight.weight)
    return reachable


def ratings_from_survey(response) -> dict[int, tuple[int, int]]:
    """Suggested (current state, importance) on the 1–5 scales per field of action, from the
    response's needs profile.

    The survey measures need, which in the assessment is the gap between importance and current
    state. So the share of the reachable score a field got (0 to 1) becomes a gap of 0 to 4
    steps, split around the neutral middle: no need reads 3/3, a full need 1 (current state) /
    5 (importance), half of it 2/4. Fields the answered questions do not touch stay empty: the
    survey says nothing about them, the adviser decides."""
    from surveys.queries import answer_values, needs_profile, version_structure

    structure = version_structure(response.round.version_id, with_weights=True)
    reachable = _reachable_scores(structure, answer_values(response.pk))
    scores = {e.field_of_action.pk: e.score for e in needs_profile(response.pk).entries}
    ratings = {}
    for field_id, most in reachable.items():
        if most <= 0:
            continue
        share = min(scores.get(field_id, Decimal(0)) / most, Decimal(1))
        gap = int((4 * share).to_integral_value(rounding=ROUND_HALF_UP))
        ratings[field_id] = (3 - gap // 2, 3 + (gap + 1) // 2)
    return ratings
