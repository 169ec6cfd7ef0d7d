"""What a coder does every day: undo a slip, read the company × code heat map, follow a cell to
its passages, and pick a best-practice quote by its words."""

from django.test import TestCase
from django.urls import reverse

from ikokmu.roles import Role
from interviews import services
from interviews.models import Memo, Segment
from tests.factories import user_with_role
from tests.interviews import factories as f

TRANSCRIPT = (
    "B: Wir haben Übersetzungs-Apps für die Schichtübergabe eingeführt.\n"
    "B: Außerdem gibt es jetzt eine Patenschaft für neue Kolleg*innen."
)
APPS = "Übersetzungs-Apps für die Schichtübergabe"
MENTORING = "eine Patenschaft für neue Kolleg*innen"


class CodingTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.coder = user_with_role(Role.INTERVIEW_TEAM, username="kodiererin")
        cls.manager = user_with_role(Role.INTERVIEW_TEAM, username="leitung")
        cls.study = f.study_with_team(manager=cls.manager, coders=[cls.coder])
        cls.case = f.company(cls.study)
        cls.interview = f.interview(cls.case, transcript=TRANSCRIPT)
        cls.category = f.code(cls.study, "Kommunikation", is_category=True)
        cls.language = f.code(cls.study, "Sprache im Betrieb", parent=cls.category)
        cls.mentoring = f.code(cls.study, "Patenschaft", colour="#2CA02C")

    def setUp(self):
        self.client.force_login(self.coder)

    def code(self, phrase, *codes):
        return services.segment_code(
            interview=self.interview, codes=list(codes), coder=self.coder, phrase=phrase
        )


class UndoTests(CodingTestCase):
    def undo(self):
        return self.client.post(
            reverse("interviews:coding_undo", args=[self.interview.pk]),
            headers={"HX-Request": "true"},
        )

    def test_a_removed_coding_comes_back_with_its_codes_memo_and_identity(self):
        segment = self.code(APPS, self.language, self.mentoring)
        Memo.objects.create(study=self.study, segment=segment, text="Gute Idee", author=self.coder)
        guid, created_at = segment.guid, segment.created_at
        removed = self.client.post(
            reverse("interviews:segment_delete", args=[segment.pk]),
            headers={"HX-Request": "true"},
        )
        self.assertContains(removed, "Die Kodierung wurde entfernt.")
        self.assertContains(removed, "Rückgängig")
        self.assertFalse(Segment.objects.exists())

        undone = self.undo()

        self.assertContains(undone, "Rückgängig gemacht")
        restored = Segment.objects.get()
        self.assertEqual((restored.guid, restored.created_at), (guid, created_at))
        self.assertEqual(set(restored.codes.all()), {self.language, self.mentoring})
        self.assertEqual(restored.memos.get().text, "Gute Idee")
        self.assertNotContains(undone, "Zuletzt:")  # one step only

    def test_a_change_of_codes_is_taken_back(self):
        segment = self.code(APPS, self.language)
        self.client.post(
            reverse("interviews:segment_edit", args=[segment.pk]), {"codes": [self.mentoring.pk]}
        )
        self.assertEqual(list(segment.codes.all()), [self.mentoring])
        page = self.client.get(reverse("interviews:coding", args=[self.interview.pk]))
        self.assertContains(page, "Zuletzt: Codes der Textstelle")

        self.undo()

        self.assertEqual(list(Segment.objects.get().codes.all()), [self.language])

    def test_without_javascript_the_undo_redirects_back_with_the_message(self):
        segment = self.code(APPS, self.language)
        self.client.post(reverse("interviews:segment_delete", args=[segment.pk]))
        response = self.client.post(
            reverse("interviews:coding_undo", args=[self.interview.pk]), follow=True
        )
        self.assertContains(response, "Rückgängig gemacht: Kodierung")
        self.assertEqual(Segment.objects.count(), 1)

    def test_nothing_to_undo_is_said_plainly(self):
        self.assertContains(self.undo(), "Es gibt nichts rückgängig zu machen.")

    def test_another_coders_session_cannot_undo_my_removal(self):
        segment = self.code(APPS, self.language)
        self.client.post(reverse("interviews:segment_delete", args=[segment.pk]))
        self.client.force_login(self.manager)
        self.assertContains(self.undo(), "Es gibt nichts rückgängig zu machen.")
        self.assertFalse(Segment.objects.exists())

    def test_a_changed_transcript_refuses_the_undo_with_a_reason(self):
        segment = self.code(APPS, self.language)
        self.client.post(reverse("interviews:segment_delete", args=[segment.pk]))
        self.interview.transcript = "Ganz anderer Text " + TRANSCRIPT
        self.interview.save(update_fields=["transcript"])
        self.assertContains(self.undo(), "Das Transkript wurde inzwischen geändert")
        self.assertFalse(Segment.objects.exists())

    def test_the_inline_change_form_shows_the_code_tree_like_the_code_list(self):
        segment = self.code(APPS, self.language)
        form = self.client.get(
            reverse("interviews:segment_edit", args=[segment.pk]), headers={"HX-Request": "true"}
        )
        self.assertContains(form, '<span class="fw-bold">Kommunikation</span>', html=True)
        self.assertContains(form, f'id="segment-{segment.pk}-code-{self.language.pk}" checked')
        self.assertContains(form, "code-depth-1")


