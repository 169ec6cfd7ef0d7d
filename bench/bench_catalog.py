"""Figures of the catalogue issue: full-text search with 5,000 measures and 2,000 offers
(median < 50 ms per page), and the PDF brochure of 100 measures (< 5 s)."""

import random
import statistics
import time

from django.db import connection
from django.test import Client
from django.urls import reverse

MEASURES = 5_000
OFFERS = 2_000
REQUESTS = 60

# Each generated measure has one topic with its own words and general sentences around them,
# so that, as in a real catalogue, a topic word is found in a part of the entries, not all.
TOPICS = {
    "Ausbildung": ["Ausbildungsbetriebe", "Auszubildende", "Berufsschule", "Ausbildungsplätze"],
    "Onboarding": ["Einarbeitungsplan", "Patenschaften", "erste Arbeitswoche", "Unterweisung"],
    "Sprachförderung": ["Deutschkurs", "Fachsprache", "Sprachtandem", "Glossar"],
    "Anerkennung": ["Anerkennungsverfahren", "Berufsabschlüsse", "Anpassungslehrgang"],
    "Führung": ["Führungskräfte", "Teamleitung", "Mitarbeitergespräche", "Feedbackkultur"],
    "Leitbild": ["Leitbild", "Diskriminierungsschutz", "Beschwerdestelle", "Werte"],
    "Willkommen": ["Willkommenskultur", "Willkommensmappe", "Begrüßungstag", "Nachbarschaft"],
    "Wohnen": ["Wohnungssuche", "Vermieter", "Zwischenmiete", "Umzug"],
    "Familie": ["Kinderbetreuung", "Schulanmeldung", "Familiennachzug", "Elternabend"],
    "Netzwerk": ["Unternehmensnetzwerk", "Runder Tisch", "Kooperationsvertrag", "Kammer"],
    "Standort": ["Standortmarketing", "Informationsportal", "Kampagne", "Messestand"],
    "Gesundheit": ["Arbeitsschutz", "Gesundheitstage", "Betriebsarzt", "Ergonomie"],
    "Weiterbildung": ["Weiterbildungsplan", "Qualifizierung", "Aufstiegsfortbildung", "Zertifikat"],
    "Verwaltung": ["Bürgerbüro", "Formulare", "Ausländerbehörde", "Terminvergabe"],
    "Mobilität": ["Fahrgemeinschaft", "Jobticket", "Führerschein", "Busverbindung"],
    "Digitales": ["Lernplattform", "Videoberatung", "Übersetzungsapp", "Intranet"],
}
SUBJECTS = [
    "Der Betrieb", "Die Personalabteilung", "Das Team", "Die Geschäftsführung", "Die Kommune",
    "Das Landratsamt", "Die Wirtschaftsförderung", "Eine Steuerungsgruppe", "Die Belegschaft",
]  # fmt: skip
VERBS = [
    "plant", "prüft", "verbessert", "organisiert", "begleitet", "bespricht", "dokumentiert",
    "bewertet", "entwickelt", "vereinbart",
]  # fmt: skip
DETAILS = [
    "mit festen Ansprechpersonen", "über mehrere Monate", "mit Förderung",
    "gemeinsam mit Partnern", "mit mehrsprachigem Material", "in kurzen Workshops",
    "mit klaren Zielen", "mit regelmäßigen Rückmeldungen", "Schritt für Schritt",
]  # fmt: skip
PLACES = ["im Betrieb", "vor Ort", "im Team", "in der Region"]
QUERIES = ["Ausbildung", "Führungskräfte", "Sprache Team", "Anerkennung", "Fuehrung", "Willkommen"]


def sentence(rng, words) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(words)} {rng.choice(DETAILS)}."


def paragraph(rng, words, n) -> str:
    return " ".join(sentence(rng, words) for _ in range(n))


def topic_of(n: int) -> str:
    return list(TOPICS)[n % len(TOPICS)]


