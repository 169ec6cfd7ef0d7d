"""Respondents are served in their own language: the questionnaire's pages, the catalogue's
fields of action and vocabularies, the recommended measures' summaries (or the German text
marked as German), the answers PDF, and a plain header without the staff's menu."""

import re
import subprocess

from django.test import TestCase
from django.urls import reverse

from catalog.models import FieldOfAction, Label
from ikokmu.roles import Role
from surveys import services
from surveys.queries import missing_translations, version_structure
from tests.catalog.factories import MeasureFactory, OfferFactory
from tests.factories import user_with_role
from tests.surveys.helpers import PAGE_ANSWERS, answer_page, demo_version, open_round, url

ARABIC_SUMMARY = "دليل عملي لتعليم اللغة الألمانية في مكان العمل."


def pdf_text(content: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return done.stdout.decode()


class RespondentLanguageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.version = demo_version()
        cls.round, _open = open_round(cls.version)
        language = FieldOfAction.objects.get(slug="sprache")
        cls.translated = MeasureFactory(
            title="Deutsch am Arbeitsplatz einführen",
            summary="Berufsbezogenes Deutsch direkt im Betrieb.",
            effort="low",
            fields_of_action=[language],
            translations={
                "ar": {"title": "الألمانية في مكان العمل", "summary": ARABIC_SUMMARY},
                "en": {"title": "German at the workplace", "summary": "Job-related German."},
            },
        )
        cls.german_only = MeasureFactory(
            title="Sprachpaten im Betrieb",
            summary="Kolleginnen helfen Neuen mit der Sprache.",
            fields_of_action=[language],
        )
        cls.offer = OfferFactory(
            title="Sprachcoaching für Betriebe",
            fields_of_action=[language],
            offer_type="employer_advice",
            translations={"ar": {"summary": "تدريب لغوي للشركات."}},
        )

    def answer_all_in(self, language):
        _invitation, token = services.invitation_create(survey_round=self.round)
        self.client.post(url("respond", token), {"consent": "on", "sprache": language})
        for position in PAGE_ANSWERS:
            reply = answer_page(self.client, token, position)
            self.assertEqual(reply.status_code, 302, reply.content.decode()[:3000])
        self.client.post(url("review", token))
        return token

    def test_an_arabic_respondent_reads_the_questionnaire_right_to_left_in_arabic(self):
        _invitation, token = services.invitation_create(survey_round=self.round)
        entry = self.client.get(url("respond", token) + "?sprache=ar")
        self.assertContains(entry, '<html lang="ar" dir="rtl">')
        self.assertContains(entry, "استبيان الاحتياجات: الانفتاح بين الثقافات")
        self.assertContains(entry, "بدء الاستبيان")  # "Fragebogen beginnen"
        self.client.post(url("respond", token), {"consent": "on", "sprache": "ar"})
        page = self.client.get(url("page", token, 1))
        self.assertContains(page, "في أي قطاع تعمل شركتكم؟")
        self.assertContains(page, "التالي")  # "Weiter"
        self.assertContains(page, "الخطوة 1 من 6 كحد أقصى")
        self.assertContains(page, "يرجى إدخال عدد صحيح من 1 إلى 5000.")

    def test_every_demo_text_exists_in_the_six_languages(self):
        for code in ["de", "en", "tr", "ar", "uk", "ro"]:
            self.assertIn(code, self.version.languages)
        structure = version_structure(self.version.pk)
        missing = [(code, where) for code, where, _text in missing_translations(structure)]
        self.assertEqual(missing, [])

    def test_the_thank_you_page_shows_fields_measures_and_offers_in_arabic_or_marked_german(self):
        token = self.answer_all_in("ar")
        page = self.client.get(url("thanks", token))
        self.assertContains(page, 'dir="rtl"')
        self.assertContains(page, "اللغة والتواصل")  # the field of action "Sprache und …"
        self.assertNotContains(page, ">Sprache und Kommunikation<")
        self.assertContains(page, "الألمانية في مكان العمل")
        self.assertContains(page, ARABIC_SUMMARY)
        # No Arabic summary: the German text, marked as German in Arabic.
        self.assertContains(
            page,
            '<span lang="de">Kolleginnen helfen Neuen mit der Sprache.</span> '
            '<span class="fallback-note">(بالألمانية)</span>',
            html=True,
        )
        self.assertContains(page, "تدريب لغوي للشركات.")
        self.assertContains(page, "استشارات لأصحاب العمل")  # offer type from the database
        self.assertContains(page, "مجال العمل «اللغة والتواصل»")  # reason, Arabic quotes

    def test_the_answers_pdf_is_in_arabic_with_the_german_fallback_marked(self):
        token = self.answer_all_in("ar")
        reply = self.client.get(url("answers_pdf", token) + "?download=pdfabc12345")
        self.assertEqual(reply["Content-Type"], "application/pdf")
        self.assertIn("download_pdfabc12345", reply.cookies)
        # pdftotext writes the right-to-left lines with bidi control characters.
        text = re.sub("[\u202a-\u202e]", "", pdf_text(reply.content))
        for expected in [
            "ملف احتياجاتكم",  # "Ihr Bedarfsprofil"
            "اللغة والتواصل",  # the field of action, shaped Arabic glyphs read back as text
            "دليل عملي لتعليم اللغة",  # the Arabic summary
            "Kolleginnen helfen Neuen mit der Sprache",  # the German one, marked
            "1998",  # the founding year, a year only
        ]:
            self.assertIn(expected, text)

    def test_a_turkish_and_a_ukrainian_respondent_get_their_interface_words(self):
        for language, next_word, title in [
            ("tr", "İleri", "İşletmeniz"),
            ("uk", "Далі", "Ваше підприємство"),
            ("ro", "Mai departe", "Firma dumneavoastră"),
        ]:
            _invitation, token = services.invitation_create(survey_round=self.round)
            self.client.post(url("respond", token), {"consent": "on", "sprache": language})
            page = self.client.get(url("page", token, 1))
            self.assertContains(page, f'<html lang="{language}" dir="ltr">')
            self.assertContains(page, next_word)
            self.assertContains(page, f"<h1>{title}</h1>", html=True)

    def test_respondents_see_a_plain_header_without_the_staff_menu_or_sign_in(self):
        _invitation, token = services.invitation_create(survey_round=self.round)
        team = user_with_role(Role.PROJECT_TEAM, username="team-im-fragebogen")
        for client_user in [None, team]:
            if client_user:
                self.client.force_login(client_user)
            page = self.client.get(url("respond", token))
            self.assertContains(page, 'class="site-header respondent-header"')
            self.assertContains(page, 'id="survey-language"')
            self.assertNotContains(page, reverse("login"))
            self.assertNotContains(page, "Hauptnavigation")
            self.assertNotContains(page, "Konto (")
        unknown = self.client.get(url("respond", services.new_token()))
        self.assertEqual(unknown.status_code, 404)
        self.assertNotContains(unknown, "Hauptnavigation", status_code=404)


class CatalogueLanguageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.field = FieldOfAction.objects.get(slug="sprache")
        cls.measure = MeasureFactory(
            title="Glossar der Fachbegriffe",
            summary="Eine Liste der Begriffe.",
            effort="medium",
            fields_of_action=[cls.field],
            translations={"en": {"title": "Glossary", "summary": "A list of the words."}},
        )

    def switch_to(self, language):
        self.client.cookies["django_language"] = language

    def test_the_public_catalogue_follows_the_language_switch(self):
        self.switch_to("ar")
        listing = self.client.get(reverse("catalog:measure_list"))
        self.assertContains(listing, '<html lang="ar" dir="rtl">')
        self.assertContains(listing, "اللغة والتواصل")  # field of action tag and filter
        self.assertContains(listing, "متوسط")  # effort "mittel"
        detail = self.client.get(self.measure.get_absolute_url())
        self.assertContains(detail, "اللغة والتواصل")
        self.assertContains(detail, '<span lang="de">Eine Liste der Begriffe.</span>', html=True)
        self.switch_to("en")
        detail = self.client.get(self.measure.get_absolute_url())
        self.assertContains(detail, "A list of the words.")
        self.assertContains(detail, "Language and communication")

    def test_labels_are_edited_in_the_database_and_a_missing_language_falls_back_marked(self):
        label = Label.objects.get(vocabulary="effort", code="medium")
        label.texts = {"de": "mittel", "ar": "متوسط الجهد"}
        label.save()
        self.switch_to("ar")
        self.assertContains(self.client.get(reverse("catalog:measure_list")), "متوسط الجهد")
        self.switch_to("uk")
        listing = self.client.get(reverse("catalog:measure_list"))
        self.assertContains(listing, '<span lang="de">mittel</span>', html=True)
        self.assertContains(listing, "(німецькою)")

    def test_the_team_enters_titles_and_summaries_per_language_on_the_edit_page(self):
        from tests.catalog.test_editing import measure_data

        self.client.force_login(user_with_role(Role.PROJECT_TEAM, username="team-sprachen"))
        edit_url = reverse("catalog:measure_update", args=[self.measure.pk])
        edit = self.client.get(edit_url)
        self.assertContains(edit, 'name="translation_ar_summary"')
        self.assertContains(edit, 'value="Glossary"')
        reply = self.client.post(
            edit_url,
            measure_data(
                title="Glossar der Fachbegriffe",
                translation_en_title="Glossary",
                translation_en_summary="A list of the words.",
                translation_ar_summary="قائمة بالمصطلحات.",
            ),
        )
        self.assertEqual(reply.status_code, 302)
        self.measure.refresh_from_db()
        self.assertEqual(
            self.measure.translations,
            {
                "en": {"title": "Glossary", "summary": "A list of the words."},
                "ar": {"summary": "قائمة بالمصطلحات."},
            },
        )
        self.switch_to("ar")
        detail = self.client.get(self.measure.get_absolute_url())
        self.assertContains(detail, "قائمة بالمصطلحات.")

    def test_the_german_text_is_required_for_a_label(self):
        from django.db import IntegrityError, transaction

        with self.assertRaises(IntegrityError), transaction.atomic():
            Label.objects.create(vocabulary="effort", code="tiny", texts={"en": "tiny"})


class DemoUpdateTests(TestCase):
    def test_a_demo_made_before_the_six_languages_gets_them_on_the_next_seed(self):
        import copy

        from surveys import demo
        from surveys.models import Choice, Question, QuestionnaireVersion
        from tests.surveys.helpers import ensure_fields

        ensure_fields()
        old = copy.deepcopy(demo.DEMO_QUESTIONNAIRE)

        def strip(value):
            if isinstance(value, dict):
                if "de" in value and isinstance(value["de"], str):
                    return {k: v for k, v in value.items() if k in ("de", "en")}
                return {k: strip(v) for k, v in value.items()}
            if isinstance(value, list):
                return [strip(v) for v in value]
            return value

        old = strip(old)
        old["languages"] = ["de", "en"]
        for section in old["sections"]:
            for question in section["questions"]:
                question["date_precision"], question["number_integer"] = "day", False
                for choice in question["choices"]:
                    choice["exclusive"] = False
        version = services.questionnaire_import(data=old)
        demo._update_texts(version.questionnaire)
        version = QuestionnaireVersion.objects.get(pk=version.pk)
        self.assertEqual(version.languages, ["de", "en", "tr", "ar", "uk", "ro"])
        self.assertIn("ar", version.title)
        founded = Question.objects.get(version=version, code="q03_gruendung")
        self.assertEqual(founded.date_precision, "year")
        self.assertEqual(founded.help_text["de"], "Ein ungefähres Jahr genügt.")
        self.assertIn("uk", founded.text)
        self.assertTrue(Choice.objects.get(question__version=version, code="keine").exclusive)
        structure = version_structure(version.pk)
        self.assertEqual(missing_translations(structure), [])
