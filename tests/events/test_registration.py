"""Visitors register without an account, get their mail with the .ics and a personal link, wait
when it is full and move up when someone cancels."""

import datetime
import re

from django.db import IntegrityError, transaction
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone

from events import services
from events.models import Event, Mail, Registration
from tests.factories import DistrictFactory, event_for, registration_for
from tests.surveys.smtp import SmtpServer, run_tasks

FORM = {
    "first_name": "Petra",
    "last_name": "Huber",
    "organization_name": "Huber Metallbau GmbH",
    "function": "Geschäftsführerin",
    "email": "petra.huber@example.org",
    "phone": "",
    "privacy_consent": "on",
}


def personal_link_in(message) -> str:
    body = message.get_body(preferencelist=("plain",)).get_content()
    return re.search(r"http://\S+/veranstaltungen/anmeldung/\S+/", body).group(0)


class RegistrationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.district = DistrictFactory(name="Landkreis Miesbach", official_key="09182")
        cls.event = event_for([cls.district], capacity=1)
        cls.event.questions.create(label="Essenswünsche", required=True)

    def setUp(self):
        self.smtp = SmtpServer()
        self.smtp.__enter__()
        self.addCleanup(self.smtp.__exit__)
        mailers = override_settings(MAILERS=self.smtp.mailers)
        mailers.enable()
        self.addCleanup(mailers.disable)

    def register(self, **changes):
        question = self.event.questions.get()
        data = {**FORM, f"question_{question.pk}": "vegetarisch", **changes}
        return self.client.post(reverse("events:detail", args=[self.event.pk]), data)

    def test_a_visitor_registers_and_gets_the_confirmation_with_the_ics_and_personal_link(self):
        response = self.register()
        registration = Registration.objects.get()
        self.assertEqual(registration.status, Registration.Status.REGISTERED)
        self.assertEqual(registration.answers, {"Essenswünsche": "vegetarisch"})
        self.assertEqual(registration.privacy_notice.version, "2026-12")
        self.assertIsNone(registration.contact_consent_at)
        self.assertRedirects(response, response["Location"])
        run_tasks()
        [message] = self.smtp.to("petra.huber@example.org")
        self.assertIn("Anmeldebestätigung", message["Subject"])
        [attachment] = list(message.iter_attachments())
        self.assertEqual(attachment.get_filename(), "termin.ics")
        ics = attachment.get_payload(decode=True)
        self.assertIn(b"BEGIN:VEVENT\r\n", ics)
        self.assertIn(f"UID:event-{self.event.pk}@".encode(), ics)
        link = personal_link_in(message)
        # Only the hash of the link is stored.
        self.assertNotIn(link.rstrip("/").rsplit("/", 1)[1], registration.token_hash)
        page = self.client.get(link.removeprefix("http://127.0.0.1:8000"))
        self.assertContains(page, "angemeldet")
        self.assertContains(page, "vegetarisch")

    def test_a_missing_consent_or_answer_is_named_next_to_the_field_and_the_input_stays(self):
        response = self.register(privacy_consent="", email="kaputt")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Ohne Ihre Zustimmung", status_code=400)
        self.assertContains(response, 'value="Huber Metallbau GmbH"', status_code=400)
        self.assertFalse(Registration.objects.exists())

    def test_the_second_registrant_waits_and_moves_up_when_the_first_cancels(self):
        self.register()
        self.register(email="zweite@example.org", first_name="Zoe")
        first, second = Registration.objects.order_by("pk")
        self.assertEqual(second.status, Registration.Status.WAITLISTED)
        run_tasks()
        [waiting] = self.smtp.to("zweite@example.org")
        self.assertIn("Warteliste", waiting["Subject"])
        self.assertEqual(list(waiting.iter_attachments()), [])
        link = personal_link_in(self.smtp.to("petra.huber@example.org")[0])
        self.client.post(link.removeprefix("http://127.0.0.1:8000"))
        first.refresh_from_db()
        second.refresh_from_db()
        self.assertEqual(first.status, Registration.Status.CANCELLED)
        self.assertEqual(second.status, Registration.Status.REGISTERED)
        run_tasks()
        moved = self.smtp.to("zweite@example.org")[-1]
        self.assertIn("nachgerückt", moved["Subject"])
        self.assertEqual([a.get_filename() for a in moved.iter_attachments()], ["termin.ics"])

    def test_a_second_registration_from_the_same_address_is_recognised(self):
        self.register()
        response = self.register(email="PETRA.HUBER@example.org", first_name="P.")
        self.assertRedirects(response, reverse("events:detail", args=[self.event.pk]))
        self.assertEqual(Registration.objects.count(), 1)
        run_tasks()
        subjects = [m["Subject"] for m in self.smtp.to("petra.huber@example.org")]
        self.assertEqual(len(subjects), 2)
        self.assertTrue(subjects[1].startswith("Ihre Anmeldung"))

    def test_the_database_refuses_two_active_registrations_of_one_address(self):
        registration, _token = registration_for(self.event)
        with self.assertRaises(IntegrityError), transaction.atomic():
            Registration.objects.create(
                **{
                    f.name: getattr(registration, f.name)
                    for f in Registration._meta.concrete_fields
                    if f.name not in ("id", "token_hash")
                },
                token_hash="x" * 64,
            )

    def test_registration_closes_at_the_deadline(self):
        Event.objects.filter(pk=self.event.pk).update(
            registration_deadline=timezone.now() - datetime.timedelta(minutes=1)
        )
        response = self.register()
        self.assertEqual(Registration.objects.count(), 0)
        self.assertRedirects(response, reverse("events:detail", args=[self.event.pk]))

    def test_cancelling_the_event_tells_everyone_registered_or_waiting(self):
        registration_for(self.event, email="a@example.org")
        registration_for(self.event, email="b@example.org")
        run_tasks()
        told = services.event_cancel(event=self.event)
        self.assertEqual(told, 2)
        run_tasks()
        for address in ("a@example.org", "b@example.org"):
            self.assertIn("Abgesagt", self.smtp.to(address)[-1]["Subject"])
        # Cancelling twice sends nothing more.
        services.event_cancel(event=self.event)
        run_tasks()
        self.assertEqual(len(self.smtp.to("a@example.org")), 2)

    def test_the_reminder_goes_out_the_day_before_once(self):
        soon = event_for([self.district], days=0, title="Heute Abend")
        Event.objects.filter(pk=soon.pk).update(
            start_at=timezone.now() + datetime.timedelta(hours=2),
            end_at=timezone.now() + datetime.timedelta(hours=4),
        )
        registration_for(soon, email="morgen@example.org")
        registration_for(self.event, email="spaeter@example.org")
        self.assertEqual(services.event_reminders_queue(event_id=soon.pk), 1)
        self.assertEqual(services.event_reminders_queue(event_id=soon.pk), 1)  # queued again …
        self.assertEqual(services.event_reminders_queue(event_id=self.event.pk), 0)  # too early
        run_tasks()
        reminders = [m for m in self.smtp.to("morgen@example.org") if "Erinnerung" in m["Subject"]]
        self.assertEqual(len(reminders), 1)  # … but sent once
        self.assertEqual(Mail.objects.filter(kind=Mail.Kind.REMINDER).count(), 1)
        self.assertEqual(self.smtp.to("spaeter@example.org")[0]["Subject"][:4], "Anme")


