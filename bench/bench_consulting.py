"""Figures of the consulting issue: a large case report (< 3 s) and the case list of 2,000
cases (< 100 ms median, constant queries)."""

import datetime
import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse


def run(report):
    from catalog.models import FieldOfAction, Measure
    from consulting import services
    from consulting.models import (
        ConsultingCase,
        Goal,
        NeedsAssessment,
        NeedsRating,
        Recommendation,
        Session,
    )
    from consulting.reports import render_case_report
    from districts.models import District, Organization
    from ikokmu.roles import Role
    from tests.factories import user_with_role

    adviser = user_with_role(Role.PROJECT_TEAM, username="bench-beratung")
    district = District.objects.create(name="Landkreis Bench", official_key="09997")
    organizations = Organization.objects.bulk_create(
        Organization(district=district, name=f"Betrieb {n}", kind="sme", postal_code="82000")
        for n in range(200)
    )
    fields = list(FieldOfAction.objects.all())
    case = services.case_create(
        organization=organizations[0],
        title="Großer Fall",
        advisers=[adviser],
        start_date=datetime.date(2026, 1, 5),
        user=adviser,
    )
    assessment = NeedsAssessment.objects.create(case=case, assessed_on=datetime.date(2026, 1, 20))
    NeedsRating.objects.bulk_create(
        NeedsRating(assessment=assessment, field_of_action=f, current_state=2, importance=4)
        for f in fields
    )
    Goal.objects.bulk_create(
        Goal(case=case, field_of_action=f, text=f"Ziel {f.name}") for f in fields
    )
    Session.objects.bulk_create(
        Session(
            case=case,
            date=datetime.date(2026, 2, 1) + datetime.timedelta(days=7 * n),
            kind="workshop",
            duration_hours=2,
            participants="Steuerungsgruppe",
            minutes="Protokoll " * 40,
        )
        for n in range(40)
    )
    measures = Measure.objects.bulk_create(
        Measure(
            title=f"Maßnahme {n}",
            slug=f"bench-massnahme-{n}",
            summary="Kurz",
            effort="low",
            status="published",
        )
        for n in range(30)
    )
    Recommendation.objects.bulk_create(
        Recommendation(case=case, measure=m, reason="passt zum Handlungsfeld") for m in measures
    )

    times = []
    for _ in range(3):
        started = time.perf_counter()
        pdf = render_case_report(case, version=1, author=adviser)
        times.append(time.perf_counter() - started)
    assert pdf.startswith(b"%PDF")
    report(
        "Fallbericht mit 40 Terminen und 30 Empfehlungen (Median)",
        statistics.median(times),
        "s",
        limit=3,
    )

    cases = ConsultingCase.objects.bulk_create(
        ConsultingCase(
            organization=organizations[n % 200],
            district=district,
            title=f"Fall {n}",
            case_type="sme",
            start_date=datetime.date(2025, 1, 1) + datetime.timedelta(days=n % 600),
        )
        for n in range(1999)
    )
    ConsultingCase.advisers.through.objects.bulk_create(
        ConsultingCase.advisers.through(consultingcase_id=c.pk, user_id=adviser.pk) for c in cases
    )
    client = Client()
    client.force_login(adviser)
    url = reverse("consulting:case_list")
    for _ in range(3):
        client.get(url)
    times = []
    for _ in range(30):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    report("Fallliste mit 2.000 Fällen (Median)", statistics.median(times) * 1000, "ms", limit=100)
    report("Fallliste: Datenbankabfragen je Seite", len(queries), "")
