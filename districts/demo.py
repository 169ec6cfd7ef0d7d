"""Demo data of the districts app: the four districts of the seeds with partners, KMUs,
contacts, activities and needs. Every person and company is invented.

Figures: population and demography type where the seed documents give them, otherwise plausible
values, and then `figures_are_demo` is set so the district page says so.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction

from catalog.models import FieldOfAction
from districts.models import Activity, Contact, District, Need, Organization

PROFILES = {
    # AGS: population, year, projected change %, period, demography type, stage
    "09184": (356000, 2023, "8.5", "2020–2040", "growing_prosperous", "survey_running"),
    "09181": (123000, 2023, "6.0", "2020–2040", "suburban", "event_planned"),
    "09190": (137000, 2023, "2.5", "2020–2040", "stable_rural", "talk_held"),
    "09182": (101000, 2023, "3.0", "2020–2040", "ageing_rural", "first_contact"),
}

TOWNS = {
    "09184": [
        ("82008", "Unterhaching"),
        ("85716", "Unterschleißheim"),
        ("82041", "Oberhaching"),
        ("85540", "Haar"),
        ("82024", "Taufkirchen"),
        ("85748", "Garching b. München"),
    ],
    "09181": [
        ("86899", "Landsberg am Lech"),
        ("86916", "Kaufering"),
        ("86932", "Pürgen"),
        ("86938", "Schondorf am Ammersee"),
        ("86947", "Weil"),
    ],
    "09190": [
        ("82362", "Weilheim i.OB"),
        ("86956", "Schongau"),
        ("82380", "Peißenberg"),
        ("82377", "Penzberg"),
        ("82396", "Pähl"),
    ],
    "09182": [
        ("83714", "Miesbach"),
        ("83607", "Holzkirchen"),
        ("83684", "Tegernsee"),
        ("83727", "Schliersee"),
        ("83703", "Gmund am Tegernsee"),
    ],
}

SME_WORDS = [
    "Alpen",
    "Isar",
    "Ammer",
    "Lech",
    "Seenland",
    "Oberland",
    "Bergblick",
    "Auen",
    "Loisach",
    "Mangfall",
    "Moos",
    "Kreuzfeld",
    "Sonnen",
    "Hochfeld",
    "Wald",
]
SME_TRADES = [
    ("Metallbau", "C"),
    ("Elektrotechnik", "F"),
    ("Bäckerei", "C"),
    ("Pflegedienst", "Q"),
    ("Hotel", "I"),
    ("Logistik", "H"),
    ("Softwarehaus", "J"),
    ("Zimmerei", "F"),
    ("Autohaus", "G"),
    ("Gärtnerei", "A"),
    ("Steuerkanzlei", "M"),
    ("Reinigungsdienst", "N"),
    ("Brauerei", "C"),
    ("Kunststofftechnik", "C"),
    ("Sanitär und Heizung", "F"),
    ("Gasthof", "I"),
]
FIRST = [
    "Anna",
    "Lukas",
    "Sophie",
    "Jonas",
    "Marie",
    "Felix",
    "Leonie",
    "Elias",
    "Hannah",
    "Yusuf",
    "Elif",
    "Milan",
    "Oksana",
    "Ahmad",
    "Lena",
    "Tobias",
    "Aylin",
    "Paul",
]
LAST = [
    "Huber",
    "Bauer",
    "Wagner",
    "Schmid",
    "Kaya",
    "Novak",
    "Hofmann",
    "Demir",
    "Moser",
    "Koch",
    "Petrenko",
    "Lehner",
    "Yilmaz",
    "Berger",
    "Fischer",
    "Kovač",
    "Brandl",
]


def _contact(organization, rng, function, n):
    first, last = rng.choice(FIRST), rng.choice(LAST)
    email = f"{first}.{last}{n}@demo.example".lower().replace("č", "c")
    Contact.objects.update_or_create(
        organization=organization,
        email=email,
        defaults={
            "first_name": first,
            "last_name": last,
            "function": function,
            "legal_basis": Contact.LegalBasis.LEGITIMATE_INTEREST,
            "legal_basis_date": datetime.date(2026, 3, 1),
        },
    )


@transaction.atomic
def seed() -> str:
    rng = random.Random(20261125)  # fixed seed: the same demo data every time
    project_team = get_user_model().objects.filter(username="projektteam").first()
    fields = list(FieldOfAction.objects.order_by("position"))
    totals = {"organizations": 0, "activities": 0}
    for key, (population, year, change, period, demography, stage) in PROFILES.items():
        district = District.objects.get(official_key=key)
        district.population, district.population_year = population, year
        district.projected_change_percent, district.projection_period = change, period
        district.demography_type, district.stage = demography, stage
        district.figures_are_demo = True
        district.save()
        short = district.name.removeprefix("Landkreis ")
        towns = TOWNS[key]
        postal, town = towns[0]
        partners = [
            (f"Landratsamt {short}", Organization.Kind.DISTRICT_OFFICE, "Fachstelle Integration"),
            (
                f"Wirtschaftsförderung {short}",
                Organization.Kind.ECONOMIC_DEVELOPMENT,
                "Leitung Wirtschaftsförderung",
            ),
            (f"Jobcenter {short}", Organization.Kind.JOBCENTER, "Arbeitgeberservice"),
            (
                f"Bildungswerk {short} e. V.",
                Organization.Kind.EDUCATION_PROVIDER,
                "Fachbereich Sprache",
            ),
        ]
        partners += [
            (f"Gemeinde {t}", Organization.Kind.MUNICIPALITY, "Bürgermeisterin")
            for _, t in towns[1:4]
        ]
        created = {}
        for n, (name, kind, function) in enumerate(partners):
            organization, _ = Organization.objects.update_or_create(
                district=district,
                name=name,
                postal_code=postal,
                defaults={"kind": kind, "city": town, "email": f"info@{kind}-{key}.demo.example"},
            )
            created[kind] = organization
            _contact(organization, rng, function, n)
        sme_count = 20 + (int(key) * 7) % 41  # 20 to 60 KMU per district
        for n in range(sme_count):
            trade, sector = SME_TRADES[n % len(SME_TRADES)]
            word = SME_WORDS[(n * 5 + int(key)) % len(SME_WORDS)]
            postal_code, city = towns[n % len(towns)]
            organization, _ = Organization.objects.update_or_create(
                district=district,
                name=f"{word} {trade} {city.split()[0]}",
                postal_code=postal_code,
                defaults={
                    "kind": Organization.Kind.SME,
                    "city": city,
                    "sector": sector,
                    "size_class": ["1-9", "10-49", "10-49", "50-249"][n % 4],
                    "email": f"kontakt{n}@{key}.demo.example",
                },
            )
            if n % 3 == 0:
                _contact(organization, rng, "Geschäftsführung", 100 + n)
        totals["organizations"] += len(partners) + sme_count

        office = created[Organization.Kind.DISTRICT_OFFICE]
        activities = [
            (
                Activity.Kind.TALK,
                "Auftaktgespräch mit dem Landratsamt",
                "Vorstellung des Projekts; Interesse an einer Bedarfsbefragung der KMU.",
                "Befragung soll im Frühjahr starten.",
                datetime.date(2026, 9, 15),
            ),
            (
                Activity.Kind.CALL,
                "Abstimmung mit der Wirtschaftsförderung",
                "Verteiler der Unternehmen und Zeitplan besprochen.",
                "",
                datetime.date(2026, 10, 20),
            ),
            (
                Activity.Kind.EVENT,
                "Unternehmensfrühstück Fachkräfte international",
                "Kurzvorträge zu Anerkennung und Willkommenskultur, Austausch an Thementischen.",
                "Drei Betriebe wünschen eine Beratung.",
                datetime.date(2026, 11, 5),
            ),
        ]
        for kind, title, summary, outcome, when in activities:
            event = kind == Activity.Kind.EVENT
            activity, _ = Activity.objects.update_or_create(
                district=district,
                title=title,
                defaults={
                    "kind": kind,
                    "date": when,
                    "summary": summary,
                    "outcome": outcome,
                    "follow_up_on": when + datetime.timedelta(days=30),
                    "follow_up_owner": project_team,
                    "created_by": project_team,
                    "place": f"Landratsamt {short}" if event else "",
                    "format": Activity.Format.IN_PERSON if event else "",
                    "participants": 24 if event else None,
                },
            )
            activity.organizations.add(office)
            totals["activities"] += 1
        for n, field in enumerate(rng.sample(fields, 3)):
            Need.objects.update_or_create(
                district=district,
                field_of_action=field,
                organization=None,
                defaults={
                    "description": f"Unterstützung im Handlungsfeld „{field.name}“ "
                    f"für die Betriebe im {district.name}.",
                    "priority": n + 1,
                    "source": Need.Source.TALK,
                },
            )
    return (
        f"{totals['organizations']} Organisationen, {totals['activities']} Aktivitäten "
        "in 4 Landkreisen"
    )
