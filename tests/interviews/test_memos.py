"""Memos can be corrected and deleted later: by their author, or by the study's manager.
Other coders read them but cannot change them; a deletion is asked for first."""

from django.test import TestCase
from django.urls import reverse

from ikokmu.roles import Role
from interviews import services
from interviews.models import Memo
from tests.factories import user_with_role
from tests.interviews import factories as f

TRANSCRIPT = "I: Wie fing es an?\nB: Mit einer Sprachpatenschaft in der Montage.\n"


class MemoEditingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.manager = user_with_role(Role.INTERVIEW_TEAM, username="leitung")
        cls.author = user_with_role(Role.INTERVIEW_TEAM, username="kodiererin")
        cls.other_coder = user_with_role(Role.INTERVIEW_TEAM, username="kodierer")
        cls.study = f.study_with_team(manager=cls.manager, coders=[cls.author, cls.other_coder])
        cls.interview = f.interview(f.company(cls.study), transcript=TRANSCRIPT)
        segment = services.segment_code(
            interview=cls.interview,
            codes=[f.code(cls.study, "Sprache")],
            coder=cls.author,
            phrase="Sprachpatenschaft",
        )
        cls.memo = services.memo_create(
            study=cls.study, author=cls.author, text="Erster Gedanke", segment=segment
        )

    def test_the_coding_page_lists_the_segment_memo_with_links_for_its_author(self):
        self.client.force_login(self.author)
        page = self.client.get(reverse("interviews:coding", args=[self.interview.pk]))
        self.assertContains(page, "Erster Gedanke")
        self.assertContains(page, reverse("interviews:memo_edit", args=[self.memo.pk]))

    def test_the_author_corrects_a_memo_and_returns_to_the_coding_page(self):
        self.client.force_login(self.author)
        url = reverse("interviews:memo_edit", args=[self.memo.pk])
        self.assertContains(self.client.get(url), "Erster Gedanke")
        response = self.client.post(url, {"text": "Zweiter, besserer Gedanke"})
        self.assertRedirects(
            response,
            reverse("interviews:coding", args=[self.interview.pk]),
            fetch_redirect_response=False,
        )
        self.memo.refresh_from_db()
        self.assertEqual(self.memo.text, "Zweiter, besserer Gedanke")

    def test_an_empty_memo_is_refused_with_a_german_message_at_the_field(self):
        self.client.force_login(self.author)
        response = self.client.post(
            reverse("interviews:memo_edit", args=[self.memo.pk]), {"text": ""}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Dieses Feld ist zwingend erforderlich.")
        self.memo.refresh_from_db()
        self.assertEqual(self.memo.text, "Erster Gedanke")

    def test_deleting_asks_first_and_then_removes_the_memo(self):
        self.client.force_login(self.author)
        url = reverse("interviews:memo_delete", args=[self.memo.pk])
        self.assertContains(self.client.get(url), "Memo löschen?")
        self.assertTrue(Memo.objects.filter(pk=self.memo.pk).exists())
        self.client.post(url)
        self.assertFalse(Memo.objects.filter(pk=self.memo.pk).exists())

    def test_another_coder_can_neither_edit_nor_delete_it(self):
        self.client.force_login(self.other_coder)
        for name in ["memo_edit", "memo_delete"]:
            url = reverse(f"interviews:{name}", args=[self.memo.pk])
            self.assertEqual(self.client.get(url).status_code, 404)
            self.assertEqual(self.client.post(url, {"text": "Fremd"}).status_code, 404)
        self.memo.refresh_from_db()
        self.assertEqual(self.memo.text, "Erster Gedanke")

    def test_the_study_manager_may_tidy_up_any_memo(self):
        self.client.force_login(self.manager)
        self.client.post(reverse("interviews:memo_edit", args=[self.memo.pk]), {"text": "Gekürzt"})
        self.memo.refresh_from_db()
        self.assertEqual(self.memo.text, "Gekürzt")