class HeatMapTests(CodingTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.other_case = f.company(cls.study, pseudonym="U02")
        cls.other = f.interview(cls.other_case, transcript=TRANSCRIPT)
        for phrase in (APPS, MENTORING):
            services.segment_code(
                interview=cls.interview, codes=[cls.language], coder=cls.coder, phrase=phrase
            )
        services.segment_code(
            interview=cls.other, codes=[cls.mentoring], coder=cls.coder, phrase=MENTORING
        )
        services.segment_code(
            interview=cls.other, codes=[cls.language], coder=cls.coder, phrase=APPS
        )

    def test_cells_are_shaded_by_their_share_of_the_company_and_link_to_the_passages(self):
        page = self.client.get(reverse("interviews:analysis", args=[self.study.pk]))
        rows = {row["company"].pseudonym: row["cells"] for row in page.context["matrix"]["rows"]}
        first = {cell["code"].name: cell for cell in rows[self.case.pseudonym]}
        second = {cell["code"].name: cell for cell in rows["U02"]}
        self.assertEqual((first["Sprache im Betrieb"]["n"], first["Patenschaft"]["n"]), (2, 0))
        self.assertEqual(first["Sprache im Betrieb"]["level"], 5)  # all of its codings
        self.assertEqual(first["Patenschaft"]["level"], 0)
        self.assertEqual(second["Patenschaft"]["level"], 3)  # half of them
        link = (
            reverse("interviews:retrieval", args=[self.mentoring.pk])
            + f"?company={self.other_case.pk}"
        )
        self.assertContains(page, f'href="{link}"')

    def test_following_a_cell_shows_only_that_companys_passages(self):
        url = reverse("interviews:retrieval", args=[self.language.pk])
        everyone = self.client.get(url)
        one = self.client.get(url, {"company": self.other_case.pk})
        self.assertEqual(len(everyone.context["segments"]), 3)
        self.assertEqual([s.interview.company for s in one.context["segments"]], [self.other_case])

    def test_a_category_finds_the_passages_of_its_sub_codes(self):
        page = self.client.get(reverse("interviews:retrieval", args=[self.category.pk]))
        self.assertEqual(len(page.context["segments"]), 3)
        self.assertContains(page, "Einschließlich der Untercodes:")
        self.assertContains(page, 'class="form-select"')


class QuotePickerTests(CodingTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.segment = services.segment_code(
            interview=cls.interview, codes=[cls.mentoring], coder=cls.coder, phrase=MENTORING
        )
        cls.other_case = f.company(cls.study, pseudonym="U02")
        other = f.interview(cls.other_case, transcript=TRANSCRIPT)
        cls.foreign = services.segment_code(
            interview=other, codes=[cls.language], coder=cls.coder, phrase=APPS
        )

    def test_passages_are_offered_by_their_words_with_company_and_codes(self):
        self.client.force_login(self.manager)
        page = self.client.get(reverse("interviews:example_create", args=[self.study.pk]))
        self.assertContains(page, f"{self.case.pseudonym} · Patenschaft: „{MENTORING}“")
        self.assertContains(page, f'data-company="{self.case.pk}"')
        self.assertContains(page, f'data-text="{MENTORING}"')

    def test_an_examples_company_narrows_the_passages_on_the_server(self):
        self.client.force_login(self.manager)
        page = self.client.post(
            reverse("interviews:example_create", args=[self.study.pk]),
            {"title": "", "company": self.case.pk},
        )
        options = page.context["form"].fields["quote_segment"].queryset
        self.assertEqual(list(options), [self.segment])
