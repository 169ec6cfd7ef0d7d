"""Demo consulting cases: five cases in different phases across the four districts, one closed
with a report and a certificate. Organisations come from the districts demo; all invented."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from catalog.models import FieldOfAction
from catalog.queries import match
from consulting import services
from consulting.models import (
    Agreement,
    ConsultingCase,
    Goal,
    NextStep,
    Phase,
    Recommendation,
    Session,
    SteeringGroupMember,
)
from districts.models import Organization

CASES = [
    # AGS, organisation kind, title, phase to reach
    ("09184", "sme", "Fachkräfte aus dem Ausland gut einarbeiten", Phase.CLOSING),
    ("09184", "municipality", "Willkommensstruktur der Gemeinde", Phase.IMPLEMENTATION),
    ("09181", "sme", "Ausbildung für junge Geflüchtete öffnen", Phase.GOAL_AGREEMENT),
    ("09190", "sme", "Mehrsprachige Kommunikation im Betrieb", Phase.NEEDS_ANALYSIS),
    ("09182", "district_office", "Interkulturelle Öffnung der Ausländerbehörde", Phase.REQUEST),
]


def _walk(case, target, user, fields):
    start = case.start_date
    order = [
        Phase.REQUEST,
        Phase.NEEDS_ANALYSIS,
        Phase.GOAL_AGREEMENT,
        Phase.IMPLEMENTATION,
        Phase.CLOSING,
    ]
    for phase in order[1 : order.index(target) + 1]:
        if phase == Phase.GOAL_AGREEMENT:
            services.needs_assessment_save(
                case=case,
                assessed_on=start + datetime.timedelta(days=14),
                participants="Geschäftsführung, Personalleitung, zwei Beschäftigte",
                findings="Gute Bereitschaft im Team; Einarbeitung und Sprache sind die "
                "größten Baustellen.",
                ratings={field: (1 + (n * 2) % 5, 5 - n % 3) for n, field in enumerate(fields)},
            )
            for n, field in enumerate(fields[:3]):
                Goal.objects.get_or_create(
                    case=case,
                    field_of_action=field,
                    defaults={
                        "text": f"Im Handlungsfeld „{field.name}“ eine feste Routine einführen.",
                        "indicator": "Routine ist beschrieben und wird genutzt",
                        "target_date": start + datetime.timedelta(days=180),
                        "progress": 30 * n,
                    },
                )
        if phase == Phase.IMPLEMENTATION:
            agreement, _ = Agreement.objects.get_or_create(
                case=case,
                defaults={
                    "signed_on": start + datetime.timedelta(days=30),
                    "signed_for_organization": "Geschäftsführung",
                    "signed_for_project": "Projektteam IKÖKMU",
                    "time_commitment": "vier halbe Tage im Quartal",
                },
            )
            agreement.goals.set(case.goals.all())
            contact = case.organization.contacts.first()
            if contact:
                SteeringGroupMember.objects.get_or_create(
                    case=case, contact=contact, defaults={"role": "Leitung"}
                )
            for n, kind in enumerate(["first_meeting", "workshop", "training"]):
                session, _ = Session.objects.get_or_create(
                    case=case,
                    date=start + datetime.timedelta(days=40 + 21 * n),
                    defaults={
                        "kind": kind,
                        "duration_hours": 3,
                        "participants": "Steuerungsgruppe",
                        "minutes": "Ergebnisse festgehalten, Aufgaben verteilt.",
                    },
                )
                NextStep.objects.get_or_create(
                    case=case,
                    session=session,
                    description=f"Aufgabe aus Termin {n + 1}",
                    defaults={
                        "owner": "Personalleitung",
                        "due_on": session.date + datetime.timedelta(days=14),
                    },
                )
            result = match(
                kind=case.organization.kind,
                district=case.district,
                fields_of_action=fields[:2],
                limit=2,
            )
            for item in result.measures:
                services.recommendation_accept_suggestion(
                    case=case, measure=item.measure, reasons=item.reasons
                )
            for item in result.offers:
                services.recommendation_accept_suggestion(
                    case=case, offer=item.offer, reasons=item.reasons
                )
        if phase == Phase.CLOSING:
            case.goals.update(status=Goal.Status.ACHIEVED, progress=100)
            case.recommendations.update(status=Recommendation.Status.IMPLEMENTED)
            case.next_steps.update(done=True)
            case.final_report_text = (
                "Die Einarbeitung neuer Beschäftigter folgt jetzt einem festen Plan mit "
                "Patenschaften; die wichtigsten Informationen liegen in einfacher Sprache vor."
            )
            case.save()
        case = services.case_change_phase(case=case, target=phase, user=user)
    return case


@transaction.atomic
def seed() -> str:
    user = get_user_model().objects.filter(username="projektteam").first()
    fields = list(FieldOfAction.objects.order_by("position"))
    made = 0
    for key, kind, title, target in CASES:
        organization = (
            Organization.objects.filter(district__official_key=key, kind=kind)
            .order_by("name")
            .first()
        )
        if organization is None or ConsultingCase.objects.filter(title=title).exists():
            continue
        case = services.case_create(
            organization=organization,
            title=title,
            advisers=[user] if user else [],
            start_date=datetime.date(2026, 3, 2),
            planned_end_date=datetime.date(2026, 12, 18),
            origin=ConsultingCase.Origin.EVENT,
            user=user,
        )
        case = _walk(case, target, user, fields)
        if target == Phase.CLOSING:
            services.report_create(case=case, user=user)
        made += 1
    return f"{ConsultingCase.objects.count()} Beratungsfälle ({made} neu)"
