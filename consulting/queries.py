"""Reads of the consulting app. Who sees a case is decided here."""

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
