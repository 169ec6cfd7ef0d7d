"""District staff and the project team plan events, run the participant list on the day and
turn the attendance into the district's records."""

import csv
import datetime
import io
import shutil
import subprocess

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from catalog.models import FieldOfAction
from districts.models import Activity, Contact, Organization
from districts.services import contact_erase, contact_personal_data
from events import ical, services
from events.models import Event, Registration
from ikokmu.roles import Role
from tests.factories import (
    ContactFactory,
    DistrictFactory,
    OrganizationFactory,
    event_for,
    registration_for,
    user_with_role,
)


def event_form(district, **changes):
    start = timezone.localtime() + datetime.timedelta(days=10)
    data = {
        "title": "Informationsabend Willkommenskultur",
        "description": "Wie Kommunen neue Fachkräfte willkommen heißen.",
        "programme": "18:00 Begrüßung\n18:15 Impuls",
        "districts": [district.pk],
        "start_at": start.strftime("%Y-%m-%dT18:00"),
        "end_at": start.strftime("%Y-%m-%dT20:00"),
        "format": "in_person",
        "place_name": "Rathaus",
        "street": "Rathausplatz 1",
        "postal_code": "83714",
        "city": "Miesbach",
        "online_url": "",
        "capacity": "30",
        "registration_deadline": "",
        "organized_by_project_team": "on",
        "fragen-TOTAL_FORMS": "1",
        "fragen-INITIAL_FORMS": "0",
        "fragen-MIN_NUM_FORMS": "0",
        "fragen-MAX_NUM_FORMS": "20",
        "fragen-0-label": "Brauchen Sie eine Übersetzung?",
        "fragen-0-position": "1",
    }
    data.update(changes)
    return data


class PlanningTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.miesbach = DistrictFactory(name="Landkreis Miesbach", official_key="09182")
        cls.munich = DistrictFactory(name="Landkreis München", official_key="09184")
        cls.staff = user_with_role(Role.DISTRICT_STAFF, districts=[cls.miesbach])
        cls.team = user_with_role(Role.PROJECT_TEAM)

    def test_district_staff_create_an_event_for_their_district_and_history_is_kept(self):
        self.client.force_login(self.staff)
        response = self.client.post(reverse("events:create"), event_form(self.miesbach))
        event = Event.objects.get()
        self.assertRedirects(response, reverse("events:manage", args=[event.pk]))
        self.assertEqual(event.status, Event.Status.DRAFT)
        self.assertEqual(list(event.districts.all()), [self.miesbach])
        self.assertEqual(event.questions.get().label, "Brauchen Sie eine Übersetzung?")
        self.assertEqual(timezone.localtime(event.start_at).hour, 18)
        self.client.post(
            reverse("events:edit", args=[event.pk]),
            event_form(
                self.miesbach, title="Informationsabend (neu)", **{"fragen-TOTAL_FORMS": "0"}
            ),
        )
        titles = list(event.history.order_by("history_date").values_list("title", flat=True))
        self.assertEqual(titles[-1], "Informationsabend (neu)")
        self.assertEqual(event.history.earliest().history_user, self.staff)
        self.assertEqual(event.history.earliest().title, "Informationsabend Willkommenskultur")

    def test_district_staff_cannot_announce_for_another_district_or_all_bavaria(self):
        self.client.force_login(self.staff)
        response = self.client.post(
            reverse("events:create"), event_form(self.munich, all_bavaria="on")
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "keine gültige Auswahl", status_code=400)
        self.assertFalse(Event.objects.exists())
        other = event_for([self.munich])
        self.assertEqual(self.client.get(reverse("events:edit", args=[other.pk])).status_code, 404)

    def test_staff_of_one_district_keep_the_other_districts_of_a_shared_event(self):
        shared = event_for([self.miesbach, self.munich], title="Gemeinsam")
        self.client.force_login(self.staff)
        data = event_form(self.miesbach, title="Gemeinsam (neu)")
        data["districts"] = [self.miesbach.pk, self.munich.pk]
        response = self.client.post(reverse("events:edit", args=[shared.pk]), data)
        self.assertRedirects(response, reverse("events:manage", args=[shared.pk]))
        self.assertEqual(set(shared.districts.all()), {self.miesbach, self.munich})

    def test_bad_input_is_named_next_to_the_field(self):
        self.client.force_login(self.team)
        data = event_form(self.miesbach, format="hybrid", online_url="")
        data["end_at"] = data["start_at"].replace("T18:00", "T17:00")
        response = self.client.post(reverse("events:create"), data)
        self.assertContains(response, "Das Ende muss nach dem Beginn liegen.", status_code=400)
        self.assertContains(response, "Link zur Online-Teilnahme", status_code=400)
        self.assertContains(
            response, 'value="Informationsabend Willkommenskultur"', status_code=400
        )

    def test_the_project_team_announces_an_event_for_all_bavaria(self):
        self.client.force_login(self.team)
        data = event_form(self.miesbach, all_bavaria="on", format="online")
        data.update(districts=[], city="", online_url="https://konferenz.example/raum")
        self.client.post(reverse("events:create"), data)
        event = Event.objects.get()
        self.assertTrue(event.all_bavaria)
        services.event_publish(event=event)
        calendar = self.client.get(reverse("events:calendar"), {"district": self.munich.pk})
        self.assertContains(calendar, "Informationsabend Willkommenskultur")

    def test_the_database_holds_the_rules(self):
        start = timezone.now()
        cases = [
            {"end_at": start},
            {"format": "online", "online_url": ""},
            {"format": "in_person", "city": ""},
            {"capacity": 0},
            {"status": "irgendwas"},
            {"target_kinds": ["sme", "raumschiff"]},
            {"registration_deadline": start + datetime.timedelta(days=3)},
        ]
        for change in cases:
            with (
                self.subTest(change=change),
                self.assertRaises(IntegrityError),
                transaction.atomic(),
            ):
                Event.objects.create(
                    **{
                        "title": "X",
                        "description": "Y",
                        "start_at": start,
                        "end_at": start + datetime.timedelta(hours=1),
                        "format": "in_person",
                        "city": "Miesbach",
                        **change,
                    }
                )


class CalendarTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.miesbach = DistrictFactory(name="Landkreis Miesbach", official_key="09182")
        cls.munich = DistrictFactory(name="Landkreis München", official_key="09184")
        cls.language = FieldOfAction.objects.get_or_create(
            slug="sprache", defaults={"name": "Sprache und Kommunikation", "position": 3}
        )[0]
        cls.breakfast = event_for([cls.munich], title="Frühstück München", days=3)
        cls.breakfast.fields_of_action.add(cls.language)
        cls.online = event_for(
            [cls.miesbach],
            title="Sprechstunde online",
            format="online",
            city="",
            online_url="https://konferenz.example/geheim",
        )
        event_for([cls.miesbach], title="Entwurf Miesbach", status="draft")
        event_for([cls.miesbach], title="Vorbei", days=-5)

    def test_the_calendar_shows_upcoming_published_events_and_filters(self):
        page = self.client.get(reverse("events:calendar"))
        self.assertContains(page, "Frühstück München")
        self.assertContains(page, "Sprechstunde online")
        self.assertNotContains(page, "Entwurf Miesbach")
        self.assertNotContains(page, "Vorbei")
        by_district = self.client.get(reverse("events:calendar"), {"district": self.miesbach.pk})
        self.assertNotContains(by_district, "Frühstück München")
        by_format = self.client.get(reverse("events:calendar"), {"format": "online"})
        self.assertNotContains(by_format, "Frühstück München")
        by_field = self.client.get(reverse("events:calendar"), {"field": "sprache"})
        self.assertContains(by_field, "Frühstück München")
        self.assertNotContains(by_field, "Sprechstunde online")
        nonsense = self.client.get(reverse("events:calendar"), {"district": "²", "page": "x"})
        self.assertEqual(nonsense.status_code, 200)

    def test_the_calendar_runs_the_same_queries_for_few_and_many_events(self):
        self.client.get(reverse("events:calendar"))  # warm caches (content types, sessions)
        with self.assertNumQueries(6) as few:
            self.client.get(reverse("events:calendar"))
        for n in range(15):
            event = event_for([self.munich, self.miesbach], title=f"Mehr {n}", days=2 + n)
            event.fields_of_action.add(self.language)
        with self.assertNumQueries(len(few.captured_queries)):
            self.client.get(reverse("events:calendar"))

    def test_drafts_have_no_public_page(self):
        draft = Event.objects.get(title="Entwurf Miesbach")
        self.assertEqual(
            self.client.get(reverse("events:detail", args=[draft.pk])).status_code, 404
        )
        self.assertEqual(
            self.client.get(reverse("events:event_ics", args=[draft.pk])).status_code, 404
        )

    def test_the_ics_file_is_valid_icalendar(self):
        Event.objects.filter(pk=self.breakfast.pk).update(
            title="Frühstück; mit Kommas, Umlauten und einem sehr langen Titel, der gefaltet "
            "werden muss, weil er länger als fünfundsiebzig Oktette ist"
        )
        response = self.client.get(reverse("events:event_ics", args=[self.breakfast.pk]))
        self.assertEqual(response["Content-Type"], "text/calendar; charset=utf-8")
        body = response.content
        self.assertTrue(body.endswith(b"END:VCALENDAR\r\n"))
        lines = body.split(b"\r\n")
        self.assertNotIn(b"\n", b"".join(lines))  # every line ends in CRLF
        self.assertTrue(all(len(line) <= 75 for line in lines))
        unfolded = body.replace(b"\r\n ", b"").decode()
        self.assertIn("SUMMARY:Frühstück\\; mit Kommas\\, Umlauten", unfolded)
        self.assertIn(f"UID:event-{self.breakfast.pk}@127.0.0.1", unfolded)
        self.assertRegex(unfolded, r"DTSTAMP:\d{8}T\d{6}Z\r\n")
        start = self.breakfast.start_at.astimezone(datetime.UTC)
        self.assertIn(f"DTSTART:{start:%Y%m%dT%H%M%S}Z", unfolded)
        self.assertIn(
            "DESCRIPTION:Impulse und Austausch\\n\\nProgramm:\\n08:00 Begrüßung", unfolded
        )

    def test_folding_never_splits_a_character(self):
        line = "SUMMARY:" + "ä" * 100
        folded = ical.fold(line)
        parts = folded.encode().split(b"\r\n")
        self.assertTrue(all(len(p) <= 75 for p in parts))
        self.assertEqual(folded.replace("\r\n ", ""), line)

    def test_the_district_feed_holds_its_events_and_not_the_online_link(self):
        response = self.client.get(reverse("events:district_feed", args=[self.miesbach.pk]))
        body = response.content.replace(b"\r\n ", b"").decode()
        self.assertIn("Sprechstunde online", body)
        self.assertNotIn("Frühstück München", body)
        self.assertNotIn("konferenz.example/geheim", body)
        self.assertEqual(body.count("BEGIN:VEVENT"), 1)

    def test_the_district_page_and_wer_hilft_uns_show_upcoming_events(self):
        team = user_with_role(Role.PROJECT_TEAM)
        self.client.force_login(team)
        page = self.client.get(reverse("districts:detail", args=[self.munich.pk]))
        self.assertContains(page, "Frühstück München")
        self.assertNotContains(page, "Sprechstunde online")
        start = self.client.get(reverse("dashboard"))
        self.assertContains(start, "Frühstück München")
        self.assertContains(start, "Entwurf Miesbach")  # organisers see their drafts coming
        self.client.logout()
        match = self.client.get(
            reverse("catalog:match"), {"kind": "sme", "district": self.miesbach.pk}
        )
        self.assertContains(match, "Sprechstunde online")
        home = self.client.get(reverse("home"))
        self.assertContains(home, "Frühstück München")


class ParticipantTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.district = DistrictFactory(name="Landkreis Miesbach", official_key="09182")
        cls.other = DistrictFactory(name="Landkreis Anderswo", official_key="09188")
        cls.staff = user_with_role(Role.DISTRICT_STAFF, districts=[cls.district])
        cls.known = OrganizationFactory(district=cls.district, name="Huber Metallbau GmbH")
        cls.event = event_for([cls.district], capacity=10, days=5)
        cls.petra, _ = registration_for(
            cls.event,
            email="petra@example.org",
            first_name="Petra",
            last_name="Huber",
            organization_name="huber metallbau gmbh",
            contact_consent=True,
        )
        cls.hacker, _ = registration_for(
            cls.event,
            email="formel@example.org",
            first_name='=HYPERLINK("http://x")',
            last_name="Neu",
            organization_name="Neue Bäckerei KG",
            contact_consent=True,
        )
        cls.quiet, _ = registration_for(
            cls.event, email="still@example.org", organization_name="Neue Bäckerei KG"
        )

    def setUp(self):
        self.client.force_login(self.staff)

    def test_the_participant_list_runs_the_same_queries_for_few_and_many(self):
        url = reverse("events:manage", args=[self.event.pk])
        self.client.get(url)
        with self.assertNumQueries(9) as few:
            self.client.get(url)
        for n in range(20):
            registration_for(self.event, email=f"p{n}@example.org")
        with self.assertNumQueries(len(few.captured_queries)):
            response = self.client.get(url)
        self.assertContains(response, "p19@example.org")

    def test_staff_check_in_a_participant_from_the_phone_page(self):
        url = reverse("events:check_in", args=[self.event.pk])
        page = self.client.get(url, {"q": "huber"})
        self.assertContains(page, "Petra Huber")
        self.assertNotContains(page, "still@example.org")
        response = self.client.post(
            reverse("events:registration_status", args=[self.petra.pk]),
            {"status": "attended", "next": "check_in", "q": "huber"},
        )
        self.assertRedirects(response, f"{url}?q=huber")
        self.petra.refresh_from_db()
        self.assertEqual(self.petra.status, Registration.Status.ATTENDED)
        self.assertIsNotNone(self.petra.checked_in_at)

    def test_staff_of_another_district_cannot_change_a_status(self):
        outsider = user_with_role(Role.DISTRICT_STAFF, districts=[self.other])
        self.client.force_login(outsider)
        response = self.client.post(
            reverse("events:registration_status", args=[self.petra.pk]), {"status": "attended"}
        )
        self.assertEqual(response.status_code, 404)

    def test_the_exports_keep_registrants_texts_as_text(self):
        url = reverse("events:export", args=[self.event.pk])
        content = self.client.get(url, {"format": "csv"}).content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(content), delimiter=";"))
        self.assertEqual(rows[0][:3], ["Nachname", "Vorname", "Organisation"])
        self.assertIn('\'=HYPERLINK("http://x")', [row[1] for row in rows])
        workbook = load_workbook(io.BytesIO(self.client.get(url, {"format": "xlsx"}).content))
        cells = [c.value for row in workbook.active.iter_rows() for c in row]
        self.assertIn('=HYPERLINK("http://x")', cells)
        self.assertTrue(all(c.data_type != "f" for row in workbook.active.iter_rows() for c in row))

    @pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
    def test_the_sign_in_sheet_lists_the_participants_with_a_signature_column(self):
        response = self.client.get(reverse("events:sign_in_sheet", args=[self.event.pk]))
        self.assertEqual(response["Content-Type"], "application/pdf")
        text = subprocess.run(
            ["pdftotext", "-layout", "-", "-"],
            input=response.content,
            capture_output=True,
            check=True,
        ).stdout.decode()
        self.assertIn("Unterschrift", text)
        self.assertIn("Huber, Petra", text)
        self.assertIn("Neue Bäckerei KG", text)

    def test_closing_turns_attendance_into_the_districts_records(self):
        services.registration_set_status(registration=self.petra, status="attended")
        services.registration_set_status(registration=self.hacker, status="attended")
        Event.objects.filter(pk=self.event.pk).update(
            start_at=timezone.now() - datetime.timedelta(hours=3),
            end_at=timezone.now() - datetime.timedelta(hours=1),
        )
        url = reverse("events:close", args=[self.event.pk])
        page = self.client.get(url)
        self.assertContains(page, "„Neue Bäckerei KG“ als Organisation anlegen")
        self.assertNotContains(page, "„huber metallbau gmbh“ als Organisation")
        follow_up = timezone.localdate() + datetime.timedelta(days=7)
        response = self.client.post(
            url,
            {
                "create_0": "on",
                "kind_0": "sme",
                "district_0": self.district.pk,
                "follow_up_for": ["Huber Metallbau GmbH", "Neue Bäckerei KG"],
                "follow_up_on": follow_up.isoformat(),
            },
        )
        self.assertRedirects(response, reverse("events:manage", args=[self.event.pk]))
        self.event.refresh_from_db()
        self.assertEqual(self.event.status, Event.Status.COMPLETED)
        activity = Activity.objects.get(district=self.district, participants__isnull=False)
        self.assertEqual(activity.kind, Activity.Kind.EVENT)
        self.assertEqual(activity.participants, 2)
        bakery = Organization.objects.get(name="Neue Bäckerei KG")
        self.assertEqual(set(activity.organizations.all()), {self.known, bakery})
        contact = Contact.objects.get(email="petra@example.org")
        self.assertEqual(contact.organization, self.known)
        self.assertEqual(contact.legal_basis, Contact.LegalBasis.CONSENT)
        self.assertIn("Version 2026-12", contact.legal_basis_note)
        self.assertTrue(Contact.objects.filter(email="formel@example.org").exists())
        self.assertFalse(Contact.objects.filter(email="still@example.org").exists())
        self.quiet.refresh_from_db()
        self.assertEqual(self.quiet.status, Registration.Status.NO_SHOW)
        follow_ups = Activity.objects.filter(follow_up_on=follow_up)
        self.assertEqual(
            {o.name for a in follow_ups for o in a.organizations.all()},
            {"Huber Metallbau GmbH", "Neue Bäckerei KG"},
        )
        district_page = self.client.get(reverse("districts:detail", args=[self.district.pk]))
        self.assertContains(district_page, "2 Teilnehmende")

    def test_closing_waits_for_the_event_to_begin(self):
        response = self.client.get(reverse("events:close", args=[self.event.pk]))
        self.assertRedirects(response, reverse("events:manage", args=[self.event.pk]))


class DataProtectionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.district = DistrictFactory(name="Landkreis Miesbach", official_key="09182")
        cls.event = event_for([cls.district], days=5)

    def test_registrations_without_consent_are_deleted_after_the_retention_period(self):
        kept, _ = registration_for(self.event, email="ja@example.org", contact_consent=True)
        gone, _ = registration_for(self.event, email="nein@example.org")
        end = timezone.localtime(self.event.end_at).date()
        call_command("purge_event_registrations", today=end + datetime.timedelta(days=90))
        self.assertTrue(Registration.objects.filter(pk=gone.pk).exists())  # day 90: not yet
        with self.settings(EVENT_REGISTRATION_RETENTION_DAYS=90):
            call_command(
                "purge_event_registrations", "--heute", str(end + datetime.timedelta(days=91))
            )
        self.assertFalse(Registration.objects.filter(pk=gone.pk).exists())
        self.assertTrue(Registration.objects.filter(pk=kept.pk).exists())

    def test_art_15_and_17_of_a_contact_cover_their_registrations(self):
        contact = ContactFactory(
            organization=OrganizationFactory(district=self.district), email="petra@example.org"
        )
        registration_for(self.event, email="Petra@Example.org")
        registration_for(self.event, email="andere@example.org")
        data = contact_personal_data(contact=contact)
        [entry] = data["event_registrations"]
        self.assertEqual(entry["email"], "Petra@Example.org")
        self.assertEqual(entry["privacy_notice_version"], "2026-12")
        contact_erase(contact=contact)
        self.assertEqual(
            list(Registration.objects.values_list("email", flat=True)), ["andere@example.org"]
        )


class RegistrantRequestTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.district = DistrictFactory(name="Landkreis Miesbach", official_key="09182")
        cls.team = user_with_role(Role.PROJECT_TEAM)
        cls.event = event_for([cls.district], capacity=1)

    def test_the_project_team_exports_and_erases_one_registration(self):
        first, _ = registration_for(self.event, email="erste@example.org", contact_consent=True)
        waiting, _ = registration_for(self.event, email="zweite@example.org")
        self.client.force_login(self.team)
        data = self.client.get(reverse("events:registration_data", args=[first.pk])).json()
        self.assertEqual(data["email"], "erste@example.org")
        self.assertIn("spätere", data["contact_consent_text"] + data["privacy_notice_text"])
        self.assertEqual(data["mails"][0]["kind"], "Anmeldebestätigung")
        self.client.post(reverse("events:registration_erase", args=[first.pk]))
        self.assertFalse(Registration.objects.filter(pk=first.pk).exists())
        waiting.refresh_from_db()
        self.assertEqual(waiting.status, Registration.Status.REGISTERED)
