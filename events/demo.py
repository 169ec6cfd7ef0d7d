"""Demo events: in each demo district one upcoming event with open registration (one of them
nearly full, with a waiting list), one for all of Bavaria, and a past one in Landkreis München
ready to be closed. Everything is invented. Found again by title, so a restart adds nothing."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from catalog.models import FieldOfAction
from districts.models import District, Organization
from events import tokens
from events.models import Event, Registration
from events.services import current_privacy_notice

EVENTS = [
    # AGS (None: all Bavaria), title, days from today, hour, hours, format, city, capacity,
    # field slugs
    (
        "09184",
        "Arbeitgeberfrühstück: Fachkräfte aus dem Ausland gewinnen",
        14,
        8,
        2,
        Event.Format.IN_PERSON,
        "Unterhaching",
        30,
        ["personalgewinnung", "sprache"],
    ),
    (
        "09182",
        "Informationsabend für Kommunen: Willkommen im Landkreis Miesbach",
        21,
        18,
        2,
        Event.Format.HYBRID,
        "Miesbach",
        4,
        ["willkommenskultur"],
    ),
    (
        "09190",
        "Workshop mit MigraNet: Einarbeitung mehrsprachig gestalten",
        28,
        9,
        4,
        Event.Format.IN_PERSON,
        "Weilheim i. OB",
        20,
        ["onboarding"],
    ),
    (
        None,
        "Online-Sprechstunde: Anerkennung ausländischer Abschlüsse",
        10,
        16,
        1,
        Event.Format.ONLINE,
        "",
        None,
        ["anerkennung"],
    ),
    (
        "09184",
        "Runder Tisch Integration in Unternehmen (Rückblick)",
        -3,
        17,
        2,
        Event.Format.IN_PERSON,
        "Haar",
        25,
        ["personalgewinnung", "netzwerke"],
    ),
]

PEOPLE = [
    ("Petra", "Huber", "Huber Metallbau GmbH", "Geschäftsführerin", True),
    ("Ahmet", "Yilmaz", "Bäckerei Yilmaz", "Inhaber", False),
    ("Lena", "Schmid", "Gemeinde Haar", "Integrationsbeauftragte", True),
    ("Jonas", "Berger", "Pflegedienst Sonnenhof", "Personalleitung", False),
]


@transaction.atomic
def seed() -> str:
    if Event.objects.filter(title=EVENTS[0][1]).exists():
        return "vorhanden"
    today = timezone.localdate()
    team = get_user_model().objects.filter(username="projektteam").first()
    fields = {f.slug: f for f in FieldOfAction.objects.all()}
    notice = current_privacy_notice()
    created = 0
    for key, title, days, hour, hours, event_format, city, capacity, slugs in EVENTS:
        start = timezone.make_aware(
            datetime.datetime.combine(today + datetime.timedelta(days=days), datetime.time(hour))
        )
        district = District.objects.filter(official_key=key).first() if key else None
        event = Event.objects.create(
            title=title,
            description=(
                "Wie gewinnen und halten Betriebe und Verwaltungen Fachkräfte aus aller Welt? "
                "Kurze Impulse aus der Praxis, Beispiele aus dem Maßnahmenkatalog und Zeit für "
                "Fragen an die Beratungsstellen des MigraNet-Netzwerks."
            ),
            programme="\n".join(
                [
                    f"{hour:02d}:00 Begrüßung",
                    f"{hour:02d}:15 Impuls aus der Praxis",
                    f"{hour:02d}:45 Austausch an Thementischen",
                    f"{hour + hours - 1:02d}:45 Ausblick und Verabschiedung",
                ]
            ),
            all_bavaria=district is None,
            start_at=start,
            end_at=start + datetime.timedelta(hours=hours),
            format=event_format,
            place_name="Rathaus, großer Sitzungssaal" if city else "",
            street="Rathausplatz 1" if city else "",
            city=city,
            online_url=""
            if event_format == Event.Format.IN_PERSON
            else "https://konferenz.ikoekmu.example/raum-42",
            capacity=capacity,
            target_kinds=[Organization.Kind.SME, Organization.Kind.MUNICIPALITY],
            status=Event.Status.PUBLISHED,
            created_by=team,
        )
        if district is not None:
            event.districts.add(district)
            partners = district.organizations.exclude(kind=Organization.Kind.SME).order_by("name")[
                :2
            ]
            event.partner_organizations.add(*partners)
        event.fields_of_action.add(*[fields[s] for s in slugs if s in fields])
        event.questions.create(label="Essenswünsche (z. B. vegetarisch)", position=1)
        event.questions.create(label="Brauchen Sie Unterstützung für Barrierefreiheit?", position=2)
        people = PEOPLE if capacity is None or capacity >= len(PEOPLE) else PEOPLE[: capacity + 1]
        for index, (first, last, organization, function, consent) in enumerate(people):
            salt = tokens.new_salt()
            waiting = capacity is not None and index >= capacity
            status = Registration.Status.WAITLISTED if waiting else Registration.Status.REGISTERED
            if days < 0 and not waiting:
                status = (
                    Registration.Status.ATTENDED if index % 3 else Registration.Status.REGISTERED
                )
            now = timezone.now()
            Registration.objects.create(
                event=event,
                status=status,
                first_name=first,
                last_name=last,
                organization_name=organization,
                function=function,
                email=f"{first.lower()}.{last.lower()}@demo.ikoekmu.example",
                privacy_notice=notice,
                privacy_consent_at=now,
                contact_consent_at=now if consent else None,
                checked_in_at=now if status == Registration.Status.ATTENDED else None,
                token_salt=salt,
                token_hash=tokens.lookup_hash(tokens.registration_token(salt)),
            )
        created += 1
    return f"{created} Veranstaltungen"
