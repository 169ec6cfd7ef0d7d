"""An adviser is guided through a case: the stepper and its checklist, closing with a
confirmation, a read-only closed case that only the project team reopens, the organisation and
starting-point fields, and the details of the case's PDFs and forms."""

import datetime
import re

from django.contrib.messages import get_messages
from django.test import TestCase
from django.urls import reverse

from catalog.models import FieldOfAction
from consulting import queries, services
from consulting.charts import needs_profile_svg
from consulting.models import (
    Agreement,
    CaseReport,
    Goal,
    NeedsRating,
    NextStep,
    Phase,
    PhaseChange,
    Recommendation,
    Session,
    SteeringGroupMember,
)
from ikokmu.models import AuditEvent
from ikokmu.roles import Role
from tests.catalog.factories import MeasureFactory
from tests.consulting.test_cases import open_case, pdf_text
from tests.factories import (
    ActivityFactory,
    ContactFactory,
    DistrictFactory,
    OrganizationFactory,
    user_with_role,
)


def assess(case, field, current=2, importance=5):
    services.needs_assessment_save(
        case=case,
        assessed_on=datetime.date(2026, 3, 16),
        participants="",
        findings="",
        ratings={field: (current, importance)},
    )


def walk_to_implementation(case, user, field):
    services.case_change_phase(case=case, target=Phase.NEEDS_ANALYSIS, user=user)
    assess(case, field)
    services.case_change_phase(case=case, target=Phase.GOAL_AGREEMENT, user=user)
    goal = Goal.objects.create(case=case, field_of_action=field, text="Patenschaften", progress=40)
    agreement = Agreement.objects.create(
        case=case,
        signed_on=datetime.date(2026, 4, 1),
        signed_for_organization="Anna Berger, Inhaberin",
        signed_for_project="Miriam Hofstetter",
    )
    agreement.goals.set([goal])
    services.case_change_phase(case=case, target=Phase.IMPLEMENTATION, user=user)
    session = Session.objects.create(
        case=case, date=datetime.date(2026, 5, 2), kind="workshop", duration_hours=3
    )
    NextStep.objects.create(
        case=case,
        session=session,
        description="Patenplan schreiben",
        owner="Personalleitung",
        due_on=datetime.date(2026, 5, 20),
    )
    case.refresh_from_db()
    return case


class CaseProgressTests(TestCase):
    """queries.case_progress, the function behind the stepper."""

    @classmethod
    def setUpTestData(cls):
        cls.adviser = user_with_role(Role.PROJECT_TEAM, username="beraterin")
        cls.field = FieldOfAction.objects.get(slug="onboarding")

    def setUp(self):
        self.case = open_case(self.adviser, OrganizationFactory(name="Alpen Metallbau"))

    def stages(self):
        return {s["key"]: s for s in queries.case_progress(self.case)["stages"]}

    def test_a_new_case_has_no_stage_done_and_the_needs_analysis_is_current(self):
        stages = self.stages()
        self.assertEqual(
            list(stages),
            [
                "needs",
                "goals",
                "agreement",
                "steering",
                "sessions",
                "final_report",
                "certificate",
            ],
        )
        self.assertFalse(any(s["done"] for s in stages.values()))
        self.assertTrue(stages["needs"].get("current"))
        self.assertEqual(
            stages["needs"]["url"], reverse("consulting:needs_assessment", args=[self.case.pk])
        )
        progress = queries.case_progress(self.case)
        self.assertEqual(
            (progress["next_phase"], progress["checklist"]), (Phase.NEEDS_ANALYSIS, [])
        )
        self.assertTrue(progress["ready"])

    def test_the_checklist_names_what_the_next_phase_lacks_with_the_form_that_fills_it(self):
        self.case = services.case_change_phase(
            case=self.case, target=Phase.NEEDS_ANALYSIS, user=self.adviser
        )
        progress = queries.case_progress(self.case)
        self.assertEqual(progress["next_phase"], Phase.GOAL_AGREEMENT)
        self.assertEqual(
            [(i["done"], i["url"]) for i in progress["checklist"]],
            [(False, reverse("consulting:needs_assessment", args=[self.case.pk]))],
        )
        self.assertFalse(progress["ready"])
        assess(self.case, self.field)
        progress = queries.case_progress(self.case)
        self.assertTrue(progress["ready"])
        self.assertTrue(self.stages()["needs"]["done"])
        self.assertTrue(self.stages()["goals"].get("current"))

    def test_before_closing_the_final_report_is_required_and_open_work_is_named(self):
        self.case = walk_to_implementation(self.case, self.adviser, self.field)
        progress = queries.case_progress(self.case)
        self.assertEqual(progress["next_phase"], Phase.CLOSING)
        self.assertEqual(
            [(i["done"], i["url"]) for i in progress["checklist"]],
            [(False, reverse("consulting:final_report", args=[self.case.pk]))],
        )
        self.assertEqual(
            progress["warnings"],
            ["1 nächster Schritt ist noch offen.", "1 Ziel steht unter 100 %."],
        )
        stages = self.stages()
        self.assertEqual(
            [k for k, s in stages.items() if s["done"]], ["needs", "goals", "agreement", "sessions"]
        )
        self.assertTrue(stages["steering"].get("current"))

    def test_a_closed_case_shows_every_stage_without_edit_links_but_the_certificate(self):
        self.case = walk_to_implementation(self.case, self.adviser, self.field)
        self.case.final_report_text = "Gut gelaufen."
        self.case.save()
        self.case = services.case_change_phase(
            case=self.case, target=Phase.CLOSING, user=self.adviser
        )
        stages = self.stages()
        self.assertEqual([k for k, s in stages.items() if s["url"]], ["certificate"])
        self.assertTrue(stages["certificate"]["done"])


class StepperPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.adviser = user_with_role(Role.PROJECT_TEAM, username="beraterin")
        cls.field = FieldOfAction.objects.get(slug="onboarding")

    def setUp(self):
        self.case = walk_to_implementation(
            open_case(self.adviser, OrganizationFactory(name="Alpen Metallbau")),
            self.adviser,
            self.field,
        )
        self.client.force_login(self.adviser)
        self.page = reverse("consulting:case_detail", args=[self.case.pk])

    def test_the_case_page_shows_the_stepper_and_links_the_missing_final_report(self):
        response = self.client.get(self.page)
        self.assertContains(response, 'class="case-stepper"')
        self.assertContains(response, 'aria-current="step"', count=1)
        self.assertContains(response, "Nächste Phase: Abschluss")
        final_report = reverse("consulting:final_report", args=[self.case.pk])
        self.assertContains(response, f'<a href="{final_report}">Text des Abschlussberichts</a>')
        self.assertContains(response, "1 nächster Schritt ist noch offen.")
        self.assertNotContains(response, reverse("consulting:case_close", args=[self.case.pk]))

    def test_the_final_report_text_has_its_own_form(self):
        url = reverse("consulting:final_report", args=[self.case.pk])
        self.assertContains(self.client.get(url), "Abschlussbericht")
        response = self.client.post(url, {"final_report_text": "Das Patenprogramm läuft."})
        self.assertRedirects(response, self.page)
        self.case.refresh_from_db()
        self.assertEqual(self.case.final_report_text, "Das Patenprogramm läuft.")
        page = self.client.get(self.page)
        self.assertContains(page, reverse("consulting:case_close", args=[self.case.pk]))


class ClosingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.adviser = user_with_role(Role.INTERVIEW_TEAM, username="beraterin")
        cls.project = user_with_role(Role.PROJECT_TEAM, username="projekt")
        cls.field = FieldOfAction.objects.get(slug="onboarding")

    def setUp(self):
        self.case = walk_to_implementation(
            open_case(self.adviser, OrganizationFactory(name="Alpen Metallbau")),
            self.adviser,
            self.field,
        )
        self.case.final_report_text = "Das Patenprogramm läuft."
        self.case.save()
        self.client.force_login(self.adviser)
        self.page = reverse("consulting:case_detail", args=[self.case.pk])
        self.close = reverse("consulting:case_close", args=[self.case.pk])

    def close_case(self):
        return self.client.post(self.close, {"confirm": "on"})

    def test_the_phase_form_sends_closing_to_the_confirmation_page(self):
        response = self.client.post(
            reverse("consulting:phase_change", args=[self.case.pk]), {"target": "closing"}
        )
        self.assertRedirects(response, self.close)
        self.case.refresh_from_db()
        self.assertEqual(self.case.phase, Phase.IMPLEMENTATION)

    def test_the_confirmation_page_warns_of_open_steps_and_unfinished_goals(self):
        response = self.client.get(self.close)
        self.assertContains(response, "1 nächster Schritt ist noch offen.")
        self.assertContains(response, "1 Ziel steht unter 100 %.")
        refused = self.client.post(self.close, {})
        self.assertContains(refused, "Bitte bestätigen, dass der Fall abgeschlossen wird.")
        self.case.refresh_from_db()
        self.assertEqual(self.case.phase, Phase.IMPLEMENTATION)
        self.assertRedirects(self.close_case(), self.page)
        self.case.refresh_from_db()
        self.assertEqual(self.case.phase, Phase.CLOSING)

    def test_no_warning_when_every_step_is_done_and_every_goal_reached(self):
        NextStep.objects.update(done=True)
        Goal.objects.update(progress=100, status=Goal.Status.ACHIEVED)
        response = self.client.get(self.close)
        self.assertNotContains(response, "Bitte prüfen")

    def test_a_closed_case_is_read_only(self):
        self.close_case()
        goal = self.case.goals.get()
        step = self.case.next_steps.get()
        session = self.case.sessions.get()
        edits = [
            ("case_edit", []),
            ("phase_change", []),
            ("case_close", []),
            ("final_report", []),
            ("needs_assessment", []),
            ("goal_create", []),
            ("goal_edit", [goal.pk]),
            ("agreement", []),
            ("steering_member_add", []),
            ("session_create", []),
            ("session_edit", [session.pk]),
            ("recommendation_create", []),
            ("document_upload", []),
        ]
        for name, extra in edits:
            url = reverse(f"consulting:{name}", args=[self.case.pk, *extra])
            for method in (self.client.get, self.client.post):
                response = method(url)
                self.assertRedirects(response, self.page, msg_prefix=name)
                self.assertIn(
                    "Der Fall ist abgeschlossen und kann nicht mehr geändert werden.",
                    " ".join(str(m) for m in get_messages(response.wsgi_request)),
                )
        self.client.post(reverse("consulting:next_step_done", args=[self.case.pk, step.pk]))
        self.client.post(
            reverse("consulting:goal_edit", args=[self.case.pk, goal.pk]),
            {"field_of_action": self.field.pk, "text": "geändert", "progress": 100},
        )
        step.refresh_from_db()
        goal.refresh_from_db()
        self.assertEqual((step.done, goal.text), (False, "Patenschaften"))
        page = self.client.get(self.page)
        for hidden in ("Fall bearbeiten", "Phase ändern", "Ziel hinzufügen", "Termin erfassen"):
            self.assertNotContains(page, hidden)
        self.assertNotContains(
            page, reverse("consulting:next_step_done", args=[self.case.pk, step.pk])
        )
        self.assertContains(page, "Der Fall kann nur noch gelesen werden.")
        self.assertContains(page, "Zertifikat (PDF)")
        self.assertNotContains(page, "Fall wieder öffnen")  # an adviser, not the project team

    def test_the_project_team_reopens_a_closed_case_with_a_reason_in_the_audit_trail(self):
        self.close_case()
        reopen = reverse("consulting:case_reopen", args=[self.case.pk])
        self.assertEqual(self.client.post(reopen, {"reason": "Nachtrag"}).status_code, 403)
        self.client.force_login(self.project)
        self.assertContains(self.client.get(self.page), "Fall wieder öffnen")
        refused = self.client.post(reopen, {"reason": " "})
        self.assertContains(refused, "Bitte begründen, warum der Fall wieder geöffnet wird.")
        response = self.client.post(reopen, {"reason": "Zweiter Workshop vereinbart"})
        self.assertRedirects(response, self.page)
        self.case.refresh_from_db()
        self.assertEqual((self.case.phase, self.case.closed_on), (Phase.IMPLEMENTATION, None))
        change = PhaseChange.objects.filter(case=self.case).latest("id")
        self.assertEqual(
            (change.from_phase, change.to_phase, change.reason, change.changed_by),
            ("closing", "implementation", "Zweiter Workshop vereinbart", self.project),
        )
        event = AuditEvent.objects.latest("id")
        self.assertEqual(event.actor_username, "projekt")
        self.assertIn(f"Beratungsfall {self.case.pk} wieder geöffnet", event.summary)
        self.assertIn("Zweiter Workshop vereinbart", event.summary)
        self.assertContains(self.client.get(self.page), "Fall bearbeiten")


class CaseFormTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.project = user_with_role(Role.PROJECT_TEAM, username="projekt")
        cls.home = DistrictFactory(name="Landkreis Miesbach", official_key="09182")
        cls.other = DistrictFactory(name="Landkreis Rosenheim", official_key="09187")
        cls.organization = OrganizationFactory(
            district=cls.home, name="Seenland Pflege", city="Miesbach"
        )
        cls.talk = ActivityFactory(district=cls.home, title="Auftaktgespräch")
        cls.foreign_talk = ActivityFactory(district=cls.other, title="Auftaktgespräch")

    def setUp(self):
        self.client.force_login(self.project)
        self.url = reverse("consulting:case_create")

    def post(self, activity):
        return self.client.post(
            self.url,
            {
                "organization": self.organization.pk,
                "title": "Pflege interkulturell",
                "advisers": [self.project.pk],
                "start_date": "2026-03-02",
                "origin": "talk",
                "origin_activity": activity.pk,
            },
        )

    def test_the_organisation_field_searches_as_one_types_and_names_the_district(self):
        page = self.client.get(self.url)
        self.assertContains(page, "data-combobox")
        self.assertContains(page, "consulting/combobox.js")
        self.assertContains(page, "Seenland Pflege (Miesbach, Landkreis Miesbach)")
        self.assertNotContains(page, "<script>")  # no inline script: the page runs under a CSP
        # Every activity names its district, so equal titles are told apart, each once.
        self.assertContains(page, "Auftaktgespräch (Landkreis Miesbach)", count=1)
        self.assertContains(page, f'data-district="{self.home.pk}"')

    def test_a_starting_point_in_another_district_is_refused(self):
        refused = self.post(self.foreign_talk)
        self.assertContains(
            refused, "Bitte ein Gespräch oder eine Veranstaltung im Landkreis der Organisation"
        )
        response = self.post(self.talk)
        self.assertEqual(response.status_code, 302)

    def test_editing_a_case_offers_only_its_districts_activities(self):
        self.post(self.talk)
        case = self.organization.consulting_cases.get()
        page = self.client.get(reverse("consulting:case_edit", args=[case.pk]))
        self.assertContains(page, "Auftaktgespräch (Landkreis Miesbach)")
        self.assertNotContains(page, "Landkreis Rosenheim")


class CaseDetailsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.adviser = user_with_role(
            Role.PROJECT_TEAM, username="beraterin", first_name="Miriam", last_name="Hofstetter"
        )
        cls.field = FieldOfAction.objects.get(slug="onboarding")
        cls.organization = OrganizationFactory(name="Isar Zimmerei Öttl")
        cls.contact = ContactFactory(
            organization=cls.organization, first_name="Anna", last_name="Berger"
        )

    def setUp(self):
        self.case = open_case(self.adviser, self.organization)
        self.client.force_login(self.adviser)

    def test_creating_a_case_report_downloads_it_at_once_and_keeps_it(self):
        response = self.client.post(reverse("consulting:report_create", args=[self.case.pk]))
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertIn(
            f'attachment; filename="fallbericht-{self.case.pk}-v1.pdf"',
            response["Content-Disposition"],
        )
        self.assertTrue(response.content.startswith(b"%PDF"))
        self.assertEqual(bytes(CaseReport.objects.get(case=self.case).pdf), response.content)

    def test_an_adopted_catalogue_suggestion_starts_as_proposed(self):
        measure = MeasureFactory(title="Patenprogramm")
        self.client.post(
            reverse("consulting:recommendation_accept", args=[self.case.pk]),
            {"kind": "measure", "pk": measure.pk, "reason": "passt zum Handlungsfeld"},
        )
        self.assertEqual(
            Recommendation.objects.get(case=self.case).status, Recommendation.Status.PROPOSED
        )

    def test_the_optional_next_step_rows_carry_no_required_marker(self):
        url = reverse("consulting:session_create", args=[self.case.pk])
        page = self.client.get(url).content.decode()
        for row in ("steps-0-description", "steps-0-owner", "steps-0-due_on"):
            tag = re.search(rf'<input[^>]*name="{row}"[^>]*>', page).group(0)
            self.assertNotIn("required", tag)
        label = re.search(r'<label[^>]*for="id_steps-0-description"[^>]*>.*?</label>', page, re.S)
        self.assertNotIn("asteriskField", label.group(0))
        base = {
            "date": "2026-05-02",
            "kind": "workshop",
            "duration_hours": "3",
            "steps-TOTAL_FORMS": "2",
            "steps-INITIAL_FORMS": "0",
        }
        self.assertEqual(self.client.post(url, base).status_code, 302)
        half = self.client.post(
            url, {**base, "date": "2026-05-09", "steps-0-description": "Patenplan schreiben"}
        )
        self.assertContains(half, "Bitte auch dieses Feld ausfüllen oder die Zeile ganz leeren.")
        self.assertEqual(self.case.sessions.count(), 1)
        self.assertFalse(NextStep.objects.exists())

    def test_the_certificate_has_no_page_footer_and_only_the_issuers_signatures(self):
        Goal.objects.create(case=self.case, field_of_action=self.field, text="Paten")
        self.case.phase, self.case.final_report_text = Phase.CLOSING, "Erledigt."
        self.case.closed_on = datetime.date(2026, 11, 20)
        self.case.save()
        response = self.client.get(reverse("consulting:certificate", args=[self.case.pk]))
        text = pdf_text(response.content)
        self.assertIn("Zertifikat", text)
        self.assertNotIn("Seite 1 von 1", text)
        self.assertIn("Miriam Hofstetter", text)
        self.assertIn("Für das Projekt IKÖKMU", text)
        self.assertNotIn("Für Isar Zimmerei Öttl", text)

    def test_the_needs_chart_wraps_long_field_names_instead_of_cutting_them(self):
        long_field = FieldOfAction.objects.get(slug="personalentwicklung")
        assess(self.case, long_field)
        svg = needs_profile_svg(NeedsRating.objects.filter(assessment__case=self.case))
        self.assertIn(">Personal- und</tspan>", svg)
        self.assertIn(">Führungskräfteentwicklung</tspan>", svg)
        self.assertNotIn("…", svg)

    def test_the_case_report_names_people_by_name_and_function(self):
        goal = Goal.objects.create(case=self.case, field_of_action=self.field, text="Paten")
        agreement = Agreement.objects.create(
            case=self.case,
            signed_on=datetime.date(2026, 4, 1),
            signed_for_organization="Anna Berger, Inhaberin",
            signed_for_project="Miriam Hofstetter",
        )
        agreement.goals.set([goal])
        SteeringGroupMember.objects.create(case=self.case, contact=self.contact, role="Inhaberin")
        self.client.post(reverse("consulting:report_create", args=[self.case.pk]))
        text = " ".join(pdf_text(bytes(CaseReport.objects.get(case=self.case).pdf)).split())
        self.assertIn("Steuerungsgruppe: Anna Berger, Inhaberin", text)
        self.assertIn("für die Organisation Anna Berger, Inhaberin;", text)
        self.assertNotIn("(Organisation)", text)
        self.assertNotIn("(Inhaberin)", text)
