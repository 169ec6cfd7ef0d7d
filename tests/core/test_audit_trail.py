"""The audit trail records security events, cannot be changed; only the project team reads it."""

from django.contrib.auth.models import Group
from django.db import DatabaseError, transaction
from django.test import TestCase
from django.urls import reverse

from districts.models import DistrictMembership
from ikokmu.models import AuditEvent
from ikokmu.roles import ROLE_GROUPS, Role
from ikokmu.services import audit_record
from tests.factories import DistrictFactory, UserFactory, user_with_role


class AuditTrailTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.project = user_with_role(Role.PROJECT_TEAM, username="projekt")
        cls.district = DistrictFactory(name="Landkreis Miesbach", official_key="09182")

    def test_events_cannot_be_changed_or_deleted(self):
        event = audit_record(kind=AuditEvent.Kind.EXPORT, summary="Export der Antworten")
        with self.assertRaises(DatabaseError), transaction.atomic():
            AuditEvent.objects.filter(pk=event.pk).update(summary="verändert")
        with self.assertRaises(DatabaseError), transaction.atomic():
            AuditEvent.objects.filter(pk=event.pk).delete()
        event.refresh_from_db()
        self.assertEqual(event.summary, "Export der Antworten")

    def test_an_unknown_event_kind_is_refused_by_the_database(self):
        with self.assertRaises(DatabaseError), transaction.atomic():
            AuditEvent.objects.create(kind="gossip", summary="x")

    def test_granting_a_role_is_recorded_as_permission_change(self):
        user = UserFactory(username="neu")
        user.groups.add(Group.objects.get(name=ROLE_GROUPS[Role.INTERVIEW_TEAM]))
        event = AuditEvent.objects.filter(kind="permission_change").latest("id")
        self.assertEqual(event.summary, "neu: Rolle hinzugefügt (Interviewteam)")
        self.assertEqual(event.detail["groups"], ["Interviewteam"])

    def test_district_membership_changes_are_recorded(self):
        user = UserFactory(username="lra")
        membership = DistrictMembership.objects.create(user=user, district=self.district)
        membership.delete()
        actions = list(
            AuditEvent.objects.filter(kind="permission_change")
            .order_by("id")
            .values_list("detail__action", flat=True)
        )
        self.assertEqual(actions[-2:], ["added", "removed"])
        summaries = AuditEvent.objects.filter(kind="permission_change").order_by("id")
        self.assertEqual(
            list(summaries.values_list("summary", flat=True))[-2:],
            [
                f"lra: Landkreis {self.district.official_key} ({self.district.name}) zugeordnet",
                f"lra: Landkreis {self.district.official_key} ({self.district.name}) entzogen",
            ],
        )

    def test_making_someone_superuser_is_recorded(self):
        user = UserFactory(username="chefin")
        user.is_superuser = True
        user.save()
        self.assertTrue(
            AuditEvent.objects.filter(
                kind="permission_change", summary="chefin: Superuser-Rechte erteilt"
            ).exists()
        )

    def test_deleting_in_the_admin_is_recorded(self):
        self.client.force_login(self.project)
        victim = DistrictFactory(name="Landkreis Irrtum", official_key="09999")
        url = reverse("admin:districts_district_delete", args=[victim.pk])
        self.client.post(url, {"post": "yes"})
        event = AuditEvent.objects.get(kind="deletion")
        self.assertIn("Landkreis Irrtum", event.summary)
        self.assertEqual(event.actor_username, "projekt")

    def test_project_team_reads_and_filters_the_trail(self):
        audit_record(kind=AuditEvent.Kind.PDF_DOWNLOAD, summary="Bericht Miesbach")
        audit_record(kind=AuditEvent.Kind.EXPORT, summary="Antworten Miesbach")
        self.client.force_login(self.project)
        response = self.client.get(reverse("audit_log"), {"kind": "pdf_download"})
        self.assertContains(response, "Bericht Miesbach")
        self.assertNotContains(response, "Antworten Miesbach")

    def test_trail_page_runs_a_constant_number_of_queries(self):
        self.client.force_login(self.project)
        for n in range(3):
            audit_record(kind=AuditEvent.Kind.EXPORT, summary=f"Export {n}")
        with self.assertNumQueries(5) as few:
            self.client.get(reverse("audit_log"))
        for n in range(60):
            audit_record(kind=AuditEvent.Kind.EXPORT, summary=f"Export {n}")
        with self.assertNumQueries(len(few.captured_queries)):
            self.client.get(reverse("audit_log"))