class WorkerRestartTests(TestCase):
    def test_mail_left_by_a_stopped_worker_goes_out_after_the_restart(self):
        from django_tasks_db.models import DBTaskResult

        from ikokmu.worker import recover_all

        event = event_for([DistrictFactory()])
        registration_for(event, email="verloren@example.org")
        # The worker died with the task: it is marked as running and never finishes.
        DBTaskResult.objects.update(status="RUNNING")
        self.assertGreaterEqual(recover_all(), 1)
        with SmtpServer() as smtp, override_settings(MAILERS=smtp.mailers):
            run_tasks()
            run_tasks()
        self.assertEqual(len(smtp.to("verloren@example.org")), 1)


class CapacityTests(TestCase):
    def test_more_places_move_the_waiting_list_up_in_order(self):
        from events.forms import EventForm
        from ikokmu.roles import Role
        from tests.factories import user_with_role

        district = DistrictFactory()
        event = event_for([district], capacity=1)
        registration_for(event, email="a@example.org")
        second, _ = registration_for(event, email="b@example.org")
        third, _ = registration_for(event, email="c@example.org")
        team = user_with_role(Role.PROJECT_TEAM)
        self.client.force_login(team)
        form = EventForm(
            instance=event, districts=district.__class__.objects.all(), project_team=True
        )
        data = {
            name: field.value()
            for name, field in ((n, form[n]) for n in form.fields)
            if field.value() not in (None, False)
        }
        data.update(
            capacity="2",
            districts=[district.pk],
            start_at=timezone.localtime(event.start_at).strftime("%Y-%m-%dT%H:%M"),
            end_at=timezone.localtime(event.end_at).strftime("%Y-%m-%dT%H:%M"),
            **{"fragen-TOTAL_FORMS": "0", "fragen-INITIAL_FORMS": "0"},
        )
        data.pop("registration_deadline", None)
        response = self.client.post(reverse("events:edit", args=[event.pk]), data)
        self.assertEqual(
            response.status_code,
            302,
            getattr(response, "context", None) and response.context["form"].errors,
        )
        second.refresh_from_db()
        third.refresh_from_db()
        self.assertEqual(second.status, Registration.Status.REGISTERED)
        self.assertEqual(third.status, Registration.Status.WAITLISTED)
        self.assertTrue(Mail.objects.filter(registration=second, kind=Mail.Kind.MOVED_UP).exists())