def build(rng):
    from catalog import services
    from catalog.models import (
        Effort,
        FieldOfAction,
        LiteratureReference,
        Measure,
        Offer,
        OfferType,
        Provider,
        Status,
    )
    from districts.models import District

    fields = list(FieldOfAction.objects.all())
    districts = [
        District.objects.create(name=f"Landkreis Bench {n}", official_key=f"{9700 + n:05d}")
        for n in range(20)
    ]
    providers = Provider.objects.bulk_create(
        [Provider(name=f"Träger {n}", kind=Provider.Kind.PARTNER) for n in range(50)]
    )
    references = LiteratureReference.objects.bulk_create(
        [
            LiteratureReference(
                authors=f"Autorin {n}", year=1990 + n % 35, title=f"Studie {n} zur Vielfalt"
            )
            for n in range(200)
        ]
    )
    offer_types = OfferType.values
    offers = Offer.objects.bulk_create(
        [
            Offer(
                provider=providers[n % len(providers)],
                title=f"{topic_of(n)}-Beratung {n}",
                slug=f"angebot-{n}",
                offer_type=offer_types[n % len(offer_types)],
                description=paragraph(rng, TOPICS[topic_of(n)], 3),
                target_kinds=rng.sample(["sme", "municipality", "district_office"], 2),
                serves_all_bavaria=n % 3 == 0,
                status=Status.PUBLISHED if n % 10 else Status.DRAFT,
                languages="Deutsch, Englisch",
                cost="kostenfrei",
            )
            for n in range(OFFERS)
        ],
        batch_size=1000,
    )
    efforts = Effort.values
    measures = Measure.objects.bulk_create(
        [
            Measure(
                title=f"{topic_of(n)} {rng.choice(PLACES)} {n}",
                slug=f"massnahme-{n}",
                # About as long as the demo catalogue's entries (catalog/demo.py).
                summary=paragraph(rng, TOPICS[topic_of(n)], 2),
                description=paragraph(rng, TOPICS[topic_of(n)], 4),
                prerequisites=sentence(rng, TOPICS[topic_of(n)]),
                cost_and_funding=sentence(rng, TOPICS[topic_of(n)]),
                expected_benefit=sentence(rng, TOPICS[topic_of(n)]),
                success_indicators=sentence(rng, TOPICS[topic_of(n)]),
                target_kinds=rng.sample(["sme", "municipality", "district_office"], 2),
                audiences=["hr", "staff"],
                levels=["personnel_development"],
                effort=efforts[n % 3],
                typical_duration="3–6 Monate",
                status=Status.PUBLISHED if n % 10 else Status.DRAFT,
            )
            for n in range(MEASURES)
        ],
        batch_size=1000,
    )
    MeasureFields = Measure.fields_of_action.through
    MeasureFields.objects.bulk_create(
        [
            MeasureFields(measure=m, fieldofaction=f)
            for m in measures
            for f in rng.sample(fields, 2)
        ],
        batch_size=5000,
    )
    MeasureOffers = Measure.offers.through
    MeasureOffers.objects.bulk_create(
        [MeasureOffers(measure=m, offer=o) for m in measures for o in rng.sample(offers, 2)],
        batch_size=5000,
    )
    MeasureReferences = Measure.references.through
    MeasureReferences.objects.bulk_create(
        [
            MeasureReferences(measure=m, literaturereference=r)
            for m in measures
            for r in rng.sample(references, 2)
        ],
        batch_size=5000,
    )
    OfferFields = Offer.fields_of_action.through
    OfferFields.objects.bulk_create(
        [OfferFields(offer=o, fieldofaction=f) for o in offers for f in rng.sample(fields, 2)],
        batch_size=5000,
    )
    OfferDistricts = Offer.districts.through
    OfferDistricts.objects.bulk_create(
        [
            OfferDistricts(offer=o, district=d)
            for o in offers
            if not o.serves_all_bavaria
            for d in rng.sample(districts, 2)
        ],
        batch_size=5000,
    )
    # bulk_create sends no signals: copy the linked names (fields of action, providers,
    # districts) into the searched text as the platform's saves do.
    services.refresh_related_names(measures=Measure.objects.all(), offers=Offer.objects.all())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return districts


def median_ms(client, url, params_list) -> float:
    for params in params_list:  # warm-up: connections, templates, caches
        assert client.get(url, params).status_code == 200
    timings = []
    for n in range(REQUESTS):
        params = params_list[n % len(params_list)]
        started = time.perf_counter()
        response = client.get(url, params)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(timings)


def run(report):
    from catalog import reports
    from catalog.models import Measure, Status

    rng = random.Random(4)
    started = time.perf_counter()
    districts = build(rng)
    report(
        f"Aufbau {MEASURES} Maßnahmen, {OFFERS} Angebote (bulk_create)",
        time.perf_counter() - started,
        "s",
    )

    client = Client()
    hits = reverse("catalog:measure_list")
    response = client.get(hits, {"q": "Ausbildung"})
    assert response.context["paginator"].count > 100, "the search should find many measures"
    report(
        "Volltextsuche Maßnahmen, Median",
        median_ms(client, hits, [{"q": q} for q in QUERIES]),
        "ms",
        limit=50,
    )
    report(
        "Volltextsuche Maßnahmen mit Filtern, Median",
        median_ms(
            client,
            hits,
            [{"q": q, "field": "sprache", "kind": "sme", "effort": "low"} for q in QUERIES],
        ),
        "ms",
        limit=50,
    )
    report(
        "Volltextsuche Angebote mit Landkreis, Median",
        median_ms(
            client,
            reverse("catalog:offer_list"),
            [{"q": q, "district": districts[n % 3].pk} for n, q in enumerate(QUERIES)],
        ),
        "ms",
        limit=50,
    )
    report(
        "Volltextsuche mit einem Wort aus fast jedem Eintrag („Betrieb“), Median",
        median_ms(client, hits, [{"q": "Betrieb"}, {"q": "Betrieb", "page": 3}]),
        "ms",
    )
    report(
        "Katalogliste ohne Suche, Median",
        median_ms(client, hits, [{}, {"page": 5}, {"field": "onboarding"}]),
        "ms",
    )

    hundred = Measure.objects.filter(status=Status.PUBLISHED).order_by("pk")[:100]
    ids = list(hundred.values_list("pk", flat=True))
    reports.brochure_pdf(measures=Measure.objects.filter(pk__in=ids[:5]))  # warm-up (fonts)
    timings, cpu = [], []
    for _run in range(3):
        started, started_cpu = time.perf_counter(), time.process_time()
        pdf = reports.brochure_pdf(measures=Measure.objects.filter(pk__in=ids))
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        assert pdf.startswith(b"%PDF")
    report(
        "PDF-Broschüre mit 100 Maßnahmen, Median aus 3", statistics.median(timings), "s", limit=5
    )
    # The CPU time of this process tells the renderer's own work from a busy machine.
    report("PDF-Broschüre mit 100 Maßnahmen, CPU-Zeit, Median", statistics.median(cpu), "s")
