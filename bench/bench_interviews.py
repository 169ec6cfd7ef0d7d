"""Figures of the interview issue: the coding page of a 60,000-character transcript with 300
codings (< 300 ms), the company × code matrix of 50 interviews and 5,000 segments (< 200 ms)."""

import datetime
import statistics
import time

from django.test import Client
from django.urls import reverse

PARAGRAPH = (
    "B: Bei uns im Betrieb arbeiten Menschen aus elf Ländern, und die Übergabe zwischen den "
    "Schichten läuft inzwischen mit Bildern und kurzen Sätzen. Das hat sich bewährt. 🙂\n"
)


def median_ms(client, url, runs=20):
    client.get(url)  # warm-up: templates, connections
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(timings)


def run(report):
    from ikokmu.roles import Role
    from interviews import services
    from interviews.models import Code, Company, Interview, Segment
    from tests.factories import user_with_role

    manager = user_with_role(Role.INTERVIEW_TEAM, username="bench-leitung")
    study = services.study_create(manager=manager, title="Benchmark-Studie")
    codes = [
        Code.objects.create(study=study, name=f"Code {n}", colour=f"#{n * 11:02X}66AA")
        for n in range(20)
    ]
    transcript = (PARAGRAPH * (60_000 // len(PARAGRAPH) + 1))[:60_000]
    companies = [
        Company.objects.create(
            study=study, pseudonym=f"U{n:02d}", sector="Handwerk", size_class="10-49"
        )
        for n in range(50)
    ]
    interviews = [
        Interview.objects.create(
            company=company,
            date=datetime.date(2025, 1, 1),
            mode="video",
            status="coded",
            consent_date=datetime.date(2025, 1, 1),
            consent_transcription=True,
            consent_scientific_use=True,
            transcript=transcript,
        )
        for company in companies
    ]
    through = Segment.codes.through
    for index, interview in enumerate(interviews):
        count = 300 if index == 0 else 96
        segments = Segment.objects.bulk_create(
            Segment(
                interview=interview,
                start=n * 199,
                end=n * 199 + 150,
                text=transcript[n * 199 : n * 199 + 150],
                coder=manager,
            )
            for n in range(count)
        )
        through.objects.bulk_create(
            through(segment_id=s.pk, code_id=codes[(i + index) % 20].pk)
            for i, s in enumerate(segments)
        )
    total = Segment.objects.filter(interview__company__study=study).count()
    assert total >= 5000, total
    client = Client()
    client.force_login(manager)
    report(
        "Kodierseite: 60.000 Zeichen, 300 Kodierungen (Median)",
        median_ms(client, reverse("interviews:coding", args=[interviews[0].pk])),
        "ms",
        limit=300,
    )
    report(
        f"Matrix Unternehmen × Codes: 50 Interviews, {total} Textstellen (Median)",
        median_ms(client, reverse("interviews:analysis", args=[study.pk])),
        "ms",
        limit=200,
    )
