"""Reads of the consulting app. Who sees a case is decided here."""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from consulting.models import (
    PHASE_ORDER,
    Agreement,
    ConsultingCase,
    Goal,
    NeedsRating,
    NextStep,
    Phase,
)
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


def may_reopen(user) -> bool:
    """Reopening a closed case is the project team's decision (consulting/access.py)."""
    return Role.PROJECT_TEAM in roles_of(user)


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


def case_progress(case) -> dict:
    """The guided view of a case: its stages in order (needs analysis, goals, agreement,
    steering group, sessions, final report, certificate), each with whether it is done, what it
    holds and the form that fills it; and for the next phase the checklist of what that phase
    needs, each missing item linking to its form.

    The checklist mirrors services.phase_requirements_missing (which enforces the rules); the
    warnings name what closing leaves behind (open next steps, goals below 100 %) without
    forbidding it. A handful of small indexed counts, whatever the size of the case."""
    ratings = NeedsRating.objects.filter(assessment__case=case).count()
    goals = list(Goal.objects.filter(case=case).values("status", "progress"))
    agreement_goals = Agreement.objects.filter(case=case).aggregate(n=Count("goals"))["n"]
    has_agreement = Agreement.objects.filter(case=case).exists()
    steering = case.steering_group.count()
    sessions = case.sessions.count()
    open_steps = case.next_steps.filter(done=False).count()
    has_report_text = bool(case.final_report_text.strip())
    closed = case.is_closed
    url = lambda name: reverse(f"consulting:{name}", args=[case.pk])  # noqa: E731
    stages = [
        {
            "key": "needs",
            "label": _("Bedarfsanalyse"),
            "done": ratings > 0,
            "status": ngettext(
                "%(n)d Handlungsfeld bewertet", "%(n)d Handlungsfelder bewertet", ratings
            )
            % {"n": ratings},
            "url": url("needs_assessment"),
        },
        {
            "key": "goals",
            "label": _("Ziele"),
            "done": len(goals) > 0,
            "status": ngettext("%(n)d Ziel", "%(n)d Ziele", len(goals)) % {"n": len(goals)},
            "url": url("goal_create"),
        },
        {
            "key": "agreement",
            "label": _("Zielvereinbarung"),
            "done": agreement_goals > 0,
            "status": (
                ngettext("%(n)d Ziel vereinbart", "%(n)d Ziele vereinbart", agreement_goals)
                % {"n": agreement_goals}
                if has_agreement
                else _("noch nicht erfasst")
            ),
            "url": url("agreement"),
        },
        {
            "key": "steering",
            "label": _("Steuerungsgruppe"),
            "done": steering > 0,
            "status": ngettext("%(n)d Mitglied", "%(n)d Mitglieder", steering) % {"n": steering},
            "url": url("steering_member_add"),
        },
        {
            "key": "sessions",
            "label": _("Termine und Workshops"),
            "done": sessions > 0,
            "status": ngettext("%(n)d Termin", "%(n)d Termine", sessions) % {"n": sessions},
            "url": url("session_create"),
        },
        {
            "key": "final_report",
            "label": _("Abschlussbericht"),
            "done": has_report_text,
            "status": _("geschrieben") if has_report_text else _("noch nicht geschrieben"),
            "url": url("final_report"),
        },
        {
            "key": "certificate",
            "label": _("Zertifikat"),
            "done": closed,
            "status": _("bereit") if closed else _("nach dem Abschluss"),
            "url": url("certificate") if closed else "",
        },
    ]
    if closed:
        for stage in stages:
            stage["url"] = stage["url"] if stage["key"] == "certificate" else ""
    else:
        first_open = next((s for s in stages if not s["done"]), None)
        if first_open:
            first_open["current"] = True

    target = next_phase(case)
    checklist, warnings = [], []
    if target == Phase.GOAL_AGREEMENT:
        checklist.append(
            {
                "label": _("Bedarfsanalyse mit mindestens einer Bewertung"),
                "done": ratings > 0,
                "url": url("needs_assessment"),
            }
        )
    elif target == Phase.IMPLEMENTATION:
        checklist += [
            {"label": _("Mindestens ein Ziel"), "done": len(goals) > 0, "url": url("goal_create")},
            {
                "label": _("Zielvereinbarung mit mindestens einem Ziel"),
                "done": agreement_goals > 0,
                "url": url("agreement"),
            },
        ]
    elif target == Phase.CLOSING:
        checklist.append(
            {
                "label": _("Text des Abschlussberichts"),
                "done": has_report_text,
                "url": url("final_report"),
            }
        )
    if target == Phase.CLOSING or closed:
        unfinished = sum(
            1 for g in goals if g["progress"] < 100 and g["status"] != Goal.Status.DROPPED
        )
        if open_steps:
            warnings.append(
                ngettext(
                    "%(n)d nächster Schritt ist noch offen.",
                    "%(n)d nächste Schritte sind noch offen.",
                    open_steps,
                )
                % {"n": open_steps}
            )
        if unfinished:
            warnings.append(
                ngettext(
                    "%(n)d Ziel steht unter 100 %%.",
                    "%(n)d Ziele stehen unter 100 %%.",
                    unfinished,
                )
                % {"n": unfinished}
            )
    return {
        "stages": stages,
        "next_phase": target,
        "checklist": checklist,
        "ready": all(item["done"] for item in checklist),
        "warnings": warnings,
    }


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
