"""Figures of the events issue: the public calendar with 2,000 events and an event with 500
registrations, each page under 100 ms (median) with a constant number of queries."""

import datetime
import random
import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

EVENTS = 2_000
REGISTRATIONS = 500
REQUESTS = 30


def build(rng):
    from catalog.models import FieldOfAction
    from districts.models import District
    from events import tokens
    from events.models import Event, Registration
    from events.services import current_privacy_notice

    districts = [
        District.objects.create(name=f"Landkreis Bench {n}", official_key=f"0970{n}")
        for n in range(8)
    ]
    fields = [
        FieldOfAction.objects.get_or_create(
            slug=f"bench-{n}", defaults={"name": f"Handlungsfeld Bench {n}", "position": n}
        )[0]
        for n in range(6)
    ]
    now = timezone.now()
    formats = ["in_person", "online", "hybrid"]
    events = []
    for n in range(EVENTS):
        start = now + datetime.timedelta(hours=6 + n * 5)
        event_format = formats[n % 3]
        events.append(
            Event(
                title=f"Veranstaltung {n}: Fachkräfte gewinnen und halten",
                description="Impulse, Beispiele aus dem Katalog und Austausch. " * 5,
                programme="18:00 Begrüßung\n18:15 Impuls\n19:00 Austausch",
                start_at=start,
                end_at=start + datetime.timedelta(hours=2),
                format=event_format,
                city="" if event_format == "online" else "Miesbach",
                online_url="" if event_format == "in_person" else "https://konferenz.example/x",
                capacity=rng.choice([None, 20, 40, 600]),
                status="published" if n % 10 else "draft",
                all_bavaria=n % 25 == 0,
            )
        )
    Event.objects.bulk_create(events, batch_size=500)
    through = Event.districts.through
    through.objects.bulk_create(
        [through(event_id=e.pk, district_id=districts[i % 8].pk) for i, e in enumerate(events)]
        + [
            through(event_id=e.pk, district_id=districts[(i + 3) % 8].pk)
            for i, e in enumerate(events)
            if i % 4 == 0
        ],
        batch_size=2000,
    )
    fields_through = Event.fields_of_action.through
    fields_through.objects.bulk_create(
        [
            fields_through(event_id=e.pk, fieldofaction_id=fields[(i + k) % 6].pk)
            for i, e in enumerate(events)
            for k in range(2)
        ],
        batch_size=2000,
    )
    big = events[1]  # published, capacity from the choice above does not matter here
    Event.objects.filter(pk=big.pk).update(capacity=600)
    notice = current_privacy_notice()
    salt = tokens.new_salt()
    registrations = []
    statuses = ["registered"] * 8 + ["attended", "cancelled"]
    for n in range(REGISTRATIONS):
        status = statuses[n % 10]
        registrations.append(
            Registration(
                event_id=big.pk,
                status=status,
                first_name=f"Vorname{n}",
                last_name=f"Nachname{n:03d}",
                organization_name=f"Betrieb {n % 120} GmbH",
                function="Personalleitung",
                email=f"person{n}@betrieb.example",
                answers={"Essenswünsche": "vegetarisch"} if n % 3 == 0 else {},
                privacy_notice=notice,
                privacy_consent_at=now,
                contact_consent_at=now if n % 2 else None,
                cancelled_at=now if status == "cancelled" else None,
                checked_in_at=now if status == "attended" else None,
                token_salt=salt,
                token_hash=f"{n:064d}",
            )
        )
    Registration.objects.bulk_create(registrations, batch_size=500)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return districts, fields, big


CPU = {}


def measure(client, url, params_list) -> tuple[float, set[int]]:
    """Median milliseconds of the requests, and the set of query counts seen. The median CPU
    time of this process (the server's own work, without waiting for a busy machine or the
    database) is kept in CPU[url] for the report."""
    for params in params_list:  # warm-up
        assert client.get(url, params).status_code == 200
    timings, cpu, counts = [], [], set()
    for n in range(REQUESTS):
        params = params_list[n % len(params_list)]
        with CaptureQueriesContext(connection) as queries:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url, params)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200, response.status_code
        counts.add(len(queries.captured_queries))
    CPU[url] = statistics.median(cpu)
    return statistics.median(timings), counts


def report_page(report, name, client, url, params_list):
    ms, counts = measure(client, url, params_list)
    report(f"{name}, Median", ms, "ms", limit=100)
    report(f"{name}, CPU-Zeit des Servers, Median", CPU[url], "ms")
    return counts


def run(report):
    from ikokmu.roles import Role
    from tests.factories import user_with_role

    rng = random.Random(17)
    started = time.perf_counter()
    districts, fields, big = build(rng)
    report(
        f"Aufbau {EVENTS} Veranstaltungen, {REGISTRATIONS} Anmeldungen",
        time.perf_counter() - started,
        "s",
    )
    public = Client()
    calendar = reverse("events:calendar")
    response = public.get(calendar)
    assert response.context["page_obj"].paginator.count > 1500
    counts = report_page(
        report,
        "Kalender (2.000 Veranstaltungen), Seiten 1/20/80",
        public,
        calendar,
        [{}, {"page": 20}, {"page": 80}],
    )
    assert len(counts) == 1, counts
    report("Kalender: Abfragen je Seite (gleich auf jeder Seite)", max(counts), "Abfr.")
    counts = report_page(
        report,
        "Kalender gefiltert (Landkreis/Format/Handlungsfeld)",
        public,
        calendar,
        [
            {"district": districts[0].pk},
            {"format": "online", "page": 3},
            {"field": fields[2].slug, "district": districts[5].pk},
        ],
    )
    # Each chosen filter costs one query to check it; the events found cost nothing more.
    report("Kalender gefiltert: Abfragen je Seite, höchstens", max(counts), "Abfr.")
    report_page(
        report,
        "Veranstaltungsseite mit 500 Anmeldungen",
        public,
        reverse("events:detail", args=[big.pk]),
        [{}],
    )
    report_page(
        report,
        "Kalender-Feed eines Landkreises (iCalendar)",
        public,
        reverse("events:district_feed", args=[districts[0].pk]),
        [{}],
    )

    staff = user_with_role(Role.DISTRICT_STAFF, districts=[districts[1]], username="bench-lra")
    client = Client()
    client.force_login(staff)
    manage = reverse("events:manage", args=[big.pk])
    counts = report_page(
        report,
        "Teilnehmendenliste, 500 Anmeldungen, Seiten 1/3",
        client,
        manage,
        [{}, {"page": 3}],
    )
    report("Teilnehmendenliste: Abfragen", max(counts), "Abfr.")
    _ms, few = measure(client, manage, [{"status": "attended"}])
    assert few == counts, (few, counts)  # 50 rows or 500: the same queries
    counts = report_page(
        report,
        "Einchecken (Handy-Seite), 500 Anmeldungen",
        client,
        reverse("events:check_in", args=[big.pk]),
        [{}, {"q": "Nachname1"}],
    )
    assert len(counts) == 1, counts
    report_page(
        report,
        "Veranstaltungsliste der Landkreis-Mitarbeitenden",
        client,
        reverse("events:manage_list"),
        [{}, {"page": 2}],
    )
