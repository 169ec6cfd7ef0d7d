"""District pages show the survey rounds with their response rate and the consulting cases."""

import datetime

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consulting.models import ConsultingCase
from ikokmu.roles import Role
from surveys import services
from surveys.models import Invitation, Response, SurveyRound
from tests.factories import DistrictFactory, OrganizationFactory, user_with_role
from tests.surveys.helpers import demo_version


def make_round(
    version, district, *, days_ago, invited, completed, sent=None, title="", access="invitation"
):
    now = timezone.now()
    survey_round, _open = services.round_create(
        district=district,
        version=version,
        title=title or f"Runde vor {days_ago} Tagen",
        opens_at=now - datetime.timedelta(days=days_ago),
        closes_at=now + datetime.timedelta(days=30),
        access=access,
    )
    for n in range(invited):
        services.invitation_create(survey_round=survey_round, email=f"b{n}@betrieb.example.org")
    delivered = survey_round.invitations.order_by("pk").values("pk")[
        : invited if sent is None else sent
    ]
    Invitation.objects.filter(pk__in=delivered).update(sent_at=timezone.now())
    done = survey_round.invitations.order_by("pk").values("pk")[:completed]
    Invitation.objects.filter(pk__in=done).update(started=True, completed=True)
    return survey_round


class SurveyFiguresTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.version = demo_version()
        cls.miesbach = DistrictFactory(name="Landkreis Miesbach", official_key="09182")
        cls.munich = DistrictFactory(name="Landkreis München", official_key="09184")
        cls.landsberg = DistrictFactory(name="Landkreis Landsberg am Lech", official_key="09181")
        cls.project = user_with_role(Role.PROJECT_TEAM, username="projekt")
        cls.staff = user_with_role(Role.DISTRICT_STAFF, districts=[cls.miesbach], username="lra")
        # Miesbach: an older round and the latest one (3 completed of 8 sent = 38 %; the two
        # invitations not sent yet do not count).
        cls.old_round = make_round(cls.version, cls.miesbach, days_ago=400, invited=4, completed=4)
        cls.latest = make_round(
            cls.version,
            cls.miesbach,
            days_ago=20,
            invited=10,
            sent=8,
            completed=3,
            title="Runde 2026",
        )
        # An open-link-only round invites nobody: it has no rate and does not replace the latest.
        cls.open_round = make_round(
            cls.version, cls.miesbach, days_ago=5, invited=0, completed=0, access="open"
        )
        Response.objects.create(
            round=cls.open_round, resume_token_hash="1" * 64, consent_at=timezone.now()
        )
        Response.objects.filter(round=cls.open_round).update(submitted_at=timezone.now())
        # München: a round planned for later does not count yet.
        now = timezone.now()
        services.round_create(
            district=cls.munich,
            version=cls.version,
            title="Geplante Runde",
            opens_at=now + datetime.timedelta(days=10),
            closes_at=now + datetime.timedelta(days=40),
        )

    def rates(self, user, **params):
        self.client.force_login(user)
        page = self.client.get(reverse("districts:list"), params)
        return page, {d.name: d.response_rate for d in page.context["districts"]}

    def test_the_district_list_shows_the_response_rate_of_each_districts_latest_round(self):
        page, rates = self.rates(self.project)
        self.assertEqual(
            rates,
            {
                "Landkreis Miesbach": 38.0,
                "Landkreis München": None,
                "Landkreis Landsberg am Lech": None,
            },
        )
        self.assertContains(page, "Rücklaufquote")
        self.assertContains(page, "38 %")

    def test_districts_sort_by_response_rate_with_the_unknown_ones_last(self):
        make_round(self.version, self.landsberg, days_ago=3, invited=2, completed=2)
        _page, rates = self.rates(self.project, sort="-response_rate")
        self.assertEqual(
            list(rates), ["Landkreis Landsberg am Lech", "Landkreis Miesbach", "Landkreis München"]
        )

    def test_district_staff_see_the_rate_of_their_own_district_only(self):
        _page, rates = self.rates(self.staff)
        self.assertEqual(rates, {"Landkreis Miesbach": 38.0})

    def test_the_district_list_runs_the_same_queries_however_many_rounds_there_are(self):
        self.client.force_login(self.project)
        with CaptureQueriesContext(connection) as before:
            self.client.get(reverse("districts:list"))
        for n in range(4):
            district = DistrictFactory()
            make_round(self.version, district, days_ago=n + 1, invited=3, completed=n % 3)
        with self.assertNumQueries(len(before)):
            page = self.client.get(reverse("districts:list"))
        self.assertEqual(len(page.context["districts"]), 7)

    def test_the_district_page_lists_its_rounds_with_invited_completed_and_rate(self):
        self.client.force_login(self.staff)
        page = self.client.get(reverse("districts:detail", args=[self.miesbach.pk]))
        self.assertContains(page, "Befragungsrunden")
        rounds = {r.pk: r for r in page.context["survey_rounds"]}
        self.assertEqual(list(rounds), [self.open_round.pk, self.latest.pk, self.old_round.pk])
        latest = rounds[self.latest.pk]
        self.assertEqual(
            (latest.invited, latest.sent, latest.invitations_completed, latest.response_rate),
            (10, 8, 3, 38),
        )
        self.assertEqual(rounds[self.old_round.pk].response_rate, 100)
        self.assertEqual(rounds[self.open_round.pk].responses_completed, 1)
        self.assertIsNone(rounds[self.open_round.pk].response_rate)
        self.assertContains(
            page, reverse("surveys:round_detail", kwargs={"round_pk": self.latest.pk})
        )

    def test_the_district_page_of_a_district_without_rounds_says_so(self):
        self.client.force_login(self.project)
        page = self.client.get(reverse("districts:detail", args=[self.landsberg.pk]))
        self.assertContains(page, "noch keine Befragungsrunde")

    def test_district_staff_get_no_page_and_no_rounds_of_another_district(self):
        self.client.force_login(self.staff)
        page = self.client.get(reverse("districts:detail", args=[self.munich.pk]))
        self.assertEqual(page.status_code, 404)

    def test_the_district_page_runs_the_same_queries_however_many_rounds_and_cases(self):
        self.client.force_login(self.project)
        url = reverse("districts:detail", args=[self.landsberg.pk])
        make_round(self.version, self.landsberg, days_ago=3, invited=2, completed=1)
        self.add_case(self.landsberg)
        with CaptureQueriesContext(connection) as before:
            self.client.get(url)
        for n in range(4):
            make_round(self.version, self.landsberg, days_ago=n + 10, invited=3, completed=1)
            self.add_case(self.landsberg)
        with self.assertNumQueries(len(before)):
            page = self.client.get(url)
        self.assertEqual(len(page.context["survey_rounds"]), 5)
        self.assertEqual(len(page.context["consulting_cases"]), 5)

    def add_case(self, district, title="Öffnung begleiten"):
        return ConsultingCase.objects.create(
            organization=OrganizationFactory(district=district),
            district=district,
            title=title,
            case_type="sme",
            start_date=datetime.date(2026, 10, 1),
        )

    def test_the_team_sees_the_districts_consulting_cases_with_a_link(self):
        case = self.add_case(self.landsberg, title="Willkommenskultur stärken")
        self.client.force_login(self.project)
        page = self.client.get(reverse("districts:detail", args=[self.landsberg.pk]))
        self.assertContains(page, "Beratungsfälle")
        self.assertContains(page, reverse("consulting:case_detail", args=[case.pk]))
        self.assertContains(page, "Willkommenskultur stärken")
        self.assertContains(page, case.organization.name)

    def test_district_staff_see_only_organisation_and_phase_of_their_districts_cases(self):
        case = self.add_case(self.miesbach, title="Willkommenskultur stärken")
        self.client.force_login(self.staff)
        page = self.client.get(reverse("districts:detail", args=[self.miesbach.pk]))
        self.assertContains(page, case.organization.name)
        self.assertContains(page, "Anfrage")
        self.assertNotContains(page, "Willkommenskultur stärken")
        self.assertNotContains(page, reverse("consulting:case_detail", args=[case.pk]))


class EmptyRoundTests(TestCase):
    def test_a_round_without_invitations_has_no_rate_on_the_district_page(self):
        version = demo_version()
        district = DistrictFactory()
        survey_round = make_round(version, district, days_ago=1, invited=0, completed=0)
        user = user_with_role(Role.PROJECT_TEAM)
        self.client.force_login(user)
        page = self.client.get(reverse("districts:list"))
        row = next(d for d in page.context["districts"] if d.pk == district.pk)
        self.assertIsNone(row.response_rate)
        self.assertEqual(SurveyRound.objects.get().pk, survey_round.pk)
